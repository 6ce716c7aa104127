# A line whose first byte is '#' is a comment in every folded reader: no
# frame, no malformed-line warning, totals unchanged (austin's metadata).
printf '# austin: 3.6.0\n# interval: 100\nmain;a 3\n#main;metadataline 1000\nmain;b 1\n# duration: 23873\n' > in.folded
printf 'main;a 1\n#main;a 50\n' > before.folded
echo '== flamegraph -f json'
flamegraph -f json in.folded
echo
echo '== foldtop'
foldtop -n 0 in.folded
echo '== difffolded'
difffolded before.folded in.folded
echo '== folded2pb | pb2folded'
folded2pb in.folded | pb2folded
echo '== a # after the first byte is part of a frame'
printf ' #x 2\na;#b 3\n' | flamegraph -f json
echo
echo '== svg: no commented frame, total 4'
flamegraph in.folded > out.svg
grep -c metadataline out.svg || true
grep -o 'all (4 samples' out.svg | head -n 1
