# ids are arbitrary: huge (2^40 and up), sparse, in any order
mkprof -o p.pb.gz <<'END'
type samples count
mapping 18446744073709551615 /lib/libbig.so
function 1099511627776 name=main
function 7 name=worker
function 18446744073709551615 name=last
location 1099511627777 line=1099511627776
location 3 line=7 mapping=18446744073709551615
location 18446744073709551614 line=18446744073709551615
location 9007199254740993 mapping=18446744073709551615 addr=0x10
sample 3,1099511627777 values=5
sample 18446744073709551614,3,1099511627777 values=6
sample 9007199254740993,1099511627777 values=7
END
pb2folded p.pb.gz
