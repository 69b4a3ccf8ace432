#!/usr/bin/env python3
"""Find import loops between the source files of each crate.

    scripts/import-cycles.py            # every crate under crates/
    scripts/import-cycles.py crates/nlp # one crate

A file imports another when it names an item of that file's module through a
path: `use crate::a::b::C`, `super::C`, `self::child::f`, or the same paths
written inline in code. `mod child;` declarations are not imports, and nor is
a folder's `mod.rs` re-exporting a child's item (`pub use child::Item;`): that
is part of declaring the child. Test code (items under `#[cfg(test)]`, and
the files they declare) is left out: a test may reach anywhere in its crate. The files
of a crate and their imports form a graph; each strongly connected component
of more than one file is a loop, printed with one edge per line. Exits 1 when
there is a loop, so CI can run it.
"""

import re
import sys
from pathlib import Path

WORD = r"[A-Za-z_][A-Za-z0-9_]*"
PATH = re.compile(rf"\b(?:crate|super|self)(?:\s*::\s*(?:{WORD}|\{{))+")


def strip_comments(text):
    """Drop comments and string literals, keeping line structure."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif text[i] == "r" and re.match(r'r#*"', text[i:]) and (i == 0 or not text[i - 1].isalnum()):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            i = n if end < 0 else end + 1 + len(hashes)
            out.append('""')
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            out.append('""')
        elif text[i] == "'" and re.match(r"'(\\.|[^\\'])'", text[i:]):
            i += len(re.match(r"'(\\.[^']*|[^\\'])'", text[i:]).group(0))
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def strip_tests(text):
    """Drop every item under `#[cfg(test)]`: a test may reach anywhere in its crate."""
    out, i = [], 0
    for match in re.finditer(r"#\[cfg\(test\)\]", text):
        if match.start() < i:
            continue
        out.append(text[i : match.start()])
        j = match.end()
        semicolon, brace = text.find(";", j), text.find("{", j)
        if brace < 0 or (0 <= semicolon < brace):
            i = semicolon + 1
            continue
        depth, k = 0, brace
        while k < len(text):
            if text[k] == "{":
                depth += 1
            elif text[k] == "}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        i = k + 1
    out.append(text[i:])
    return "".join(out)


def source(path):
    return strip_tests(strip_comments(path.read_text()))


def module_files(src):
    """Map each module path (tuple of names) to its file, starting at lib.rs or main.rs."""
    files = {}
    for root_name in ("lib.rs", "main.rs"):
        root = src / root_name
        if root.exists():
            walk(root, (), files, src)
    return files


def walk(path, module, files, src):
    files[module] = path
    text = source(path)
    if path.name in ("lib.rs", "main.rs", "mod.rs"):
        folder = path.parent
    else:
        folder = path.parent / path.stem
    for match in re.finditer(rf"(#\[path\s*=\s*\"\"\]\s*)?\bmod\s+({WORD})\s*;", text):
        name = match.group(2)
        for candidate in (folder / f"{name}.rs", folder / name / "mod.rs"):
            if candidate.exists():
                walk(candidate, module + (name,), files, src)
                break


def expand_use(tree):
    """`a::{b, c::{d, e}}` -> [a::b, a::c::d, a::c::e] (as segment lists)."""
    tree = re.sub(r"\s+", "", tree)
    results = []

    def parse(prefix, s):
        parts, depth, start = [], 0, 0
        for k, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:k])
                start = k + 1
        parts.append(s[start:])
        for part in parts:
            if not part:
                continue
            brace = part.find("{")
            if brace >= 0:
                head = part[:brace].rstrip(":")
                inner = part[brace + 1 : part.rfind("}")]
                parse(prefix + [x for x in head.split("::") if x], inner)
            else:
                part = re.sub(r"\bas\b.*$", "", part)
                results.append(prefix + [x for x in part.split("::") if x])

    parse([], tree)
    return results


def absolute(module, segments, files):
    """Resolve a path written in `module` to absolute segments, or None if it is not crate-local."""
    if not segments:
        return None
    head = segments[0]
    if head == "crate":
        return list(segments[1:])
    if head in ("self", "super"):
        base = list(module)
        rest = list(segments)
        while rest and rest[0] in ("self", "super"):
            if rest[0] == "super":
                if not base:
                    return None
                base.pop()
            rest.pop(0)
        return base + rest
    # A path starting at a child module of this one (2018 uniform paths).
    if tuple(module) + (head,) in files:
        return list(module) + list(segments)
    return None


def target(segments, files):
    """The file of the longest module prefix of `segments`."""
    for length in range(len(segments), -1, -1):
        if tuple(segments[:length]) in files:
            return tuple(segments[:length])
    return None


def edges_of(module, path, files):
    text = source(path)
    found = set()
    for match in re.finditer(r"(\bpub(?:\([a-z]+\))?\s+)?\buse\s+([^;]+);", text):
        for segments in expand_use(match.group(2)):
            segments = [s for s in segments if s != "*"]
            full = absolute(module, segments, files)
            if full is None:
                continue
            to = target(full, files)
            if match.group(1) and to and to[: len(module)] == module:
                continue  # re-exporting a child's item is part of declaring the child
            found.add(to)
    text = re.sub(r"\buse\s+[^;]+;", "", text)
    for match in PATH.finditer(text):
        raw = re.sub(r"\s+", "", match.group(0)).rstrip(":{")
        full = absolute(module, raw.split("::"), files)
        if full is not None:
            found.add(target(full, files))
    # Inline paths through a child module: `child::function()`.
    for match in re.finditer(rf"(?<![:\w])({WORD})\s*::\s*({WORD})", text):
        child = tuple(module) + (match.group(1),)
        if child in files:
            found.add(target(list(child) + [match.group(2)], files))
    found.discard(None)
    found.discard(module)
    return found


def components(graph):
    """Tarjan's strongly connected components."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            result.append(component)

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return result


def check(crate):
    src = crate / "src"
    files = module_files(src)
    graph = {m: edges_of(m, p, files) for m, p in files.items()}
    loops = [c for c in components(graph) if len(c) > 1]
    name = lambda m: str(files[m].relative_to(crate))
    for component in loops:
        members = set(component)
        print(f"{crate}: loop between {', '.join(sorted(name(m) for m in component))}")
        for m in sorted(component, key=name):
            for w in sorted(graph[m] & members, key=name):
                print(f"    {name(m)} -> {name(w)}")
    return len(files), len(loops)


def main():
    root = Path(__file__).resolve().parent.parent
    crates = [Path(a) for a in sys.argv[1:]] or sorted((root / "crates").iterdir())
    total = 0
    for crate in crates:
        if (crate / "src").is_dir():
            files, loops = check(crate)
            print(f"{crate.name}: {files} files, {loops} loops")
            total += loops
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
