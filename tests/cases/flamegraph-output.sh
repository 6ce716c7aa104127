# -o FILE: the format from the extension, -f overrides; a failed run
# leaves no file and no temporary behind; PNG and PDF through cairo.
f=data/flamegraph/basic.folded
flamegraph -o a.svg $f && head -c 38 a.svg && echo
flamegraph -o b.png $f && od -An -c -N 8 b.png
flamegraph -o c.pdf $f && head -c 5 c.pdf && echo
flamegraph -f svg -o d.png $f && head -c 5 d.png && echo
flamegraph --format=png -o e.svg $f && od -An -c -N 4 e.svg
flamegraph -o f.PDF $f && head -c 5 f.PDF && echo
flamegraph -o g.out $f && head -c 5 g.out && echo
flamegraph -f png $f | od -An -c -N 4
flamegraph -o - $f | cmp - a.svg && echo "-o - is stdout"
echo '-- failures'
flamegraph -o missing/dir/x.svg $f || echo "exit $?"
printf 'x\n' | flamegraph -o h.svg --strict || echo "exit $?"
: | flamegraph -o i.png || echo "exit $?"
flamegraph -o j.svg samples/cpu.prof 2>/dev/null || echo "exit $?"
echo 'old' >k.svg
: | flamegraph -o k.svg 2>/dev/null || cat k.svg
ls -A
echo '-- PNG and PDF are not written to a terminal; -o is fine'
script -qec "flamegraph -f pdf $f" /dev/null | tr -d '\r' || echo "exit $?"
script -qec "flamegraph -o t.png $f" /dev/null && od -An -c -N 4 t.png
echo '-- a pipe or a device is written in place, never renamed over'
mkfifo fifo
cat fifo >from-fifo &
flamegraph -o fifo $f
wait
test -p fifo && cmp from-fifo a.svg && echo "fifo kept, got the SVG"
