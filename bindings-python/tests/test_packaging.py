"""The installed package: typed, importable without pandas/polars, and its example script."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import empreinte
from conftest import REPO


def test_installed_wheel_is_tested() -> None:
    pkg = pathlib.Path(empreinte.__file__).resolve().parent
    assert (pkg / "py.typed").is_file() and (pkg / "_empreinte.pyi").is_file()
    if os.environ.get("EMPREINTE_TEST_WHEEL"):
        assert "site-packages" in str(pkg), pkg


def test_imports_and_works_without_pandas_or_polars() -> None:
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None; sys.modules['polars'] = None; sys.modules['numpy'] = None\n"
        "import empreinte\n"
        "r = empreinte.evaluate('category;quantity\\nlaptop;2\\n', year=2025)\n"
        "rows = r.by_category()\n"
        "assert isinstance(rows, list) and rows[0]['category'] == 'laptop', rows\n"
        "try:\n"
        "    r.to_pandas()\n"
        "except ImportError as e:\n"
        "    assert 'empreinte[pandas]' in str(e)\n"
        "else:\n"
        "    raise AssertionError('to_pandas without pandas')\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_example_script_writes_its_charts(tmp_path: pathlib.Path) -> None:
    script = REPO / "examples" / "python" / "analyse_commune.py"
    out = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True,
                         env={**os.environ, "MPLBACKEND": "Agg"})
    assert out.returncode == 0, out.stderr
    assert "kg CO2e" in out.stdout and "+2" in out.stdout
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pngs == ["footprint_by_category_phase.png", "scenario_lifetime_plus_2.png", "trajectory_2025_2035.png"]
    for name in pngs:
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000
