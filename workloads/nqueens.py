"""Recursive search: count the solutions of the n-queens problem.

Two solvers that must agree: a backtracking recursion over columns with
the attacked columns and diagonals kept in lists of booleans, and a
generator-based search that yields every solution as a tuple (the shape of
recursive generators in real code).  Exercises deep Python-to-Python
calls, recursion, list indexing and generator frames.  The output is the
number of solutions and the first few in lexicographic order.
"""
import sys


def count_backtracking(n):
    cols = [False] * n
    diag1 = [False] * (2 * n)
    diag2 = [False] * (2 * n)

    def place(row):
        if row == n:
            return 1
        found = 0
        for c in range(n):
            d1 = row + c
            d2 = row - c + n
            if cols[c] or diag1[d1] or diag2[d2]:
                continue
            cols[c] = diag1[d1] = diag2[d2] = True
            found += place(row + 1)
            cols[c] = diag1[d1] = diag2[d2] = False
        return found

    return place(0)


def solutions(n, placed=()):
    row = len(placed)
    if row == n:
        yield placed
        return
    for c in range(n):
        safe = True
        for r, pc in enumerate(placed):
            if pc == c or row - r == abs(c - pc):
                safe = False
                break
        if safe:
            yield from solutions(n, placed + (c,))


def main(n, rounds):
    lines = []
    for _ in range(rounds):
        lines = []
        for size in range(4, n + 1):
            total = count_backtracking(size)
            first = []
            count = 0
            for s in solutions(size):
                if len(first) < 3:
                    first.append("".join("%x" % c for c in s))
                count += 1
            if count != total:
                lines.append("mismatch %d: %d != %d" % (size, total, count))
            lines.append("%d %d %s" % (size, total, " ".join(first)))
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
