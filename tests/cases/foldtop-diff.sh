# three-column input: before, after, change, change of the share in points
difffolded data/diff/before.folded data/diff/after.folded > ab.folded
foldtop ab.folded
echo '-- --sort cum'
foldtop --sort cum ab.folded
echo '-- decimals'
difffolded data/diff/dec-before.folded data/diff/dec-after.folded | foldtop -n 2
