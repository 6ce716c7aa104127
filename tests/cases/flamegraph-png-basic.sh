# -o x.png draws the SVG's picture: its size, every frame's fill, the
# background gradient, labels (annotation stripped, none on the root) and
# the title, but not the SVG's interactive Search and ic buttons.
printf 'a;b 3\na;c 1\nd_[k] 2\n' >in.folded
flamegraph -o out.png in.folded
flamegraph -o out.svg in.folded
pngcheck -s out.svg out.png
# total 6 over 1180 px: a 10..796.7 (b 10..600, c 600..796.7), d_[k] to 1190;
# rows: root y 69..84, a and d_[k] 53..68, b and c 37..52
pngcheck out.png 0,0 1199,117 300,45 700,45 400,61 1000,61 600,77 \
    10,37 12,39 500,52 \
    12,38,30,52 602,38,620,52 799,54,811,68 812,54,1190,68 \
    30,38,598,52 12,70,1188,84 \
    400,8,800,30 0,0,350,30 850,0,1200,30 0,85,1200,118 |
    awk '$2 == "ink" { $0 = $1 " ink " ($3 > 0 ? "yes" : "no") } { print }'
