# Tooltip counts, totals and changes are exact to the last digit above
# 2^53, where a double would round them (9007199254740993 would show as
# ...992 and a change of +2 as +4).
tips() { flamegraph "$@" | sed -n '/^<g><title>/,/<\/title>/p' | sed 's/<\/title>.*//; s/^<g><title>//'; }
echo '== one count above 2^53'
printf 'a 9007199254740993\n' | tips
echo '== a change of +2 between two counts above 2^53'
printf 'a 9007199254740993 9007199254740995\n' | tips
echo '== the extremes of int64, decimals at their scale'
printf 'a;b 9223372036854775807\n' | tips
printf 'a;b 92233720368547755.07\nc 0.5\nd 1.5\n' | tips
echo '== signed changes'
printf 'main;grow 9007199254740993\nmain;shrink -9007199254740995\n' | tips
