"""PGO training task built from the varbench suite (the `quick` profile task).

CPython's Makefile runs the profile task as `./python $(PROFILE_TASK)` in the
build directory with the instrumented interpreter, so give PROFILE_TASK the
absolute path of this file:

    make PROFILE_TASK="/path/to/varbench/workloads/pgo_task.py"

It runs every workload of the manifest next to it (or --manifest) at the
tiny size (or --size), one after the other, each as a child of the
interpreter running this script (sys.executable), so the profile covers
what the suite measures: dispatch and calls, floats, big integers, text,
containers, the allocator and the GC, asyncio and threads, start-up and
import.  Every output is checked against the manifest's checksum: an
instrumented build that computes something else is reported (and the exit
status is 1, though CPython's Makefile ignores it).

Only the standard library, and only modules every build has, are used.
"""
import configparser
import hashlib
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = ("tiny", "default", "long")


def sized_key(base, size):
    return base if size == "default" else "%s.%s" % (base, size)


def expand(word, python):
    """{python} -> the interpreter, {{ and }} -> literal braces (as varbench does)."""
    return re.sub(r"\{\{|\}\}|\{python\}",
                  lambda m: python if m.group(0) == "{python}" else m.group(0)[0], word)


def entries(manifest, size, python):
    """(name, argv, expected checksum or None) for each workload that has the size."""
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(";",),
                                       comment_prefixes=(";", "#"), default_section="varbench-no-default")
    parser.optionxform = str    # checksum.NAME keys name scripts: keep their case
    with open(manifest, encoding="utf-8") as f:
        parser.read_file(f)
    base = os.path.dirname(os.path.abspath(manifest))
    for name in parser.sections():
        sec = parser[name]
        if "command" in sec:
            key = sized_key("command", size)
            if key in sec:
                words = [expand(w, python) for w in shlex.split(sec[key])]
                yield name, words, sec.get(sized_key("checksum", size))
            continue
        key = sized_key("args", size)
        if size != "default" and key not in sec:
            continue
        args = shlex.split(sec.get(key, ""))
        if "script" in sec:
            script = os.path.join(base, sec["script"])
            yield name, [python, script] + args, sec.get(sized_key("checksum", size))
        elif "directory" in sec:
            folder = os.path.join(base, sec["directory"])
            for file in sorted(os.listdir(folder)):
                if file.endswith(".py") and not file.startswith(("_", ".")):
                    stem = file[:-3]
                    yield ("%s.%s" % (name, stem), [python, os.path.join(folder, file)] + args,
                           sec.get(sized_key("checksum." + stem, size)))


def main(argv):
    manifest = os.path.join(HERE, "manifest.ini")
    size = "tiny"
    it = iter(argv)
    for arg in it:
        if arg == "--manifest":
            manifest = next(it, manifest)
        elif arg == "--size":
            size = next(it, size)
        else:
            print("usage: pgo_task.py [--manifest FILE] [--size tiny|default|long]", file=sys.stderr)
            return 2
    if size not in SIZES:
        print("pgo_task.py: unknown size %r (sizes: %s)" % (size, ", ".join(SIZES)), file=sys.stderr)
        return 2
    env = dict(os.environ, PYTHONHASHSEED="0")
    bad = 0
    count = 0
    start = time.perf_counter()
    for name, args, checksum in entries(manifest, size, sys.executable):
        t = time.perf_counter()
        proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env)
        digest = hashlib.sha256(proc.stdout).hexdigest()
        status = "ok"
        if proc.returncode != 0:
            status = "FAILED (exit status %d)" % proc.returncode
        elif checksum and digest != checksum:
            status = "WRONG OUTPUT (sha256 %s)" % digest
        bad += status != "ok"
        count += 1
        print("pgo_task: %-16s %6.2f s  %s" % (name, time.perf_counter() - t, status), flush=True)
    print("pgo_task: %d workloads at size %s in %.1f s, %d bad" % (count, size, time.perf_counter() - start, bad))
    return 1 if bad or not count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
