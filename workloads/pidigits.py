"""Big integers: the digits of pi by Gibbons' unbounded spigot.

Every step multiplies and divides integers that grow to thousands of
digits, so the time goes to CPython's long-integer arithmetic (multiply,
floor division, small-by-big products) rather than to the bytecode loop.
The digits are printed ten to a line, as the benchmarks game does.
"""
import sys


def pi_digits(count):
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < count:
        if 4 * q + r - t < n * t:
            digits.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
    return digits


def main(count):
    digits = pi_digits(count)
    for i in range(0, count, 10):
        chunk = "".join(str(d) for d in digits[i:i + 10])
        print("%-10s\t:%d" % (chunk, min(i + 10, count)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2500)
