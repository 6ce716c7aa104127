# PDF: a complete file, one page of the image's size, byte-identical
# across runs (no creation date); invalid UTF-8 in names and title is drawn.
printf 'a;b 3\na;c\377 1\n' >in.folded
t=$(printf 'T\377tle')
flamegraph --title "$t" -o a.pdf in.folded
sleep 1
flamegraph --title "$t" -f pdf in.folded >b.pdf
cmp a.pdf b.pdf && echo identical
head -c 8 a.pdf; echo
grep -a -c CreationDate a.pdf || true
grep -a -o 'MediaBox \[[^]]*\]' a.pdf
grep -a -c '/Type /Page\b' a.pdf
tail -c 6 a.pdf
