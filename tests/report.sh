#!/bin/sh
# `varbench report` end to end on a stand-in CPython (seconds): two campaigns
# of release and a runtime-only variant on tests/fixtures/report (a steady
# workload, a bimodal one, one whose output is always wrong), then the report
# in every format:
#  - every chart in PNG, SVG and PDF: the PNG decodes at the size `report`
#    printed and is drawn, the SVG parses (xmllint), the PDF opens (pdfinfo);
#  - index.html is self-contained (no script, no stylesheet or image link, no
#    http(s) URL, every chart inlined as SVG with ids that do not collide) and
#    warns about the correctness failure and the noisy workloads;
#  - report.md references the chart files; samples.csv has one row per stored
#    sample; report.json parses and carries every sample;
#  - the same data gives the same bytes, file for file; --timestamp adds the
#    time only to index.html;
#  - the compare table has colour on a terminal, none with NO_COLOR or a pipe.
# xmllint and pdfinfo checks are skipped (and said so) when the tools are
# missing (apt-get install libxml2-utils poppler-utils).
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
: "${PNG_INSPECT:?set PNG_INSPECT to the png_inspect helper}"
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
manifest=$root/tests/fixtures/report/manifest.ini
variant=$root/tests/fixtures/variants/release-malloc.ini
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { "$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }

"$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$db" release >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
for seed in 5 6; do
	"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$db" --manifest "$manifest" -n 6 --warmups 1 \
		--seed $seed release "$variant" >/dev/null 2>"$tmp/run.err" || { cat "$tmp/run.err"; fail "run"; }
done

echo "== report in every format"
"$VARBENCH" report --db "$db" -o "$tmp/r" --format all >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "report"; }
cat "$tmp/out"
for chart in speedup distribution counters trend buildcost; do
	size=$(sed -n "s|^wrote .*/$chart.png (\([0-9]*\)x\([0-9]*\))$|\1 \2|p" "$tmp/out")
	set -- $("$PNG_INSPECT" "$tmp/r/$chart.png") 0 0 0 0
	if [ -n "$size" ] && [ "$1 $2" = "$size" ] && [ "$1" -ge 600 ] && [ "$3" -gt 5000 ] && [ "$4" -gt 10 ]; then
		ok "$chart.png is ${1}x$2 with $3 drawn pixels in $4 colours"
	else
		fail "$chart.png: got '$1 $2 $3 $4', report said '$size'"
	fi
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$tmp/r/$chart.svg" && ok "$chart.svg parses" || fail "$chart.svg does not parse"
	else
		echo "skip: xmllint not found (apt-get install libxml2-utils)"
	fi
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$tmp/r/$chart.pdf" >"$tmp/pdfinfo" 2>&1 && grep -q "^Pages: *1$" "$tmp/pdfinfo" \
			&& ok "$chart.pdf opens, one page" || { fail "$chart.pdf"; cat "$tmp/pdfinfo"; }
	else
		echo "skip: pdfinfo not found (apt-get install poppler-utils)"
	fi
done
for f in index.html compare.txt report.md samples.csv report.json; do
	[ -s "$tmp/r/$f" ] && ok "$f written" || fail "$f missing"
done

echo "== index.html is one self-contained page"
html=$tmp/r/index.html
"$py" - "$html" <<'PY' && ok "no script, link, external image or URL; 5 inlined charts; unique ids" || fail "index.html"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
problems = []
for pattern, what in [(r"<script", "a script"), (r"<link", "a link element"), (r"<iframe|<object|<embed", "an embed"),
                      (r"\bsrc\s*=", "a src attribute"), (r"https?://", "an http(s) URL"), (r"@import", "a CSS import"),
                      (r"url\(\s*['\"]?(?!#)", "a url() that is not a fragment")]:
    if re.search(pattern, text, re.I):
        problems.append(what)
if len(re.findall(r"<svg\b", text)) != 5:
    problems.append("%d inline SVGs, not 5" % len(re.findall(r"<svg\b", text)))
ids = re.findall(r'\bid="([^"]+)"', text)
if len(ids) != len(set(ids)):
    problems.append("duplicate ids")
for ref in set(re.findall(r'href="#([^"]+)"', text)) | set(re.findall(r"url\(#([^)]+)\)", text)):
    if ref not in set(ids):
        problems.append("dangling reference #" + ref)
        break
if problems:
    print("index.html:", "; ".join(problems))
    sys.exit(1)
