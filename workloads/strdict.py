"""Text and dictionaries: tokenizing generated prose, counting words in a
dict, building an index of bigrams, and formatting a report with f-strings
and str.join.  Exercises str methods, dict insertion and lookup, sorting
with key functions, and string building.

The text comes from a small linear congruential generator, so the output
is identical on every run and every platform.
"""
import sys

WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
         "exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure "
         "in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint "
         "occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est").split()


def generate(n, seed=12345):
    state = seed
    out = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        word = WORDS[state % len(WORDS)]
        if state % 7 == 0:
            word = word.capitalize()
        out.append(word)
        if state % 11 == 0:
            out.append(".")
    return " ".join(out)


def analyse(text):
    counts = {}
    bigrams = {}
    previous = None
    for sentence in text.split(" . "):
        for token in sentence.lower().split():
            token = token.strip(".")
            if not token:
                continue
            counts[token] = counts.get(token, 0) + 1
            if previous is not None:
                key = previous + " " + token
                bigrams[key] = bigrams.get(key, 0) + 1
            previous = token
        previous = None
    return counts, bigrams


def report(counts, bigrams):
    lines = []
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
        lines.append(f"{word:<16}{n:>8}")
    top = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    lines.extend("%-24s%6d" % (k, v) for k, v in top)
    lines.append("distinct words: %d, distinct bigrams: %d" % (len(counts), len(bigrams)))
    return "\n".join(lines)


def main(n, rounds):
    summary = []
    for r in range(rounds):
        text = generate(n, seed=12345 + r)
        counts, bigrams = analyse(text)
        summary.append(report(counts, bigrams))
    print(summary[0])
    print(summary[-1])
    print(sum(len(s) for s in summary))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
