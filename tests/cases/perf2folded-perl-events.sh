# two events in one capture (-e cpu-clock -e task-clock): the first seen is
# kept unless --event-filter names one; expected output: stackcollapse-perf.pl's
for o in "" --event-filter=task-clock "--event-filter cpu-clock" \
    "--tid --event-filter=task-clock" --event-filter=cycles; do
	echo "== ${o:-no option}"
	perf2folded $o samples/perf/events.txt 2>/dev/null
done
echo "== two files: one stream"
perf2folded --event-filter=task-clock samples/perf/events.txt samples/perf/fp.txt
