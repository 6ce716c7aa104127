# the value column: default_sample_type when it names a type, else the last
cat >base.txt <<'END'
type alloc_objects count
type alloc_space bytes
type inuse_objects count
type inuse_space bytes
function 1 name=main
function 2 name=alloc
location 1 line=1
location 2 line=2
sample 2,1 values=1,100,3,300
sample 1 values=2,200,4,400
END
(cat base.txt; echo default alloc_space) | mkprof -o dflt.pb.gz
(cat base.txt; echo default nosuchtype) | mkprof -o none.pb.gz
mkprof -o last.pb.gz base.txt
echo "-- default alloc_space"; pb2folded dflt.pb.gz
echo "-- default naming nothing"; pb2folded none.pb.gz
echo "-- no default"; pb2folded last.pb.gz
