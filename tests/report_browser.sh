#!/bin/sh
# index.html in a real browser: headless Chromium (Debian's chromium) opens the
# report of a stand-in campaign from a file:// URL, takes a screenshot and
# writes a network log.  The screenshot must be a drawn page, and the log must
# show no request made by the page: Chromium's own background requests (its
# updater, accounts) carry no page origin and are told apart by that.  A probe
# page with one http image and one https stylesheet is opened the same way
# first, so the detector is known to see page requests.
# Exit 77 (skipped) when chromium is not installed (apt-get install chromium).
set -u
: "${VARBENCH:?set VARBENCH to the varbench binary}"
: "${VARBENCH_SOURCE_ROOT:?set VARBENCH_SOURCE_ROOT to the source tree}"
: "${PNG_INSPECT:?set PNG_INSPECT to the png_inspect helper}"
root=$VARBENCH_SOURCE_ROOT
py=${VARBENCH_TEST_PYTHON:-/usr/bin/python3}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP: chromium is not installed (apt-get install chromium); index.html not opened in a browser"
	exit 77
fi
if [ ! -x "$py" ]; then
	echo "SKIP: no $py for the stand-in CPython and the network-log check"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/db
src=$root/tests/fixtures/fake-cpython
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }

# The flags keep Chromium from phoning home as much as it lets itself be kept.
shoot() { # URL SCREENSHOT NETLOG
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync --disable-extensions \
		--no-default-browser-check --hide-scrollbars --user-data-dir="$profile" --window-size=1200,3000 \
		--screenshot="$2" --log-net-log="$3" "$1" >"$tmp/chromium.log" 2>&1
}

# Page-initiated requests in a net log, one URL a line: those whose request
# has an origin (a page's), unlike the browser's own ("not an origin").
page_requests() {
	"$py" - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for e in log["events"]:
    if names.get(e["type"]) != "URL_REQUEST_START_JOB":
        continue
    p = e.get("params", {})
    if p.get("initiator", "not an origin") != "not an origin" or "file://" in p.get("network_isolation_key", ""):
        print(p.get("url"))
PY
}

echo "== the detector sees a page's requests"
printf '<!DOCTYPE html><p>probe</p><img src="http://probe.invalid/x.png"><link rel="stylesheet" href="https://probe.invalid/s.css">\n' \
	>"$tmp/probe.html"
shoot "file://$tmp/probe.html" "$tmp/probe.png" "$tmp/probe.json" || { cat "$tmp/chromium.log"; fail "chromium on the probe"; }
seen=$(page_requests "$tmp/probe.json" | sort | tr '\n' ' ')
[ "$seen" = "http://probe.invalid/x.png https://probe.invalid/s.css " ] && ok "probe: both requests seen" \
	|| fail "probe: the net log showed '$seen'"

echo "== index.html"
"$VARBENCH" build --source "$src" --cache "$tmp/cache" --db "$db" release >/dev/null 2>&1 || { echo "FAIL: build"; exit 1; }
"$VARBENCH" run --source "$src" --cache "$tmp/cache" --db "$db" --manifest "$root/tests/fixtures/report/manifest.ini" \
	-n 5 --warmups 1 release "$root/tests/fixtures/variants/release-malloc.ini" >/dev/null 2>&1 || fail "run"
"$VARBENCH" report --db "$db" -o "$tmp/r" >/dev/null || fail "report"
shoot "file://$tmp/r/index.html" "$tmp/page.png" "$tmp/page.json" || { cat "$tmp/chromium.log"; fail "chromium"; }
set -- $("$PNG_INSPECT" "$tmp/page.png") 0 0 0 0
# A drawn page: most of 1200x3000 is white, but text, tables and five charts
# give a few hundred thousand pixels in many colours.
if [ "$1 $2" = "1200 3000" ] && [ "$3" -gt 100000 ] && [ "$4" -gt 50 ]; then
	ok "screenshot ${1}x$2: $3 drawn pixels in $4 colours"
else
	fail "screenshot: got '$1 $2 $3 $4'"
fi
requests=$(page_requests "$tmp/page.json")
[ -z "$requests" ] && ok "the page made no network request" || fail "the page requested: $requests"
exit $((failed > 0))
