# gzip that expands past 1 GiB is refused early, with one line, nothing on stdout
head -c 1100000000 /dev/zero | gzip -1 > bomb.gz
pb2folded bomb.gz || echo "exit $?"
