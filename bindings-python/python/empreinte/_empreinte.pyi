# Hand-written stubs of the native module (checked by `python -m mypy.stubtest empreinte`).
# Private: use the `empreinte` package.

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union, final

__version__: str
#: The core's defaults: reporting_year, trajectory_horizon, dataset, hosting_dataset,
#: monte_carlo_seed, amortisation_years, hours_per_year, service_uses.
DEFAULTS: Dict[str, Any]
__all__ = [
    "__version__",
    "DEFAULTS",
    "Dataset",
    "NativeGlpiImport",
    "NativeReport",
    "Options",
    "cloud",
    "compare",
    "embedded_ids",
    "evaluate_bodies",
    "evaluate_bytes",
    "evaluate_estate",
    "review_estate",
    "evaluate_columns",
    "evaluate_json",
    "evaluate_path",
    "evaluate_records",
    "evaluate_with_previous",
    "fields",
    "import_glpi",
    "is_estate",
    "map_columns",
    "page",
    "pages",
    "review",
    "run_scenarios",
    "server",
    "service",
    "services",
    "trajectory",
]

_Source = Tuple[Any, ...]
_MappingFile = Optional[Tuple[str, bytes]]

@final
class Dataset:
    """A reference dataset: factors, categories, zones and their sources, at one version."""

    @staticmethod
    def embedded(id: Optional[str] = None) -> Dataset:
        """An embedded dataset by id (default: ``ademe-negaoctet-2022``).

        Raises ``DatasetError`` (code ``unknown_dataset``) for an unknown id."""
    @staticmethod
    def from_dir(path: Union[str, os.PathLike[str]]) -> Dataset:
        """Loads a dataset from a folder holding ``datapackage.json`` and its CSV tables, or a
        référentiel in G4IT's format (its ``ref_*.csv`` tables; the id is the folder's name).

        Raises ``DatasetError`` with ``code``, ``file`` and ``line``."""
    @staticmethod
    def from_files(files: Mapping[str, Union[str, bytes]], id: Optional[str] = None) -> Dataset:
        """A dataset from its files by name (``.csv`` or not): empreinte's tables
        (``datapackage.json``, ``sources.csv``..., optional ``network.csv`` and ``hosting_*.csv``)
        or a référentiel in G4IT's format (``ref_criterion``, ``ref_item_impact``...; named
        ``id``, default ``referential``). What a référentiel could not map is in
        ``info["unmapped"]``.

        Raises ``DatasetError`` with ``code``, ``file``, ``line`` and ``field``."""
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
        use_phase_only_indicators: bool = False,
    ) -> Options: ...
    @staticmethod
    def from_dict(options: Any) -> Options:
        """Options from the core's ``EvaluationOptions`` JSON shape; raises ``OptionsError``."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class NativeReport:
    def json(self, pretty: bool = True) -> str: ...
    @property
    def climate_change_kgco2e(self) -> Optional[float]: ...
    @property
    def rows_read(self) -> int: ...
    def numecoeval_csv(self) -> str: ...

@final
class NativeGlpiImport:
    def json(self) -> str: ...
    def to_csv(self) -> str: ...
    def to_plain_csv(self) -> str: ...
    def not_counted_csv(self) -> str: ...
    def evaluate(self, dataset: Dataset, options: Options) -> NativeReport: ...

def evaluate_bytes(
    dataset: Dataset, data: bytes, options: Options, mapping: _MappingFile = None
) -> NativeReport: ...
def evaluate_json(dataset: Dataset, text: str, options: Options) -> NativeReport: ...
def evaluate_path(
    dataset: Dataset,
    path: Union[str, os.PathLike[str]],
    options: Options,
    mapping: _MappingFile = None,
) -> NativeReport: ...
def evaluate_records(dataset: Dataset, records: Iterable[Any], options: Options) -> NativeReport: ...
def evaluate_with_previous(
    dataset: Dataset,
    source: _Source,
    previous: _Source,
    options: Options,
    previous_year: Optional[int] = None,
    mapping: _MappingFile = None,
) -> NativeReport: ...
def evaluate_columns(
    dataset: Dataset,
    headers: List[str],
    columns: List[Optional[Tuple[Any, ...]]],
    n_rows: int,
    options: Options,
) -> NativeReport: ...
def map_columns(headers: List[str]) -> List[Optional[str]]: ...
def is_estate(name: str, head: bytes) -> bool:
    """Whether a file (its name, ``""`` for text, and first bytes) is an estate description."""
def evaluate_estate(
    dataset: Optional[Dataset],
    source: _Source,
    options: Options,
    base_dir: Optional[str] = None,
) -> NativeReport:
    """An estate ``("path", path)``, ``("bytes", text)`` or ``("dict", obj)``; raises ``EstateError``."""
def review_estate(
    dataset: Optional[Dataset],
    source: _Source,
    options: Options,
    format: str,
    lang: str,
    commune: Optional[str] = None,
    horizon: Optional[int] = None,
    baseline: Any = None,
    base_dir: Optional[str] = None,
) -> str:
    """The REEN review of an estate, as ``empreinte report ESTATE``."""
def embedded_ids() -> List[str]: ...
def fields() -> List[str]: ...
def import_glpi(
    dataset: Dataset,
    files: List[Tuple[Any, ...]],
    mapping: _MappingFile = None,
    department_from: str = "entity_then_location",
) -> NativeGlpiImport: ...
def compare(dataset: Dataset, offers: Any, year: Optional[int], allocation: Any) -> str: ...
def run_scenarios(
    dataset: Dataset, source: _Source, scenarios: Any, options: Options, mapping: _MappingFile = None
) -> Tuple[NativeReport, str]: ...
def trajectory(
    dataset: Dataset,
    source: _Source,
    scenarios: Any,
    start: Optional[int],
    horizon: Optional[int],
    options: Options,
    mapping: _MappingFile = None,
    baseline: Any = None,
) -> str: ...
def review(
    dataset: Dataset,
    source: _Source,
    previous: Optional[_Source],
    options: Options,
    format: str = "html",
    lang: str = "fr",
    commune: Optional[str] = None,
    mapping: _MappingFile = None,
    previous_year: Optional[int] = None,
    horizon: Optional[int] = None,
    baseline: Any = None,
) -> str: ...
def server(dataset: Dataset, server: Any, usage_args: Any) -> str: ...
def cloud(dataset: Dataset, instance: Any, usage_args: Any) -> str: ...
def page(params: Any) -> str: ...
def service(dataset: Dataset, kind: str, params: Any, common: Any) -> str: ...
def evaluate_bodies(
    dataset: Dataset, sources: List[Tuple[Any, ...]], options: Options
) -> Tuple[str, Tuple[List[str], List[Tuple[str, str, List[Optional[float]]]]]]: ...
def pages(bytes: bytes, options: Any) -> bytes: ...
def services(dataset: Dataset, kind: str, params: Any, common: Any) -> str: ...
