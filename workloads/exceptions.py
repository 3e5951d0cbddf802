"""Exceptions in loops: raise, catch, re-raise, clean up.

A parser-and-validator loop where most records are fine and some are not:
custom exception hierarchies caught by base class, try/except/else/finally,
exception chaining (`raise ... from`), context managers that suppress or
re-raise, EAFP dictionary and attribute lookups, int() on bad text,
StopIteration from next(), and ExceptionGroup with except*.  Exercises the
unwinding machinery and the zero-cost try of 3.11+.  Only counts are
printed, never traceback text (which differs between versions).
"""
import sys


class RecordError(Exception):
    pass


class MissingField(RecordError):
    def __init__(self, field):
        super().__init__(field)
        self.field = field


class BadValue(RecordError):
    pass


class TooLarge(BadValue):
    pass


class Guard:
    """Suppresses BadValue, counts every exit."""

    def __init__(self, stats):
        self.stats = stats

    def __enter__(self):
        self.stats["enter"] += 1
        return self

    def __exit__(self, kind, value, tb):
        self.stats["exit"] += 1
        if kind is not None and issubclass(kind, BadValue):
            self.stats["suppressed"] += 1
            return True
        return False


def records(seed, n):
    state = seed
    out = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        rec = {"id": str(i)}
        k = (state >> 12) % 10
        if k != 0:
            rec["qty"] = str((state >> 4) % 500) if k != 1 else "x%d" % (state % 10)
        if k != 2:
            rec["price"] = str(state % 100000)
        out.append(rec)
    return out


def parse(rec):
    try:
        qty = rec["qty"]
    except KeyError:
        raise MissingField("qty") from None
    try:
        q = int(qty)
    except ValueError as e:
        raise BadValue(qty) from e
    price = int(rec.get("price", "0"))
    if q * price > 40000000:
        raise TooLarge(rec["id"])
    return q * price


def validate(rec, stats):
    with Guard(stats):
        try:
            value = parse(rec)
        except MissingField as e:
            stats["missing:" + e.field] += 1
            return 0
        else:
            stats["parsed"] += 1
            return value
        finally:
            stats["finally"] += 1
    return -1


def drain(items):
    it = iter(items)
    total = 0
    while True:
        try:
            total += next(it)
        except StopIteration:
            return total


def lookups(n):
    table = {i: i * i for i in range(0, n, 3)}
    hits = misses = 0

    class Box:
        pass

    box = Box()
    for i in range(n):
        try:
            hits += table[i] & 1
        except KeyError:
            misses += 1
        try:
            getattr(box, "missing")
        except AttributeError:
            misses += 1
    return hits, misses


def grouped(n):
    caught = 0
    for i in range(n):
        try:
            errors = [ValueError(i)] if i % 2 else []
            if i % 3 == 0:
                errors.append(TypeError(i))
            if errors:
                raise ExceptionGroup("batch %d" % i, errors)
        except* ValueError as eg:
            caught += len(eg.exceptions)
        except* TypeError as eg:
            caught += 10 * len(eg.exceptions)
    return caught


def main(n, rounds):
    total = 0
    stats = {k: 0 for k in ("enter", "exit", "suppressed", "parsed", "finally", "missing:qty")}
    for r in range(rounds):
        for rec in records(r + 1, n):
            total += validate(rec, stats)
    print("total", total)
    for k in sorted(stats):
        print(k, stats[k])
    print("drain", drain(range(n)))
    print("lookups", *lookups(n))
    print("groups", grouped(n // 10))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
