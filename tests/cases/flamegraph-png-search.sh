# --search in a PNG: what the SVG's script shows on load: matching frames
# (annotation stripped, never the root) filled rgb(230,0,230), and
# "Matched: X%" at the bottom right.
printf 'a;b 3\na;c 1\nd_[k] 2\n' >in.folded
flamegraph --search '^[bd]$' -o out.png in.folded
# b 10..600 and d_[k] 796.7..1190 match; c, a and the root do not
pngcheck out.png 300,45 700,45 400,61 1000,61 600,77 1080,90,1200,118 |
    awk '$2 == "ink" { $0 = $1 " ink " ($3 > 0 ? "yes" : "no") } { print }'
flamegraph -o plain.png in.folded
pngcheck plain.png 1080,90,1200,118 |
    awk '$2 == "ink" { $0 = $1 " ink " ($3 > 0 ? "yes" : "no") } { print }'
