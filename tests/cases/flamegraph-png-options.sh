# PNG with --inverted --dark, another width, frame height and font size,
# a subtitle, and a differential graph: frame fills equal the SVG's.
printf 'a;b 3\na;c 1\nd 2\n' >in.folded
set -- --inverted --dark --width 600 --height 20 --fontsize 10 --subtitle sub
flamegraph "$@" -o out.png in.folded
flamegraph "$@" -o out.svg in.folded
pngcheck -s out.svg out.png
# rows from the top, below the subtitle: root y 50..68, a and d 70..88,
# b and c 90..108; 96.7 px per count
pngcheck out.png 0,0 599,139 300,60 300,85 500,85 200,105 350,105
# labels stay black on the bright frames; the title is light
pngcheck out.png 12,72,22,88 30,72,390,88 200,0,400,30 0,0,200,30 |
    awk '$2 == "ink" { $0 = $1 " ink " ($3 > 0 ? "yes" : "no") \
	" light " ($5 > 0 ? "yes" : "no") } { print }'
printf 'a;b 1 3\na;c 4 1\nd 2 2\ne 0 3\n' >diff.folded
flamegraph -o diff.png diff.folded
flamegraph -o diff.svg diff.folded
pngcheck -s diff.svg diff.png
flamegraph --negate -o neg.png diff.folded
flamegraph --negate -o neg.svg diff.folded
pngcheck -s neg.svg neg.png
