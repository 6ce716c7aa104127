# --help, --version, usage errors (exit 2)
foldmerge --help | head -n 2
foldmerge --version
foldmerge --nosuch 2>&1 || echo "exit $?"
foldmerge - - < /dev/null 2>&1 || echo "exit $?"
foldmerge -s - - < /dev/null 2>&1 || echo "exit $?"
foldmerge nosuch.folded 2>&1 || echo "exit $?"
