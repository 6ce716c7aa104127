# Counts are 64-bit fixed point at one scale, the most decimal places read
# (at most 18).  What cannot be held is refused with its real cause, in
# the same words by every tool that reads folded stacks.
printf 'a 0.000000000000000001\nb 10\n' > mix.folded
printf 'a 12.0000000000000000001\n' > long.folded
printf 'a 0.0000000000000000001\n' > short.folded
printf 'a 0.000000000000000001\nb 9\n' > fits.folded
printf 'a 1\n' > one.folded
for f in mix long short; do
	for tool in flamegraph foldtop 'difffolded one.folded' folded2pb; do
		$tool $f.folded >/dev/null 2>err && echo "$tool $f: exit 0" ||
			echo "$tool $f: exit $?: $(cat err)"
	done
done
echo '== a mix that fits is drawn exactly'
flamegraph -f json fits.folded
echo
foldtop -n 0 fits.folded
