# foldmerge --sorted merges sorted inputs as streams, to the same bytes as
# the hash merge; the Hadoop Streaming contract: map output through
# LC_ALL=C sort into foldmerge --sorted.  Stacks whose names hold a blank
# and a digit ("run 1x") sort between lines of a shorter stack ("run 2",
# "run 9"): their sum, "run 11", still goes first.
printf 'p;run 1x 5\n' > A
printf 'p;run 2\nq 1\n' > B
printf 'p;run 9\nq -1\n' > C
foldmerge --sorted A B C
foldmerge A B C > hash.out
foldmerge -s C B A > sorted.out
cmp hash.out sorted.out && echo 'same as the hash merge'
echo '== map | sort | reduce'
cat A B C | LC_ALL=C sort | foldmerge --sorted | cmp - hash.out && echo 'same as the direct merge'
echo '== three columns'
printf 'x 1 2\ny 3 4\n' > D
printf 'x 5\nz 1\n' > E
foldmerge -s D E
echo '== errors: out of order, differential after two columns, a trailing ;'
printf 'b 1\na 2\n' > bad1
foldmerge -s bad1 A -o out.folded || echo "exit $?"
test -e out.folded || echo 'no out.folded'
printf 'a 1\nb 1 2\n' > bad2
foldmerge -s bad2 || echo "exit $?"
printf 'a; 1\n' > bad3
foldmerge -s bad3 || echo "exit $?"
echo '== malformed lines are skipped and reported, as by every reader'
printf 'a 1\nb nocount\nc 2\n' > mal
foldmerge -s mal
foldmerge -s --strict mal || echo "exit $?"
echo '== an empty stack adds to no line, but its columns count, as without --sorted'
printf ' 3 4\nx 1\n' > F
foldmerge -s F
foldmerge F
printf 'a 1\n 1 2\n' > bad4
foldmerge -s bad4 || echo "exit $?"
