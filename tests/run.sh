#!/bin/sh
# run.sh BUILDDIR [case.sh ...] - run golden CLI cases; print "N passed, N failed".
#
# A case tests/cases/NAME.sh runs with sh -e in a scratch directory where
# samples/ and data/ (tests/data) are reachable by relative paths and the
# tools are on PATH.  Its stdout must equal NAME.out, its stderr NAME.err
# (empty when absent), its exit status NAME.exit (0 when absent).
# UPDATE=1 rewrites the expectations; RUNNER='valgrind -q' wraps each tool.
bin=$(cd "${1:?usage: run.sh builddir [case...]}" && pwd) || exit 2
shift
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- "$here"/cases/*.sh
mkdir "$tmp/bin"
for t in "$bin"/*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	case ${t##*/} in test_*|*.o|*.a|*.d) continue ;; esac
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${RUNNER-}" "$t" >"$tmp/bin/${t##*/}"
	chmod +x "$tmp/bin/${t##*/}"
done
[ -x "$here/../scripts/torch" ] && ln -s "$here/../scripts/torch" "$tmp/bin/torch"
export PATH="$tmp/bin:$PATH" LC_ALL=C TZ=UTC
pass=0 fail=0
for c do
	case $c in /*) ;; *) c=$PWD/$c ;; esac
	[ -f "$c" ] || continue
	w=${c%.sh} g=$tmp/${c##*/}
	mkdir "$g.d"
	ln -s "$here/../samples" "$g.d/samples"
	ln -s "$here/data" "$g.d/data"
	(cd "$g.d" && sh -e "$c") >"$g.out" 2>"$g.err" </dev/null
	rc=$?
	if [ -n "${UPDATE-}" ]; then
		cp "$g.out" "$w.out"
		rm -f "$w.err" "$w.exit"
		[ -s "$g.err" ] && cp "$g.err" "$w.err"
		[ $rc -ne 0 ] && echo $rc >"$w.exit"
	fi
	e=$w.err
	[ -f "$e" ] || e=/dev/null
	want=$(cat "$w.exit" 2>/dev/null || echo 0)
	if [ "$rc" -eq "$want" ] && cmp -s "$w.out" "$g.out" && cmp -s "$e" "$g.err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL ${c##*/} (exit $rc, want $want)"
		diff -u "$w.out" "$g.out" | head -n 20
		diff -u "$e" "$g.err" | head -n 10
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
