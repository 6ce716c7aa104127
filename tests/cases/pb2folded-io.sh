# stdin, '-', -o FILE (complete or absent), quiet on success
pb2folded samples/cpu.prof > a
pb2folded < samples/cpu.prof | cmp - a && echo "stdin: same"
pb2folded - < samples/cpu.prof | cmp - a && echo "-: same"
pb2folded -o out.folded samples/cpu.prof
cmp out.folded a && echo "-o: same"
gzip -dc samples/cpu.prof > cpu.raw
pb2folded cpu.raw | cmp - a && echo "uncompressed: same"
pb2folded -o bad.folded samples/cpu.prof samples/nonexistent.prof 2>&1 || echo "exit $?"
test -e bad.folded || echo "no bad.folded"
