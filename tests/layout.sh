#!/bin/sh
# Where varbench runs relative to the workload (--harness-cpu), on a stand-in
# CPython: with the harness on other CPUs and on the measured CPU, every
# sample taken is stored (in batches between runs); a Ctrl-C in the middle
# keeps every sample it reports, the batch not yet written included; a CPU
# the machine does not have is refused in one line.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$VARBENCH_SOURCE_ROOT/tests/fixtures/fake-cpython
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$tmp/db" "$1"; }
cpu=$(( $(nproc) - 1 ))

"$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$tmp/db" release >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
# Two quick workloads: a bare start and one that prints, checked by checksum.
printf '42\n' >"$tmp/hello.out"
sum=$(sha256sum "$tmp/hello.out" | cut -d' ' -f1)
cat >"$tmp/manifest.ini" <<MANIFEST
[bare]
command = {python} -c pass
checksum = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

[hello]
command = {python} -c print(6*7)
checksum = $sum
MANIFEST

run() {
	"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$tmp/db" --manifest "$tmp/manifest.ini" \
		--cpu "$cpu" --warmups 1 --seed 5 "$@" release
}

for layout in default same; do
	before=$(sql "SELECT COUNT(*) FROM sample")
	if [ "$layout" = same ]; then
		run -n 40 --harness-cpu "$cpu" 2>"$tmp/err" >/dev/null || { cat "$tmp/err"; fail "$layout run"; continue; }
		want="$cpu (the measured CPU)"
	else
		run -n 40 2>"$tmp/err" >/dev/null || { cat "$tmp/err"; fail "$layout run"; continue; }
		want="all but $cpu"
	fi
	id=$(sql "SELECT MAX(id) FROM campaign")
	stored=$(( $(sql "SELECT COUNT(*) FROM sample") - before ))
	good=$(sql "SELECT COUNT(*) FROM sample WHERE campaign_id = $id AND status = 'ok'")
	fact=$(sql "SELECT value FROM campaign_fact WHERE campaign_id = $id AND name = 'harness CPUs'")
	[ "$stored" -eq 82 ] && [ "$good" -eq 82 ] && ok "$layout layout: 82 of 82 samples stored, all ok" \
		|| fail "$layout layout: $stored stored, $good ok (want 82)"
	[ "$fact" = "$want" ] && ok "$layout layout recorded as '$fact'" || fail "$layout layout recorded as '$fact'"
done

# Ctrl-C while samples run: the samples it reports are the ones stored.
# (Not through run(): the signal must reach varbench, not a subshell.)
"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$tmp/db" --manifest "$tmp/manifest.ini" \
	--cpu "$cpu" --warmups 1 --seed 5 -n 100000 release 2>"$tmp/err" >/dev/null &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
id=$(sql "SELECT MAX(id) FROM campaign")
taken=$(sed -n 's/^varbench: campaign [0-9]* interrupted after \([0-9]*\) of .*/\1/p' "$tmp/err")
stored=$(sql "SELECT COUNT(*) FROM sample WHERE campaign_id = $id")
status=$(sql "SELECT status FROM campaign WHERE id = $id")
[ -n "$taken" ] && [ "$taken" -gt 0 ] && [ "$stored" -eq "$taken" ] && [ "$status" = interrupted ] \
	&& ok "interrupted after $taken runs: $stored samples stored, campaign marked $status" \
	|| { cat "$tmp/err"; fail "interrupted: reported '$taken', stored $stored, status $status"; }

"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$tmp/db" --manifest "$tmp/manifest.ini" \
	--harness-cpu 4095 release >/dev/null 2>"$tmp/err" && fail "--harness-cpu 4095 accepted"
if tail -n 1 "$tmp/err" | grep -q "^varbench: --harness-cpu 4095: this machine has CPUs 0 to $cpu\$"; then
	ok "$(tail -n 1 "$tmp/err")"
else
	cat "$tmp/err"; fail "--harness-cpu 4095 message"
fi
exit $((failed > 0))
