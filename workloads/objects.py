"""Method-heavy object code: a small inventory and geometry model.

Classes with inheritance and super() calls, properties, class and static
methods, __slots__ and plain instances, operator overloading (__add__,
__eq__, __hash__, __lt__), __repr__, and polymorphic method calls in loops:
the attribute-lookup and call paths that specializing interpreters and
build options change.  All arithmetic is on integers, so the output is
exact everywhere.
"""
import sys


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def cross(self, other):
        return self.x * other.y - self.y * other.x

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)


class Shape:
    count = 0

    def __init__(self, name, origin):
        self.name = name
        self.origin = origin
        Shape.count += 1

    @property
    def area2(self):
        """Twice the area, an integer for every shape here."""
        raise NotImplementedError

    def perimeter_sq(self):
        raise NotImplementedError

    def moved(self, delta):
        clone = self.copy()
        clone.origin = self.origin + delta
        return clone

    def describe(self):
        return "%s@%r a2=%d" % (self.name, self.origin, self.area2)

    @classmethod
    def reset(cls):
        cls.count = 0

    @staticmethod
    def bigger(a, b):
        return a if a.area2 >= b.area2 else b


class Rect(Shape):
    def __init__(self, origin, w, h):
        super().__init__("rect", origin)
        self.w = w
        self.h = h

    @property
    def area2(self):
        return 2 * self.w * self.h

    def perimeter_sq(self):
        return (2 * (self.w + self.h)) ** 2

    def copy(self):
        return Rect(self.origin, self.w, self.h)


class Square(Rect):
    def __init__(self, origin, side):
        super().__init__(origin, side, side)
        self.name = "square"

    def copy(self):
        return Square(self.origin, self.w)


class Polygon(Shape):
    def __init__(self, origin, points):
        super().__init__("polygon", origin)
        self.points = points

    @property
    def area2(self):
        pts = self.points
        total = 0
        for i in range(len(pts)):
            total += pts[i].cross(pts[(i + 1) % len(pts)])
        return abs(total)

    def perimeter_sq(self):
        pts = self.points
        total = 0
        for i in range(len(pts)):
            d = pts[(i + 1) % len(pts)] - pts[i]
            total += d.dot(d)
        return total

    def copy(self):
        return Polygon(self.origin, list(self.points))


class Triangle(Polygon):
    def __init__(self, origin, a, b, c):
        super().__init__(origin, [a, b, c])
        self.name = "triangle"

    def copy(self):
        return Triangle(self.origin, *self.points)


class Inventory:
    def __init__(self):
        self.shapes = []
        self.by_kind = {}

    def add(self, shape):
        self.shapes.append(shape)
        self.by_kind.setdefault(shape.name, []).append(shape)

    def total_area2(self):
        return sum(s.area2 for s in self.shapes)

    def largest(self):
        best = self.shapes[0]
        for s in self.shapes[1:]:
            best = Shape.bigger(best, s)
        return best

    def step(self, delta):
        self.shapes = [s.moved(delta) for s in self.shapes]

    def centroid(self):
        acc = Vec(0, 0)
        for s in self.shapes:
            acc = acc + s.origin
        return acc


def build(n, seed):
    inv = Inventory()
    state = seed
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        kind = (state >> 16) % 4
        origin = Vec(state % 97 - 48, (state >> 8) % 89 - 44)
        a = 1 + (state >> 4) % 13
        b = 1 + (state >> 9) % 11
        if kind == 0:
            inv.add(Rect(origin, a, b))
        elif kind == 1:
            inv.add(Square(origin, a))
        elif kind == 2:
            inv.add(Triangle(origin, Vec(0, 0), Vec(a, 0), Vec(0, b)))
        else:
            inv.add(Polygon(origin, [Vec(0, 0), Vec(a, 0), Vec(a + b, b), Vec(b, a + b), Vec(0, a)]))
    return inv


def main(n, rounds):
    Shape.reset()
    inv = build(n, 2024)
    seen = set()
    perim = 0
    for r in range(rounds):
        inv.step(Vec(r % 3 - 1, r % 5 - 2))
        for s in inv.shapes:
            seen.add(s.origin)
            perim += s.perimeter_sq()
    kinds = " ".join("%s=%d" % (k, len(v)) for k, v in sorted(inv.by_kind.items()))
    print(kinds)
    print("area2", inv.total_area2(), "perimeter_sq", perim)
    print("largest", inv.largest().describe())
    print("centroid", inv.centroid(), "distinct origins", len(seen), "min", min(seen), "max", max(seen))
    print("shapes created", Shape.count)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 40)
