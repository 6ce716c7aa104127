# PNG is limited to 32767 px a side: a clear error, no file left behind;
# PDF has no such limit.
printf 'a;b;c 1\n' >in.folded
flamegraph --height 10000 -o big.png in.folded || echo "exit $?"
test ! -e big.png && echo "no big.png"
flamegraph --height 10000 -o big.pdf in.folded
grep -a -o 'MediaBox \[[^]]*\]' big.pdf
