# folded2pb: the exact message (checked field by field against go tool pprof -raw)
printf 'main;a;b 3\nmain;a 2\nx 0\nmain;a 4\nneg -5\nmain;f_[i];g_[i] 1\n' >in.folded
folded2pb --type cpu --unit nanoseconds in.folded >out.pb.gz
gzip -dc out.pb.gz | od -An -tx1
# the gzip header carries no time stamp (bytes 4-7): the same input, the
# same bytes, from a file or from a pipe
od -An -tx1 -N10 out.pb.gz
folded2pb -type=cpu/nanoseconds -o again.pb.gz in.folded
cmp out.pb.gz again.pb.gz
folded2pb --type=cpu --unit=nanoseconds <in.folded | cmp out.pb.gz -
printf 'a 1\nbad line\n' | folded2pb | gzip -dc | wc -c
