"""Every example in the docs runs: module docstrings and README.md (doctest)."""

from __future__ import annotations

import doctest
import pathlib

import pytest

import empreinte
import empreinte._glpi
import empreinte._planning
import empreinte._report
import empreinte._services
import empreinte.errors

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


MODULES = [empreinte, empreinte._report, empreinte.errors, empreinte._planning, empreinte._services,
           empreinte._glpi]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_module_docstrings(module: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(README.parents[1])
    result = doctest.testmod(module, extraglobs={"empreinte": empreinte}, optionflags=FLAGS)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    # README paths are relative to the repository root.
    monkeypatch.chdir(README.parents[1])
    result = doctest.testfile(str(README), module_relative=False, optionflags=FLAGS,
                              globs={"empreinte": empreinte})
    assert result.attempted > 5 and result.failed == 0
