# Differential input: width from AFTER, colour from the frame's own
# change against the largest change (red grows, blue shrinks, white
# none), "; +D%" in tooltips; --negate swaps hues and signs.
frames() { sed -n '/^<g id="frames">/,$p'; }
flamegraph data/flamegraph/diff.folded | frames
flamegraph data/flamegraph/diff.folded | grep -o '"diff":[a-z]*'
echo '-- --negate'
flamegraph --negate data/flamegraph/diff.folded | frames
