# Markup and script payloads (tags, quotes, CDATA and comment ends,
# entities, javascript: URLs, control characters, U+2028, invalid UTF-8,
# 100,000-character names) in frame names and in every string option, for
# normal, differential and flame chart graphs: the SVG parses, holds only
# our elements, attributes, comments and one script (flame.js unchanged),
# and each payload comes back as text where it was put; PNG and PDF are
# drawn.  See data/flamegraph/payloads.py.
python3 data/flamegraph/payloads.py
