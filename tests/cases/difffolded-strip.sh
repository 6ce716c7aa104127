# -s: hex addresses become 0x... before merging
difffolded -s data/diff/before.folded data/diff/after.folded
echo '-- with -n'
difffolded -ns data/diff/before.folded data/diff/after.folded
echo '-- only 0x followed by hex digits; case of the x kept'
printf 'f 0xZZ;g0x1F;h 0X12;0x 1\n' > s.folded
printf 'f 0xZZ;g0xab;h 0X12;0x 2\n' > t.folded
difffolded -s s.folded t.folded
