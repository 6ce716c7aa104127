# samples whose values are all zero vanish (pprof's merge); a zero in the
# chosen column only, or stacks summing to zero, are dropped from the
# output unless --keep-zero
mkprof -o p.pb.gz <<'END'
type samples count
type cpu nanoseconds
function 1 name=main
function 2 name=idle
function 3 name=work
function 4 name=wait
location 1 line=1
location 2 line=2
location 3 line=3
location 4 line=4
sample 2,1 values=0,0
sample 3,1 values=1,5
sample 3,1 values=1,-5
sample 4,1 values=3,0
sample 1 values=1,2
END
pb2folded p.pb.gz
echo "-- keep-zero"
pb2folded --keep-zero p.pb.gz
echo "-- samples column"
pb2folded --sample-index=samples p.pb.gz
