# address-only locations: [mapping basename], <unknown> without a mapping
# (none, or a mapping id that matches nothing); so are functions without
# a name; --addresses prints them
mkprof -o p.pb.gz <<'END'
type samples count
mapping 1 /usr/lib/libfoo.so.1 start=0x1000 limit=0x9000
mapping 2 /opt/bin/server
function 1 name=main.main file=/src/main.go
location 1 mapping=2 addr=0x401000 line=1:10
location 2 mapping=1 addr=0x1234
location 3 mapping=1 addr=0x5678
location 4 addr=0x9abc
location 5 mapping=77 addr=0xdef0
location 6
function 2 file=/src/anon.go
location 7 mapping=1 addr=0x2000 line=2:5
location 8 line=2:6
sample 2,1 values=1
sample 3,1 values=2
sample 4,1 values=4
sample 5,1 values=8
sample 6,1 values=16
sample 7,1 values=32
sample 8,1 values=64
END
pb2folded p.pb.gz
echo "-- addresses"
pb2folded --addresses p.pb.gz
