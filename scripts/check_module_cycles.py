#!/usr/bin/env python3
"""Fails when the modules of a crate import each other in a cycle.

For each crate (a `src/` folder with `lib.rs` or `main.rs`), the module tree is read from the
`mod` declarations (file modules: `foo.rs`, `foo/mod.rs`, `#[path]`), and every path written in
the code that starts with `crate::`, `super::` or `self::` (in `use` trees and in expressions) is
resolved to the module it names, following the imports of the modules it passes through (so
`crate::Dataset`, re-exported by lib.rs, names `dataset`).

A dependency of `a::x` on `b::y` is a dependency of `a` on `b`: the cycle is looked for among
the children of each module (file or directory modules: `fleet`, `options`, `hosting::server`).
A module and its own submodules are not a cycle. Test code is not part of the graph: items under
`#[cfg(test)]` (inline `mod tests { ... }` and `mod tests;` files) are skipped.

    python3 scripts/check_module_cycles.py                 # the crates of this repository
    python3 scripts/check_module_cycles.py path/to/src ... # given crates' src folders

Exit status 0 when no crate has a cycle, 1 otherwise (each cycle named, with the lines that
make it). Python 3 standard library only.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CRATES = ["core/src", "cli/src", "bindings-wasm/src", "bindings-python/src", "fuzz/src"]

IDENT = r"(?:r#)?[A-Za-z_][A-Za-z0-9_]*"


# ---------------------------------------------------------------------------------------------
# Lexing: comments and literals blanked out (line numbers kept)


def strip_code(src: str) -> str:
    """The source with comments, strings and char literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(src)

    def blank(text: str) -> str:
        return "".join(c if c == "\n" else " " for c in text)

    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(src[i:j]))
            i = j
        elif src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(src[i:j]))
            i = j
        elif (m := re.match(r'(?:b|c)?r(#*)"', src[i:i + 260])) and (
            i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")
        ):
            end = '"' + m.group(1)
            j = src.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(blank(src[i:j]))
            i = j
        elif c == '"' or (c in "bc" and src.startswith('"', i + 1) and (
            i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")
        )):
            j = i + (1 if c == '"' else 2)
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(blank(src[i:j]))
            i = j
        elif c == "'":
            # A char literal ('x', '\n', '\u{..}', b'x' handled by the quote), else a lifetime.
            m = re.match(r"'(?:\\(?:u\{[0-9a-fA-F_]*\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'", src[i:i + 16])
            if m:
                out.append(blank(m.group(0)))
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def matching_brace(code: str, open_at: int) -> int:
    """The index just after the brace that closes the one at `open_at`."""
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(code)


def item_end(code: str, start: int) -> int:
    """The end of the item starting at `start`: its `;` or its closing brace, whichever first."""
    depth = 0
    for j in range(start, len(code)):
        ch = code[j]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch == ";":
            return j + 1
        elif depth == 0 and ch == "{":
            return matching_brace(code, j)
    return len(code)


ATTR = re.compile(r"#!?\[")


def attribute_end(code: str, start: int) -> int:
    depth = 0
    for j in range(start, len(code)):
        if code[j] == "[":
            depth += 1
        elif code[j] == "]":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(code)


CFG_TEST = re.compile(r"#\[\s*cfg\s*\(\s*test\s*\)\s*\]")


def drop_test_items(code: str) -> str:
    """Blanks every item under `#[cfg(test)]` (with the attributes that follow it), and the whole
    file under `#![cfg(test)]`."""
    if re.search(r"#!\[\s*cfg\s*\(\s*test\s*\)\s*\]", code):
        return "".join(c if c == "\n" else " " for c in code)
    while m := CFG_TEST.search(code):
        j = m.end()
        while True:  # further attributes of the same item
            k = len(code) - len(code[j:].lstrip())
            if code.startswith("#[", k):
                j = attribute_end(code, k)
            else:
                break
        end = item_end(code, j)
        code = code[:m.start()] + "".join(c if c == "\n" else " " for c in code[m.start():end]) + code[end:]
    return code


# ---------------------------------------------------------------------------------------------
# The module tree


