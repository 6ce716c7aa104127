# labels as frames: string labels, numeric labels with and without units
echo "--- -tagroot=worker,tier"
pb2folded -tagroot=worker,tier samples/cpu.prof | head -n 6
echo "--- -tagleaf=worker -tagroot=tier"
pb2folded -tagleaf=worker -tagroot=tier samples/cpu.prof | head -n 4
echo "--- -tagroot=bytes (heap: no num_unit, raw numbers)"
pb2folded -tagroot=bytes -i alloc_space samples/heap.prof | head -n 5
echo "--- -tagroot=worker -lines"
pb2folded -tagroot=worker -lines samples/goroutine.prof | head -n 3
