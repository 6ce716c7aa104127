# Every kind of output is well-formed, valid SVG 1.1 (the DTD from
# w3c-sgml-lib, no network) and has only the contract's elements.
f=data/flamegraph/basic.folded
flamegraph $f >1.svg
flamegraph --inverted --subtitle s --minwidth 0 $f >2.svg
flamegraph data/flamegraph/diff.folded >3.svg
flamegraph --flamechart --colors chain --reverse $f >4.svg
flamegraph --dark --truncate=left --search 'run|main' data/flamegraph/unicode.folded >5.svg
flamegraph data/flamegraph/hostile.folded >6.svg
flamegraph data/flamegraph/crlf.folded >7.svg
pb2folded samples/cpu.prof | flamegraph --colors java --width 800 >8.svg
for s in 1 2 3 4 5 6 7 8; do
	xmllint --nonet --valid --noout $s.svg && echo "$s.svg: valid"
done
python3 data/flamegraph/svgcheck.py 1.svg 2.svg 3.svg 4.svg 5.svg 6.svg 7.svg 8.svg
