# foldmerge: each stack once, counts summed exactly, lines sorted bytewise;
# zero sums dropped (--keep-zero keeps them); 3-column input merges column
# by column and a 2-column line counts in both columns; comments ignored.
printf '# interval: 100\nmain;b 2\nmain;a 1.25\nmain;gone 3\n' > a
printf 'main;a 0.75\nmain;gone -3\nmain;c\t4\n' > b
printf 'main;a 1 2\nmain;d 0 5\n' > c
echo '== a b'
foldmerge a b
echo '== a b --keep-zero'
foldmerge --keep-zero a b
echo '== a b c: three columns'
foldmerge a b c
echo '== standard input, and -'
cat a | foldmerge - b
echo '== the output feeds foldmerge again, and flamegraph reads it as it reads cat'
foldmerge a b > ab
foldmerge ab c > abc
foldmerge a b c | cmp - abc && echo same
cat a b | flamegraph > cat.svg
foldmerge --keep-zero a b | flamegraph > merged.svg
cmp cat.svg merged.svg && echo 'same graph'
echo '== no input lines: no output'
printf '# nothing\n\n' | foldmerge | wc -c
echo '== -o'
foldmerge -o out.folded a b && cat out.folded
