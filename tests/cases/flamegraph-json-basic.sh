# -f json: d3-flame-graph's {name, value, children} tree, root "root",
# value = the subtree's total, siblings bytewise, leaves without
# children; -f speedscope: one sampled profile.  -o picks the format by
# extension (.json, .speedscope.json, any case); picture options are
# accepted and change nothing; --flamechart is refused.
f=data/flamegraph/basic.folded
flamegraph -f json $f
flamegraph -f speedscope $f
echo '-- by extension; -f wins'
flamegraph -o a.json $f && flamegraph -f json $f | cmp - a.json && echo "a.json is json"
flamegraph -o b.speedscope.json $f && flamegraph -f speedscope $f | cmp - b.speedscope.json && echo "b.speedscope.json is speedscope"
flamegraph -o C.SpeedScope.JSON $f && cmp C.SpeedScope.JSON b.speedscope.json && echo "any case"
flamegraph -o d.JSON $f && cmp d.JSON a.json && echo "d.JSON is json"
flamegraph -f json -o e.svg $f && cmp e.svg a.json && echo "-f json -o e.svg is json"
flamegraph -f svg -o f.json $f && head -c 5 f.json && echo
flamegraph -f JSON $f | cmp - a.json && echo "-f JSON"
flamegraph --format=speedscope -o g.json $f && cmp g.json b.speedscope.json && echo "--format=speedscope -o g.json"
echo '-- picture options change nothing'
flamegraph -f json --width 50 --height 3 --minwidth 50% --colors java --hash \
    --bgcolors blue --inverted --dark --search main --notes n --total 999 \
    --factor 3 --fonttype x --fontsize 3 --fontwidth 1 --nametype N: \
    --truncate left --subtitle s --title t --countname ms --cp $f | cmp - a.json && echo "json: same bytes"
test ! -e palette.map && echo "--cp wrote no palette.map"
flamegraph -f speedscope --width 50 --colors red --random --inverted $f | cmp - b.speedscope.json && echo "speedscope: same bytes"
echo '-- data options apply'
flamegraph -f json --reverse $f | head -n 4
printf 'a;b 1\na;c 1\n' | flamegraph -f json --colors chain
echo '-- speedscope: name from --title or the one file, unit from --countname'
printf 'a;b 2\n' | flamegraph -f speedscope | head -n 1
printf 'a;b 2\n' >x.folded
flamegraph -f speedscope x.folded x.folded | head -n 1
flamegraph -f speedscope ./x.folded --title 'T "1"' | grep -o '"name":"T[^,]*,"unit":"[a-z]*"'
for u in samples nanoseconds ns NS nanosecond us microseconds µs ms millisecond s sec secs seconds b bytes BYTE count kb; do
	printf '%s ' "$u"
	flamegraph -f speedscope --countname "$u" x.folded | grep -o '"unit":"[a-z]*"'
done
echo '-- flame charts are refused'
flamegraph -f json --flamechart $f || echo "exit $?"
flamegraph -o h.speedscope.json --flamechart $f || echo "exit $?"
test ! -e h.speedscope.json && echo "no h.speedscope.json"
echo '-- JSON goes to a terminal'
script -qec "flamegraph -f json x.folded" /dev/null | tr -d '\r'
echo '-- a write error is an error'
flamegraph -f json $f >/dev/full || echo "exit $?"
flamegraph -o /dev/full -f speedscope $f || echo "exit $?"
