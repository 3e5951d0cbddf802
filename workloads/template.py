"""A template renderer: a small Jinja-like engine, parsed once, rendered often.

Templates with {{ expressions|filters }}, {% for %} loops with loop
variables, {% if %}/{% elif %}/{% else %}, dotted lookups into dicts and
objects, and HTML auto-escaping.  The engine tokenizes with re, builds a
node tree and renders by walking it: method dispatch per node, dict and
attribute lookups, and string building, the shape of web rendering.
Prints the rendered size and a digest.
"""
import hashlib
import re
import sys

TOKEN = re.compile(r"({{.*?}}|{%.*?%})", re.S)

PAGE = """<html><head><title>{{ title|upper }}</title></head><body>
<h1>{{ title }}</h1>
{% if user.admin %}<p class="admin">Admin: {{ user.name|escape }}</p>{% elif user.name %}<p>Hi {{ user.name }}</p>{% else %}<p>Guest</p>{% endif %}
<table>
{% for p in products %}  <tr class="{% if loop.odd %}odd{% else %}even{% endif %}">
    <td>{{ loop.index }}</td><td>{{ p.name|title }}</td><td>{{ p.price|money }}</td>
    <td>{% for t in p.tags %}<span>{{ t }}</span>{% if not loop.last %}, {% endif %}{% endfor %}</td>
    <td>{% if p.stock > 10 %}in stock{% elif p.stock > 0 %}only {{ p.stock }} left{% else %}sold out{% endif %}</td>
    <td>{{ p.description|truncate }}</td>
  </tr>
{% endfor %}</table>
<footer>{{ products|length }} products, {{ footer }}</footer>
</body></html>
"""


class TemplateError(Exception):
    pass


def escape(value):
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


FILTERS = {
    "upper": lambda v: str(v).upper(),
    "title": lambda v: str(v).title(),
    "escape": escape,
    "length": len,
    "money": lambda v: "$%d.%02d" % divmod(v, 100),
    "truncate": lambda v: v if len(v) <= 40 else v[:37] + "...",
}


class Expr:
    def __init__(self, text):
        parts = [p.strip() for p in text.split("|")]
        self.negate = parts[0].startswith("not ")
        path = parts[0][4:].strip() if self.negate else parts[0]
        self.compare = None
        for op in (" > ", " < ", " == "):
            if op in path:
                path, rhs = path.split(op)
                self.compare = (op.strip(), int(rhs))
        self.path = path.strip().split(".")
        self.filters = [FILTERS[f] for f in parts[1:]]

    def eval(self, ctx):
        value = ctx.lookup(self.path[0])
        for name in self.path[1:]:
            value = value[name] if isinstance(value, dict) else getattr(value, name)
        for f in self.filters:
            value = f(value)
        if self.compare:
            op, rhs = self.compare
            value = value > rhs if op == ">" else value < rhs if op == "<" else value == rhs
        return (not value) if self.negate else value


class Text:
    def __init__(self, text):
        self.text = text

    def render(self, ctx, out):
        out.append(self.text)


class Var:
    def __init__(self, expr, autoescape):
        self.expr = Expr(expr)
        self.autoescape = autoescape

    def render(self, ctx, out):
        value = self.expr.eval(ctx)
        out.append(escape(value) if self.autoescape else str(value))


class If:
    def __init__(self):
        self.branches = []    # (Expr or None, [nodes])

    def render(self, ctx, out):
        for cond, body in self.branches:
            if cond is None or cond.eval(ctx):
                for node in body:
                    node.render(ctx, out)
                return


class Loop:
    __slots__ = ("index", "length")

    def __init__(self, length):
        self.index = 0
        self.length = length

    @property
    def odd(self):
        return self.index % 2 == 1

    @property
    def last(self):
        return self.index == self.length


class For:
    def __init__(self, var, expr):
        self.var = var
        self.expr = Expr(expr)
        self.body = []

    def render(self, ctx, out):
        items = self.expr.eval(ctx)
        loop = Loop(len(items))
        inner = Context({}, ctx)
        inner.vars["loop"] = loop
        for item in items:
            loop.index += 1
            inner.vars[self.var] = item
            for node in self.body:
                node.render(inner, out)


class Context:
    def __init__(self, values, parent=None):
        self.vars = values
        self.parent = parent

    def lookup(self, name):
        ctx = self
        while ctx is not None:
            if name in ctx.vars:
                return ctx.vars[name]
            ctx = ctx.parent
        raise TemplateError("undefined: " + name)


def compile_template(source, autoescape=True):
    root = []
    stack = [(None, root)]
    for token in TOKEN.split(source):
        if not token:
            continue
        body = stack[-1][1]
        if token.startswith("{{"):
            body.append(Var(token[2:-2].strip(), autoescape))
        elif token.startswith("{%"):
            words = token[2:-2].strip().split(None, 1)
            tag = words[0]
            if tag == "for":
                var, _, expr = words[1].partition(" in ")
                node = For(var.strip(), expr)
                body.append(node)
                stack.append((node, node.body))
            elif tag == "if":
                node = If()
                node.branches.append((Expr(words[1]), []))
                body.append(node)
                stack.append((node, node.branches[-1][1]))
            elif tag in ("elif", "else"):
                node = stack.pop()[0]
                node.branches.append((Expr(words[1]) if tag == "elif" else None, []))
                stack.append((node, node.branches[-1][1]))
            elif tag in ("endfor", "endif"):
                stack.pop()
            else:
                raise TemplateError("unknown tag " + tag)
        else:
            body.append(Text(token))
    if len(stack) != 1:
        raise TemplateError("unclosed block")
    return root


class Product:
    def __init__(self, i, state):
        self.name = "product number %d" % i
        self.price = state % 100000
        self.stock = (state >> 4) % 25
        self.tags = ["tag%d" % ((state >> s) % 9) for s in range(0, (state >> 8) % 4)]
        self.description = "A <fine> product & more, model %d, suitable for %s use." % (
            state % 977, ("home", "office", "outdoor")[state % 3])


def render(nodes, ctx):
    out = []
    for node in nodes:
        node.render(ctx, out)
    return "".join(out)


def main(n, rounds):
    state = 99
    products = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        products.append(Product(i, state))
    page = compile_template(PAGE)
    digest = hashlib.sha256()
    users = [{"name": "Ada <admin>", "admin": True}, {"name": "Bob", "admin": False}, {"name": "", "admin": False}]
    size = 0
    for r in range(rounds):
        ctx = Context({"title": "catalogue page %d" % r, "user": users[r % 3], "products": products,
                       "footer": "rendered by varbench"})
        html = render(page, ctx)
        size += len(html)
        digest.update(html.encode())
    print("bytes", size, "lines", html.count("\n"))
    print(html.splitlines()[2])
    print(html.splitlines()[5].strip())
    print(digest.hexdigest())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500, int(sys.argv[2]) if len(sys.argv) > 2 else 20)
