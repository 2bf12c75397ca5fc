"""The front-end check itself: planted violations fail it, the real tree passes it."""

from __future__ import annotations

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import check_front_ends  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent


def tree(files: dict) -> Path:
    root = Path(tempfile.mkdtemp())
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for d in check_front_ends.RUST_DIRS + check_front_ends.PYTHON_DIRS:
        (root / d).mkdir(parents=True, exist_ok=True)
    return root


class FrontEndCheck(unittest.TestCase):
    def test_the_repository_passes(self) -> None:
        self.assertEqual(check_front_ends.findings(ROOT), [])

    def test_a_front_end_larger_than_its_share_of_core_fails(self) -> None:
        root = tree({"core/src/lib.rs": "fn a() {}\n" * 5,
                     "cli/src/main.rs": "fn b() {}\n// a comment\n\n"})
        self.assertEqual(check_front_ends.size_findings(root)[0][0], "cli/src")
        self.assertEqual(check_front_ends.size_findings(ROOT), [])

    def test_a_restated_hours_per_year_in_the_cli_fails(self) -> None:
        root = tree({"cli/src/hosting_cmd.rs": "fn f(y: f64) -> f64 {\n    y * 8760.0\n}\n"})
        found = check_front_ends.findings(root)
        self.assertEqual([(f[0], f[1]) for f in found], [("cli/src/hosting_cmd.rs", 2)])
        self.assertIn("8760", found[0][2])

    def test_a_clap_default_year_fails(self) -> None:
        root = tree({"cli/src/main.rs": "#[arg(long, default_value_t = 2025)]\nyear: i32,\n"})
        self.assertEqual(len(check_front_ends.findings(root)), 1)

    def test_a_python_numeric_default_and_a_conversion_fail(self) -> None:
        root = tree({"bindings-python/python/empreinte/x.py":
                     '"""Doc: 8760 h a year, default 2025."""\n'
                     "def f(year: int = 2025, hours=None):\n"
                     "    return hours * 3600\n"})
        lines = sorted(f[1] for f in check_front_ends.findings(root))
        self.assertEqual(lines, [2, 2, 3])  # the default, the year, the conversion; not the docstring

    def test_comments_strings_tests_and_allowed_lines_pass(self) -> None:
        root = tree({
            "bindings-wasm/src/lib.rs":
                "// one year is 8760 h\nconst T: &str = \"default 2025, 8760 h\";\n"
                "let n = 3600; // front-ends: allow (a buffer, not a duration)\n"
                "#[cfg(test)]\nmod tests { const Y: i32 = 2025; }\n",
            "bindings-python/python/empreinte/y.py":
                "def g(indent=2):  # front-ends: allow (layout)\n    return '8760'\n",
        })
        self.assertEqual(check_front_ends.findings(root), [])


if __name__ == "__main__":
    unittest.main()
