# folded2pb: inputs a profile cannot hold, bad options; nothing half-written
# pprof values are int64: decimal and out-of-range counts are errors at
# their line (not skipped lines), and so are sums pb2folded could not add
printf 'a;b 1\na;b 1.5\n' >dec.folded
folded2pb -o dec.pb.gz dec.folded || echo "decimal: exit $?"
printf 'a;b 2.0\n' | folded2pb -o dec.pb.gz || echo "decimal: exit $?"
printf 'a;b 1 2\n' | folded2pb -o diff.pb.gz || echo "differential: exit $?"
printf 'a;b 9223372036854775808\n' | folded2pb -o big.pb.gz || echo "range: exit $?"
printf 'a;b -9223372036854775809\n' | folded2pb -o big.pb.gz || echo "range: exit $?"
printf 'a 9223372036854775807\nb 1\na 1\n' | folded2pb -o sum.pb.gz || echo "stack sum: exit $?"
printf 'a 9223372036854775807\nb 1\n' | folded2pb -o sum.pb.gz || echo "total: exit $?"
printf 'a 9223372036854775807\nb -9223372036854775808\n' | folded2pb -o ok.pb.gz
echo "extremes: exit $?"
printf 'a;b 1\n' | folded2pb --type /x -o t.pb.gz || echo "type: exit $?"
printf 'a;b 1\n' | folded2pb --type cpu/ -o t.pb.gz || echo "type: exit $?"
printf 'a;b 1\n' | folded2pb --type a/b/c -o t.pb.gz || echo "type: exit $?"
printf 'a;b 1\n' | folded2pb --type= -o t.pb.gz || echo "type: exit $?"
printf 'a;b 1\n' | folded2pb --unit= -o t.pb.gz || echo "unit: exit $?"
printf 'a;b 1\n' | folded2pb --unit bytes/s -o t.pb.gz || echo "unit: exit $?"
printf 'a;b 1\n' | folded2pb --type cpu/nanoseconds --unit ms -o t.pb.gz ||
    echo "type and unit: exit $?"
printf 'a;b 1\n' | folded2pb --bogus -o t.pb.gz || echo "option: exit $?"
printf 'a;b 1\n' | folded2pb --unit || echo "option: exit $?"
folded2pb -o x.pb.gz missing.folded || echo "missing: exit $?"
printf 'a;b 1\nno count\n' | folded2pb --strict -o s.pb.gz || echo "strict: exit $?"
# a full disk (Linux /dev/full)
printf 'a;b 1\n' | folded2pb >/dev/full || echo "full: exit $?"
ls
