# negative values (10-byte varints), as in delta and diff profiles
mkprof -o p.pb.gz <<'END'
type inuse_space bytes
function 1 name=main
function 2 name=grow
function 3 name=shrink
location 1 line=1
location 2 line=2
location 3 line=3
sample 2,1 values=1048576
sample 3,1 values=-4096
sample 3,1 values=-1
sample 1 values=-9223372036854775807
END
pb2folded p.pb.gz
