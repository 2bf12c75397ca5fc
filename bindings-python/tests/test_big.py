"""The columnar path on a 1 000 000-row DataFrame: counts, and linearity against a small one.

No timing here: bench/bench_dataframe.py measures it.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import polars as pl

import empreinte

ROWS = 1_000_000


def small_columns() -> dict[str, list[object]]:
    # 8 distinct lines, mixed types, French and English names, one row rejected (acquired in 2031).
    return {
        "Type de matériel": ["PC portable", "écrans", "smartphone", "desktop", "laptop", "imprimante",
                             "téléphone fixe", "laptop"],
        "Qté": [10, 12, 40, 7, 3, 2, 15, 1],
        "état": ["neuf", "neuf", "reconditionné", "neuf", "réemploi", "neuf", "neuf", "neuf"],
        "Année d'acquisition": [2021, 2022, 2024, 2016, 2020, 2019, 2018, 2031],
        "Durée de vie (ans)": [5.0, np.nan, np.nan, 6.5, np.nan, 8.0, np.nan, np.nan],
        "Service": ["mairie", "école", None, "mairie", "médiathèque", "école", "mairie", "mairie"],
    }


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_million_rows_pandas_and_polars() -> None:
    small = pd.DataFrame(small_columns())
    n = ROWS // len(small)
    big = pd.concat([small] * n, ignore_index=True)
    big_polars = pl.concat([pl.DataFrame(small_columns(), strict=False)] * n)
    assert len(big) == big_polars.height == ROWS
    one = empreinte.evaluate(small, year=2025)
    assert one.counts == {"rows_read": 8, "rows_evaluated": 7, "rows_rejected": 1,
                          "rows_not_available": 0, "devices_not_available": 0, "blank_rows": 0,
                          "devices": 89}
    for frame in (big, big_polars):
        r = empreinte.evaluate(frame, year=2025)
        c = r.counts
        assert c["rows_read"] == ROWS and c["rows_evaluated"] == 7 * n and c["rows_rejected"] == n
        assert c["rows_read"] == c["rows_evaluated"] + c["rows_rejected"]
        assert c["devices"] == 89 * n
        assert len(r.rejected) == n and r.rejected[-1]["line"] == ROWS
        for indicator, phases in one.totals.items():
            for phase, est in phases.items():
                got = r.totals[indicator][phase]
                assert got["status"] == est["status"]
                for bound in ("low", "central", "high"):
                    if bound in est:
                        assert close(got[bound], n * est[bound]), (indicator, phase, bound)
        small_cats = {g["category"]: g for g in one.by_category(as_frame=False)}
        for g in r.by_category(as_frame=False):
            assert g["devices"] == n * small_cats[g["category"]]["devices"]
            assert close(g["total"], n * small_cats[g["category"]]["total"])
