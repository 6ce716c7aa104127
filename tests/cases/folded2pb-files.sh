# several inputs (files and -) are merged; -o replaces a file only on success
printf 'main;a 1\nmain;b 2\n' >one.folded
printf 'main;a 10\n' >two.folded
printf 'main;c 100\n' | folded2pb one.folded - two.folded | pb2folded
echo old >out.pb.gz
printf 'main;a 1.5\n' >dec.folded
if folded2pb -o out.pb.gz one.folded dec.folded; then echo "exit 0"; else echo "exit $?"; fi
cat out.pb.gz
ls
folded2pb --output=out.pb.gz one.folded
pb2folded out.pb.gz
# no stacks: a valid profile without samples
: | folded2pb | pb2folded
echo "empty input: exit $?"
