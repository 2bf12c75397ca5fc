# Hand-written stubs of the native module (checked by `python -m mypy.stubtest empreinte`).
# Private: use the `empreinte` package.

from __future__ import annotations

import os
from typing import Any, Iterable, List, Optional, Tuple, Union, final

__version__: str
__all__ = [
    "__version__",
    "Dataset",
    "NativeReport",
    "Options",
    "embedded_ids",
    "evaluate_bytes",
    "evaluate_columns",
    "evaluate_path",
    "evaluate_records",
    "fields",
    "map_columns",
]

@final
class Dataset:
    """A reference dataset: factors, categories, zones and their sources, at one version."""

    @staticmethod
    def embedded(id: Optional[str] = None) -> Dataset:
        """An embedded dataset by id (default: ``ademe-negaoctet-2022``).

        Raises ``DatasetError`` (code ``unknown_dataset``) for an unknown id."""
    @staticmethod
    def from_dir(path: Union[str, os.PathLike[str]]) -> Dataset:
        """Loads a dataset from a folder holding ``datapackage.json`` and its CSV tables.

        Raises ``DatasetError`` with ``code``, ``file`` and ``line``."""
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def info(self) -> dict[str, Any]:
        """``id``, ``version``, ``title``, ``description``, ``licenses``, ``default_country``..."""
    @property
    def embedded_in_library(self) -> bool: ...
    def categories(self) -> List[dict[str, Any]]:
        """Equipment categories: id, labels, aliases, default lifetime and usage, source."""
    def zones(self) -> List[dict[str, Any]]: ...
    def sources(self) -> List[dict[str, Any]]: ...
    def indicators(self) -> List[str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Options:
    def __new__(
        cls,
        year: int = 2025,
        annualisation: str = "physical_lifetime",
        amortisation_years: Optional[float] = None,
        country: Optional[str] = None,
        inhabitants: Optional[float] = None,
        agents: Optional[float] = None,
        pupils: Optional[float] = None,
        lines: bool = False,
    ) -> Options: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class NativeReport:
    def json(self, pretty: bool = True) -> str: ...
    @property
    def climate_change_kgco2e(self) -> float: ...
    @property
    def rows_read(self) -> int: ...

def evaluate_bytes(dataset: Dataset, data: bytes, options: Options) -> NativeReport: ...
def evaluate_path(
    dataset: Dataset, path: Union[str, os.PathLike[str]], options: Options
) -> NativeReport: ...
def evaluate_records(dataset: Dataset, records: Iterable[Any], options: Options) -> NativeReport: ...
def evaluate_columns(
    dataset: Dataset,
    headers: List[str],
    columns: List[Optional[Tuple[Any, ...]]],
    n_rows: int,
    options: Options,
) -> NativeReport: ...
def map_columns(headers: List[str]) -> List[Optional[str]]: ...
def embedded_ids() -> List[str]: ...
def fields() -> List[str]: ...
