# a pprof profile given by mistake: refused with a hint
difffolded samples/cpu-a.prof data/diff/after.folded || echo "exit $?"
difffolded data/diff/before.folded samples/cpu-b.prof || echo "exit $?"
