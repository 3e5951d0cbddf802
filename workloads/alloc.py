"""Many small allocations: binary trees plus short-lived small objects.

The benchmarks-game binary-trees program (build and walk many perfect
binary trees of tuples, one long-lived tree throughout), then waves of
small objects of mixed sizes: tuples, short lists, small dicts, small
instances with and without __slots__, short strings and floats, most of
them dying young and some kept.  This is where the object allocator
(pymalloc, mimalloc, the system malloc) shows.  Integer-only output.
"""
import sys


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


class Small:
    def __init__(self, a, b):
        self.a = a
        self.b = b


class Slotted:
    __slots__ = ("a", "b", "c")

    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


def binary_trees(max_depth):
    min_depth = 4
    lines = []
    stretch = max_depth + 1
    lines.append("stretch tree of depth %d\t check: %d" % (stretch, check_tree(make_tree(stretch))))
    long_lived = make_tree(max_depth)
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        check = 0
        for _ in range(iterations):
            check += check_tree(make_tree(depth))
        lines.append("%d\t trees of depth %d\t check: %d" % (iterations, depth, check))
    lines.append("long lived tree of depth %d\t check: %d" % (max_depth, check_tree(long_lived)))
    return lines


def waves(n, keep_every):
    kept = []
    total = 0
    for i in range(n):
        t = (i, i + 1, i + 2)
        l = [i, t, "s%d" % (i % 100)]
        d = {"i": i, "t": t, "f": i * 0.5}
        o = Small(l, d)
        s = Slotted(i, o, t)
        total += len(l) + len(d) + s.a % 7 + len(o.a)
        if i % keep_every == 0:
            kept.append(s)
        if len(kept) > 2000:
            del kept[:1000]
    return total, len(kept), sum(k.a for k in kept) % 1000003


def main(depth, n):
    for line in binary_trees(depth):
        print(line)
    print("waves", *waves(n, 17))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12, int(sys.argv[2]) if len(sys.argv) > 2 else 100000)
