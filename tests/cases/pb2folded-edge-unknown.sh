# unknown fields of every wire type, top level and nested, are skipped
mkprof -o p.pb.gz <<'END'
type samples count
unknown 99 varint -1
unknown 100 fixed64 123456789
unknown 101 fixed32 7
unknown 102 bytes 0a0b0c
mapping 1 /lib/libx.so unknown=20:string:hello
function 1 name=main unknown=9:varint:5
function 2 name=f unknown=30:fixed32:1
location 1 line=1 unknown=6:bytes:ff
location 2 line=2 mapping=1 unknown=31:fixed64:-2
sample 2,1 values=3 unknown=4:varint:1
sample 2,1 values=4 enc=unpacked unknown=5:bytes:00
END
pb2folded p.pb.gz
