# malformed lines, --strict, pprof input, usage errors
foldtop -n 3 data/diff/bad.folded
foldtop --strict data/diff/bad.folded || echo "exit $?"
foldtop samples/cpu.prof || echo "exit $?"
foldtop nosuch.folded || echo "exit $?"
foldtop -n -1 data/diff/before.folded || echo "exit $?"
foldtop -n x data/diff/before.folded || echo "exit $?"
foldtop --sort self data/diff/before.folded || echo "exit $?"
foldtop --fail-on-growth=101 data/diff/before.folded || echo "exit $?"
foldtop --fail-on-growth=1.234 data/diff/before.folded || echo "exit $?"
foldtop --fail-on-growth=-1 data/diff/before.folded || echo "exit $?"
foldtop --bogus || echo "exit $?"
foldtop - - < data/diff/before.folded || echo "exit $?"
foldtop -h | head -n 1
foldtop --version
echo '-- empty input'
foldtop < /dev/null
foldtop -o nosuchdir/out data/diff/before.folded || echo "exit $?"
