# exact decimals; negative counts: total is the sum of |count|, order by |flat|
foldtop data/diff/dec-after.folded
echo '--'
foldtop data/diff/base.folded
echo '-- 1/3 rounds to 33.33, 2/3 to 66.67, 1/8 is 12.50'
printf 'a 1\nb 2\n' | foldtop
printf 'a 1\nb 7\n' | foldtop
echo '-- annotated names are functions of their own'
printf 'a;b_[k] 1\na;b 2\na;b_[k];b 1\n' | foldtop
