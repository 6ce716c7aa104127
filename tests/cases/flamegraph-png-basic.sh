# -o x.png draws the SVG's picture: its size, every frame's fill, the
# background gradient, labels (annotation stripped, none on the root) and
# the title, but not the SVG's interactive Search and ic buttons.
printf 'a;b 3\na;c 1\nd_[k] 2\n' >in.folded
flamegraph -o out.png in.folded
flamegraph -o out.svg in.folded
pngcheck -s out.svg out.png
# total 6 over 1180 px: a 10..796.7 (b 10..600, c 600..796.7), d_[k] to 1190;
# rows: root y 69..84, a and d_[k] 53..68, b and c 37..52
pngcheck out.png 0,0 1199,117 300,45 700,45 400,61 1000,61 600,77 12,39 \
    12,38,30,52 602,38,620,52 799,54,811,68 812,54,1190,68 \
    30,38,598,52 12,70,1188,84 \
    400,8,800,30 0,0,350,30 850,0,1200,30 0,85,1200,118 |
    awk '$2 == "ink" { $0 = $1 " ink " ($3 > 0 ? "yes" : "no") } { print }'
# antialiased pixels, told apart without their exact values: b's rounded
# corner is paler than its fill; the 1 px gap between rows is background
# (the gradient at row 52 of 118: #eeeed3)
pngcheck out.png 10,37 500,52 | awk '
function hex(s) { return (index(H, substr(s, 1, 1)) - 1) * 16 + index(H, substr(s, 2, 1)) - 1 }
function ch(c, i) { return hex(substr(c, 2 + 2 * i, 2)) }
BEGIN { H = "0123456789abcdef" }
$1 == "10,37" { print "corner paler than #e6751c:", (ch($2, 1) > 117 ? "yes" : "no") }
$1 == "500,52" { d = ch($2, 2) - 211
	ok = ch($2, 0) == 238 && ch($2, 1) == 238 && d * d <= 4
	print "gap is background:", (ok ? "yes" : "no") }'
