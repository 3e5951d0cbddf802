#!/bin/sh
# Adaptive sampling on a stand-in CPython (tests/fixtures/fake-cpython): a
# low-noise workload converges and stops early; a noisy one is reported as
# not converged when --max-samples ends the campaign.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$VARBENCH_SOURCE_ROOT
src=$root/tests/fixtures/fake-cpython
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$tmp/db" "$1"; }

"$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$tmp/db" release >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$tmp/db" --manifest "$root/tests/fixtures/adaptive/manifest.ini" \
	--target-ci 5% -n 4 --max-samples 14 --warmups 0 --seed 3 \
	release "$root/tests/fixtures/variants/release-malloc.ini" 2>"$tmp/err" || fail "adaptive run"
cat "$tmp/err"
grep -q "^varbench: quiet converged: 95% CI within ±" "$tmp/err" && ok "quiet workload converged" || fail "quiet did not converge"
grep -q "^varbench: noisy did not converge: 95% CI ±.* after 14 samples (target ±5%; stopped by --max-samples)" "$tmp/err" \
	&& ok "noisy workload reported as not converged" || fail "noisy not reported"
quiet=$(sql "SELECT COUNT(*) FROM sample s JOIN workload w ON w.id = s.workload_id WHERE w.name = 'quiet'")
noisy=$(sql "SELECT COUNT(*) FROM sample s JOIN workload w ON w.id = s.workload_id WHERE w.name = 'noisy'")
[ "$quiet" -lt "$noisy" ] && ok "converged workload stopped early ($quiet samples vs $noisy)" || fail "quiet $quiet, noisy $noisy"
[ "$(sql 'SELECT planned FROM campaign')" = "$(sql 'SELECT COUNT(*) FROM sample')" ] && ok "planned count matches what was taken" \
	|| fail "planned $(sql 'SELECT planned FROM campaign')"
[ "$(sql 'SELECT target_ci FROM campaign')" = 0.05 ] && ok "target recorded" || fail "target not recorded"
exit $((failed > 0))
