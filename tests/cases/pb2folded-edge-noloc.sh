# a sample without locations has no stack: skipped, also with --keep-zero
mkprof -o p.pb.gz <<'END'
type samples count
function 1 name=main
location 1 line=1
sample - values=7
sample 1 values=1
sample - values=0
END
pb2folded p.pb.gz
echo "-- keep-zero"
pb2folded --keep-zero p.pb.gz
