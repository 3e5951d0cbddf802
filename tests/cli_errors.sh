#!/bin/sh
# Bad input on the command line: each case must print one line that names the
# problem, start with "varbench", and exit non-zero.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fixtures="$VARBENCH_SOURCE_ROOT/tests/fixtures"
failed=0

# expect NAME PATTERN -- COMMAND...: non-zero exit, exactly one stderr line matching PATTERN.
expect() {
	name=$1 pattern=$2
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	lines=$(wc -l <"$tmp/err")
	if [ "$status" -eq 0 ]; then
		echo "FAIL $name: exit status 0"; failed=$((failed + 1))
	elif [ "$lines" -ne 1 ]; then
		echo "FAIL $name: $lines lines on stderr:"; cat "$tmp/err"; failed=$((failed + 1))
	elif ! grep -q -- "$pattern" "$tmp/err"; then
		echo "FAIL $name: stderr does not match '$pattern':"; cat "$tmp/err"; failed=$((failed + 1))
	else
		echo "ok   $name: $(cat "$tmp/err")"
	fi
}

expect "missing source" "source '/no/such/cpython' does not exist" -- \
	"$VARBENCH" build --source /no/such/cpython --cache "$tmp/cache" --db "$tmp/db" release
expect "source not cpython" "is not a CPython source tree" -- \
	"$VARBENCH" build --source "$fixtures" --cache "$tmp/cache" --db "$tmp/db" release
expect "unknown variant" "unknown variant 'nosuch' (variants in .*release" -- \
	"$VARBENCH" build --source /tmp --cache "$tmp/cache" --db "$tmp/db" nosuch
expect "malformed variant" "unknown-key.ini:3: unknown key 'configur'" -- \
	"$VARBENCH" build --source /tmp --cache "$tmp/cache" --db "$tmp/db" "$fixtures/bad-variants/unknown-key.ini"
expect "unknown workload" "unknown workload 'nosuch'" -- \
	"$VARBENCH" run --source /tmp --cache "$tmp/cache" --db "$tmp/db" -w nosuch release
expect "malformed manifest" "bad-checksum.ini:3:" -- \
	"$VARBENCH" run --source /tmp --cache "$tmp/cache" --db "$tmp/db" --manifest "$fixtures/workloads/bad-checksum.ini" release
expect "unwritable database" "cannot open database '/no/such/dir/results.db'" -- \
	"$VARBENCH" build --source "$VARBENCH_SOURCE_ROOT" --cache "$tmp/cache" --db /no/such/dir/results.db release
expect "compare without database" "no database '$tmp/none.db'" -- \
	"$VARBENCH" compare --db "$tmp/none.db"
expect "bad number" "--samples: 'many' is not a whole number" -- \
	"$VARBENCH" run --source /tmp -n many release
expect "unknown option" "unknown option '--frobnicate'" -- \
	"$VARBENCH" build --frobnicate
expect "missing option value" "option '--source' needs a value" -- \
	"$VARBENCH" build --source
expect "no source" "--source is required" -- \
	"$VARBENCH" campaign
expect "unknown command" "unknown command 'frobnicate'" -- \
	"$VARBENCH" frobnicate
expect "bad chart format" "unknown chart format 'gif'" -- \
	"$VARBENCH" report -o "$tmp/r" --format gif

expect "unknown PMU" "no PMU named 'nosuch' is present" -- \
	"$VARBENCH" events --pmu nosuch
expect "unknown event" "event 'no-such-event':" -- \
	"$VARBENCH" run --source /tmp --events task-clock,no-such-event release
expect "bad meter" "--meter: 'sundial' is not a meter" -- \
	"$VARBENCH" run --source /tmp --meter sundial release
expect "bad target" "--target-ci: '0%' is not a percentage" -- \
	"$VARBENCH" run --source /tmp --target-ci 0% release

# `varbench events` lists the software events, which every Linux machine can count.
if "$VARBENCH" events >"$tmp/events" && grep -q "^  ok  *TASK-CLOCK " "$tmp/events" \
	&& grep -q "^PMU perf: " "$tmp/events" && tail -n 1 "$tmp/events" | grep -q "events can be counted here"; then
	echo "ok   events lists TASK-CLOCK as countable"
else
	echo "FAIL events"; cat "$tmp/events"; failed=$((failed + 1))
fi

# --help answers and succeeds for every command.
for cmd in campaign build run compare report variants workloads doctor events; do
	if "$VARBENCH" "$cmd" --help | grep -q "usage: varbench $cmd"; then
		echo "ok   $cmd --help"
	else
		echo "FAIL $cmd --help"; failed=$((failed + 1))
	fi
done
exit $((failed > 0))
