"""The path beyond one machine: a partitioned inventory evaluated with Dask (``map_partitions``
on a local cluster, examples/python/dask_national.py) gives the totals of one process."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

import empreinte

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parents[2]


def _example() -> object:
    spec = importlib.util.spec_from_file_location("dask_national", ROOT / "examples/python/dask_national.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_partitions_on_a_local_cluster_give_one_process_totals(tmp_path: Path) -> None:
    import pandas as pd

    town = pd.read_csv(ROOT / "examples/communes/ville-montclair.csv")
    # Three communes, exported as spreadsheets do (";", decimal commas).
    paths = []
    for k in range(3):
        p = tmp_path / f"commune-{k}.csv"
        town.iloc[k::2].to_csv(p, sep=";", decimal=",", index=False)
        paths.append(str(p))
    example = _example()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        per_body = example.national(paths, client)  # type: ignore[attr-defined]
    one = empreinte.evaluate_bodies(paths, year=2025)
    assert len(per_body) == 3
    for body in one.bodies:
        got = per_body.loc[[i for i in per_body.index if Path(str(i)).stem == body["body"]][0]]
        assert got["rows_read"] == body["counts"]["rows_read"]
        assert got["devices"] == body["counts"]["devices"]
        assert math.isclose(got["climate_change_kgco2e"], body["totals"]["climate_change"]["central"],
                            rel_tol=1e-12)
    assert math.isclose(per_body["climate_change_kgco2e"].sum(),
                        one.total["totals"]["impacts"]["climate_change"]["total"]["central"], rel_tol=1e-12)
