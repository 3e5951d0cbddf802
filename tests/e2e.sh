#!/bin/sh
# End to end on real CPython: build `release` from the shared 3.13 tarball (or
# $VARBENCH_TEST_SOURCE), reuse it from the cache, measure it against a
# runtime-only variant that shares its build, catch a correctness failure and
# a crash, compare, draw the chart, and check the database rows.
# Exit 77 (skipped) when no CPython source is available.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
: "${PNG_INSPECT:?set PNG_INSPECT to the png_inspect helper}"
root=$VARBENCH_SOURCE_ROOT
source=${VARBENCH_TEST_SOURCE:-$root/../shared/cpython/python3.13_3.13.15.orig.tar.xz}
if [ ! -e "$source" ]; then
	echo "SKIP: no CPython source at $source (set VARBENCH_TEST_SOURCE to a checkout or tarball)"
	exit 77
fi
# The build cache outlives the test so a re-run takes seconds, not minutes.
cache=${VARBENCH_TEST_CACHE:-$(mktemp -d)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/results.db
fixtures=$root/tests/fixtures
failed=0

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }

echo "== build release from $source (cache $cache)"
if ! "$VARBENCH" build --source "$source" --cache "$cache" --db "$db" release; then
	echo "FAIL: build failed"; exit 1
fi
ok "build"

echo "== the same build again must come from the cache"
start=$(date +%s.%N)
"$VARBENCH" build --source "$source" --cache "$cache" --db "$db" release 2>"$tmp/again.err" || fail "second build"
end=$(date +%s.%N)
cat "$tmp/again.err"
grep -q "reusing cached build" "$tmp/again.err" && ok "cache hit reported" || fail "no cache hit"
python3 -c "import sys; sys.exit(0 if $end - $start < 10 else 1)" && ok "cache hit in $(python3 -c "print(round($end - $start, 2))") s" || fail "cache hit too slow"

echo "== run nbody 3 times on release and a runtime-only variant"
"$VARBENCH" run --source "$source" --cache "$cache" --db "$db" -w nbody -n 3 --warmups 1 --seed 7 \
	release "$fixtures/variants/release-malloc.ini" || fail "run"
[ "$(sql 'SELECT COUNT(*) FROM sample')" = 8 ] && ok "8 samples stored" || fail "sample count $(sql 'SELECT COUNT(*) FROM sample')"
[ "$(sql 'SELECT COUNT(*) FROM sample WHERE warmup = 1')" = 2 ] && ok "2 warm-ups flagged" || fail "warm-up count"
[ "$(sql "SELECT COUNT(*) FROM sample WHERE status = 'ok' AND wall_ns > 0 AND user_ns > 0 AND maxrss_kb > 0")" = 8 ] \
	&& ok "all samples ok with times" || fail "sample contents"
[ "$(sql 'SELECT COUNT(*) FROM build')" = 1 ] && ok "one build shared by both variants" || fail "build count"
[ "$(sql 'SELECT COUNT(*) FROM variant')" = 2 ] && ok "two variants" || fail "variant count"
[ "$(sql "SELECT COUNT(*) FROM counter_value WHERE event = 'task-clock' AND scaled > 0")" = 8 ] \
	&& ok "task-clock counted for every sample" || fail "task-clock values"
[ "$(sql "SELECT status FROM campaign")" = complete ] && ok "campaign complete" || fail "campaign status"
[ "$(sql "SELECT build_seconds > 0 AND binary_bytes > 1000000 FROM build")" = 1 ] \
	&& ok "build time and size stored" || fail "build facts"

echo "== compare"
"$VARBENCH" compare --db "$db" >"$tmp/compare.txt" || fail "compare"
cat "$tmp/compare.txt"
grep -q "^nbody " "$tmp/compare.txt" && ok "compare row" || fail "no nbody row"
grep -q "^geometric mean " "$tmp/compare.txt" && ok "geometric mean" || fail "no geometric mean"

echo "== derived metrics: task-clock / wall works everywhere, IPC needs hardware counters"
"$VARBENCH" compare --db "$db" --metric cpu-util >"$tmp/util.txt" 2>&1 && grep -q "^nbody  *0\.[0-9]*  *[01]\.[0-9]* " "$tmp/util.txt" \
	&& ok "cpu-util (task-clock / wall) compared" || { fail "cpu-util"; cat "$tmp/util.txt"; }
