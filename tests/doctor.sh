#!/bin/sh
# `varbench doctor`: every line is "<verdict> <name> <value>" or an advice
# line "-> ..." right after a warning or problem; the summary counts match;
# exit 0 unless there is a problem.
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$VARBENCH" doctor >"$out"
status=$?
cat "$out"
python3 - "$out" "$status" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
status = int(sys.argv[2])
facts, advice_ok, errors = {}, True, []
previous = None
body = lines[:-2]
for line in body:
    m = re.match(r"^(ok|info|warning|problem) +(\S.*?) {2,}(\S.*)$", line)
    if m:
        facts[m.group(2)] = m.group(1)
        previous = m.group(1)
        continue
    if re.match(r"^ +-> \S", line) and previous in ("warning", "problem"):
        previous = "advice"
        continue
    errors.append("unparsed line: %r" % line)
for name in ("CPU", "cores", "kernel", "governor", "turbo/boost", "isolated CPUs", "nohz_full", "ASLR",
             "perf_event_paranoid", "PMU", "load average", "libraries"):
    if name not in facts:
        errors.append("missing fact: " + name)
warnings = sum(v == "warning" for v in facts.values())
problems = sum(v == "problem" for v in facts.values())
summary = "%d problem%s, %d warning%s" % (problems, "" if problems == 1 else "s", warnings, "" if warnings == 1 else "s")
if lines[-1] != summary:
    errors.append("summary %r, counted %r" % (lines[-1], summary))
for i, line in enumerate(body):
    if re.match(r"^(warning|problem) ", line) and (i + 1 >= len(body) or "->" not in body[i + 1]):
        errors.append("no advice after: " + line)
if (status != 0) != (problems > 0):
    errors.append("exit status %d with %d problems" % (status, problems))
for e in errors:
    print("FAIL:", e)
print("ok   %d facts parsed" % len(facts) if not errors else "")
sys.exit(1 if errors else 0)
PY
