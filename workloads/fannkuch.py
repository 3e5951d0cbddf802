"""Permutation flipping: the fannkuch-redux benchmark.

For every permutation of 1..n (generated in the classic order), repeatedly
reverse the prefix whose length is the first element until a 1 comes
first; report the checksum over all permutations and the maximum number of
flips.  Exercises integer comparisons, list slicing and reversal, and tight
while loops.  Integer-only, so the output is exact everywhere.
"""
import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = list(range(1, n + 1))
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0:
            perm = perm1[:]
            flips = 0
            k = perm[0]
            while k:
                perm[: k + 1] = perm[k::-1]
                flips += 1
                k = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += flips if sign == 1 else -flips
        # Next permutation in the benchmark's order (rotations of prefixes).
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            perm1[:r] = perm1[1 : r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        sign = -sign


def main(n):
    checksum, flips = fannkuch(n)
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (n, flips))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
