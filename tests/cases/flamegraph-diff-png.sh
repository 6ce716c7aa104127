# PNG and PDF draw a differential graph as the SVG does: pngcheck -s
# compares every SVG frame's fill with the PNG's pixels.  --diff-width=max:
# fresh (new, darkseagreen #8fbc8f) x 10..262.9, keep (+10: red) to
# 852.9, old (gone, lightgrey #d3d3d3) to 1190 and its child helper from
# 937.1, in rows y 53..68 and 37..52.
printf 'main;old;helper 30 0\nmain;old 10 0\nmain;keep 60 70\nmain;fresh 0 30\n' >in.folded
flamegraph --diff-width=max -o max.png in.folded
flamegraph --diff-width=max -o max.svg in.folded
pngcheck -s max.svg max.png
pngcheck max.png 100,60 500,60 1000,60 1000,45 900,45
echo "-- --diff-color=total --negate --diff-threshold=1"
flamegraph --diff-color=total --negate --diff-threshold=1 -o neg.png in.folded
flamegraph --diff-color=total --negate --diff-threshold=1 -o neg.svg in.folded
pngcheck -s neg.svg neg.png
echo "-- signed input"
printf 'main;a 30\nmain;b -20\nmain;c 8\nmain;c;d -5\nmain;e 137\n' >signed.folded
flamegraph -o signed.png signed.folded
flamegraph -o signed.svg signed.folded
pngcheck -s signed.svg signed.png
echo "-- PDF"
flamegraph --diff-width=max -o max.pdf in.folded
head -c 8 max.pdf; echo
grep -a -o 'MediaBox \[[^]]*\]' max.pdf
