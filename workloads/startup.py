"""Interpreter start-up: run `python -c pass` N times.

One start takes about ten milliseconds, too short to time well on its own,
so this driver starts the interpreter that runs it (sys.executable) N
times in a row, with the same interpreter flags and -X options as its own
(so a variant's `python_args` apply to every start) and -P so no
directory of the caller shadows the standard library.  What varies between
builds is the start-up path: initialization, the frozen and site modules,
and teardown.  The driver's own start is one more.

The children are started with os.posix_spawn, not subprocess, so the
driver itself imports nothing beyond what start-up already loaded.
"""
import os
import sys


def interpreter_flags():
    """The options that change how an interpreter runs, as command-line words."""
    args = []
    if sys.flags.optimize:
        args.append("-" + "O" * sys.flags.optimize)
    for flag, option in (("dont_write_bytecode", "-B"), ("ignore_environment", "-E"),
                         ("no_user_site", "-s"), ("no_site", "-S")):
        if getattr(sys.flags, flag):
            args.append(option)
    for w in sys.warnoptions:
        args.append("-W" + w)
    for key, value in sys._xoptions.items():
        args += ["-X", key if value is True else "%s=%s" % (key, value)]
    return args


def run(argv):
    """Exit status of argv, with stdin from /dev/null and stdout kept."""
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 0)])
    finally:
        os.close(null)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def main(count, code):
    argv = [sys.executable] + interpreter_flags() + ["-P", "-c", code]
    failures = 0
    for _ in range(count):
        if run(argv) != 0:
            failures += 1
    print("started %d times, %d failures" % (count, failures))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, sys.argv[2] if len(sys.argv) > 2 else "pass")
