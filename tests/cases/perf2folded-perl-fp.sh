# a real capture with frame pointers (samples/perf/record.sh): busy.c's
# threads "crunch 1" and "crunch 2" (the Perl reads "crunch" as the comm and
# 1 as the pid), recursion, kernel frames; expected output: stackcollapse-perf.pl's
for o in "" --pid --tid --kernel --jit --all --addrs "--tid --all --addrs"; do
	echo "== ${o:-no option}"
	perf2folded $o samples/perf/fp.txt
done
