# a location's lines run innermost first: the last one is the caller
mkprof -o p.pb.gz <<'END'
type samples count
function 1 name=main
function 2 name=outer
function 3 name=middle
function 4 name=inner
location 1 line=1
location 2 line=4:30 line=3:20 line=2:10
sample 2,1 values=1
END
pb2folded p.pb.gz
