#!/bin/sh
# The builder on a stand-in CPython tree (tests/fixtures/fake-cpython): a
# build, a cache hit, a rebuild, a failing step that shows the log's tail,
# and an interrupted build that is never taken as complete.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$VARBENCH_SOURCE_ROOT/tests/fixtures/fake-cpython
vb() { "$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$tmp/db" "$@"; }
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }

vb release >"$tmp/out" 2>"$tmp/err" && grep -q "release: built in" "$tmp/err" && ok "fresh build" \
	|| { fail "fresh build"; cat "$tmp/err"; }
key=$(awk '{print $2}' "$tmp/out")
[ -x "$tmp/cache/builds/$(echo "$key" | cut -c1-16)/prefix/bin/python3" ] && ok "installed under the key" || fail "no install"
[ -f "$tmp/cache/builds/$(echo "$key" | cut -c1-16)/build.log" ] && ok "log kept" || fail "no log"

vb release >"$tmp/out2" 2>"$tmp/err" && grep -q "reusing cached build" "$tmp/err" && ! grep -q configure "$tmp/err" \
	&& ok "cache hit without configure" || { fail "cache hit"; cat "$tmp/err"; }
[ "$(awk '{print $2}' "$tmp/out2")" = "$key" ] && ok "same key" || fail "key changed"

vb pgo >"$tmp/out3" 2>"$tmp/err" || fail "pgo build"
[ "$(awk '{print $2}' "$tmp/out3")" != "$key" ] && ok "configure words change the key" || fail "pgo shares release's key"
vb --profile-task quick pgo >"$tmp/out4" 2>"$tmp/err" || fail "pgo quick build"
[ "$(awk '{print $2}' "$tmp/out4")" != "$(awk '{print $2}' "$tmp/out3")" ] && ok "profile task changes a PGO key" || fail "profile task ignored"
# A script task is keyed by the scripts' content, not by where they are.
mkdir -p "$tmp/copy1" "$tmp/copy2"
printf 'print("train")\n' >"$tmp/copy1/task.py"
cp "$tmp/copy1/task.py" "$tmp/copy2/task.py"
vb --profile-task "$tmp/copy1/task.py --size tiny" pgo >"$tmp/t1" 2>/dev/null
vb --profile-task "$tmp/copy2/task.py --size tiny" pgo >"$tmp/t2" 2>/dev/null
printf '# changed\n' >>"$tmp/copy2/task.py"
vb --profile-task "$tmp/copy2/task.py --size tiny" pgo >"$tmp/t3" 2>/dev/null
[ "$(awk '{print $2}' "$tmp/t1")" = "$(awk '{print $2}' "$tmp/t2")" ] && [ "$(awk '{print $2}' "$tmp/t2")" != "$(awk '{print $2}' "$tmp/t3")" ] \
	&& ok "script profile task keyed by content, not path" || fail "script task key"
vb --profile-task quick release >"$tmp/out5" 2>"$tmp/err" || fail "release quick"
[ "$(awk '{print $2}' "$tmp/out5")" = "$key" ] && ok "profile task does not change a non-PGO key" || fail "release key changed"

vb --rebuild release >/dev/null 2>"$tmp/err" && grep -q "release: configure" "$tmp/err" && ok "--rebuild rebuilds" || fail "--rebuild"

# A failing step: the last lines of the log, then one line with the log's path.
FAKE_FAIL=make vb pgo-lto >/dev/null 2>"$tmp/err"
status=$?
if [ $status -ne 0 ] && grep -q "fake.c:1: error: asked to fail" "$tmp/err" \
	&& tail -n 1 "$tmp/err" | grep -q "varbench: build of 'pgo-lto' failed (full log: .*build.log): make exited with status 2"; then
	ok "failure shows the log tail and path"
else
	fail "failure report"; cat "$tmp/err"
fi
log=$(tail -n 1 "$tmp/err" | sed -n 's/.*full log: \([^)]*\)).*/\1/p')
[ -f "$log" ] && ok "failed build's log kept" || fail "log missing after failure"

# An interrupted build must not count as complete next time.
FAKE_SLEEP=47 "$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$tmp/db" --rebuild release >/dev/null 2>"$tmp/err" &
pid=$!
sleep 2
kill -INT $pid
wait $pid
status=$?
[ $status -ne 0 ] && grep -q "interrupted" "$tmp/err" && ok "Ctrl-C stops the build ($(tail -n 1 "$tmp/err"))" \
	|| { fail "interrupt status $status"; cat "$tmp/err"; }
pgrep -f "sleep 47" >/dev/null && fail "make's children survived" || ok "no leftover processes"
vb release >/dev/null 2>"$tmp/err" && grep -q "release: configure" "$tmp/err" && ok "interrupted build redone" \
	|| { fail "interrupted build reused"; cat "$tmp/err"; }
# A build whose interpreter contradicts its variant is refused, and not cached.
FAKE_LIE=1 vb --rebuild pgo >/dev/null 2>"$tmp/err"
if [ $? -ne 0 ] && grep -q "build of 'pgo' is not what it claims (evidence: .*evidence): PGO requested but the compiler flags have no -fprofile-use" "$tmp/err"; then
	ok "verification refuses a PGO build without -fprofile-use"
else
	fail "verification"; cat "$tmp/err"
