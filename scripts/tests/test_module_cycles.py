"""Tests of scripts/check_module_cycles.py: planted cycles make it fail, naming them; what is not a
cycle (a module and its submodules, test code, comments) does not; the real tree passes.

    python3 -m unittest discover -s scripts/tests
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

import check_module_cycles as cycles  # noqa: E402


class Crate:
    """A crate's src folder written from {relative path: source}, in a temporary folder."""

    def __init__(self, files: dict[str, str]):
        self.tmp = tempfile.TemporaryDirectory()
        self.src = Path(self.tmp.name) / "src"
        for rel, text in files.items():
            path = self.src / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def __enter__(self) -> Path:
        return self.src

    def __exit__(self, *exc) -> None:
        self.tmp.cleanup()


def cycles_of(files: dict[str, str]) -> list[str]:
    with Crate(files) as src:
        return cycles.check(src)


class PlantedCycles(unittest.TestCase):
    def assertCycle(self, files: dict[str, str], *names: str) -> None:
        found = cycles_of(files)
        self.assertEqual(len(found), 1, found)
        first = found[0].splitlines()[0]
        # The cycle is named from its smallest module, in dependency order.
        self.assertTrue(first.endswith("module cycle " + " -> ".join(names + names[:1])), first)

    def test_use_crate(self):
        self.assertCycle(
            {
                "lib.rs": "mod a;\nmod b;\n",
                "a.rs": "use crate::b::B;\npub struct A;\n",
                "b.rs": "use crate::a::A;\npub struct B;\n",
            },
            "a",
            "b",
        )

    def test_three_modules_in_order(self):
        self.assertCycle(
            {
                "lib.rs": "mod fleet;\nmod options;\nmod uncertainty;\n",
                "fleet.rs": "use crate::options::EvaluationOptions;\npub struct FactorTrace;\n",
                "options.rs": "pub struct EvaluationOptions { pub m: crate::uncertainty::MonteCarloOptions }\n",
                "uncertainty.rs": "use crate::fleet::FactorTrace;\npub struct MonteCarloOptions;\n",
            },
            "fleet",
            "options",
            "uncertainty",
        )

    def test_paths_in_expressions_and_types(self):
        self.assertCycle(
            {
                "lib.rs": "mod a;\nmod b;\n",
                "a.rs": "pub fn f() -> u8 { crate::b::g() }\n",
                "b.rs": "pub fn g() -> u8 { 1 }\npub struct B(Option<crate::a::A>);\n",
            },
            "a",
            "b",
        )

    def test_super_between_siblings(self):
        # hosting::components <-> hosting::server, as it was.
        self.assertCycle(
            {
                "lib.rs": "pub mod hosting;\n",
                "hosting/mod.rs": "mod components;\nmod server;\n",
                "hosting/components.rs": "use super::server::{param, Resolved};\n",
                "hosting/server.rs": "use super::components::{components, cpu_power};\n",
            },
            "hosting::components",
            "hosting::server",
        )

    def test_nested_use_trees_and_aliases(self):
        self.assertCycle(
            {
                "lib.rs": "mod a;\nmod b;\nmod c;\n",
                "a.rs": "use crate::{c::C, b::{x::{self, X as Y}}};\n",
                "b/mod.rs": "pub mod x;\n",
                "b/x.rs": "use crate::a as the_a;\nfn f() { the_a::g(); }\n",
                "c.rs": "pub struct C;\n",
            },
            "a",
            "b",
        )

    def test_through_a_reexport_of_the_crate_root(self):
        # `crate::Dataset` is the dataset module's, re-exported by lib.rs.
        self.assertCycle(
            {
                "lib.rs": "pub mod classify;\npub mod dataset;\npub use dataset::Dataset;\n",
                "classify.rs": "use crate::Dataset;\npub enum Target { Own }\n",
                "dataset.rs": "pub struct Dataset { t: Vec<crate::classify::Target> }\n",
            },
            "classify",
            "dataset",
        )

    def test_through_a_glob_import(self):
        # `use super::*` brings in what the parent re-exports from a sibling.
        self.assertCycle(
            {
                "lib.rs": "mod hosting;\n",
                "hosting/mod.rs": "mod components;\nmod server;\npub use server::ServerConfig;\n",
                "hosting/components.rs": "use super::*;\nfn f(c: &ServerConfig) {}\n",
                "hosting/server.rs": "use super::components;\npub struct ServerConfig;\n",
            },
            "hosting::components",
            "hosting::server",
        )

    def test_through_an_imported_module(self):
        self.assertCycle(
            {
                "lib.rs": "mod review;\n",
                "review/mod.rs": "mod doc;\nmod sections;\n",
                "review/doc.rs": "use super::sections;\nfn build() { sections::national(); }\npub struct Block;\n",
                "review/sections.rs": "pub fn national() { let _ = super::doc::Block; }\n",
            },
            "review::doc",
            "review::sections",
        )

    def test_through_an_imported_ancestor(self):
        # `h::ServerConfig`, with `h` the parent module, names what the parent re-exports.
        self.assertCycle(
            {
                "lib.rs": "mod hosting;\n",
                "hosting/mod.rs": "mod components;\nmod server;\npub use server::ServerConfig;\n",
                "hosting/components.rs": "use crate::hosting as h;\nfn f(_: h::ServerConfig) {}\n",
                "hosting/server.rs": "pub struct ServerConfig;\nfn g() { super::components::f; }\n",
            },
            "hosting::components",
            "hosting::server",
        )

    def test_directory_modules(self):
        # a::x uses b::y and b::z uses a: the directories a and b depend on each other.
        self.assertCycle(
            {
                "lib.rs": "mod a;\nmod b;\n",
                "a/mod.rs": "mod x;\npub struct A;\n",
                "a/x.rs": "use crate::b::y::Y;\n",
                "b/mod.rs": "pub mod y;\nmod z;\n",
                "b/y.rs": "pub struct Y;\n",
                "b/z.rs": "use crate::a::A;\n",
            },
            "a",
            "b",
        )

    def test_binary_crate_and_path_attribute(self):
        self.assertCycle(
            {
                "main.rs": 'mod glpi_cmd;\n#[path = "commands/report.rs"]\nmod report_cmd;\nfn main() {}\n',
                "glpi_cmd.rs": "pub type T = crate::report_cmd::Evaluated;\n",
                "commands/report.rs": "pub type Evaluated = ();\nfn f() { crate::glpi_cmd::run(); }\n",
            },
            "glpi_cmd",
            "report_cmd",
        )

    def test_the_real_core_with_a_planted_cycle(self):
        # core/src as it is, plus options -> uncertainty (uncertainty -> fleet -> options).
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "src"
            shutil.copytree(ROOT / "core" / "src", src)
            options = src / "options.rs"
            options.write_text(
                options.read_text(encoding="utf-8") + "\n#[allow(dead_code)]\ntype Planted = crate::uncertainty::Stats;\n",
                encoding="utf-8",
            )
            found = cycles.check(src)
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                status = cycles.main([str(src)])
        self.assertEqual(status, 1)
        self.assertEqual(len(found), 1, found)
        self.assertIn("options -> uncertainty", found[0])
        self.assertIn("options.rs", found[0])
        self.assertIn("module cycle", err.getvalue())


