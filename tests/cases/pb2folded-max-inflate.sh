# --max-inflate=SIZE: gzip data decompressing past SIZE is refused with one
# line (exit 1, nothing on stdout); SIZE takes K, M, G, T; a bad SIZE is a
# usage error.  Damaged gzip data is named for what it is.  torch passes
# the option on.
try() {
	if pb2folded "$@" >out; then echo "$*: exit 0"; else echo "$*: exit $?"; fi
	if [ -s out ]; then echo "$*: $(wc -l <out) lines"; fi
}
# a small bomb, made here: 2 MiB of zeros in about 2 KB of gzip
head -c 2097152 /dev/zero | gzip -9 >bomb.gz
[ "$(wc -c <bomb.gz)" -lt 10000 ] && echo "bomb: under 10 KB"
try --max-inflate=1M bomb.gz
try --max-inflate=2047K bomb.gz
try --max-inflate=2M bomb.gz		# not refused: not a profile either
for s in 1k 1K 1KiB 1KB 1024; do try --max-inflate=$s bomb.gz; done
try -max_inflate=3g bomb.gz		# pprof's spelling
# the limit is exact: the profile's own decompressed size passes, one less not
n=$(gzip -dc samples/cpu.prof | wc -c)
try --max-inflate=$n samples/cpu.prof
try --max-inflate=$((n - 1)) samples/cpu.prof 2>&1 | sed "s/$((n - 1)) bytes/N-1 bytes/"
# not sizes
for s in 0 -1 1.5G x 1X 1KiBs 16E 99999999999999999999 ''; do
	try --max-inflate="$s" samples/cpu.prof
done
try --max-inflate samples/cpu.prof
# damaged gzip: truncated, a bad CRC, a bad length, a damaged stream
head -c 2000 samples/cpu.prof >trunc.gz
try trunc.gz
python3 - <<'PY'
d = open('samples/cpu.prof', 'rb').read()
for name, at in (('crc', -6), ('len', -2), ('mid', 100)):
    b = bytearray(d)
    b[at] ^= 0xff
    open(name + '.gz', 'wb').write(b)
PY
for f in crc len mid; do try $f.gz; done
# torch passes it to pb2folded
torch --max-inflate=1K -r -p samples/cpu.prof >out || echo "torch: exit $?"
torch --max-inflate=1M -r -p samples/cpu.prof | head -n 1
torch --max-inflate=1x -r -p samples/cpu.prof >out || echo "torch: exit $?"
