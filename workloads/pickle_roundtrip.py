"""Pickle round trip: serialize and restore a graph of records.

Instances of plain classes, __slots__ classes and a class with
__reduce__, shared references and a reference cycle, dicts, lists,
tuples, sets, frozensets, bytes, big and small ints, floats and strings,
pickled with explicit protocols 2, 4 and 5 (never the default, which
changes between versions) and loaded back.  The time goes to the C
accelerator (_pickle), the memo dicts and object creation.  Only the
restored data is printed, never the pickle bytes, whose exact layout is
an implementation detail.
"""
import pickle
import sys


class Account:
    def __init__(self, number, owner, balance):
        self.number = number
        self.owner = owner
        self.balance = balance
        self.history = []


class Entry:
    __slots__ = ("amount", "memo", "tags")

    def __init__(self, amount, memo, tags):
        self.amount = amount
        self.memo = memo
        self.tags = tags

    def __getstate__(self):
        return (self.amount, self.memo, self.tags)

    def __setstate__(self, state):
        self.amount, self.memo, self.tags = state


class Money:
    def __init__(self, cents, currency):
        self.cents = cents
        self.currency = currency

    def __reduce__(self):
        return (Money, (self.cents, self.currency))


class Owner:
    def __init__(self, name):
        self.name = name
        self.accounts = []


def build(n, seed):
    state = seed
    owners = [Owner("owner-%d-ü" % i) for i in range(max(1, n // 20))]
    accounts = []
    tags = [frozenset({"a", "b"}), frozenset({"c"}), frozenset()]
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        owner = owners[state % len(owners)]
        acct = Account("ACC%08d" % i, owner, Money(state % 10 ** 7, "EUR" if state & 1 else "USD"))
        owner.accounts.append(acct)       # owner <-> account cycle
        for k in range(state % 6):
            acct.history.append(Entry((state >> k) % 50000 - 25000, b"memo-%d" % k, tags[k % 3]))
        accounts.append(acct)
    return {
        "accounts": accounts,
        "owners": owners,
        "index": {a.number: a for a in accounts[::7]},
        "big": [3 ** (100 + i % 50) for i in range(n // 10)],
        "floats": [i / 7 for i in range(n // 5)],
        "pairs": [(i, str(i), i * 0.5) for i in range(n // 5)],
        "flags": {i for i in range(0, n, 3)},
    }


def summary(data):
    accounts = data["accounts"]
    total = sum(a.balance.cents for a in accounts)
    entries = sum(len(a.history) for a in accounts)
    amount = sum(e.amount for a in accounts for e in a.history)
    shared = all(a.owner.accounts[a.owner.accounts.index(a)] is a for a in accounts[:50])
    indexed = all(data["index"][k] is v for k, v in data["index"].items())
    return (len(accounts), total, entries, amount, shared, indexed, sum(data["big"]) % 1000003,
            len(data["flags"]), data["pairs"][-1] if data["pairs"] else None, repr(data["floats"][-1:]))


def main(n, rounds):
    data = build(n, 77)
    expected = summary(data)
    print(*expected)
    for r in range(rounds):
        for protocol in (2, 4, 5):
            blob = pickle.dumps(data, protocol=protocol)
            data = pickle.loads(blob)
            got = summary(data)
            if got != expected:
                print("mismatch after round", r, "protocol", protocol, got)
    print("round trips", rounds * 3, "ok" if summary(data) == expected else "FAILED")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000, int(sys.argv[2]) if len(sys.argv) > 2 else 10)
