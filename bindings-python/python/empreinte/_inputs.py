"""Arguments → what the native module takes: a dataset, evaluation options, an inventory source,
a GLPI mapping file. Types are converted here; nothing is computed.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Optional, Tuple, Union

from . import _empreinte
from ._empreinte import Dataset
from ._frames import frame_columns

#: What :func:`empreinte.evaluate` and the planning functions accept as an inventory.
Inventory = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, Iterable[Mapping[str, Any]], Any]
#: A dataset: an embedded id, a folder, or a :class:`Dataset`.
DatasetLike = Union[None, str, "os.PathLike[str]", Dataset]
#: Bytes of a file read to tell an estate description from an inventory (as the CLI does).
HEAD = 4096
#: A GLPI mapping CSV: a path, its bytes, or its text.
MappingFile = Union[None, str, "os.PathLike[str]", bytes]


def dataset_of(dataset: DatasetLike) -> Dataset:
    if dataset is None:
        return Dataset.embedded()
    if isinstance(dataset, Dataset):
        return dataset
    if isinstance(dataset, os.PathLike):
        return Dataset.from_dir(dataset)
    if isinstance(dataset, str):
        if dataset not in _empreinte.embedded_ids() and os.path.isdir(dataset):
            return Dataset.from_dir(dataset)
        return Dataset.embedded(dataset)
    raise TypeError(f"dataset must be an id, a folder or a Dataset, not {type(dataset).__name__}")


def is_text(s: str) -> bool:
    """A str is inventory text if it spans lines or is JSON; otherwise it is a path."""
    head = s.lstrip()
    return "\n" in s or "\r" in s or head.startswith(("[", "{"))


def options_of(
    options: Optional[Mapping[str, Any]],
    *,
    year: Optional[int],
    annualisation: str = "physical_lifetime",
    amortisation_years: Optional[float] = None,
    country: Optional[str] = None,
    inhabitants: Optional[float] = None,
    agents: Optional[float] = None,
    pupils: Optional[float] = None,
    lines: bool = False,
    monte_carlo: Optional[int] = None,
    seed: Optional[int] = None,
    use_phase_only_indicators: bool = False,
) -> _empreinte.Options:
    """Keyword options, or ``options`` (the core's ``EvaluationOptions`` JSON shape) instead."""
    if options is not None:
        if not isinstance(options, Mapping):
            raise TypeError(f"options must be a dict, not {type(options).__name__}")
        return _empreinte.Options.from_dict(dict(options))
    return _empreinte.Options(
        year=year,
        annualisation=annualisation,
        amortisation_years=amortisation_years,
        country=country,
        inhabitants=inhabitants,
        agents=agents,
        pupils=pupils,
        lines=lines,
        monte_carlo=monte_carlo,
        seed=seed,
        use_phase_only_indicators=use_phase_only_indicators,
    )


Source = Tuple[Any, ...]


def source_of(inventory: Inventory) -> Source:
    """The inventory as a native source tuple (see ``src/source.rs``)."""
    if isinstance(inventory, os.PathLike):
        return ("path", os.fspath(inventory))
    if isinstance(inventory, str):
        if is_text(inventory):
            return ("bytes", inventory.encode("utf-8"))
        if not os.path.exists(inventory):
            raise FileNotFoundError(inventory)
        return ("path", inventory)
    if isinstance(inventory, (bytes, bytearray, memoryview)):
        return ("bytes", bytes(inventory))
    frame = frame_columns(inventory)
    if frame is not None:
        headers, specs, n_rows = frame
        return ("columns", headers, specs, n_rows)
    if isinstance(inventory, Mapping):
        raise TypeError(
            "a dict is not an inventory: pass a list of dicts (one per line), "
            "or a DataFrame built from it"
        )
    if isinstance(inventory, Iterable):
        return ("records", inventory)
    raise TypeError(
        "inventory must be a path, CSV/JSON text, bytes, a list of dicts or a "
        f"pandas/polars DataFrame, not {type(inventory).__name__}"
    )


def estate_of(inventory: Inventory) -> Optional[Source]:
    """The inventory as a native estate source when it is an estate description (a dict, or a
    file or text the core's ``is_estate`` recognises), else ``None``."""
    if isinstance(inventory, Mapping):
        return ("dict", inventory)
    if isinstance(inventory, str) and is_text(inventory):
        inventory = inventory.encode("utf-8")
    if isinstance(inventory, (bytes, bytearray, memoryview)):
        data = bytes(inventory)
        return ("bytes", data) if _empreinte.is_estate("", data[:HEAD]) else None
    if isinstance(inventory, (str, os.PathLike)) and os.path.isfile(inventory):
        with open(inventory, "rb") as f:
            head = f.read(HEAD)
        if _empreinte.is_estate(os.fspath(inventory), head):
            return ("path", os.fspath(inventory))
    return None


def mapping_of(mapping: MappingFile) -> Optional[Tuple[str, bytes]]:
    """A GLPI mapping file as ``(name, content)``."""
    if mapping is None:
        return None
    if isinstance(mapping, (bytes, bytearray, memoryview)):
        return ("mapping.csv", bytes(mapping))
    if isinstance(mapping, str) and is_text(mapping):
        return ("mapping.csv", mapping.encode("utf-8"))
    if isinstance(mapping, (str, os.PathLike)):
        path = os.fspath(mapping)
        with open(path, "rb") as f:
            return (path, f.read())
    raise TypeError(f"mapping must be a path, bytes or CSV text, not {type(mapping).__name__}")
