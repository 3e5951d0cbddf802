#!/bin/sh
# The slow suite (not run by tests/run; `meson test -C build-tests --suite slow`):
# build and verify release, pgo-lto, no-mimalloc and tier2 of real CPython
# with the quick profile task, and check the refusal lines for tailcall and
# jit on CPython 3.13.  About 25 minutes on 2 cores from a cold cache.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
source=${VARBENCH_TEST_SOURCE:-$VARBENCH_SOURCE_ROOT/../shared/cpython/python3.13_3.13.15.orig.tar.xz}
if [ ! -e "$source" ]; then
	echo "SKIP: no CPython source at $source (set VARBENCH_TEST_SOURCE)"
	exit 77
fi
cache=${VARBENCH_TEST_CACHE:-$(mktemp -d)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }

for v in release pgo-lto no-mimalloc tier2; do
	if "$VARBENCH" build --source "$source" --cache "$cache" --db "$tmp/db" --profile-task quick "$v" 2>"$tmp/$v.err"; then
		ok "$v built and verified: $(grep -E "$v: (built in|reusing)" "$tmp/$v.err" | tail -n 1)"
	else
		fail "$v"; tail -n 30 "$tmp/$v.err"
	fi
done
"$VARBENCH" builds --db "$tmp/db"

version=$("$VARBENCH" build --dry-run --source "$source" --cache "$cache" release 2>/dev/null \
	| sed -n 's/^source .*: CPython \([^ ]*\) (digest .*/\1/p')
case $version in
3.13.*)
	"$VARBENCH" build --source "$source" --cache "$cache" --db "$tmp/db" tailcall jit 2>"$tmp/refuse.err"
	cat "$tmp/refuse.err"
	grep -q "cannot build tailcall: needs CPython >= 3.14 with clang >= 19; source is $version, compiler gcc" "$tmp/refuse.err" \
		&& ok "tailcall refused on $version" || fail "tailcall refusal"
	grep -q "cannot build jit: CPython 3.13 needs LLVM 18 (clang-18); found" "$tmp/refuse.err" \
		&& ok "jit refused on $version" || fail "jit refusal"
	;;
*)	echo "source is $version: the 3.13 refusal checks do not apply" ;;
esac
exit $((failed > 0))
