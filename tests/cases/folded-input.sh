# How the folded readers take their input.
printf 'a;b 3\nc 4\n' > in.folded
# standard input is read from where it stands: the first line was taken
(read -r first; foldtop -n 0) < in.folded
# a redirected file named twice as '-' is read once
flamegraph - - < in.folded | grep -c '<title>c (4 samples'
# a closed standard input is an error, not a second read of a file
foldtop in.folded - <&- || echo "exit $?"
# control bytes are name bytes (shown as U+FFFD in graphs), not "binary"
printf 'x\001y 2\n' | foldtop -n 0 | tail -n 1 | cat -v
# gzip data or a NUL byte is a profile given by mistake
printf 'a\000b 1\n' | flamegraph >/dev/null || echo "exit $?"
# one-dash long options work in difffolded too; flags take no values
difffolded -normalize in.folded in.folded
foldtop --json=1 in.folded || echo "exit $?"
