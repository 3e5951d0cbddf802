"""Import a broad set of standard-library modules in fresh interpreters.

Each child interpreter imports the first K modules of a fixed list of
pure-Python and core C modules present on every CPython 3.11 to 3.15
build (nothing optional such as ssl, sqlite3, ctypes, zlib, lzma or tkinter), then
prints how many it imported.  The parent runs N children with the same
interpreter flags as its own plus -P (no caller directory on sys.path).
This measures unmarshalling cached bytecode, executing module bodies,
class creation and the import system; the .pyc files installed with the
build are used and never written (PYTHONDONTWRITEBYTECODE in varbench).
"""
import os
import sys

MODULES = [
    "abc", "argparse", "ast", "base64", "bisect", "calendar", "collections", "configparser", "contextlib",
    "copy", "csv", "dataclasses", "datetime", "decimal", "difflib", "dis", "email.message", "email.parser",
    "enum", "fnmatch", "fractions", "functools", "getopt", "gettext", "glob", "heapq", "hmac",
    "html", "html.parser", "http.client", "inspect", "io", "ipaddress", "itertools", "json", "locale",
    "logging", "mimetypes", "numbers", "operator", "os", "pathlib", "pickle", "pprint", "queue", "random",
    "re", "shlex", "shutil", "signal", "socket", "statistics", "string", "struct", "subprocess",
    "tarfile", "tempfile", "textwrap", "threading", "tokenize", "tomllib", "traceback", "types", "typing",
    "unittest", "urllib.parse", "urllib.request", "uuid", "warnings", "weakref", "xml.dom.minidom",
    "xml.etree.ElementTree", "zipfile",
]

CHILD = """
import importlib, sys
names = sys.argv[1:]
for name in names:
    importlib.import_module(name)
print(len(names), sum(1 for name in names if name in sys.modules))
"""


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
    """(exit status, stdout) of argv, with stdin from /dev/null.

    os.posix_spawn rather than subprocess: the driver must not itself
    import a module of the list before timing starts.
    """
    null = os.open(os.devnull, os.O_RDONLY)
    r, w = os.pipe()
    try:
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, w, 1),
                                           (os.POSIX_SPAWN_CLOSE, r)])
    finally:
        os.close(null)
        os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), b"".join(chunks)


def main(count, k):
    names = MODULES[:k]
    argv = [sys.executable] + interpreter_flags() + ["-P", "-c", CHILD] + names
    outputs = set()
    for _ in range(count):
        outputs.add(run(argv))
    for code, out in sorted(outputs):
        print("exit %d: %s" % (code, out.decode().strip()))
    print("children", count, "modules", len(names))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6, int(sys.argv[2]) if len(sys.argv) > 2 else len(MODULES))
