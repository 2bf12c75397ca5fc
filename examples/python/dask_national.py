"""A national inventory larger than one machine's memory, evaluated in partitions with Dask.

Each partition (a pandas DataFrame) is evaluated by empreinte on a worker; what comes back is a
one-row frame per partition and body of the figures that add up (devices, rows, each
indicator's total). Their sum is the national total (and each body's), the same as one process
evaluating everything, up to the order of the additions.

    python examples/python/dask_national.py FOLDER_OF_CSV_FILES

Run against a local cluster here; give `Client("scheduler-address:8786")` for a real one.
"""

from __future__ import annotations

import sys
from typing import Any, List

import pandas as pd

import empreinte

#: The columns of a partition's figures: the body, then what adds up.
FIGURES = ["body", "rows_read", "rows_rejected", "devices", "climate_change_kgco2e"]


def partition_figures(frame: pd.DataFrame, year: int = 2025) -> pd.DataFrame:
    """The figures of one partition, per body (``commune`` column) — what ``map_partitions``
    runs on each worker."""
    rows: List[List[Any]] = []
    for body, lines in frame.groupby("commune", sort=False):
        r = empreinte.evaluate(lines.drop(columns="commune"), year=year)
        rows.append([body, r.counts["rows_read"], r.counts["rows_rejected"], r.counts["devices"],
                     r.climate_change_kgco2e])
    return pd.DataFrame(rows, columns=FIGURES)


def national(paths: List[str], client: Any, year: int = 2025) -> pd.DataFrame:
    """Per body, the figures of every partition added up (a body split across partitions adds
    up too)."""
    import dask.dataframe as dd

    # Spreadsheet exports: ";" and decimal commas; numbers as floats in every partition.
    frames = dd.read_csv(paths, sep=";", decimal=",", include_path_column="commune",
                         assume_missing=True, blocksize="16MB")
    meta = pd.DataFrame({c: pd.Series(dtype="object" if c == "body" else "float64") for c in FIGURES})
    figures: pd.DataFrame = frames.map_partitions(partition_figures, year, meta=meta).compute()
    return figures.groupby("body", sort=True).sum()


if __name__ == "__main__":
    import glob

    from dask.distributed import Client, LocalCluster

    files = sorted(glob.glob(f"{sys.argv[1]}/*.csv"))
    cluster = LocalCluster(n_workers=2, threads_per_worker=1)  # type: ignore[no-untyped-call]
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        per_body = national(files, client)
    print(per_body.sum(numeric_only=True))
