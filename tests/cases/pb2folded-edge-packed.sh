# repeated scalars packed, unpacked, and both in one message: all the same
mkprof -o p.pb.gz <<'END'
type samples count
type cpu nanoseconds
function 1 name=main
function 2 name=a
function 3 name=b
location 1 line=1
location 2 line=2
location 3 line=3
sample 3,2,1 values=1,10 enc=packed
sample 3,2,1 values=2,20 enc=unpacked
sample 3,2,1 values=4,40 enc=mixed
sample 3,2,1 values=8,80 enc=split
sample 2,1 values=16,160 enc=unpacked
sample 1 values=32,320 enc=split
END
pb2folded p.pb.gz
