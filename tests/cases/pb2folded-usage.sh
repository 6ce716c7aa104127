# help, version, usage errors (exit 2) and option errors
pb2folded --help | head -n 1
pb2folded -h | tail -n 1
pb2folded --version | sed 's/ [0-9][0-9.]*$/ VERSION/'
pb2folded --nope samples/cpu.prof 2>&1 || echo "exit $?"
pb2folded -x samples/cpu.prof 2>&1 || echo "exit $?"
pb2folded -i 2>&1 || echo "exit $?"
pb2folded -base=samples/cpu-a.prof -diff_base=samples/cpu-a.prof samples/cpu-b.prof 2>&1 || echo "exit $?"
pb2folded -i 7 samples/cpu.prof 2>&1 || echo "exit $?"
pb2folded -i inuse_space samples/cpu.prof 2>&1 || echo "exit $?"
pb2folded -focus='(' samples/cpu.prof 2>&1 || echo "exit $?"
pb2folded samples/heap.prof samples/cpu.prof 2>&1 || echo "exit $?"
