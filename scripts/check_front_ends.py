#!/usr/bin/env python3
"""Front ends only convert: fails when the CLI or a binding restates a model constant.

The core owns every default (``empreinte::defaults``), unit conversion and formula. This
check reads the code of ``cli/src``, ``bindings-python/src``, ``bindings-wasm/src`` and the
Python package (comments, docstrings and string literals aside) and reports:

- a unit-conversion or calendar constant (8760 hours a year, 3600 s, 86400 s, 365 days,
  60 minutes, 1000 or 1024 for kilo/kibi);
- a year written as a number (the default reporting year or a horizon);
- a clap ``default_value_t`` given as a number (it must name the core's constant);
- a Python parameter whose default is a number (it must be ``None``: the core fills it).

A line that must keep one says why with ``front-ends: allow (reason)`` in a comment.
Usage: ``python3 scripts/check_front_ends.py [ROOT]``; exit status 1 on a finding.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from pathlib import Path
from typing import Iterator, List, Tuple

RUST_DIRS = ("cli/src", "bindings-python/src", "bindings-wasm/src")
PYTHON_DIRS = ("bindings-python/python",)
ALLOW = "front-ends: allow"

# A number as written in code: 8760, 8760.0, 1e3, 1_000.0...
NUMBER = re.compile(r"(?<![\w.])(\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)(?:_?(?:f64|f32|i32|u32|u64|i64|usize))?(?![\w.])")
CONVERSIONS = {8760.0, 8766.0, 8784.0, 3600.0, 86400.0, 365.0, 365.25, 60.0, 1000.0, 1024.0, 1e6}


def _is_year(v: float) -> bool:
    return v == int(v) and 1990 <= v <= 2100


def _value(text: str) -> float:
    return float(text.replace("_", ""))


Finding = Tuple[str, int, str]


def _strip_rust(source: str) -> List[str]:
    """Each line of Rust code with comments and string/char literals blanked out."""
    out: List[str] = []
    i, n = 0, len(source)
    line: List[str] = []
    block = 0
    while i < n:
        c = source[i]
        if c == "\n":
            out.append("".join(line))
            line = []
            i += 1
            continue
        if block:
            if source.startswith("*/", i):
                block -= 1
                i += 2
            elif source.startswith("/*", i):
                block += 1
                i += 2
            else:
                i += 1
            continue
        if source.startswith("//", i):
            while i < n and source[i] != "\n":
                i += 1
            continue
        if source.startswith("/*", i):
            block = 1
            i += 2
            continue
        raw = re.match(r'r(#*)"', source[i:])
        if raw and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            end = '"' + raw.group(1)
            j = source.find(end, i + len(raw.group(0)))
            j = n if j < 0 else j + len(end)
            line.append('""')
            for ch in source[i:j]:
                if ch == "\n":
                    out.append("".join(line))
                    line = []
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and source[j] != '"':
                if source[j] == "\\":
                    j += 1
                elif source[j] == "\n":
                    out.append("".join(line))
                    line = []
                j += 1
            line.append('""')
            i = j + 1
            continue
        if c == "'" and re.match(r"'(\\.|[^\\'])'", source[i:i + 4]):
            j = source.index("'", i + 2) if source[i + 1] != "\\" else source.index("'", i + 3)
            line.append("' '")
            i = j + 1
            continue
        line.append(c)
        i += 1
    out.append("".join(line))
    return out


def check_rust(path: Path, rel: str) -> Iterator[Finding]:
    text = path.read_text(encoding="utf-8")
    raw_lines = text.split("\n")
    in_tests = False
    for no, code in enumerate(_strip_rust(text), start=1):
        raw = raw_lines[no - 1] if no <= len(raw_lines) else ""
        if re.match(r"\s*#\[cfg\(test\)\]", raw):
            in_tests = True  # the rest of the file is a test module, by this repository's layout
        if in_tests or ALLOW in raw:
            continue
        if re.search(r"default_value_t\s*=\s*-?\d", code):
            yield rel, no, "clap default given as a number: name the core's constant (empreinte::defaults)"
            continue
        for m in NUMBER.finditer(code):
            v = _value(m.group(1))
            if v in CONVERSIONS:
                yield rel, no, f"unit conversion `{m.group(1)}` in a front end: the core converts"
            elif _is_year(v) and "." not in m.group(1):
                yield rel, no, f"year `{m.group(1)}` written in a front end: use empreinte::defaults"


def _docstring_nodes(tree: ast.AST) -> set:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def check_python(path: Path, rel: str) -> Iterator[Finding]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    allowed = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT and ALLOW in tok.string:
            allowed.add(tok.start[0])
    tree = ast.parse(text, filename=rel)
    docs = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            defaults = list(args.defaults) + [d for d in args.kw_defaults if d is not None]
            for d in defaults:
                if isinstance(d, ast.Constant) and isinstance(d.value, (int, float)) \
                        and not isinstance(d.value, bool) and d.lineno not in allowed:
                    yield rel, d.lineno, (f"parameter default `{d.value!r}` in `{node.name}`: "
                                          "make it None and let the core fill it")
        if isinstance(node, ast.Constant) and id(node) not in docs and node.lineno not in allowed \
                and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            v = float(node.value)
            if v in CONVERSIONS:
                yield rel, node.lineno, f"unit conversion `{node.value!r}` in a front end: the core converts"
            elif isinstance(node.value, int) and _is_year(v):
                yield rel, node.lineno, f"year `{node.value}` written in a front end: use empreinte.DEFAULTS"
    del lines


#: A front end is at most this share of the core's code lines (issue 15: thin front ends).
MAX_FRONT_END_SHARE = 0.15


def _rust_code_lines(d: Path) -> int:
    return sum(1 for p in d.rglob("*.rs") for line in p.read_text(encoding="utf-8").split("\n")
               if line.strip() and not line.strip().startswith("//"))


def _python_code_lines(d: Path) -> int:
    n = 0
    for p in d.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        docs = set()
        for node in ast.walk(ast.parse(text)):
            body = getattr(node, "body", None)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                    and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
        n += sum(1 for i, line in enumerate(text.split("\n"), 1)
                 if i not in docs and line.strip() and not line.strip().startswith("#"))
    return n


def size_findings(root: Path) -> List[Finding]:
    """The CLI and the Python package (Rust and Python, docstrings, comments and stubs aside)
    against the core's code lines."""
    core = _rust_code_lines(root / "core/src")
    if core == 0:
        return []
    sizes = {
        "cli/src": _rust_code_lines(root / "cli/src"),
        "bindings-python": _rust_code_lines(root / "bindings-python/src")
        + _python_code_lines(root / "bindings-python/python"),
    }
    return [(d, 0, f"{n} code lines, {n / core:.1%} of core's {core}: at most "
                   f"{MAX_FRONT_END_SHARE:.0%} (move what is not conversion into core)")
            for d, n in sizes.items() if n > MAX_FRONT_END_SHARE * core]


def findings(root: Path) -> List[Finding]:
    out: List[Finding] = size_findings(root)
    for d in RUST_DIRS:
        for p in sorted((root / d).rglob("*.rs")):
            out.extend(check_rust(p, str(p.relative_to(root))))
    for d in PYTHON_DIRS:
        for p in sorted((root / d).rglob("*.py")):
            out.extend(check_python(p, str(p.relative_to(root))))
    return sorted(set(out))


def main(argv: List[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    found = findings(root)
    for rel, no, what in found:
        print(f"{rel}:{no}: {what}")
    if found:
        print(f"{len(found)} model constant(s) restated in a front end "
              f"(mark a necessary one with `{ALLOW} (reason)`)", file=sys.stderr)
        return 1
    print("front ends: no restated model constant")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
