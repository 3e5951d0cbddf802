#!/bin/sh
# pyperf interop on a stand-in CPython (seconds):
#  - `varbench export --pyperf DIR` writes one file per variant that passes
#    tests/pyperf_check.py (pyperf's JSON format 1.0, checked from its
#    documented rules) with one run per stored good sample;
#  - `varbench import --pyperf` of those files gives back the same samples:
#    per variant and workload the same wall times to the nanosecond, the same
#    warm-up flags and sequence numbers, and the same workload rows;
#  - a file pyperf itself would write (loops > 1, inner_loops, a calibration
#    run of warmups only) imports, and compares;
#  - broken files are refused with one clear line and nothing stored.
# When the pyperf module is importable, `python3 -m pyperf compare_to` runs on
# the export too (it is not packaged in Debian, so usually this is skipped).
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
root=$VARBENCH_SOURCE_ROOT
py=${VARBENCH_TEST_PYTHON:-/usr/bin/python3}
if [ ! -x "$py" ]; then
	echo "SKIP: no $py (the stand-in CPython execs it, and the checks use it)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/db
src=$root/tests/fixtures/fake-cpython
check="$py $root/tests/pyperf_check.py"
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { "$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }

"$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$db" release >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$db" --manifest "$root/tests/fixtures/report/manifest.ini" \
	-n 5 --warmups 1 --seed 9 release "$root/tests/fixtures/variants/release-malloc.ini" >/dev/null 2>&1 || fail "run"

echo "== export"
"$VARBENCH" export --db "$db" --pyperf "$tmp/out" >"$tmp/export.out" 2>&1 || { cat "$tmp/export.out"; fail "export"; }
cat "$tmp/export.out"
for v in release release-malloc; do
	good=$(sql "$db" "SELECT COUNT(*) FROM sample s JOIN variant v ON v.id = s.variant_id WHERE v.name = '$v' AND s.status = 'ok' AND s.warmup = 0")
	warm=$(sql "$db" "SELECT COUNT(*) FROM sample s JOIN variant v ON v.id = s.variant_id WHERE v.name = '$v' AND s.status = 'ok' AND s.warmup = 1")
	$check --values "$good" --warmups "$warm" --runs $((good + warm)) "$tmp/out/$v.json" \
		&& ok "$v.json is valid pyperf JSON with $good values and $warm warmups" || fail "$v.json"
done
"$VARBENCH" export --db "$db" --pyperf "$tmp/one.json" --variant release >/dev/null && $check "$tmp/one.json" >/dev/null \
	&& cmp -s "$tmp/one.json" "$tmp/out/release.json" && ok "--variant writes the same file" || fail "--variant"
"$VARBENCH" export --db "$db" --pyperf "$tmp/both.json" 2>"$tmp/err" && fail "two variants into one file accepted"
grep -q "give a directory, or --variant NAME" "$tmp/err" && ok "$(cat "$tmp/err")" || fail "one-file message"
"$VARBENCH" export --db "$db" --pyperf "$tmp/m" --metric maxrss >/dev/null && $check "$tmp/m/release.json" >/dev/null \
	&& grep -q '"unit": "byte"' "$tmp/m/release.json" && ok "--metric maxrss exports bytes" || fail "--metric maxrss"
if "$py" -c "import pyperf" 2>/dev/null; then
	"$py" -m pyperf compare_to "$tmp/out/release.json" "$tmp/out/release-malloc.json" && ok "pyperf compare_to reads them" \
		|| fail "pyperf compare_to"
else
	echo "skip: the pyperf module is not installed, compare_to not run (the format checks above stand in)"
fi

echo "== import gives the same samples back"
"$VARBENCH" import --db "$db" --pyperf "$tmp/out/release.json" --pyperf "$tmp/out/release-malloc.json" >"$tmp/import.out" \
	2>&1 || { cat "$tmp/import.out"; fail "import"; }
cat "$tmp/import.out"
"$py" - "$db" <<'PY' && ok "same variants, workloads, warm-ups, sequence numbers and wall times (ns)" || fail "round trip"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def samples(campaign, ok_only):
    return db.execute(
        "SELECT v.name, w.name, w.digest, w.args, s.warmup, s.seq, s.round, s.wall_ns, s.maxrss_kb FROM sample s "
        "JOIN variant v ON v.id = s.variant_id JOIN workload w ON w.id = s.workload_id "
        "WHERE s.campaign_id = ? AND (? = 0 OR s.status = 'ok') ORDER BY s.seq", (campaign, ok_only)).fetchall()
original, imported = samples(1, 1), samples(2, 0)
assert original == imported, "\n%s\n%s" % (original[:3], imported[:3])
assert len(imported) > 10
# Exact values too: the pyperf:value event is the value itself.
vals = db.execute("SELECT COUNT(*) FROM counter_value c JOIN sample s ON s.id = c.sample_id WHERE s.campaign_id = 2 "
                  "AND c.event = 'pyperf:value' AND abs(c.scaled * 1e9 - s.wall_ns) < 0.5").fetchone()[0]
assert vals == len(imported), (vals, len(imported))
meter, command = db.execute("SELECT meter, command FROM campaign WHERE id = 2").fetchone()
assert meter == "pyperf" and "no varbench build" in command, command
prefixes = db.execute("SELECT DISTINCT b.prefix FROM campaign_variant cv JOIN variant v ON v.id = cv.variant_id "
                      "JOIN build b ON b.id = v.build_id WHERE cv.campaign_id = 2").fetchall()
assert prefixes == [("",)], prefixes
PY
"$VARBENCH" compare --db "$db" --campaign 2 >"$tmp/cmp2" && "$VARBENCH" compare --db "$db" --campaign 1 >"$tmp/cmp1" \
	&& [ "$(grep -E '^(steady|bimodal|geometric mean) ' "$tmp/cmp1")" = "$(grep -E '^(steady|bimodal|geometric mean) ' "$tmp/cmp2")" ] \
	&& ok "the imported campaign compares exactly as the original" || { fail "compare after import"; cat "$tmp/cmp1" "$tmp/cmp2"; }
"$VARBENCH" export --db "$db" --campaign 2 --pyperf "$tmp/again" >/dev/null && \
	"$py" -c 'import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
vals = lambda d: [(r.get("values"), r.get("warmups")) for bench in d["benchmarks"] for r in bench["runs"]]
sys.exit(vals(a) != vals(b))' "$tmp/out/release.json" "$tmp/again/release.json" \
	&& ok "exporting the import gives the same values" || fail "export after import"
"$VARBENCH" report --db "$db" --campaign 2 -o "$tmp/report" >/dev/null && grep -q "imported from pyperf" "$tmp/report/index.html" \
	&& ok "the report of an import says it was imported" || fail "report of the import"

echo "== a file pyperf wrote"
"$VARBENCH" import --db "$db" --pyperf "$root/tests/fixtures/pyperf/pyperf-native.json" --name py312 >"$tmp/native.out" 2>&1 \
	&& grep -q "as variant py312: 2 benchmarks, 12 values, 8 warmups" "$tmp/native.out" \
	&& ok "$(head -n 1 "$tmp/native.out")" || { fail "native import"; cat "$tmp/native.out"; }
[ "$(sql "$db" "SELECT COUNT(*) FROM sample WHERE campaign_id = 3 AND warmup = 0")" = 12 ] \
	&& [ "$(sql "$db" "SELECT printf('%.6e', c.scaled) FROM counter_value c JOIN sample s ON s.id = c.sample_id WHERE s.campaign_id = 3 AND c.event = 'pyperf:value' ORDER BY c.scaled LIMIT 1")" = 4.380000e-08 ] \
	&& ok "values per loop kept exactly (4.38e-08 s)" || fail "native values"
"$VARBENCH" compare --db "$db" --campaign 3 --aa >/dev/null && ok "an import of one file compares (A/A)" || fail "compare --aa"

echo "== broken files are refused, nothing stored"
campaigns=$(sql "$db" "SELECT COUNT(*) FROM campaign")
printf '{"version": "0.9", "benchmarks": []}\n' >"$tmp/old.json"
printf '{"version": "1.0", "benchmarks": [{"metadata": {"name": "x"}, "runs": [{"values": [0.1, -2]}]}]}\n' >"$tmp/neg.json"
printf '{"version": "1.0", "benchmarks": [{"runs": [{"values": [0.1]}]}]}\n' >"$tmp/noname.json"
printf '{"version": "1.0", "benchmarks": [\n' >"$tmp/cut.json"
for case in "old:format version \"0.9\" is not supported" "neg:values must be numbers > 0" \
	"noname:benchmark 1 has no name" "cut:line 2: not valid JSON"; do
	file=${case%%:*}
	want=${case#*:}
	"$VARBENCH" import --db "$db" --pyperf "$tmp/out/release.json" --pyperf "$tmp/$file.json" 2>"$tmp/err" >/dev/null \
		&& fail "$file.json accepted"
	[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "$want" "$tmp/err" && ok "$(cat "$tmp/err")" || { fail "$file.json message"; cat "$tmp/err"; }
	$check "$tmp/$file.json" >/dev/null 2>&1 && fail "pyperf_check.py accepted $file.json"
done
[ "$(sql "$db" "SELECT COUNT(*) FROM campaign")" = "$campaigns" ] && ok "no campaign stored by a failed import" \
	|| fail "a failed import stored something"
exit $((failed > 0))
