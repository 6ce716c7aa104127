# frame names at each granularity, with and without inlining
for o in --lines --files --filefunctions --addresses --noinlines --mark-inline \
    '--lines --noinlines' '--addresses --noinlines'; do
	echo "--- $o"
	pb2folded $o samples/cpu.prof | grep -e 'hashLoop' -e 'fib ' | head -n 4
done
