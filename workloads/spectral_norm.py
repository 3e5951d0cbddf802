"""Spectral norm: the largest singular value of an infinite matrix.

Power iteration on A^T A where A[i][j] = 1 / ((i + j)(i + j + 1) / 2 + i + 1),
the benchmarks-game program.  Exercises float division and multiplication,
nested loops and small function calls.  Sums are accumulated with plain
`+=` in a fixed order (not the builtin sum(), whose float algorithm changed
in 3.12), and only + - * / and sqrt are used, all correctly rounded in
IEEE-754, so every correct CPython prints the same digits.
"""
import math
import sys


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times_a(u):
    n = len(u)
    out = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(i, j) * u[j]
        out.append(total)
    return out


def times_at(u):
    n = len(u)
    out = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(j, i) * u[j]
        out.append(total)
    return out


def times_ata(u):
    return times_at(times_a(u))


def main(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    print("%0.9f" % math.sqrt(vbv / vv))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 130)
