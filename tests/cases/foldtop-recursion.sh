# a function recursing is counted once per stack in cum (as pprof does)
# f: stacks main;f;g;f;g (4) and main;f;f;f (3) -> cum 7; g: 4 + 2 = 6; h: 2 + 1 = 3
foldtop --sort cum data/diff/recursive.folded