class NotCycles(unittest.TestCase):
    def test_a_module_and_its_submodules(self):
        self.assertEqual(
            cycles_of(
                {
                    "lib.rs": "pub mod review;\npub use review::ReviewInput;\nfn f() { review::doc::build(); }\n",
                    "review/mod.rs": "mod doc;\npub struct ReviewInput;\nfn g() { doc::build(); }\n",
                    "review/doc.rs": "use super::ReviewInput;\nuse crate::review;\npub fn build() {}\n",
                }
            ),
            [],
        )

    def test_test_modules(self):
        self.assertEqual(
            cycles_of(
                {
                    "lib.rs": "mod a;\nmod b;\n",
                    "a.rs": "use crate::b::B;\npub struct A;\n",
                    "b.rs": textwrap.dedent(
                        """\
                        pub struct B;
                        #[cfg(test)]
                        #[allow(unused)]
                        mod tests {
                            use crate::a::A;
                            fn f() { let s = "}"; let _ = crate::a::A; }
                        }
                        #[cfg(test)]
                        mod more_tests;
                        #[cfg(test)]
                        fn helper() -> crate::a::A { crate::a::A }
                        """
                    ),
                    "b/more_tests.rs": "use crate::a::A;\n",
                }
            ),
            [],
        )

    def test_a_test_only_file(self):
        self.assertEqual(
            cycles_of(
                {
                    "lib.rs": "mod a;\nmod b;\n",
                    "a.rs": "use crate::b::B;\n",
                    "b/mod.rs": "pub struct B;\nmod t;\n",
                    "b/t.rs": "#![cfg(test)]\nuse crate::a;\n",
                }
            ),
            [],
        )

    def test_comments_and_strings(self):
        self.assertEqual(
            cycles_of(
                {
                    "lib.rs": "mod a;\nmod b;\n",
                    "a.rs": "use crate::b::B;\n",
                    "b.rs": textwrap.dedent(
                        r'''
                        //! See [`crate::a`].
                        /// Not `crate::a::A` either. /* nested /* crate::a */ */
                        pub struct B;
                        /* use crate::a::A; */
                        fn f<'a>(x: &'a str) -> (&'a str, char, &'static str) {
                            (x, '"', r#"use crate::a::A; "quoted""#)
                        }
                        const S: &str = "crate::a::A \" use crate::a;";
                        '''
                    ),
                }
            ),
            [],
        )

    def test_super_in_an_inline_module(self):
        # Inside `a::inner`, `super::B` is a's own B, not the crate root's (b's).
        self.assertEqual(
            cycles_of(
                {
                    "lib.rs": "mod a;\nmod b;\npub use b::B;\n",
                    "a.rs": "pub struct A;\npub struct B;\nmod inner {\n    fn f(_: super::B) {}\n}\n",
                    "b.rs": "use crate::a::A;\npub struct B;\n",
                }
            ),
            [],
        )

    def test_external_crates_and_self(self):
        self.assertEqual(
            cycles_of(
                {
                    "lib.rs": "mod a;\nmod b;\n",
                    "a.rs": "use crate::b::B;\nuse serde::Serialize;\n",
                    "b.rs": "use empreinte::a::A;\nuse self::inner::C;\nmod inner { pub struct C; fn f() { let _ = super::B; } }\npub struct B;\n",
                }
            ),
            [],
        )


class RealTree(unittest.TestCase):
    def test_the_repository_has_no_cycle(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = cycles.main([])
        self.assertEqual(status, 0)
        self.assertIn("no module cycle in core/src, cli/src", out.getvalue())


if __name__ == "__main__":
    unittest.main()
