# folded2pb: the sample type and unit, as --type NAME --unit UNIT or
# --type NAME/UNIT (default samples/count); the last --type applies
t() {
	printf 'main;f 3\n' | folded2pb "$@" >p.pb.gz
	echo "$*: $(pb2folded --list-types p.pb.gz)"
}
t
t --type cpu
t --type cpu --unit nanoseconds
t --unit nanoseconds --type cpu
t --type=cpu/nanoseconds
t --type cpu/nanoseconds --unit nanoseconds
t --unit bytes
t -type=alloc_space -unit=bytes
t --type alloc_space/bytes --type inuse_objects
t --type 'wall time' --unit 'µs'
