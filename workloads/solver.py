"""A constraint solver: Sudoku as a generic constraint-satisfaction problem.

A small CSP engine (variables, domains, binary "all different" constraints
checked through a callable) solves a fixed list of puzzles with arc
consistency (AC-3) followed by backtracking search with the
minimum-remaining-values heuristic and forward checking.  The work is
function calls, list and dict operations and loop dispatch, the code shape
of solvers and search programs.

Domains are kept as sorted lists and ties are broken by variable order, so
the search takes the same path, and prints the same solutions and step
counts, on every correct interpreter.
"""
import sys

# Givens as 81 characters, '.' for an empty cell.  The first two are the
# classic examples from Peter Norvig's essay; the rest are derived from a
# solved grid by the generator below.
PUZZLES = [
    "..3.2.6..9..3.5..1..18.64....81.29..7.......8..67.82....26.95..8..2.3..9..5.1.3..",
    "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
]


def lcg(state):
    return (state * 1103515245 + 12345) & 0x7FFFFFFF


def derived_puzzle(seed, givens):
    """A valid grid from the pattern (3r + r//3 + c) % 9, shuffled, with cells removed."""
    state = seed
    digits = list(range(1, 10))
    for i in range(8, 0, -1):
        state = lcg(state)
        j = state % (i + 1)
        digits[i], digits[j] = digits[j], digits[i]
    cells = [str(digits[(r * 3 + r // 3 + c) % 9]) for r in range(9) for c in range(9)]
    order = list(range(81))
    for i in range(80, 0, -1):
        state = lcg(state)
        j = state % (i + 1)
        order[i], order[j] = order[j], order[i]
    for k in order[givens:]:
        cells[k] = "."
    return "".join(cells)


class CSP:
    def __init__(self, variables, domains, neighbors, constraint):
        self.variables = variables
        self.domains = domains
        self.neighbors = neighbors
        self.constraint = constraint
        self.assignments = 0
        self.prunings = 0

    def revise(self, domains, x, y):
        revised = False
        for vx in domains[x][:]:
            if not any(self.constraint(x, vx, y, vy) for vy in domains[y]):
                domains[x].remove(vx)
                self.prunings += 1
                revised = True
        return revised

    def ac3(self, domains):
        queue = [(x, y) for x in self.variables for y in self.neighbors[x]]
        head = 0
        while head < len(queue):
            x, y = queue[head]
            head += 1
            if self.revise(domains, x, y):
                if not domains[x]:
                    return False
                for z in self.neighbors[x]:
                    if z != y:
                        queue.append((z, x))
        return True

    def select(self, assignment, domains):
        best = None
        best_size = 10 ** 9
        for v in self.variables:
            if v not in assignment:
                size = len(domains[v])
                if size < best_size:
                    best, best_size = v, size
        return best

    def forward_check(self, var, value, assignment, domains):
        removed = []
        for n in self.neighbors[var]:
            if n not in assignment and value in domains[n]:
                domains[n].remove(value)
                removed.append(n)
                self.prunings += 1
                if not domains[n]:
                    return removed, False
        return removed, True

    def backtrack(self, assignment, domains):
        if len(assignment) == len(self.variables):
            return assignment
        var = self.select(assignment, domains)
        for value in domains[var][:]:
            self.assignments += 1
            assignment[var] = value
            saved = domains[var]
            domains[var] = [value]
            removed, ok = self.forward_check(var, value, assignment, domains)
            if ok and self.backtrack(assignment, domains) is not None:
                return assignment
            for n in removed:
                domains[n].append(value)
                domains[n].sort()
            domains[var] = saved
            del assignment[var]
        return None

    def solve(self):
        domains = {v: list(d) for v, d in self.domains.items()}
        if not self.ac3(domains):
            return None
        return self.backtrack({}, domains)


def different(x, vx, y, vy):
    return vx != vy


def sudoku_csp(grid):
    variables = [(r, c) for r in range(9) for c in range(9)]
    neighbors = {}
    for r, c in variables:
        peers = set()
        for k in range(9):
            peers.add((r, k))
            peers.add((k, c))
        br, bc = 3 * (r // 3), 3 * (c // 3)
        for i in range(br, br + 3):
            for j in range(bc, bc + 3):
                peers.add((i, j))
        peers.discard((r, c))
        neighbors[(r, c)] = sorted(peers)
    domains = {}
    for (r, c), ch in zip(variables, grid):
        domains[(r, c)] = [int(ch)] if ch != "." else list(range(1, 10))
    return CSP(variables, domains, neighbors, different)


def main(count):
    puzzles = PUZZLES + [derived_puzzle(7919 * i + 1, 26 + i % 5) for i in range(6)]
    total_assign = total_prune = 0
    for i in range(count):
        grid = puzzles[i % len(puzzles)]
        csp = sudoku_csp(grid)
        solution = csp.solve()
        if solution is None:
            print(i, "no solution")
            continue
        text = "".join(str(solution[(r, c)]) for r in range(9) for c in range(9))
        total_assign += csp.assignments
        total_prune += csp.prunings
        if i < len(puzzles):
            print(i, text, csp.assignments, csp.prunings)
    print("puzzles %d assignments %d prunings %d" % (count, total_assign, total_prune))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
