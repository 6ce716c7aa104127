# malformed lines are skipped and summarised, never output; a two-count line
# is malformed in difffolded's inputs; --strict stops at the first
difffolded data/diff/bad.folded data/diff/dec-after.folded
difffolded data/diff/dec-after.folded data/diff/bad.folded >/dev/null
difffolded --strict data/diff/bad.folded data/diff/after.folded || echo "exit $?"
