# The whole SVG of a small graph (the embedded script's body left out: it
# is flame.js, tested in the browser): frames in pre-order, siblings by
# name, flamegraph.pl's geometry, colours, labels and tooltips.
strip() { sed '/^var fg_conf = /,/^]]><\/script>$/{/^var fg_conf = /b;/^]]><\/script>$/b;d;}'; }
flamegraph data/flamegraph/basic.folded >out.svg
strip <out.svg
echo '-- stdin, "-" and a file give the same bytes; so does a second run'
flamegraph <data/flamegraph/basic.folded | cmp - out.svg
flamegraph - <data/flamegraph/basic.folded | cmp - out.svg
flamegraph data/flamegraph/basic.folded | cmp - out.svg
echo '-- the script is flame.js, after one fg_conf line'
sed -n '/^var fg_conf = /,/^]]><\/script>$/p' out.svg | sed '1d;$d' >js
cmp js data/../../src/lib/flame.js && echo same
echo '-- files are concatenated; identical stacks merge wherever they are'
head -n 5 data/flamegraph/basic.folded >one
tail -n +6 data/flamegraph/basic.folded >two
flamegraph one two | cmp - out.svg && echo merged
