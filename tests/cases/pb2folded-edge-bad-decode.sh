# not a profile, or a broken one: exit 1, nothing on stdout, one line on stderr
try() {
	if pb2folded "$@" >out; then echo "$*: exit 0"; else echo "$*: exit $?"; fi
	if [ -s out ]; then echo "$*: output on stdout"; fi
}
cat >d.txt <<'END'
type samples count
function 1 name=main
location 1 line=1
sample 1 values=1
END
printf 'this is not a profile\n' >text.pb
try text.pb
printf '\377\377\377\377\377\377\377\377\377\377\377\001' >garbage.pb
try garbage.pb
(cat d.txt; echo truncate -3) | mkprof -o short.pb.gz
try short.pb.gz
(cat d.txt; echo string0 x) | mkprof -o string0.pb.gz
try string0.pb.gz
(cat d.txt; echo function 2 name=#99) | mkprof -o strindex.pb.gz
try strindex.pb.gz
(cat d.txt; echo function 3 name=#-1) | mkprof -o strneg.pb.gz
try strneg.pb.gz
(cat d.txt; echo nostrings) | mkprof -o nostrings.pb.gz
try nostrings.pb.gz
(cat d.txt; echo time 1000; echo unknown 9 varint 2000) | mkprof -o twotimes.pb.gz
try twotimes.pb.gz
