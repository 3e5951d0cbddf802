"""String building and formatting: reports, tables and escaped text.

f-strings with format specs, str.format with named fields, %-formatting,
str.join over generators, io.StringIO, concatenation in loops, str
methods (split, replace, upper, center, zfill, startswith), UTF-8 encode
and decode of non-ASCII text, and integer/float formatting.  Exercises the
unicode object paths (ASCII and non-ASCII kinds), the string builder and
the formatting mini-language.  Prints a digest of all text built.
"""
import hashlib
import io
import sys

NAMES = ["Ana", "Bjørn", "Chloé", "Dmitri", "Eşref", "Fatima", "Gaspard", "Hiroshi", "Ingrid", "Jürgen",
         "Kateřina", "Łukasz", "Mónica", "Nguyễn", "Øyvind", "Pál"]
ITEMS = ["widget", "gadget", "sprocket", "gizmo", "doohickey", "thingamajig", "whatsit", "contraption"]


def rows(n, seed):
    state = seed
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield (i, NAMES[state % len(NAMES)], ITEMS[(state >> 5) % len(ITEMS)],
               (state >> 8) % 1000, ((state >> 3) % 100000) / 100)


def table_fstring(data):
    lines = [f"{'id':>6} | {'customer':<10} | {'item':^12} | {'qty':>5} | {'price':>10} | {'total':>12}"]
    lines.append("-" * len(lines[0]))
    for i, name, item, qty, price in data:
        lines.append(f"{i:>6d} | {name:<10} | {item:^12} | {qty:>5,d} | {price:>10.2f} | {qty * price:>12,.2f}")
    return "\n".join(lines)


def table_format(data):
    out = io.StringIO()
    fmt = "{id:06d};{name};{item!r};{qty:x};{price:.3e};{flag}\n"
    for i, name, item, qty, price in data:
        out.write(fmt.format(id=i, name=name.upper(), item=item, qty=qty, price=price,
                             flag="big" if qty > 500 else "small"))
    return out.getvalue()


def table_percent(data):
    s = ""
    for i, name, item, qty, price in data:
        s += "%-8s %5d %8.2f %s\n" % (name[:8], qty, price, item.center(14, "."))
    return s


def escape_html(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def csv_line(fields):
    out = []
    for f in fields:
        f = str(f)
        if any(c in f for c in ',"\n'):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return ",".join(out)


def main(n, rounds):
    digest = hashlib.sha256()
    total_chars = 0
    for r in range(rounds):
        data = list(rows(n, 7 + r))
        parts = [table_fstring(data), table_format(data), table_percent(data)]
        parts.append("\n".join(csv_line((i, name, 'say "%s"' % item, qty, price)) for i, name, item, qty, price in data))
        parts.append(escape_html("".join("<td class='%s'>%s & co</td>" % (item, name) for _, name, item, _, _ in data)))
        words = " ".join(parts).split()
        parts.append(" ".join(w.zfill(8) for w in words[:2000] if not w.startswith("-")))
        text = "\n".join(parts)
        encoded = text.encode("utf-8")
        assert encoded.decode("utf-8") == text
        total_chars += len(text)
        digest.update(encoded)
        if r == 0:
            print(parts[0].splitlines()[2])
            print(parts[1].splitlines()[0])
            print(parts[2].splitlines()[0].rstrip())
    print("chars", total_chars, "non-ascii", sum(1 for c in text if ord(c) > 127))
    print(digest.hexdigest())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
