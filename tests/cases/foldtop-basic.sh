# pprof -top style table of a two-column profile
foldtop data/diff/before.folded
echo '-- -n 2'
foldtop -n 2 data/diff/before.folded
echo '-- --sort cum, -nodecount=0 (all, single dash like pprof)'
foldtop --sort cum -nodecount=0 data/diff/before.folded
echo '-- several inputs are merged; stdin as -'
foldtop data/diff/before.folded - < data/diff/after.folded
