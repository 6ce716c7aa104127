# Decimal counts become JSON reals (added exactly in fixed point, then
# written in the fewest digits that read back as the same double: 0.1,
# not 0.1000000000000000055); integer counts stay integers, also when
# another file of the same run has decimals only in a later line.
printf 'a;b 1.5\na;c 0.25\na 0.1\nx 3\n' >d.folded
flamegraph -f json d.folded
flamegraph -f speedscope d.folded | sed -n '/endValue/,$p'
echo '-- 0.1 + 0.2 is 0.3 (fixed point), 1/3 has 17 digits'
printf 'a 0.1\na 0.2\nb 0.3333333333333333\n' | flamegraph -f json
echo '-- a differential input with decimals'
printf 'a;b 1.25 2\na;c 3 0.5\n' | flamegraph -f json
echo '-- large integers stay exact'
printf 'a 9007199254740993\nb 1\n' | flamegraph -f json
