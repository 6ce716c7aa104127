# every stack of either side, 0 where a side lacks it, sorted bytewise
difffolded data/diff/before.folded data/diff/after.folded
echo '-- stdin as BEFORE, -o FILE'
difffolded -o out.folded - data/diff/after.folded < data/diff/before.folded
cat out.folded
echo '-- stdin as AFTER'
difffolded data/diff/before.folded - < data/diff/after.folded | head -n 2
