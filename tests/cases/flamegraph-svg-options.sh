# flamegraph.pl's options, spelt as its users do (one dash, --opt=v, after
# the file), on the frames, the sizes and the headings they change.
frames() { sed -n '/^<svg /p;/^<text id=/p;/^<g id="frames">/,$p'; }
f=data/flamegraph/basic.folded
echo '-- -width 600 -height 20 -fontsize 10 -minwidth 40 -title T -subtitle S'
flamegraph $f -width 600 -height 20 -fontsize 10 -minwidth 40 -title T -subtitle S | frames
echo '-- --inverted --minwidth=10% --colors=java --countname=ms --factor 0.5'
flamegraph --inverted --minwidth=10% --colors=java --countname=ms --factor 0.5 $f | frames
echo '-- -total 200 -colors mem -hash -fonttype "DejaVu Sans" -fontwidth 0.7 -notes n'
flamegraph -total 200 -colors mem -hash -fonttype "DejaVu Sans" -fontwidth 0.7 -notes 'a -- b' $f >o.svg
frames <o.svg
grep -E 'NOTES|font-family|stop-color' o.svg
echo '-- --bgcolors "#102030" --reverse --minwidth 0'
flamegraph --bgcolors '#102030' --reverse --minwidth 0 $f | grep -E 'stop-color|^<g><title>'
echo '-- --flamechart: input order, adjacent stacks merge'
printf 'a;b 1\na 1\na;b 2\nc 1\na;b 1\n' | flamegraph --flamechart | frames
echo '-- --colors chain: waker frames, an extra -- leaf'
printf 'a;b;--;c;d 2\ne 1\n' | flamegraph --colors chain | sed -n '/^<g id="frames">/,$p'
echo '-- Getopt::Long spellings: any case, unique prefixes, one dash; values stay'
flamegraph -Wid 300 --TITLE -inverted -colo=red $f | sed -n '/^<svg /p;/^<text id="title"/p'
flamegraph -t x $f 2>&1 >/dev/null | head -n 1 || true
