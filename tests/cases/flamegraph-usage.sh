# --help, --version, and usage errors (exit 2, with a pointer to --help).
flamegraph --help | head -n 3
flamegraph -h | tail -n 1
flamegraph --version
flamegraph -version
for o in --colors=go '--bgcolors #12345' '--bgcolors #<scrip' --width=abc \
    '--width 20' '--height 0' '--minwidth 1x' '--minwidth -1' --fontsize=0 \
    '--factor 0' '--total -5' '--truncate=middle' '-f gif' \
    --nosuch -q; do
	flamegraph $o data/flamegraph/basic.folded >/dev/null 2>err || echo "$o: exit $?"
	head -n 1 err >&2
done
flamegraph data/flamegraph/basic.folded -o || echo "-o: exit $?"
flamegraph data/flamegraph/basic.folded -width || echo "-width: exit $?"