fi
vb pgo >/dev/null 2>"$tmp/err" && grep -q "pgo: configure" "$tmp/err" && ok "the refused build is not reused" || fail "refused build reused"
for v in tier2 no-mimalloc free-threading debug lto; do
	vb "$v" >/dev/null 2>"$tmp/err" && grep -q "$v: verify" "$tmp/err" && ok "$v builds and verifies" || { fail "$v"; cat "$tmp/err"; }
done

# Refusals come before any build, one line each, and nothing is built.
vb release tailcall jit >/dev/null 2>"$tmp/err"
if [ $? -ne 0 ] && grep -q "cannot build tailcall: needs CPython >= 3.14 with clang >= 19; source is 3.99.0, compiler gcc " "$tmp/err" \
	&& grep -q "cannot build jit: CPython 3.99 needs LLVM 77 (clang-77); found " "$tmp/err" \
	&& grep -q "2 of 3 variants cannot be built here (see above); nothing was built" "$tmp/err" && ! grep -q "configure" "$tmp/err"; then
	ok "tailcall and jit refused before building"
else
	fail "refusals"; cat "$tmp/err"
fi
"$VARBENCH" build --source "$src" --cache "$tmp/cache" --dry-run >"$tmp/dry" 2>&1
grep -q "^tailcall  *refused " "$tmp/dry" && grep -q "^release  *ok  *cached " "$tmp/dry" && grep -q "^bolt  *\(ok\|refused\) " "$tmp/dry" \
	&& ok "dry-run table lists every variant" || { fail "dry-run"; cat "$tmp/dry"; }

# builds lists what the database knows, with the evidence; gc removes what it does not.
"$VARBENCH" builds --db "$tmp/db" >"$tmp/builds" 2>&1
grep -q "^ok  *[0-9a-f]\{12\} pgo  .*PGO " "$tmp/builds" && grep -q "^ok  *[0-9a-f]\{12\} tier2 .*tier2 " "$tmp/builds" \
	&& ok "builds lists builds with their evidence" || { fail "builds"; cat "$tmp/builds"; }
mkdir -p "$tmp/cache/builds/0123456789abcdef/prefix"
"$VARBENCH" gc --db "$tmp/db" --cache "$tmp/cache" --dry-run >"$tmp/gc" 2>&1
grep -q "would remove .*0123456789abcdef .*not in the database" "$tmp/gc" && [ -d "$tmp/cache/builds/0123456789abcdef" ] \
	&& ok "gc --dry-run names the unreferenced build and keeps it" || { fail "gc dry run"; cat "$tmp/gc"; }
"$VARBENCH" gc --db "$tmp/db" --cache "$tmp/cache" >"$tmp/gc" 2>&1
[ ! -d "$tmp/cache/builds/0123456789abcdef" ] && [ -f "$tmp/cache/builds/$(echo "$key" | cut -c1-16)/complete" ] \
	&& ok "gc removed only the unreferenced build" || { fail "gc"; cat "$tmp/gc"; }

# Real compilers and tools on the fixture's interpreter core: gcc with BOLT
# borrowed from the newest LLVM, and the clang-19 family when installed.
vb bolt >/dev/null 2>"$tmp/err" && grep -q "^bolt=1" "$tmp/cache/builds/"*/evidence \
	&& ok "bolt with gcc: llvm-bolt ran and the ELF has .note.bolt_info" || { fail "bolt with gcc"; tail -n 5 "$tmp/err"; }
if [ -x /usr/lib/llvm-19/bin/clang ]; then
	for v in pgo thinlto tailcall bolt; do
		vb --cc clang-19 "$v" >/dev/null 2>"$tmp/err" && grep -q "$v@clang-19: verify" "$tmp/err" \
			&& ok "$v@clang-19 builds with LLVM 19's own tools and verifies" || { fail "$v@clang-19"; tail -n 5 "$tmp/err"; }
	done
	vb --cc gcc,clang-19 release >"$tmp/out" 2>"$tmp/err" && grep -q "^release@gcc " "$tmp/out" && grep -q "^release@clang-19 " "$tmp/out" \
		&& ok "--cc gcc,clang-19 builds each variant once per compiler" || { fail "--cc axis"; cat "$tmp/err"; }
else
	echo "skip clang-19 checks: /usr/lib/llvm-19/bin/clang is not installed (apt-get install clang-19 lld-19 llvm-19 bolt-19)"
fi

# Two processes asking for the same key at once: one builds, the other waits and reuses.
FAKE_SLEEP=3 vb --rebuild release >/dev/null 2>"$tmp/a.err" &
first=$!
sleep 1
FAKE_SLEEP=3 vb "$VARBENCH_SOURCE_ROOT/variants/release.ini" >/dev/null 2>"$tmp/b.err"
wait $first
grep -q "waiting for another varbench" "$tmp/b.err" && grep -q "reusing cached build" "$tmp/b.err" \
	&& ok "concurrent build of one key waits, then reuses" || { fail "concurrent builds"; cat "$tmp/a.err" "$tmp/b.err"; }

# A relative --cache: the build installs where it says, whatever the cwd.
if (cd "$tmp" && "$VARBENCH" build --source "$src" --cache rel-cache --db "$tmp/db" release >"$tmp/rel.out" 2>"$tmp/rel.err") \
	&& python=$(awk '{ print $3 }' "$tmp/rel.out") && [ "$python" = "$tmp/rel-cache/builds/${python#"$tmp/rel-cache/builds/"}" ] \
	&& [ -x "$python" ]; then
	ok "relative --cache builds into $python"
else
	fail "relative --cache"; cat "$tmp/rel.out" "$tmp/rel.err"
fi

exit $((failed > 0))
