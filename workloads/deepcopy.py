"""Deep copy of nested structures with copy.deepcopy.

Configuration-like trees (dicts of lists of dicts), objects with and
without __slots__, a class with its own __deepcopy__, shared sub-objects
that must stay shared in the copy, and reference cycles that must be
reproduced.  copy.deepcopy is pure Python: its memo dict, dispatch table
and reductor calls make it a test of calls and dict traffic.  The copies
are mutated to check independence; counts and sums are printed.
"""
import copy
import sys


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Settings:
    def __init__(self, name, values, parent=None):
        self.name = name
        self.values = values
        self.parent = parent
        self.children = []


class Handle:
    """Copies share the underlying resource id, as real handles do."""
    copies = 0

    def __init__(self, resource):
        self.resource = resource

    def __deepcopy__(self, memo):
        Handle.copies += 1
        return Handle(self.resource)


def tree(depth, width, seed, shared):
    state = seed
    if depth == 0:
        return [Point(seed % 100, seed % 37), shared, "leaf-%d" % seed, (seed, seed * 2), seed / 4]
    node = {}
    for i in range(width):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        node["k%d" % i] = tree(depth - 1, width, state, shared)
    node["handle"] = Handle(seed % 10)
    node["shared"] = shared
    return node


def settings_chain(n):
    root = Settings("root", {"level": 0})
    node = root
    for i in range(1, n):
        child = Settings("s%d" % i, {"level": i, "flags": [i % 2 == 0, i % 3 == 0]}, node)
        node.children.append(child)   # parent <-> child cycle
        node = child
    return root


def walk(obj, seen, acc):
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for v in obj.values():
            walk(v, seen, acc)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            walk(v, seen, acc)
    elif isinstance(obj, Point):
        acc[0] += obj.x + obj.y
        acc[1] += 1
    elif isinstance(obj, int):
        acc[2] += obj


def main(depth, width, rounds):
    shared = {"shared": [1, 2, 3]}
    original = {"tree": tree(depth, width, 1, shared), "chain": settings_chain(50), "shared": shared}
    acc0 = [0, 0, 0]
    walk(original["tree"], set(), acc0)
    ok = True
    for r in range(rounds):
        dup = copy.deepcopy(original)
        # Shared objects stay shared inside the copy; cycles are rebuilt; nothing aliases the original.
        ok = ok and dup["tree"]["shared"] is dup["shared"] and dup["shared"] is not shared
        c = dup["chain"]
        ok = ok and c.children[0].parent is c and c is not original["chain"]
        dup["shared"]["shared"].append(r)
        ok = ok and len(shared["shared"]) == 3
        acc = [0, 0, 0]
        walk(dup["tree"], set(), acc)
        ok = ok and acc == acc0
    print("points", acc0[1], "coords", acc0[0], "ints", acc0[2])
    print("handles copied", Handle.copies, "independent", ok)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]] + [4, 6, 3][len(sys.argv) - 1:]
    main(*args[:3])
