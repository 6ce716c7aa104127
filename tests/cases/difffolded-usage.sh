# usage errors exit 2; --help and --version exit 0
difffolded || echo "exit $?"
difffolded data/diff/before.folded || echo "exit $?"
difffolded a b c || echo "exit $?"
difffolded -x a b || echo "exit $?"
difffolded -o || echo "exit $?"
difffolded - - || echo "exit $?"
difffolded nosuch.folded data/diff/after.folded || echo "exit $?"
difffolded -h | head -n 1
difffolded --help >/dev/null && echo "help: exit 0"
difffolded --version
difffolded -o nosuchdir/out data/diff/before.folded data/diff/after.folded || echo "exit $?"
