"""Mandelbrot set: escape-time iteration over a grid of complex points.

The inner loop is float multiply-add on two locals, the purest test of
the interpreter's float fast paths and of float object allocation.  The
output is the number of points inside the set, a hash of the bitmap and a
small ASCII rendering; the grid coordinates are exact binary fractions and
the iteration uses only + - *, so every correct CPython agrees.
"""
import hashlib
import sys


def mandelbrot(size, max_iter):
    rows = []
    inside = 0
    step = 4.0 / size          # size is a power of two times small ints
    for y in range(size):
        ci = y * step * 0.75 - 1.5
        row = bytearray()
        for x in range(size):
            cr = x * step - 2.5
            zr = zi = 0.0
            i = 0
            while i < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                i += 1
            if i == max_iter:
                inside += 1
            row.append(i)
        rows.append(bytes(row))
    return inside, rows


def main(size, max_iter):
    inside, rows = mandelbrot(size, max_iter)
    h = hashlib.sha256()
    for row in rows:
        h.update(row)
    print("size %d max_iter %d inside %d" % (size, max_iter, inside))
    print(h.hexdigest())
    shades = " .:-=+*#%@"
    for row in rows[:: max(1, size // 16)]:
        print("".join(shades[min(9, v * 10 // max_iter)] if v < max_iter else "@" for v in row[:: max(1, size // 48)]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 256, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
