# references pprof rejects: exit 1, nothing on stdout, one line on stderr
try() {
	if pb2folded "$@" >out; then echo "$*: exit 0"; else echo "$*: exit $?"; fi
	if [ -s out ]; then echo "$*: output on stdout"; fi
}
cat >d.txt <<'END'
type samples count
type cpu nanoseconds
function 1 name=main
location 1 line=1
END
(cat d.txt; echo sample 1,99 values=1,2) | mkprof -o locid.pb.gz
try locid.pb.gz
(cat d.txt; echo location 2 line=42; echo sample 2,1 values=1,2) | mkprof -o funcid.pb.gz
try funcid.pb.gz
(cat d.txt; echo location 2 line=0; echo sample 2,1 values=1,2) | mkprof -o func0.pb.gz
try func0.pb.gz
(cat d.txt; echo sample 1 values=1) | mkprof -o values.pb.gz
try values.pb.gz
(cat d.txt; echo sample 1 values=1,2,3) | mkprof -o values3.pb.gz
try values3.pb.gz
(echo function 1 name=main; echo location 1 line=1; echo sample 1 values=1) | mkprof -o notypes.pb.gz
try notypes.pb.gz
