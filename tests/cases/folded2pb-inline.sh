# folded2pb: frames marked _[i] become inlined Lines of their caller's
# Location, so pb2folded PROFILE | folded2pb | pb2folded reproduces
# pb2folded's output, with --mark-inline on both sides or on neither
cat >e.txt <<'END'
type samples count
type cpu nanoseconds
mapping 1 /usr/lib/libc.so.6
function 1 name=main
function 2 name=outer
function 3 name=middle
function 4 name=inner
function 5 name=#0
function 6 name=a;b
function 7 name=rec
location 1 line=1
location 2 line=4:30 line=3:20 line=2:10
location 3 line=4:31
location 4 line=2:11
location 5 line=3 line=1
location 6 mapping=1 addr=0x1234
location 7 line=5 line=2
location 8 line=7:5 line=7:9
location 9 line=6 line=1
sample 2,1 values=1,10 label=worker:w1
sample 3,4,1 values=2,20
sample 5 values=3,30 label=worker:w2
sample 6,2,1 values=4,40
sample 7,1 values=5,50
sample 8,8,1 values=6,60
sample 9 values=7,70
sample 3,1 values=0,0
sample 4,1 values=-3,-30
END
mkprof -o e.pb.gz e.txt
echo "-- pb2folded --mark-inline"
pb2folded --mark-inline e.pb.gz
# pb2folded's options transform the stacks once; the second pb2folded
# only needs --mark-inline again
for t in samples:count cpu:nanoseconds; do
	for o in '' --mark-inline '--mark-inline --tagroot=worker' \
	    '--mark-inline --lines' '--mark-inline --hide=^outer$' --noinlines; do
		m=
		case $o in --mark-inline*) m=--mark-inline ;; esac
		pb2folded -i ${t%:*} $o e.pb.gz >a.folded
		folded2pb --type ${t%:*} --unit ${t#*:} a.folded >b.pb.gz
		pb2folded $m b.pb.gz | cmp a.folded -
		echo "${t%:*} $o: $(wc -l <a.folded) stacks," \
		    "$(grep -o '_\[i\]' a.folded | wc -l) inlined frames;" \
		    "$(pb2folded --list-types b.pb.gz)"
	done
done
# pb2folded --mark-inline | folded2pb | pb2folded: the names without _[i]
pb2folded --mark-inline e.pb.gz | folded2pb | pb2folded >c.folded
pb2folded e.pb.gz | cmp - c.folded

# hand-written: an _[i] frame at the root has no caller to join and keeps
# its name; a frame named _[i] alone is a plain frame too
printf '%s\n' 'x_[i];y_[i] 1' 'main;f_[i];g_[i] 2' 'main;f;g 3' \
    '_[i];a_[i] 4' 'main;_[i] 5' 'main;g;f_[i] 6' >h.folded
folded2pb h.folded >h.pb.gz
echo "-- pb2folded"
pb2folded h.pb.gz
echo "-- pb2folded --mark-inline"
pb2folded --mark-inline h.pb.gz
echo "-- pb2folded --noinlines (inlined frames fold into their caller)"
pb2folded --noinlines h.pb.gz
