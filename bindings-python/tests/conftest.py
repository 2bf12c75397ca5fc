"""Shared fixtures: repository paths and the native CLI's JSON output for a file."""

from __future__ import annotations

import functools
import json
import os
import pathlib
import subprocess
from typing import Any

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
COMMUNES = REPO / "examples" / "communes"
MONTCLAIR = COMMUNES / "ville-montclair.csv"
VECTORS = REPO / "tests" / "vectors"


@functools.lru_cache(maxsize=None)
def cli_text(path: str, *args: str) -> str:
    """stdout of `cargo run --release -p empreinte-cli -- evaluate PATH --format json ARGS`."""
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "empreinte-cli", "--",
           "evaluate", path, "--format", "json", *args]
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=os.environ.copy())
    # Exit code 1 means "some rows rejected": the report is still written.
    assert out.returncode in (0, 1), out.stderr
    return out.stdout


@functools.lru_cache(maxsize=None)
def cli_any(*args: str) -> Any:
    """The JSON output of `cargo run --release -p empreinte-cli -- ARGS --format json`."""
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "empreinte-cli", "--", *args, "--format", "json"]
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=os.environ.copy())
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def cli_json(path: str, *args: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(cli_text(path, *args))
    return result


@pytest.fixture(scope="session")
def montclair_cli() -> dict[str, Any]:
    return cli_json(str(MONTCLAIR), "--year", "2025")
