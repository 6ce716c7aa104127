# gzip that expands past the default limit (1 GiB) is refused early, with
# one line, nothing on stdout.  The bomb is made cheaply: one deflate block
# of 1 MiB of zeros, flushed, repeats byte for byte, so 1100 copies of it
# are a valid stream of 1100 MiB (its trailer is never reached).
python3 - <<'PY'
import zlib
c = zlib.compressobj(9, zlib.DEFLATED, 31)
z = bytes(1 << 20)
first = c.compress(z) + c.flush(zlib.Z_SYNC_FLUSH)
block = c.compress(z) + c.flush(zlib.Z_SYNC_FLUSH)
with open('bomb.gz', 'wb') as f:
    f.write(first + block * 1099 + c.flush())
PY
[ "$(wc -c <bomb.gz)" -lt 2000000 ] && echo "bomb: under 2 MB"
pb2folded bomb.gz || echo "exit $?"