"$VARBENCH" compare --db "$db" --metric ipc >"$tmp/ipc.txt" 2>&1
[ $? -ne 0 ] && grep -q "metric ipc is instructions / cycles, and campaign 1 did not count instructions and cycles" "$tmp/ipc.txt" \
	&& ok "ipc without counters is refused with the reason" || { fail "ipc message"; cat "$tmp/ipc.txt"; }

echo "== report"
"$VARBENCH" report --db "$db" -o "$tmp/report" >"$tmp/report.out" || fail "report"
cat "$tmp/report.out"
size=$(sed -n 's/^wrote .*speedup.png (\([0-9]*\)x\([0-9]*\))$/\1 \2/p' "$tmp/report.out")
set -- $("$PNG_INSPECT" "$tmp/report/speedup.png") 0 0 0 0
if [ "$1 $2" = "$size" ] && [ "$1" -ge 600 ] && [ "$2" -ge 200 ] && [ "$3" -gt 5000 ] && [ "$4" -gt 10 ]; then
	ok "speedup.png is ${1}x$2 with $3 drawn pixels in $4 colours"
else
	fail "speedup.png: got '$1 $2 $3 $4', report said '$size'"
fi

echo "== correctness failure and crash are recorded, not timed"
"$VARBENCH" run --source "$source" --cache "$cache" --db "$db" --manifest "$fixtures/workloads/manifest.ini" \
	-n 2 --warmups 0 release 2>"$tmp/bad.err" || fail "run with bad workloads"
cat "$tmp/bad.err"
grep -q "release on wrong: output differs from the expected checksum" "$tmp/bad.err" && ok "wrong output reported" || fail "wrong output not reported"
grep -q "release on crash: killed by signal" "$tmp/bad.err" && ok "crash reported" || fail "crash not reported"
[ "$(sql "SELECT COUNT(*) FROM sample WHERE status = 'wrong-output'")" = 2 ] && ok "wrong-output stored" || fail "wrong-output rows"
[ "$(sql "SELECT COUNT(*) FROM sample WHERE status = 'crashed' AND signal = 11")" = 2 ] && ok "crash stored with SIGSEGV" || fail "crash rows"

echo "== a hardware event: counted where there is a PMU, reported once where there is none"
"$VARBENCH" run --source "$source" --cache "$cache" --db "$db" -w nbody -n 2 --warmups 0 \
	--events task-clock,instructions release 2>"$tmp/hw.err" || fail "run with instructions"
cat "$tmp/hw.err"
last=$(sql 'SELECT MAX(id) FROM campaign')
if grep -q "event instructions not counted" "$tmp/hw.err"; then
	[ "$(grep -c 'event instructions not counted' "$tmp/hw.err")" = 1 ] && ok "unsupported event reported once" || fail "reported more than once"
	[ "$(sql "SELECT COUNT(*) FROM campaign_event WHERE campaign_id = $last AND event = 'instructions' AND supported = 0 AND reason != ''")" = 1 ] \
		&& ok "unsupported event recorded with its reason" || fail "event record"
	[ "$(sql "SELECT COUNT(*) FROM counter_value c JOIN sample s ON s.id = c.sample_id WHERE s.campaign_id = $last AND c.event = 'task-clock'")" = 2 ] \
		&& ok "software event still counted" || fail "task-clock missing"
	"$VARBENCH" compare --db "$db" --campaign "$last" --metric ipc >"$tmp/ipc-nopmu.txt" 2>&1
	grep -q "did not count instructions and cycles (it counted: task-clock);" "$tmp/ipc-nopmu.txt" \
		&& ok "ipc refused, naming only what was counted" || { cat "$tmp/ipc-nopmu.txt"; fail "ipc message"; }
else
	[ "$(sql "SELECT COUNT(*) FROM counter_value c JOIN sample s ON s.id = c.sample_id WHERE s.campaign_id = $last AND c.event = 'instructions' AND raw > 0")" = 2 ] \
		&& ok "instructions counted (this machine has a PMU)" || fail "instructions missing"
fi

exit $((failed > 0))
