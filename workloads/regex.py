"""Regular expressions: parsing generated web-server logs.

Compiled patterns with groups and named groups, match/search/findall/
finditer, sub() with a replacement function, split(), case-insensitive and
verbose patterns, backtracking alternations, all over text produced by a
deterministic generator.  The time goes to the re module's compiler and
matcher (sre), which build options and allocators affect.  Prints counts
and a digest of the rewritten text.
"""
import hashlib
import re
import sys

PATHS = ["/", "/index.html", "/api/v1/users", "/api/v1/users/42", "/static/app.js", "/static/style.css",
         "/search", "/login", "/logout", "/api/v2/orders/7/items", "/images/logo.png", "/robots.txt"]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64)", "curl/7.88.1", "Googlebot/2.1", "python-requests/2.31",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"]
METHODS = ["GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

LINE = re.compile(
    r"""(?P<ip>\d{1,3}(?:\.\d{1,3}){3})\s-\s(?P<user>\S+)\s
        \[(?P<day>\d{2})/(?P<month>[A-Z][a-z]{2})/(?P<year>\d{4}):(?P<time>\d{2}:\d{2}:\d{2})\s[+-]\d{4}\]\s
        "(?P<method>[A-Z]+)\s(?P<path>\S+)\s(?P<proto>HTTP/\d\.\d)"\s(?P<status>\d{3})\s(?P<size>\d+|-)
        (?:\s"(?P<referer>[^"]*)"\s"(?P<agent>[^"]*)")?""", re.VERBOSE)
QUERY = re.compile(r"[?&]([a-z_]+)=([^&\s]*)")
API = re.compile(r"^/api/v(\d+)/(\w+)(?:/(\d+))?(?:/(\w+))?")
BOT = re.compile(r"bot|crawl|spider|curl|python", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
NUMBER = re.compile(r"\b\d+\b")


def generate(n, seed):
    state = seed
    lines = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        ip = "%d.%d.%d.%d" % (10 + state % 200, (state >> 3) % 256, (state >> 7) % 256, (state >> 11) % 256)
        path = PATHS[(state >> 5) % len(PATHS)]
        if state % 5 == 0:
            path += "?q=term%d&page=%d&sort_by=date" % (state % 97, state % 9)
        user = "-" if state % 3 else "user%d@example%d.org" % (state % 50, state % 4)
        status = (200, 200, 200, 301, 404, 500, 304)[(state >> 9) % 7]
        size = "-" if status == 304 else str((state >> 2) % 50000)
        tail = ' "https://ref%d.example.com/" "%s"' % (state % 7, AGENTS[(state >> 13) % len(AGENTS)]) if state % 4 else ""
        lines.append('%s - %s [%02d/%s/2024:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %s%s' % (
            ip, user, 1 + state % 28, MONTHS[(state >> 4) % 12], (state >> 6) % 24, (state >> 8) % 60,
            (state >> 10) % 60, METHODS[(state >> 12) % len(METHODS)], path, status, size, tail))
    return lines


def redact(m):
    local, _, domain = m.group(0).partition("@")
    return local[0] + "***@" + domain


def analyse(lines):
    status = {}
    params = {}
    api = {}
    bots = 0
    bytes_sent = 0
    bad = 0
    for line in lines:
        m = LINE.match(line)
        if m is None:
            bad += 1
            continue
        status[m.group("status")] = status.get(m.group("status"), 0) + 1
        if m.group("size") != "-":
            bytes_sent += int(m.group("size"))
        path = m.group("path")
        for key, value in QUERY.findall(path):
            params[key] = params.get(key, 0) + len(value)
        a = API.match(path)
        if a:
            key = "v%s:%s" % (a.group(1), a.group(2))
            api[key] = api.get(key, 0) + 1
        agent = m.group("agent")
        if agent and BOT.search(agent):
            bots += 1
    return status, params, api, bots, bytes_sent, bad


def main(n, rounds):
    digest = hashlib.sha256()
    for r in range(rounds):
        lines = generate(n, 42 + r)
        status, params, api, bots, sent, bad = analyse(lines)
        text = "\n".join(lines)
        text = EMAIL.sub(redact, text)
        numbers = len(NUMBER.findall(text))
        fields = sum(len(re.split(r"[\s\[\]\"]+", line)) for line in lines[:500])
        digest.update(text.encode())
        if r == 0 or r == rounds - 1:
            print("round", r, "bad", bad, "bots", bots, "bytes", sent, "numbers", numbers, "fields", fields)
            print(" status", " ".join("%s=%d" % kv for kv in sorted(status.items())))
            print(" params", " ".join("%s=%d" % kv for kv in sorted(params.items())))
            print(" api", " ".join("%s=%d" % kv for kv in sorted(api.items())))
    print(digest.hexdigest())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
