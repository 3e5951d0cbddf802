#!/usr/bin/env python3
"""Check files against pyperf's JSON format, version "1.0" (pyperf 1.0 and later).

pyperf is not installable here, so these are its documented rules, written
down independently of varbench's reader (doc/api.rst "BenchmarkSuite",
"Benchmark", "Run" and "Metadata"; the loader in pyperf/_bench.py):

  top level   an object; "version" is "1.0"; "benchmarks" a non-empty list;
              "metadata" (optional) an object shared by every run
  benchmark   an object; "runs" a non-empty list; "metadata" optional;
              a name (metadata "name") after merging; names unique in a file
  run         an object; "values" a list of numbers > 0; "warmups" a list
              of [loops, value] pairs, loops an int >= 1, value >= 0; at
              least one value or warmup (a run with warmups only is a
              calibration run and has no values); "metadata" optional
  metadata    values are str, int or float ("tags": a list of strings);
              strings non-empty, without newlines; typed keys: loops,
              inner_loops (int >= 1), unit ("second", "byte", "integer"),
              duration, uptime (number >= 0), mem_max_rss (int >= 0),
              date (str, datetime.fromisoformat() parses it)
  consistency the metadata pyperf checks in Benchmark.add_run() is equal
              in every run of a benchmark: aslr, cpu_count, cpu_model_name,
              hostname, inner_loops, name, platform, python_executable,
              python_implementation, python_version, unit

Usage: pyperf_check.py FILE...   prints one line per file, exit 1 on any error.
With --runs N and --values N the totals of the (single) file are checked too.
"""
import datetime
import json
import sys

CHECKED = ("aslr", "cpu_count", "cpu_model_name", "hostname", "inner_loops", "name", "platform",
           "python_executable", "python_implementation", "python_version", "unit")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return (isinstance(v, (int, float))) and not isinstance(v, bool)


def check_metadata(md, where):
    if not isinstance(md, dict):
        raise ValueError("%s: metadata is not an object" % where)
    for key, value in md.items():
        if key == "tags":
            if not isinstance(value, list) or not all(isinstance(t, str) and t not in ("", "all") for t in value):
                raise ValueError("%s: bad tags %r" % (where, value))
            continue
        if isinstance(value, str):
            if not value.strip() or "\n" in value or "\r" in value:
                raise ValueError("%s: metadata %r is empty or has a newline" % (where, key))
        elif not is_num(value):
            raise ValueError("%s: metadata %r is %s, not str, int or float" % (where, key, type(value).__name__))
        if key in ("loops", "inner_loops") and not (is_int(value) and value >= 1):
            raise ValueError("%s: %s must be an int >= 1" % (where, key))
        if key == "unit" and value not in ("second", "byte", "integer"):
            raise ValueError("%s: unit %r" % (where, value))
        if key in ("duration", "uptime") and not (is_num(value) and value >= 0):
            raise ValueError("%s: %s must be >= 0" % (where, key))
        if key == "mem_max_rss" and not (is_int(value) and value >= 0):
            raise ValueError("%s: mem_max_rss must be an int >= 0" % where)
        if key == "date":
            datetime.datetime.fromisoformat(value)


def check(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError("top level is not an object")
    if data.get("version") != "1.0":
        raise ValueError("version %r, not \"1.0\"" % data.get("version"))
    suite_md = data.get("metadata", {})
    check_metadata(suite_md, "file")
    benches = data.get("benchmarks")
    if not isinstance(benches, list) or not benches:
        raise ValueError("benchmarks is not a non-empty list")
    names, nruns, nvalues, nwarmups = set(), 0, 0, 0
    for b, bench in enumerate(benches):
        where = "benchmark %d" % (b + 1)
        if not isinstance(bench, dict):
            raise ValueError("%s is not an object" % where)
        bench_md = bench.get("metadata", {})
        check_metadata(bench_md, where)
        runs = bench.get("runs")
        if not isinstance(runs, list) or not runs:
            raise ValueError("%s: runs is not a non-empty list" % where)
        first = None
        for r, run in enumerate(runs):
            rwhere = "%s run %d" % (where, r + 1)
            if not isinstance(run, dict):
                raise ValueError("%s is not an object" % rwhere)
            run_md = run.get("metadata", {})
            check_metadata(run_md, rwhere)
            merged = dict(suite_md, **bench_md)
            merged.update(run_md)
            values = run.get("values", [])
            warmups = run.get("warmups", [])
            if not isinstance(values, list) or not all(is_num(v) and v > 0 for v in values):
                raise ValueError("%s: values must be numbers > 0" % rwhere)
            if not isinstance(warmups, list) or not all(
                    isinstance(w, list) and len(w) == 2 and is_int(w[0]) and w[0] >= 1 and is_num(w[1]) and w[1] >= 0
                    for w in warmups):
                raise ValueError("%s: warmups must be [loops >= 1, value >= 0] pairs" % rwhere)
            if not values and not warmups:
                raise ValueError("%s has neither values nor warmups" % rwhere)
            if "name" not in merged:
                raise ValueError("%s has no name" % rwhere)
            checked = {k: merged.get(k) for k in CHECKED}
            if first is None:
                first = checked
            elif checked != first:
                raise ValueError("%s: metadata pyperf checks differs from the first run's" % rwhere)
            nruns += 1
            nvalues += len(values)
            nwarmups += len(warmups)
        if first["name"] in names:
            raise ValueError("two benchmarks are called %r" % first["name"])
        names.add(first["name"])
    return len(benches), nruns, nvalues, nwarmups


def main(argv):
    expect = {}
    files = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--runs", "--values", "--warmups"):
            expect[argv[i][2:]] = int(argv[i + 1])
            i += 2
        else:
            files.append(argv[i])
            i += 1
    status = 0
    for path in files:
        try:
            benches, runs, values, warmups = check(path)
        except (ValueError, OSError, json.JSONDecodeError) as e:
            print("%s: INVALID: %s" % (path, e))
            status = 1
            continue
        got = {"runs": runs, "values": values, "warmups": warmups}
        wrong = ["%s %d, expected %d" % (k, got[k], v) for k, v in expect.items() if got[k] != v]
        if wrong:
            print("%s: %s" % (path, "; ".join(wrong)))
            status = 1
        else:
            print("%s: valid pyperf 1.0: %d benchmarks, %d runs, %d values, %d warmups" % (
                path, benches, runs, values, warmups))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
