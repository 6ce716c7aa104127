# Hostile names, title, subtitle, notes, countname, nametype and search:
# everything is escaped, nothing adds an element, an attribute or script,
# invalid UTF-8 and control characters become U+FFFD, the document stays
# valid SVG 1.1.
strip() { sed '/^var fg_conf = /,/^]]><\/script>$/{/^var fg_conf = /b;/^]]><\/script>$/b;d;}'; }
flamegraph --title '<script>alert(1)</script>' --subtitle '"onload="x' \
    --notes '--> <svg onload=alert(1)> -- -' --countname ']]></script><x>' \
    --nametype "&amp; '" --search ']]><script>alert(1)</script>' \
    data/flamegraph/hostile.folded >out.svg
strip <out.svg
python3 data/flamegraph/svgcheck.py out.svg
xmllint --nonet --valid --noout out.svg && echo valid
grep -c '<script' out.svg