@dataclass
class Module:
    path: tuple[str, ...]  # () for the crate root
    file: Path
    code: str = ""  # stripped, test items blanked
    children: set[str] = field(default_factory=set)
    # name -> (absolute path it imports, line): the `use` items of this module (any visibility)
    imports: dict[str, tuple[tuple[str, ...], int]] = field(default_factory=dict)
    globs: list[tuple[str, ...]] = field(default_factory=list)
    # (absolute path, line) of every crate-relative path written in the module
    refs: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    # (start, end) of the inline modules (`mod name { ... }`) written in the file
    inline: list[tuple[int, int]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return "::".join(self.path) or "crate"


MOD_DECL = re.compile(
    r"((?:#\[[^\]]*\]\s*)*)(?:pub(?:\s*\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*(;|\{)"
)
PATH_ATTR = re.compile(r'#\[\s*path\s*=\s*"([^"]*)"\s*\]')


def load_crate(src_dir: Path) -> dict[tuple[str, ...], Module]:
    root_file = next((src_dir / f for f in ("lib.rs", "main.rs") if (src_dir / f).exists()), None)
    if root_file is None:
        raise SystemExit(f"{src_dir}: no lib.rs or main.rs")
    modules: dict[tuple[str, ...], Module] = {}

    def visit(path: tuple[str, ...], file: Path, is_dir_owner: bool) -> None:
        raw = file.read_text(encoding="utf-8")
        stripped = strip_code(raw)
        # `#[path = "..."]` is read from the raw text (its string is blanked in `stripped`).
        code = drop_test_items(stripped)
        module = Module(path, file, code)
        modules[path] = module
        # The folder of this module's file submodules.
        sub_dir = file.parent if is_dir_owner else file.parent / file.stem
        pos = 0
        while m := MOD_DECL.search(code, pos):
            name = m.group(2).removeprefix("r#")
            if m.group(3) == "{":
                # An inline module: part of this file module (`super` inside it is this module).
                module.inline.append((m.end() - 1, matching_brace(code, m.end() - 1)))
                pos = m.end()
                continue
            pos = m.end()
            module.children.add(name)
            attr = PATH_ATTR.search(raw[m.start():m.start() + len(m.group(1))])
            if attr:
                # Relative to this file's folder; the file owns its folder like a mod.rs.
                visit(path + (name,), file.parent / attr.group(1), True)
                continue
            flat, nested = sub_dir / f"{name}.rs", sub_dir / name / "mod.rs"
            if flat.exists():
                visit(path + (name,), flat, False)
            elif nested.exists():
                visit(path + (name,), nested, True)
            else:
                raise SystemExit(f"{file}: module `{name}` has no file ({flat} or {nested})")

    visit((), root_file, True)
    # Every module's imports first (a path may go through another module's imports or globs),
    # twice so that the order of the modules does not matter; then the paths.
    for _ in range(2):
        for module in modules.values():
            read_imports(module, modules)
    for module in modules.values():
        read_paths(module, modules)
    return modules


# ---------------------------------------------------------------------------------------------
# Paths written in a module


def line_of(code: str, pos: int) -> int:
    return code.count("\n", 0, pos) + 1


def absolute(module: Module, segments: list[str], modules, pos: int = -1) -> tuple[str, ...] | None:
    """The absolute path of a path written in `module` (at `pos` in its code), or None when not
    crate-relative."""
    if not segments:
        return None
    head = segments[0]
    base: tuple[str, ...]
    if head == "crate":
        base, rest = (), segments[1:]
    elif head in ("self", "super"):
        base, rest = module.path, segments
        inline = sum(1 for a, b in module.inline if a < pos < b)
        while rest and rest[0] in ("self", "super"):
            if rest[0] == "super":
                if inline:
                    inline -= 1
                else:
                    base = base[:-1]
            rest = rest[1:]
    elif head in module.children:
        base, rest = module.path, segments
    elif head in module.imports and len(segments) > 1:
        target, _ = module.imports[head]
        base, rest = target, segments[1:]
    else:
        # A name brought in by a glob import (`use super::*;`): a child module or an import of
        # the glob's module.
        for glob in module.globs:
            owner = modules.get(resolve(glob, modules))
            if owner is None:
                continue
            if head in owner.children:
                return owner.path + tuple(segments)
            if head in owner.imports and len(segments) > 1:
                return owner.imports[head][0] + tuple(segments[1:])
        return None
    return tuple(base) + tuple(rest)


def parse_use_tree(text: str) -> list[tuple[list[str], str | None]]:
    """The leaves of a use tree: (segments, alias or None). `*` stays a segment."""
    tokens = re.findall(r"::|[{},*]|" + IDENT, text)
    leaves: list[tuple[list[str], str | None]] = []
    pos = 0

    def tree(prefix: list[str]) -> None:
        nonlocal pos
        segs = list(prefix)
        while pos < len(tokens):
            tok = tokens[pos]
            if tok == "::":
                pos += 1
            elif tok == "{":
                pos += 1
                while pos < len(tokens) and tokens[pos] != "}":
                    if tokens[pos] == ",":
                        pos += 1
                        continue
                    tree(segs)
                pos += 1  # the closing brace
                return
            elif tok in (",", "}"):
                break
            elif tok == "as":
                alias = tokens[pos + 1] if pos + 1 < len(tokens) else None
                pos += 2
                leaves.append((segs, alias))
                return
            else:
                segs.append(tok)
                pos += 1
        leaves.append((segs, None))

    while pos < len(tokens):
        if tokens[pos] == ",":
            pos += 1
            continue
        before = pos
        tree([])
        if pos == before:
            pos += 1
    return leaves


USE = re.compile(r"\buse\s+((?:::)?[^;]*);")
PATH = re.compile(r"(?<![A-Za-z0-9_:])((?:crate|self|super)(?:\s*::\s*" + IDENT + r")+)")


def uses_of(code: str) -> list[tuple[str, int, int, int]]:
    """The `use` items of a module: (tree, line, start, end)."""
    return [(m.group(1), line_of(code, m.start()), m.start(), m.end()) for m in USE.finditer(code)]


def read_imports(module: Module, modules) -> None:
    """The names the `use` items of a module bind, and its glob imports."""
    for text, line, pos, _ in uses_of(module.code):
        for segs, alias in parse_use_tree(text):
            if segs and segs[-1] == "self":
                segs = segs[:-1]
            target = absolute(module, segs, modules, pos)
            if target is None:
                continue
            if segs[-1] == "*":
                if target[:-1] not in module.globs:
                    module.globs.append(target[:-1])
            else:
                module.imports[alias or segs[-1]] = (target, line)


def read_paths(module: Module, modules) -> None:
    """Every crate-relative path the module writes, in `module.refs`."""
    code = module.code
    uses = uses_of(code)
    spans = [(a, b) for _, _, a, b in uses]
    for text, line, pos, _ in uses:
        for segs, _ in parse_use_tree(text):
            segs = [s for s in segs if s != "*"]
            if segs and segs[-1] == "self":
                segs = segs[:-1]
            target = absolute(module, segs, modules, pos)
            if target is not None:
                module.refs.append((target, line))
    # Paths in expressions, types, attributes and macros (outside `use` items).
    rest = list(code)
    for a, b in spans:
        rest[a:b] = [" " if ch != "\n" else ch for ch in code[a:b]]
    rest_code = "".join(rest)
    for m in PATH.finditer(rest_code):
        segs = re.sub(r"\s+", "", m.group(1)).split("::")
        target = absolute(module, segs, modules, m.start())
        if target is not None:
            module.refs.append((target, line_of(rest_code, m.start())))
    # Names a glob import brings in (`use super::*;` then `ServerConfig` written alone): the
    # imports of the glob's module (its own items are that module, an ancestor or a sibling).
    for glob in module.globs:
        owner = modules.get(resolve(glob, modules))
        if owner is None or owner is module:
            continue
        for name, (target, _) in owner.imports.items():
            m = re.search(r"(?<![A-Za-z0-9_.:])" + re.escape(name) + r"\b", rest_code)
            if m:
                module.refs.append((target, line_of(rest_code, m.start())))
        for name in owner.children:
            m = re.search(r"(?<![A-Za-z0-9_.:])" + re.escape(name) + r"\s*::", rest_code)
            if m:
                module.refs.append((owner.path + (name,), line_of(rest_code, m.start())))
    # Paths through an imported module name (`use super::doc;` then `doc::txt(...)`).
    for name, (target, line) in list(module.imports.items()):
        if target in modules:
            for m in re.finditer(r"(?<![A-Za-z0-9_:])" + re.escape(name) + r"\s*::\s*(" + IDENT + ")", rest_code):
                module.refs.append((target + (m.group(1),), line_of(rest_code, m.start())))


def resolve(path: tuple[str, ...], modules, depth: int = 0) -> tuple[str, ...]:
    """The module an absolute path names: its longest module prefix, through imports."""
    k = len(path)
    while k > 0 and path[:k] not in modules:
        k -= 1
    owner = path[:k]
    if k == len(path) or depth > 16:
        return owner
    name = path[k]
    imports = modules[owner].imports
    if name in imports:
        target, _ = imports[name]
        if target != path[: k + 1]:
            return resolve(target + path[k + 1:], modules, depth + 1)
    return owner


# ---------------------------------------------------------------------------------------------
# Cycles among siblings


def dependencies(modules) -> dict[tuple[str, ...], dict[tuple[str, ...], list[str]]]:
    """Edges between sibling modules (a::x -> b::y counts as a -> b): {from: {to: [evidence]}}."""
    edges: dict[tuple[str, ...], dict[tuple[str, ...], list[str]]] = {}
    for module in modules.values():
        for path, line in sorted(module.refs, key=lambda r: r[1]):
            target = resolve(path, modules)
            src = module.path
            common = 0
            while common < min(len(src), len(target)) and src[common] == target[common]:
                common += 1
            if common == len(src) or common == len(target):
                continue  # a module and its own ancestor or descendant
            a, b = src[: common + 1], target[: common + 1]
            try:
                where = module.file.relative_to(ROOT)
            except ValueError:
                where = module.file
            evidence = f"{where}:{line} ({module.name} uses {'::'.join(target)})"
            edges.setdefault(a, {}).setdefault(b, [])
            if evidence not in edges[a][b]:
                edges[a][b].append(evidence)
    return edges


def find_cycles(edges) -> list[tuple[list[tuple[str, ...]], list[tuple[str, ...]]]]:
    """Per strongly connected component of more than one module: one shortest cycle, and the
    component's modules."""
    nodes = sorted(set(edges) | {b for out in edges.values() for b in out})
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    components: list[list] = []
    counter = [0]

    def strongconnect(v) -> None:  # Tarjan's algorithm (recursive: module graphs are small)
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(sorted(comp))

    for v in nodes:
        if v not in index:
            strongconnect(v)

    cycles = []
    for comp in sorted(components):
        members = set(comp)
        best = None
        for start in comp:  # shortest cycle through `start`, by breadth-first search
            prev = {start: None}
            queue = [start]
            found = None
            while queue and found is None:
                nxt = []
                for v in queue:
                    for w in sorted(edges.get(v, {})):
                        if w not in members:
                            continue
                        if w == start:
                            found = v
                            break
                        if w not in prev:
                            prev[w] = v
                            nxt.append(w)
                    if found is not None:
                        break
                queue = nxt
            if found is not None:
                path = [found]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                path.reverse()
                if best is None or len(path) < len(best):
                    best = path
        cycles.append((best, comp))
    return cycles


def check(src_dir: Path) -> list[str]:
    """The cycles of one crate, as messages (empty when there are none)."""
    modules = load_crate(src_dir)
    edges = dependencies(modules)
    messages = []
    for cycle, tangle in find_cycles(edges):
        names = ["::".join(p) for p in cycle]
        lines = [f"{src_dir}: module cycle {' -> '.join(names + [names[0]])}"]
        if len(tangle) > len(cycle):
            lines.append("    (modules of this tangle: " + ", ".join("::".join(p) for p in tangle) + ")")
        for a, b in zip(cycle, cycle[1:] + cycle[:1]):
            for evidence in edges[a][b][:3]:
                lines.append(f"    {'::'.join(a)} -> {'::'.join(b)}: {evidence}")
            if len(edges[a][b]) > 3:
                lines.append(f"    ... and {len(edges[a][b]) - 3} more")
        messages.append("\n".join(lines))
    return messages


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / d for d in DEFAULT_CRATES if (ROOT / d).is_dir()]
    failures = []
    for d in dirs:
        failures.extend(check(d))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        print(f"{len(failures)} module cycle(s)", file=sys.stderr)
        return 1
    names = ", ".join(str(d.relative_to(ROOT)) if d.is_relative_to(ROOT) else str(d) for d in dirs)
    print(f"no module cycle in {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
