#!/bin/sh
# The workload suite and the manifest's features, in seconds:
#  - every shipped workload at its tiny size on Debian's python3 prints what
#    its checksum says (`varbench workloads --check`);
#  - listing, --tag and --size on the command line, with their errors;
#  - a whole `varbench run --size tiny` of the suite on a stand-in build
#    (tests/fixtures/fake-cpython installs a python3 that execs
#    /usr/bin/python3): one good sample per workload, stored with its tiny
#    arguments; then the fixture manifest, whose deliberately wrong output
#    must be caught as a correctness failure.
# Exit 77 (skipped) when /usr/bin/python3 (or $VARBENCH_TEST_PYTHON) is missing.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
py=${VARBENCH_TEST_PYTHON:-/usr/bin/python3}
if [ ! -x "$py" ]; then
	echo "SKIP: no $py to run the workloads on (set VARBENCH_TEST_PYTHON to an interpreter)"
	exit 77
fi
root=$VARBENCH_SOURCE_ROOT
fixtures=$root/tests/fixtures/workloads
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/results.db
failed=0

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { "$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }

echo "== the suite at tiny size on $py"
"$VARBENCH" workloads >"$tmp/list" || fail "varbench workloads"
count=$(($(wc -l <"$tmp/list") - 1))
[ "$count" -ge 20 ] && ok "$count workloads listed" || fail "only $count workloads listed"
"$VARBENCH" workloads --size tiny --check "$py" >"$tmp/check" 2>&1
status=$?
cat "$tmp/check"
[ $status -eq 0 ] && tail -n 1 "$tmp/check" | grep -q ": $count ok, 0 wrong output, 0 failed, 0 without checksum$" \
	&& ok "every workload matches its tiny checksum" || fail "tiny check (status $status)"

echo "== selection and listing"
"$VARBENCH" workloads --tag float --tag startup >"$tmp/tags" || fail "--tag"
grep -q "^nbody " "$tmp/tags" && grep -q "^startup " "$tmp/tags" && ! grep -q "^json " "$tmp/tags" \
	&& ok "--tag is a union of tags" || { fail "--tag listing"; cat "$tmp/tags"; }
"$VARBENCH" workloads --tag nosuch 2>"$tmp/err" && fail "unknown tag accepted"
grep -q "^varbench: unknown tag 'nosuch' (tags in .*: .*float" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ] \
	&& ok "unknown tag: $(cat "$tmp/err")" || { fail "unknown tag message"; cat "$tmp/err"; }
"$VARBENCH" run --source /tmp --size huge release 2>"$tmp/err" && fail "bad size accepted"
grep -q "^varbench: --size: unknown size 'huge' (sizes: tiny, default, long)$" "$tmp/err" \
	&& ok "bad size: $(cat "$tmp/err")" || { fail "bad size message"; cat "$tmp/err"; }
"$VARBENCH" workloads --manifest "$fixtures/sizes.ini" -v -w coll.alpha >"$tmp/verbose" || fail "verbose listing"
grep -q "checksum 30cc851f" "$tmp/verbose" && grep -q "collection/alpha.py" "$tmp/verbose" \
	&& ok "a directory entry lists its scripts, sizes and checksums" || { fail "verbose listing"; cat "$tmp/verbose"; }
for size in tiny default; do
	"$VARBENCH" workloads --manifest "$fixtures/sizes.ini" --size $size --check "$py" >"$tmp/out" 2>&1 \
		&& ok "sizes.ini ($size): $(tail -n 1 "$tmp/out")" || { fail "sizes.ini at $size"; cat "$tmp/out"; }
done
"$VARBENCH" workloads --manifest "$fixtures/manifest.ini" --check "$py" >"$tmp/out" 2>&1 && fail "wrong output passed --check"
grep -q "^WRONG   wrong " "$tmp/out" && grep -q "^FAILED  crash " "$tmp/out" \
	&& ok "--check reports the wrong output and the crash" || { fail "--check on bad fixtures"; cat "$tmp/out"; }

