# Labels count characters, never split a UTF-8 sequence, and keep the end
# with --truncate=left; CRLF lines, tabs and decimal counts are read.
labels() { sed -n 's/.*<text x="[^"]*" y="[^"]*">\(.*\)<\/text><\/g>$/\1/p'; }
flamegraph --width 150 data/flamegraph/unicode.folded | labels
echo '-- --truncate=left'
flamegraph --width 150 --truncate=left data/flamegraph/unicode.folded | labels
flamegraph --truncate=right data/flamegraph/unicode.folded | grep -o '"truncate":"[a-z]*"'
echo '-- CRLF, tab, decimals'
flamegraph data/flamegraph/crlf.folded | grep -o '^<g><title>[^<]*'
echo '-- --search and --dark'
flamegraph --search 'parse|"x"' --dark data/flamegraph/basic.folded >d.svg
grep -o '"search":.*,"truncate"' d.svg
grep -E 'stop-color|^.text {|^.#frames text' d.svg
