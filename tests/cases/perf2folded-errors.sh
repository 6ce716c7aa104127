# perf2folded's messages and exit statuses: 0 with notes, 1 bad input, 2 usage
r() { "$@" 2>&1 || echo "exit $?"; }
echo "== two events: the choice is said once"
perf2folded samples/perf/events.txt 2>&1 >/dev/null
perf2folded samples/perf/events.txt samples/perf/events.txt 2>&1 >/dev/null
echo "== named event, or one event: nothing said"
perf2folded --event-filter=cpu-clock samples/perf/events.txt 2>&1 >/dev/null
perf2folded samples/perf/fp.txt 2>&1 >/dev/null
echo "== unrecognised lines: counted once per file"
printf 'junk\nperf 1 2.0: 1 cycles:\n\tjunk\n\t1 f (m)\n\n(more junk)\n' > junk.txt
r perf2folded junk.txt
r perf2folded junk.txt - < junk.txt
echo "== not supported: usage errors"
r perf2folded --inline samples/perf/fp.txt
r perf2folded --context samples/perf/fp.txt
r perf2folded -inline=1 samples/perf/fp.txt
r perf2folded --bogus
r perf2folded --event-filter
r perf2folded --pid=1
echo "== the Perl's spellings"
perf2folded -pid -event-filter cpu-clock:ppp samples/perf/fp.txt | head -n 1
perf2folded --ev=cpu-clock:ppp --ti samples/perf/fp.txt | head -n 1
echo "== bad input: exit 1, nothing written"
r perf2folded missing.txt
printf 'PERFILE2\0\0\0\0' > perf.data
r perf2folded perf.data
r perf2folded < perf.data
printf 'a\0b\n' > bin.txt
r perf2folded bin.txt
gzip -c samples/perf/fp.txt | head -c 2000 > cut.gz
r perf2folded -o out.folded cut.gz
ls out.folded 2>&1 || true
printf '\037\213garbage' > bad.gz
r perf2folded bad.gz
: > empty.txt
r perf2folded empty.txt
echo "(empty: no output, exit 0)"
echo "== -o: complete or not at all"
perf2folded -o out.folded samples/perf/fp.txt
cmp out.folded - <<X && echo same
$(perf2folded samples/perf/fp.txt)
X
r perf2folded -o /nonexistent/dir/x samples/perf/fp.txt
echo "== --version"
perf2folded --version
echo "== --help: standard output, exit 0"
perf2folded --help | head -n 2
perf2folded -h | tail -n 1
