# A stack 100,000 frames deep through every tool and format, on a 1 MiB C
# stack: a walk recursing per frame would need at least 3 MiB at this
# depth (32 bytes a call), so it would crash here.  Nothing recurses.
ulimit -s 1024
seq -f 'f%g' 1 100000 | paste -sd';' >stack
{ sed 's/$/ 3/' stack; sed 's/$/;g 2/' stack; echo 'f1;x 1'; } >deep.folded
frames() { grep -c '^<g><title>' "$1"; }
# SVG (also reversed, inverted, flame chart, chain), PDF; PNG refuses the
# 1,600,102-pixel height with a message and leaves no file
flamegraph -o deep.svg deep.folded && frames deep.svg
flamegraph --reverse --inverted -o rev.svg deep.folded && frames rev.svg
flamegraph --flamechart -o chart.svg deep.folded && frames chart.svg
flamegraph --colors chain -o chain.svg deep.folded && frames chain.svg
flamegraph -o deep.pdf deep.folded && head -c 5 deep.pdf && echo
flamegraph -o deep.png deep.folded || echo "png: exit $?"
test ! -e deep.png && echo "no deep.png"
# PNG: 30,000 frames at one pixel each fit in 32767 pixels (1200x30016)
cut -d';' -f1-30000 stack | sed 's/$/ 1/' >d30k.folded
flamegraph --height 1 --fontsize 1 -o d30k.png d30k.folded
od -An -tu1 -j16 -N8 d30k.png
# differential: difffolded, then a graph and a flame chart
difffolded deep.folded deep.folded >diff.folded
cut -d';' -f 99999- diff.folded
flamegraph -o diff.svg diff.folded && frames diff.svg
flamegraph --flamechart -o diffc.svg diff.folded && frames diffc.svg
foldtop -n 3 deep.folded
foldtop -n 2 --sort cum diff.folded
# profile.proto and back, byte for byte
folded2pb -o deep.pb.gz deep.folded
pb2folded deep.pb.gz | cmp - deep.folded && echo "pb2folded: same stacks"