PY
grep -q "Before you quote these numbers" "$html" && grep -q "Correctness: " "$html" && grep -Eq "(Noisy|Spread): " "$html" \
	&& ok "the warning block names the correctness failure and the noisy workloads" || fail "warning block"
grep -q "Generated" "$html" && fail "index.html has a generation time without --timestamp" || ok "no timestamp by default"

echo "== markdown, csv, json"
grep -q '^!\[Speedup\](speedup.png)$' "$tmp/r/report.md" && grep -q '^| workload |' "$tmp/r/report.md" \
	&& ok "report.md references the charts and has the table" || fail "report.md"
rows=$(sql "SELECT COUNT(*) FROM sample WHERE campaign_id = 2")
"$py" - "$tmp/r/samples.csv" "$rows" <<'PY' && ok "samples.csv: one row per sample ($rows), tidy columns" || fail "samples.csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == int(sys.argv[2]), (len(rows), sys.argv[2])
for col in ("campaign", "variant", "workload", "round", "seq", "warmup", "status", "wall_s", "user_s", "sys_s",
            "maxrss_kib", "taken_at", "task-clock"):
    assert col in rows[0], col
assert {r["status"] for r in rows} == {"ok", "wrong-output"}
assert sum(r["warmup"] == "1" for r in rows) == 6
assert all(float(r["wall_s"]) > 0 for r in rows)
PY
"$py" - "$tmp/r/report.json" "$rows" <<'PY' && ok "report.json: schema varbench-report/1, every sample and the comparison" || fail "report.json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "varbench-report/1"
for key in ("campaign", "machine", "events", "variants", "workloads", "summary", "warnings", "charts", "comparison",
            "samples"):
    assert key in d, key
assert len(d["samples"]) == int(sys.argv[2])
assert d["campaign"]["id"] == 2 and [v["name"] for v in d["variants"]] == ["release", "release-malloc"]
assert d["comparison"]["comparisons"][0]["rows"][0]["workload"] == "steady"
assert [c["name"] for c in d["charts"]] == ["speedup", "distribution", "counters", "trend", "buildcost"]
assert all("counters" in s and "wall_ns" in s for s in d["samples"])
PY

echo "== the same data gives the same bytes"
"$VARBENCH" report --db "$db" -o "$tmp/r2" --format all >/dev/null 2>&1 || fail "second report"
same=1
for f in "$tmp/r"/*; do
	cmp -s "$f" "$tmp/r2/$(basename "$f")" || { fail "$(basename "$f") differs between two reports"; same=0; }
done
[ $same = 1 ] && ok "all $(ls "$tmp/r" | wc -l) files identical"
"$VARBENCH" report --db "$db" -o "$tmp/r3" --timestamp >/dev/null 2>&1 || fail "report --timestamp"
grep -q "Generated 20" "$tmp/r3/index.html" && ok "--timestamp stamps index.html" || fail "--timestamp"
"$VARBENCH" report --db "$db" -o "$tmp/r4" --trend-by label --campaign 1 >/dev/null 2>&1 \
	&& [ -s "$tmp/r4/trend.png" ] && ok "--trend-by label, --campaign 1" || fail "--trend-by label"
"$VARBENCH" report --db "$db" -o "$tmp/r5" --format gif 2>"$tmp/err" && fail "--format gif accepted"
grep -q "^varbench: --format: unknown chart format 'gif' (charts: png, svg, pdf; documents: markdown, csv, json; or all)$" "$tmp/err" \
	&& ok "bad format: $(cat "$tmp/err")" || { fail "bad format message"; cat "$tmp/err"; }

echo "== colour in the terminal table"
if command -v script >/dev/null 2>&1; then
	script -qc "'$VARBENCH' compare --db '$db'" /dev/null >"$tmp/tty" 2>&1
	grep -q "$(printf '\033')\[" "$tmp/tty" && ok "colour on a terminal" || fail "no colour on a terminal"
	NO_COLOR=1 script -qc "'$VARBENCH' compare --db '$db'" /dev/null >"$tmp/tty" 2>&1
	grep -q "$(printf '\033')\[" "$tmp/tty" && fail "colour despite NO_COLOR" || ok "no colour with NO_COLOR"
else
	echo "skip: script(1) not found, terminal colour not checked"
fi
"$VARBENCH" compare --db "$db" >"$tmp/pipe"
grep -q "$(printf '\033')" "$tmp/pipe" && fail "colour into a pipe" || ok "no colour into a pipe"
exit $((failed > 0))
