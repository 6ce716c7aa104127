# Empty input, blank lines, malformed lines only, counts summing to 0:
# the same messages and status as the SVG, and no output file.
for fmt in json speedscope; do
	: | flamegraph -f $fmt || echo "empty: exit $?"
	printf '\n\n' | flamegraph -f $fmt -o x.json || echo "blank: exit $?"
	printf 'x\ny\n' | flamegraph -f $fmt || echo "malformed: exit $?"
	printf 'a 0\nb 0\n' | flamegraph -f $fmt || echo "zero: exit $?"
	printf 'a;b 3 0\n' | flamegraph -f $fmt || echo "after 0: exit $?"
done
ls -A
echo '-- the SVG says the same'
: | flamegraph || echo "empty: exit $?"
printf 'a 0\nb 0\n' | flamegraph || echo "zero: exit $?"
printf 'a;b 3 0\n' | flamegraph || echo "after 0: exit $?"
echo '-- a zero-count stack is kept in d3, not a speedscope sample'
printf 'a;b 0\na;c 2\n' | flamegraph -f json
printf 'a;b 0\na;c 2\n' | flamegraph -f speedscope | sed -n '/frames/,$p'
