# Large files are parsed by two threads (each half into its own trie, then
# merged); FLAMEKIT_PARALLEL_MIN=1 forces that path on small files.  Both
# paths must give the same bytes, the same messages and the same line numbers.
gzip -dc data/edge/gen-2mb-seed3.folded.gz > gen.folded
{ cat data/diff/before.folded; echo 'bad line'; cat data/diff/dec-before.folded; echo 'x 1'; } > mixed.folded
for f in gen.folded mixed.folded data/diff/recursive.folded data/diff/third.diff.folded; do
	for cmd in "foldtop -n 0" "difffolded $f" "difffolded -s $f" "flamegraph"; do
		FLAMEKIT_PARALLEL_MIN=999999999999 $cmd $f >one.out 2>one.err || true
		FLAMEKIT_PARALLEL_MIN=1 $cmd $f >two.out 2>two.err || true
		if cmp -s one.out two.out && cmp -s one.err two.err; then
			echo "same: $cmd $f"
		else
			echo "DIFFERENT: $cmd $f"
		fi
	done
done
# an error in the second half keeps its line number
{ i=0; while [ $i -lt 40 ]; do echo "a;b$i $i"; i=$((i + 1)); done; echo 'no count here'; echo 'c 1'; } > late.folded
FLAMEKIT_PARALLEL_MIN=1 difffolded --strict late.folded late.folded 2>&1 || echo "exit $?"
FLAMEKIT_PARALLEL_MIN=1 foldtop late.folded 2>&1 >/dev/null
