"""A small ray tracer: spheres and a checkered plane, point lights, shadows,
diffuse and specular shading and one level of mirror reflection.

Object-oriented float code: a Vector class with operator methods, ray and
surface objects, virtual intersect() calls per object per ray.  Only
+ - * / and sqrt are used (specular powers by repeated squaring, not **),
so every operation is correctly rounded and every correct CPython renders
the same pixels.  The output is a hash of the 8-bit image and its mean
brightness per channel.
"""
import hashlib
import math
import sys


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vector(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vector(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self.scale(1.0 / self.length())

    def mul(self, o):
        return Vector(self.x * o.x, self.y * o.y, self.z * o.z)


BLACK = Vector(0.0, 0.0, 0.0)
EPS = 1e-6


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction.scale(t)


class Material:
    def __init__(self, color, diffuse, specular, reflect, shininess_log2):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect
        self.shininess_log2 = shininess_log2

    def color_at(self, point):
        return self.color


class Checker(Material):
    def color_at(self, point):
        if (int(point.x + 1000.0) + int(point.z + 1000.0)) % 2:
            return self.color
        return Vector(0.9, 0.9, 0.9)


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPS:
            return t
        t = -b + root
        return t if t > EPS else None

    def normal(self, point):
        return (point - self.center).scale(1.0 / self.radius)


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.n = normal
        self.material = material

    def intersect(self, ray):
        denom = self.n.dot(ray.direction)
        if -EPS < denom < EPS:
            return None
        t = (self.point - ray.origin).dot(self.n) / denom
        return t if t > EPS else None

    def normal(self, point):
        return self.n


class Scene:
    def __init__(self):
        self.objects = [
            Plane(Vector(0.0, -1.0, 0.0), Vector(0.0, 1.0, 0.0),
                  Checker(Vector(0.2, 0.2, 0.25), 0.8, 0.1, 0.25, 2)),
            Sphere(Vector(0.0, 0.0, 5.0), 1.0, Material(Vector(0.9, 0.2, 0.2), 0.7, 0.5, 0.3, 5)),
            Sphere(Vector(-2.25, -0.25, 6.5), 0.75, Material(Vector(0.2, 0.8, 0.3), 0.9, 0.3, 0.1, 4)),
            Sphere(Vector(2.0, 0.5, 7.0), 1.5, Material(Vector(0.3, 0.4, 0.9), 0.6, 0.8, 0.5, 6)),
            Sphere(Vector(0.75, -0.625, 3.5), 0.375, Material(Vector(0.95, 0.85, 0.2), 0.8, 0.6, 0.0, 5)),
        ]
        self.lights = [(Vector(-5.0, 6.0, -2.0), Vector(0.8, 0.8, 0.8)),
                       (Vector(6.0, 4.0, 1.0), Vector(0.4, 0.35, 0.3))]
        self.ambient = Vector(0.08, 0.08, 0.1)

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t, best = t, obj
        return best, best_t

    def shadowed(self, point, to_light, dist):
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            k = 0.5 * (ray.direction.y + 1.0)
            return Vector(0.6 * k + 0.1, 0.7 * k + 0.1, 0.9 * k + 0.1)
        point = ray.at(t)
        n = obj.normal(point)
        m = obj.material
        base = m.color_at(point)
        color = base.mul(self.ambient)
        for light_pos, light_color in self.lights:
            offset = light_pos - point
            dist = offset.length()
            to_light = offset.scale(1.0 / dist)
            lambert = n.dot(to_light)
            if lambert <= 0.0 or self.shadowed(point, to_light, dist):
                continue
            color = color + base.mul(light_color).scale(m.diffuse * lambert)
            half = (to_light - ray.direction).normalized()
            spec = n.dot(half)
            if spec > 0.0:
                for _ in range(m.shininess_log2):
                    spec = spec * spec
                color = color + light_color.scale(m.specular * spec)
        if depth > 0 and m.reflect > 0.0:
            d = ray.direction
            r = d - n.scale(2.0 * d.dot(n))
            color = color + self.trace(Ray(point, r), depth - 1).scale(m.reflect)
        return color


def to_byte(v):
    if v <= 0.0:
        return 0
    if v >= 1.0:
        return 255
    return int(v * 255.0 + 0.5)


def render(width, height):
    scene = Scene()
    eye = Vector(0.0, 0.5, -1.0)
    pixels = bytearray()
    aspect = width / height
    for j in range(height):
        y = (1.0 - 2.0 * (j + 0.5) / height) * 0.75
        for i in range(width):
            x = (2.0 * (i + 0.5) / width - 1.0) * 0.75 * aspect
            direction = Vector(x, y - 0.1, 1.0).normalized()
            c = scene.trace(Ray(eye, direction), 1)
            pixels += bytes((to_byte(c.x), to_byte(c.y), to_byte(c.z)))
    return pixels


def main(width, height):
    pixels = render(width, height)
    n = width * height
    means = ["%.2f" % (sum(pixels[k::3]) / n) for k in range(3)]
    print("%dx%d" % (width, height), hashlib.sha256(pixels).hexdigest())
    print("mean rgb", *means)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 75)
