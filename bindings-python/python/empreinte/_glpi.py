"""GLPI import: agent JSON inventories and CSV exports, mapped to the dataset's categories."""

from __future__ import annotations

import csv
import io
import json
import os
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union

from . import _empreinte
from ._inputs import DatasetLike, MappingFile, dataset_of, mapping_of, options_of
from ._report import Report, pandas_or_none

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GlpiImport", "import_glpi"]

#: A GLPI file: a path (file or folder), its bytes, or ``(name, bytes)``.
GlpiFile = Union[str, "os.PathLike[str]", bytes, Tuple[str, bytes]]


class GlpiImport:
    """What a GLPI import gives: every item and what became of it (``items``: ``status``
    mapped, excluded, unmapped or invalid, with the ``code`` and ``detail`` of the rule or
    reason), ``counts``, the inventory of mapped items (:meth:`to_csv`, :meth:`to_records`,
    :meth:`to_pandas`), the items not counted (:attr:`unmapped`), and :meth:`evaluate`."""

    __slots__ = ("_native", "_data", "_dataset")

    def __init__(self, native: _empreinte.NativeGlpiImport, dataset: _empreinte.Dataset) -> None:
        self._native = native
        self._dataset = dataset
        self._data: Dict[str, Any] = json.loads(native.json())

    @property
    def counts(self) -> Dict[str, int]:
        """``files``, ``items``, ``mapped``, ``excluded``, ``unmapped``, ``invalid``, ``devices``."""
        counts: Dict[str, int] = dict(self._data["counts"])
        return counts

    @property
    def items(self) -> List[Dict[str, Any]]:
        items: List[Dict[str, Any]] = self._data["items"]
        return items

    @property
    def unmapped(self) -> List[Dict[str, Any]]:
        """The items not counted (excluded, unmapped, invalid), with their reason."""
        return [i for i in self.items if i["status"] != "mapped"]

    @property
    def skipped_files(self) -> List[str]:
        files: List[str] = self._data["skipped_files"]
        return files

    def to_dict(self) -> Dict[str, Any]:
        result: Dict[str, Any] = json.loads(self._native.json())
        return result

    def to_csv(self) -> str:
        """The mapped items as an empreinte inventory CSV (what ``empreinte import glpi``
        writes): review it, edit it, evaluate it. Safe to open in a spreadsheet: a text cell
        starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets an apostrophe
        first (empreinte's CSV reader takes it off)."""
        return self._native.to_csv()

    def not_counted_csv(self) -> str:
        """The items not counted, one per row, with the reason (``--unmapped``); text cells
        neutralised as in :meth:`to_csv`."""
        return self._native.not_counted_csv()

    def to_records(self) -> List[Dict[str, str]]:
        """The inventory of :meth:`to_csv` as a list of dicts (values as text, as the items
        have them: without the apostrophes of :meth:`to_csv`)."""
        return list(csv.DictReader(io.StringIO(self._native.to_plain_csv())))

    def to_pandas(self) -> pd.DataFrame:
        """The inventory of :meth:`to_csv` as a DataFrame (needs pandas); evaluate it with
        :func:`empreinte.evaluate`."""
        pandas = pandas_or_none(True)
        frame: pd.DataFrame = pandas.read_csv(
            io.StringIO(self._native.to_plain_csv()), dtype={"department": "string"}
        )
        return frame

    def evaluate(
        self,
        *,
        year: Optional[int] = None,
        annualisation: str = "physical_lifetime",
        amortisation_years: Optional[float] = None,
        country: Optional[str] = None,
        inhabitants: Optional[float] = None,
        agents: Optional[float] = None,
        pupils: Optional[float] = None,
        lines: bool = False,
        monte_carlo: Optional[int] = None,
        seed: Optional[int] = None,
        options: Optional[Mapping[str, Any]] = None,
    ) -> Report:
        """Evaluates the mapped items with the import's dataset; unmapped and invalid items are
        rejected rows (``line`` is the item ``number``), excluded ones warnings."""
        opts = options_of(options, year=year, annualisation=annualisation,
                          amortisation_years=amortisation_years, country=country,
                          inhabitants=inhabitants, agents=agents, pupils=pupils, lines=lines,
                          monte_carlo=monte_carlo, seed=seed)
        return Report(self._native.evaluate(self._dataset, opts))

    def __repr__(self) -> str:
        c = self.counts
        return (f"<GlpiImport files={c['files']} items={c['items']} mapped={c['mapped']} "
                f"excluded={c['excluded']} unmapped={c['unmapped']} invalid={c['invalid']}>")


def _file(f: Any) -> Tuple[Any, ...]:
    if isinstance(f, tuple) and len(f) == 2 and isinstance(f[1], (bytes, bytearray, memoryview)):
        return ("bytes", str(f[0]), bytes(f[1]))
    if isinstance(f, (bytes, bytearray, memoryview)):
        return ("bytes", "<bytes>", bytes(f))
    if isinstance(f, (str, os.PathLike)):
        return ("path", os.fspath(f))
    raise TypeError(f"a GLPI file is a path, bytes or (name, bytes), not {type(f).__name__}")


def import_glpi(
    files: Union[GlpiFile, Sequence[GlpiFile], Mapping[str, bytes]],
    mapping: MappingFile = None,
    *,
    department_from: Literal["entity_then_location", "entity", "location"] = "entity_then_location",
    dataset: DatasetLike = None,
) -> GlpiImport:
    """Imports GLPI agent JSON inventories and GLPI CSV exports (files, folders of them, bytes,
    or ``{name: bytes}``), as ``empreinte import glpi``.

    Args:
        mapping: your own mapping CSV (``model_or_type;category``, or ``ignore``): a path, its
            bytes or its text; it wins over the built-in table.
        department_from: where departments come from.
        dataset: the dataset whose categories are the targets.

    Raises:
        GlpiError: a file that cannot be read (``read_error``), a bad mapping file
            (``invalid_mapping``, with ``line``). A file that is not GLPI does not raise: it
            becomes an ``invalid`` item.

    >>> imp = empreinte.import_glpi("tests/glpi/csv/ordinateurs-glpi10.csv")
    >>> imp.counts["mapped"] > 0
    True
    """
    if isinstance(files, Mapping):
        specs = [_file((name, content)) for name, content in files.items()]
    elif isinstance(files, (str, os.PathLike, bytes, bytearray, memoryview, tuple)):
        specs = [_file(files)]
    else:
        specs = [_file(f) for f in files]
    ds = dataset_of(dataset)
    native = _empreinte.import_glpi(ds, specs, mapping_of(mapping), department_from)
    return GlpiImport(native, ds)
