# --call-graph dwarf: perf script prints the inlined mix() as "(inlined)"
# frames; expected output: stackcollapse-perf.pl's
for o in "" --pid --tid --kernel --all --addrs; do
	echo "== ${o:-no option}"
	perf2folded $o samples/perf/dwarf.txt
done
