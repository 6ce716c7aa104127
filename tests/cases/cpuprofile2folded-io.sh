# stdin, '-', -o FILE (complete or absent), several profiles merged, quiet on success
p=data/cpuprofile/small.cpuprofile
cpuprofile2folded $p > a
cpuprofile2folded < $p | cmp - a && echo "stdin: same"
cpuprofile2folded - < $p | cmp - a && echo "-: same"
cpuprofile2folded -o out.folded $p
cmp out.folded a && echo "-o: same"
echo "== merged with itself: values double"
cpuprofile2folded $p - < $p
echo "== a bad second file: no output file"
cpuprofile2folded -o bad.folded $p nonexistent.cpuprofile 2>&1 || echo "exit $?"
test -e bad.folded || echo "no bad.folded"
echo '{"nodes": [' > trunc.cpuprofile
cpuprofile2folded -o out.folded trunc.cpuprofile 2>&1 || echo "exit $?"
cmp out.folded a && echo "out.folded unchanged"
