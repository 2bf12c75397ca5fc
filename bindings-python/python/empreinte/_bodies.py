"""Many bodies in one pass: a region's communes, an intercommunality's members, each with its
own inventory or estate, evaluated one after the other by the core (``empreinte::bodies``), each
body's counts and totals kept, and their total."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _empreinte
from ._inputs import DatasetLike, dataset_of, is_text, options_of

__all__ = ["Bodies", "evaluate_bodies"]

BodiesLike = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]],
                   Mapping[str, Union[str, bytes]]]


class Bodies:
    """The result of :func:`evaluate_bodies`: each body's figures, and their total.

    Attributes:
        bodies: per body (in order) ``body`` (its name), ``counts``, ``lines``, ``devices``,
            ``electricity_kwh``, ``totals`` (each indicator's total: ``status``, ``low``,
            ``central``, ``high``...), ``rejected`` (the first rows rejected) and ``error``
            (``{"code", "message"}``, when the body could not be evaluated at all).
        total: ``bodies``, ``failed``, ``counts`` and ``totals`` (by indicator and phase).
    """

    __slots__ = ("_document", "_table")

    def __init__(self, document: Dict[str, Any], table: Tuple[List[str], List[Tuple[Any, ...]]]):
        self._document = document
        self._table = table

    @property
    def bodies(self) -> List[Dict[str, Any]]:
        bodies: List[Dict[str, Any]] = self._document["bodies"]
        return bodies

    @property
    def total(self) -> Dict[str, Any]:
        total: Dict[str, Any] = self._document["total"]
        return total

    def to_dict(self) -> Dict[str, Any]:
        """The document, as ``empreinte evaluate PATH --bodies --format json`` writes it."""
        return dict(self._document)

    def to_pandas(self) -> Any:
        """One row per body, then the total (``body`` is ``total``): ``status`` (``ok`` or the
        error's code), the counts, the kWh, and each indicator's total (central value; NaN when
        not available), as ``--format csv`` writes them."""
        import pandas as pd

        header, rows = self._table
        return pd.DataFrame(
            [[body, status, *numbers] for body, status, numbers in rows], columns=header
        )

    def __repr__(self) -> str:
        t = self.total
        return f"Bodies({t['bodies']} bodies, {t['counts']['rows_read']} rows, {t['failed']} failed)"


def evaluate_bodies(
    bodies: BodiesLike,
    *,
    year: Optional[int] = None,
    dataset: DatasetLike = None,
    annualisation: str = "physical_lifetime",
    amortisation_years: Optional[float] = None,
    country: Optional[str] = None,
    use_phase_only_indicators: bool = False,
) -> Bodies:
    """Many bodies (communes...) in one pass: ``bodies`` is a folder (its ``.csv``, ``.json`` and
    ``.toml`` files, one body each, by name), a list file (``.txt``: one file per line), a list of
    files, or a dict of body name → inventory (CSV or JSON text, or bytes). Each body's figures
    are those :func:`evaluate` gives for it alone; the total is their sum. Memory stays bounded
    whatever the number of lines: only each body's figures are kept.

    >>> b = empreinte.evaluate_bodies({"a": "category;quantity\\nlaptop;3\\n",
    ...                                "b": "category;quantity\\nsmartphone;5\\n"}, year=2025)
    >>> [x["counts"]["devices"] for x in b.bodies], b.total["counts"]["devices"]
    ([3, 5], 8)
    """
    sources: List[Tuple[Any, ...]] = []
    if isinstance(bodies, (str, os.PathLike)):
        sources.append(("path", os.fspath(bodies)))
    elif isinstance(bodies, Mapping):
        for name, inventory in bodies.items():
            if isinstance(inventory, (bytes, bytearray, memoryview)):
                sources.append(("bytes", str(name), bytes(inventory)))
            elif isinstance(inventory, str) and is_text(inventory):
                sources.append(("bytes", str(name), inventory.encode("utf-8")))
            else:
                raise TypeError(f"body {name!r}: give its inventory as CSV or JSON text, or bytes")
    else:
        sources.extend(("path", os.fspath(p)) for p in bodies)
    opts = options_of(None, year=year, annualisation=annualisation,
                      amortisation_years=amortisation_years, country=country,
                      use_phase_only_indicators=use_phase_only_indicators)
    native, table = _empreinte.evaluate_bodies(dataset_of(dataset), sources, opts)
    return Bodies(json.loads(native), table)