echo "== varbench run --size tiny on a stand-in build"
cache=$tmp/cache
src=$root/tests/fixtures/fake-cpython
if ! "$VARBENCH" build --source "$src" --cache "$cache" --db "$db" release >/dev/null 2>"$tmp/err"; then
	cat "$tmp/err"; fail "fake build"; exit 1
fi
"$VARBENCH" run --source "$src" --cache "$cache" --db "$db" --size tiny -n 1 --warmups 0 --seed 1 release \
	>/dev/null 2>"$tmp/run.err" || { fail "suite run"; cat "$tmp/run.err"; }
[ "$(sql "SELECT COUNT(*) FROM sample WHERE status = 'ok'")" = "$count" ] && ok "$count good samples" \
	|| { fail "good samples: $(sql "SELECT COUNT(*) FROM sample WHERE status = 'ok'") of $count"; cat "$tmp/run.err"; }
[ "$(sql "SELECT COUNT(*) FROM workload")" = "$count" ] && ok "one workload row each" || fail "workload rows"
[ "$(sql "SELECT args FROM workload WHERE name = 'nbody'")" = 1000 ] && ok "stored with its tiny arguments" \
	|| fail "nbody args '$(sql "SELECT args FROM workload WHERE name = 'nbody'")'"
[ "$(sql "SELECT args FROM workload WHERE name = 'startup-once'")" = "{python} -c pass" ] \
	&& ok "a command is stored with its {python} placeholder" || fail "command args"
[ "$(sql "SELECT COUNT(DISTINCT digest) FROM workload")" = "$count" ] && ok "every row has its own digest" \
	|| fail "digests"

"$VARBENCH" run --source "$src" --cache "$cache" --db "$db" --size tiny --tag float -n 1 --warmups 0 release \
	>/dev/null 2>"$tmp/err" || { fail "run --tag"; cat "$tmp/err"; }
floats=$(($("$VARBENCH" workloads --tag float | wc -l) - 1))
[ "$(sql "SELECT COUNT(*) FROM campaign_workload WHERE campaign_id = (SELECT MAX(id) FROM campaign)")" = "$floats" ] \
	&& ok "--tag float ran the $floats float workloads" || fail "--tag run"

echo "== the deliberately wrong output is a correctness failure"
"$VARBENCH" run --source "$src" --cache "$cache" --db "$db" --manifest "$fixtures/manifest.ini" --size tiny \
	-n 2 --warmups 0 release >/dev/null 2>"$tmp/bad.err"
cat "$tmp/bad.err"
grep -q "release on wrong: output differs from the expected checksum" "$tmp/bad.err" \
	&& ok "wrong output reported" || fail "wrong output not reported"
grep -q "varbench: left out, no 'tiny' size: crash" "$tmp/bad.err" && ok "a workload without the size is named" \
	|| fail "left-out workload not named"
last="(SELECT MAX(id) FROM campaign)"
[ "$(sql "SELECT COUNT(*) FROM sample WHERE campaign_id = $last AND status = 'wrong-output'")" = 2 ] \
	&& [ "$(sql "SELECT COUNT(*) FROM sample WHERE campaign_id = $last AND status = 'ok'")" = 2 ] \
	&& ok "wrong-output stored, never as a timing" || fail "wrong-output rows"

echo "== interpreter arguments must reach a command"
"$VARBENCH" run --source "$src" --cache "$cache" --db "$db" --manifest "$fixtures/sizes.ini" -w shell \
	"$root/tests/fixtures/variants/plain.ini" >/dev/null 2>"$tmp/err" && fail "shell command accepted"
grep -q "workload 'shell' (.*sizes.ini:[0-9]*): variant 'plain' has interpreter arguments" "$tmp/err" \
	&& ok "$(cat "$tmp/err")" || { fail "python-args message"; cat "$tmp/err"; }
exit $((failed > 0))
