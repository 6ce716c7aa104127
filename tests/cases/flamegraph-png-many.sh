# PNG of 3000 stacks with long, annotated and non-ASCII names, cut on
# either side: the fills of all frames wide enough to check equal the SVG's.
awk 'BEGIN {
	for (i = 0; i < 3000; i++) {
		s = "root"
		for (d = 0; d < 1 + i % 23; d++)
			s = s ";f" (i * 7 + d * 13) % 97 (d % 5 == 0 ? "_[k]" : "") \
			    (d % 7 == 0 ? "::caf\303\251<T>" : "")
		print s, 1 + i % 11
	}
}' >in.folded
flamegraph -o out.png in.folded
flamegraph -o out.svg in.folded
pngcheck -s out.svg out.png
flamegraph --truncate left --colors java -o left.png in.folded
flamegraph --truncate left --colors java -o left.svg in.folded
pngcheck -s left.svg left.png
