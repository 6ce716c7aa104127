# --json: the same table; integers as numbers, decimals as exact strings
foldtop --json -n 2 data/diff/before.folded
difffolded data/diff/before.folded data/diff/after.folded | foldtop --json -n 2
difffolded data/diff/dec-before.folded data/diff/dec-after.folded | foldtop --json -n 1 -o out.json
cat out.json
