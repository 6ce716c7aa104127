# an uncompressed profile is read as well as a gzipped one
cat >d.txt <<'END'
type samples count
function 1 name=main
function 2 name=f
location 1 line=1
location 2 line=2
sample 2,1 values=3
END
mkprof -o gz.pb d.txt
(echo gzip off; cat d.txt) | mkprof -o raw.pb
od -An -tx1 -N2 gz.pb
od -An -tx1 -N2 raw.pb
pb2folded raw.pb
pb2folded gz.pb
pb2folded - <raw.pb
