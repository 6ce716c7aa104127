# folded2pb: inputs a profile cannot hold, bad options; nothing half-written
printf 'a;b 1.5\n' >dec.folded
folded2pb -o dec.pb.gz dec.folded || echo "decimal: exit $?"
printf 'a;b 1 2\n' | folded2pb -o diff.pb.gz || echo "differential: exit $?"
printf 'a;b 1\n' | folded2pb --type cpu -o t.pb.gz || echo "type: exit $?"
printf 'a;b 1\n' | folded2pb --type /x -o t.pb.gz || echo "type: exit $?"
printf 'a;b 1\n' | folded2pb --bogus -o t.pb.gz || echo "option: exit $?"
folded2pb -o x.pb.gz missing.folded || echo "missing: exit $?"
printf 'a;b 1\nno count\n' | folded2pb --strict -o s.pb.gz || echo "strict: exit $?"
# a full disk (Linux /dev/full)
printf 'a;b 1\n' | folded2pb >/dev/full || echo "full: exit $?"
ls
