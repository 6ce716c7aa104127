# -n: BEFORE (total 100) scaled to AFTER's total (110), rounded half away
# from zero: 15 -> 16.5 -> 17 and 5 -> 5.5 -> 6 (difffolded.pl truncates)
difffolded -n data/diff/before.folded data/diff/after.folded
echo '-- equal totals: unchanged'
difffolded -n data/diff/before.folded data/diff/before.folded | head -n 2
echo '-- decimals: rounded to the counts precision (3 decimals)'
difffolded --normalize data/diff/dec-before.folded data/diff/dec-after.folded
echo '-- negative counts'
difffolded -n data/diff/base.folded data/diff/after.folded
echo '-- BEFORE total 0: warned, not normalized'
printf 'a 0\n' > zero.folded
difffolded -n zero.folded data/diff/dec-after.folded
