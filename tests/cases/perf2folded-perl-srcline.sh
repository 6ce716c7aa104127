# perf script -F+srcline (samples/perf/dwarf-srcline.txt): each frame is
# followed by its source line, which --srcline appends ("leaf:busy.c:27");
# the inlined frames print as "mix+0x33" then "  busy.c:17 (inlined)",
# which the Perl reads as it reads them; expected output:
# stackcollapse-perf.pl's
for o in --srcline "--srcline --tid --all" "--srcline --addrs" ""; do
	echo "== ${o:-no option}"
	perf2folded $o samples/perf/dwarf-srcline.txt 2>/dev/null
done
