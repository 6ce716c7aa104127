# tag filters: string labels, numeric ranges with units, both spellings,
# the -o file untouched by a bad filter, the errors as usage errors
mkprof -o l.pb.gz <data/pprof/labels.txt
echo "--- --tagfocus=route=/login"
pb2folded --tagfocus=route=/login -i alloc_space l.pb.gz
echo "--- -tagfocus=tenant=globex -tagroot=tenant (a key with two values on one sample)"
pb2folded -tagfocus=tenant=globex -tagroot=tenant -i alloc_space l.pb.gz
echo "--- -tagfocus=latency=10ms: (the key's unit is ms: 250000us reads as 250000ms)"
pb2folded -tagfocus=latency=10ms: -i alloc_space l.pb.gz
echo "--- -tagfocus=bytes=16b:8kb -tagignore=route=login"
pb2folded -tagfocus=bytes=16b:8kb -tagignore=route=login -i alloc_space l.pb.gz
echo "--- -tagfocus=worker:gc (bare: KEY:VALUE) and -tagfocus=x64kb (a regexp)"
pb2folded -tagfocus=worker:gc l.pb.gz
pb2folded -tagfocus=x64kb l.pb.gz
echo "--- Go heap: allocations of 64 kB and more"
pb2folded -tagfocus=bytes=64kb: -i alloc_space samples/heap.prof | head -n 2
echo "--- -tagshow / -taghide leave the stacks as pprof -traces does"
pb2folded -tagroot=tenant -taghide=tenant -i alloc_space l.pb.gz | head -n 2
echo "--- errors"
echo keep >out.folded
st=0; pb2folded -tagfocus='worker=(' -o out.folded l.pb.gz || st=$?
echo "status $st"; cat out.folded
st=0; pb2folded --tagignore=99999999999999999999kb: l.pb.gz || st=$?
echo "status $st"
st=0; pb2folded --taghide='[' l.pb.gz || st=$?
echo "status $st"
st=0; pb2folded --focus='(' --tagfocus='(' l.pb.gz || st=$?
echo "status $st (the first in pprof's order)"
st=0; pb2folded l.pb.gz --tagfocus || st=$?
echo "status $st"
