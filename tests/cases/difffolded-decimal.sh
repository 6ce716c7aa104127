# decimal counts stay exact; negative counts (pprof -base style) pass through
difffolded data/diff/dec-before.folded data/diff/dec-after.folded
echo '--'
difffolded data/diff/base.folded data/diff/dec-after.folded
echo '-- zero stacks of either input are kept'
difffolded data/diff/base.folded data/diff/base.folded
echo '-- more decimals in BEFORE than in AFTER'
difffolded data/diff/dec-after.folded data/diff/dec-before.folded
