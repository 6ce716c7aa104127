# the container: empty, truncated gzip, more after the first gzip member
# each: exit 1, nothing on stdout, one line on stderr
try() {
	if pb2folded "$@" >out; then echo "$*: exit 0"; else echo "$*: exit $?"; fi
	if [ -s out ]; then echo "$*: output on stdout"; fi
}
: >empty.pb.gz
try empty.pb.gz
cat >d.txt <<'END'
type samples count
function 1 name=main
location 1 line=1
sample 1 values=1
END
(cat d.txt; echo cut -12) | mkprof -o trunc.pb.gz
try trunc.pb.gz
(cat d.txt; echo cut 5) | mkprof -o header.pb.gz
try header.pb.gz
(cat d.txt; echo append gzip) | mkprof -o two.pb.gz
try two.pb.gz
(cat d.txt; echo append 00) | mkprof -o trail.pb.gz
try trail.pb.gz
(echo gzip off; echo nostrings) | mkprof | gzip -n >emptymsg.pb.gz
try emptymsg.pb.gz
