# a 2000-frame stack (and its 1999-frame prefix): no recursion, no limit
awk 'BEGIN {
	print "type samples count"
	for (i = 1; i <= 2000; i++) {
		print "function " i " name=f" i
		print "location " i " line=" i
	}
	s = "2000"; for (i = 1999; i >= 1; i--) s = i "," s
	print "sample " s " values=3"
	sub(/^1,/, "", s)
	print "sample " s " values=4"
}' | mkprof -o deep.pb.gz
pb2folded deep.pb.gz >out.folded
wc -l <out.folded
# root f2000 first, leaf f1 (resp. f2) last
awk '{ n = split($0, f, ";"); print n, f[1], f[2], f[n] }' out.folded
