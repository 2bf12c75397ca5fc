"""empreinte — the environmental footprint of a commune's digital estate.

Multi-criteria (climate change, minerals and metals, energy, water...), by life-cycle phase
(manufacturing, distribution, use, end of life), with ranges and the provenance of every
factor, against a sourced, versioned reference dataset (ADEME's NegaOctet 2022 data by
default, Boavizta's open data as a second set).

>>> import empreinte
>>> report = empreinte.evaluate(
...     "Type de matériel;Qté;État;Année d'acquisition\\n"
...     "PC portable;10;neuf;2023\\n"
...     "Tablettes;12;reconditionné;2024\\n",
...     year=2024,
... )
>>> report.counts["rows_evaluated"], report.counts["rows_rejected"]
(2, 0)
>>> report.dataset["id"]
'ademe-negaoctet-2022'
>>> report.climate_change_kgco2e > 0
True

The inventory may be a path, CSV or JSON text, bytes, a list of dicts, or a pandas or
polars DataFrame; the figures are the same whichever way it comes in.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, List, Mapping, Optional, Union

from . import _empreinte
from ._empreinte import DEFAULTS, Dataset
from ._bodies import Bodies, evaluate_bodies
from ._frames import with_frame_columns
from ._glpi import GlpiImport, import_glpi
from ._inputs import (
    DatasetLike,
    Inventory,
    MappingFile,
    dataset_of,
    estate_of,
    is_text,
    mapping_of,
    options_of,
    source_of,
)
from ._planning import compare, review, scenario, trajectory
from ._report import MC_STATS, PHASES, Report
from ._results import Comparison, HostingFootprint, ScenarioResults, ServiceResult, Trajectory
from ._services import cloud, page, pages, server, service, services
from .errors import (
    CompareError,
    DatasetError,
    EmpreinteError,
    EstateError,
    GlpiError,
    HostingError,
    InventoryError,
    OptionsError,
    ScenarioError,
    ServiceError,
    TrajectoryError,
)

__version__: str = _empreinte.__version__

__all__ = [
    "DEFAULTS",
    "Bodies",
    "CompareError",
    "Comparison",
    "Dataset",
    "DatasetError",
    "EmpreinteError",
    "EstateError",
    "GlpiError",
    "GlpiImport",
    "HostingError",
    "HostingFootprint",
    "InventoryError",
    "MC_STATS",
    "OptionsError",
    "PHASES",
    "Report",
    "ScenarioError",
    "ScenarioResults",
    "ServiceError",
    "ServiceResult",
    "Trajectory",
    "TrajectoryError",
    "cloud",
    "compare",
    "datasets",
    "evaluate",
    "evaluate_bodies",
    "fields",
    "import_glpi",
    "page",
    "pages",
    "review",
    "scenario",
    "server",
    "service",
    "services",
    "trajectory",
    "__version__",
]


def datasets() -> List[str]:
    """Ids of the datasets embedded in the library, the default first.

    >>> empreinte.datasets()[0]
    'ademe-negaoctet-2022'
    """
    return list(_empreinte.embedded_ids())


def fields() -> List[str]:
    """Canonical inventory column names (French and English aliases are accepted too).

    >>> empreinte.fields()[:3]
    ['category', 'quantity', 'condition']
    """
    return list(_empreinte.fields())


def evaluate(
    inventory: Inventory,
    *,
    year: Optional[int] = None,
    dataset: DatasetLike = None,
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
    options: Optional[Mapping[str, Any]] = None,
    mapping: MappingFile = None,
    as_json: bool = False,
    previous: Optional[Inventory] = None,
    previous_year: Optional[int] = None,
    base_dir: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> Report:
    """Evaluates an equipment inventory, or a whole estate, for one reporting year.

    Args:
        inventory: a path (``str`` or ``pathlib.Path``; ``.json`` is read as JSON, anything
            else as CSV), CSV or JSON text (a ``str`` spanning several lines, or starting
            with ``[`` / ``{``), ``bytes`` (CSV in UTF-8, UTF-16 or Windows-1252, ``;`` or
            ``,``; or JSON), a list of dicts (keys are column names, read like a JSON
            array), or a pandas / polars DataFrame (columns read like a CSV header row).
            Column names may be French or English, as spreadsheets write them. GLPI agent
            inventories and CSV exports (a file, a folder of them, or their bytes) are imported
            and evaluated (see :func:`import_glpi`). An **estate** (fleet, hosting and services
            in one evaluation): a ``.toml`` estate description or a JSON one, its text, or a
            dict of the JSON shape (see ``examples/estates/``); the report then has
            ``Report.estate`` and :meth:`Report.by_scope`, and its totals, departments and
            per-capita figures cover the whole estate. **NumEcoEval / G4IT files** (a folder of
            them, or one: DataCenter, EquipementPhysique, EquipementVirtuel, Application,
            Messagerie, Entite, told by their headers) are evaluated as an estate too, with
            ``Report.numecoeval`` (data centres, virtual machines, applications, entities per
            agent) and :meth:`Report.to_numecoeval_csv`.
        year: the reporting year.
        dataset: an embedded dataset id (see :func:`datasets`), a folder holding a dataset
            (or a G4IT référentiel's ``ref_*.csv`` tables), or a :class:`Dataset` (see
            ``Dataset.from_files``); default ``ademe-negaoctet-2022``.
        annualisation: how embodied impacts are spread over the years:
            ``physical_lifetime`` (default), ``accounting`` (over ``amortisation_years``
            for lines that give no amortisation period) or ``none`` (all in the
            acquisition year).
        amortisation_years: default amortisation period with ``annualisation="accounting"``.
        country: country of lines that give none (default: the dataset's, France).
        inhabitants, agents, pupils: denominators for per-capita figures.
        lines: keep one result per line in the report (``Report.lines``).
        monte_carlo: draw the dataset's factors this many times (triangular, per factor,
            seeded by ``seed``): ``Report.monte_carlo`` gives mean, p5, p50 and p95.
        use_phase_only_indicators: for an indicator whose manufacturing the dataset does not
            cover (the default set's non-climate indicators), give its use phase alone as its
            total, with status ``use_phase_only``; by default that total is ``not_available``.
        options: the core's ``EvaluationOptions`` as a dict (``{"reporting_year": 2024,
            "annualisation": {"method": "accounting", "default_years": 4}, ...}``), instead of
            the keyword options above; an unknown key raises ``OptionsError``
            (``invalid_options``).
        mapping: for GLPI input, your own mapping CSV (path, bytes or text).
        as_json: read text or bytes as a JSON inventory whatever its first character (a
            document that is not an inventory raises ``InventoryError``, ``invalid_json``).
        previous: last year's inventory (any of the inventory forms): the change since then,
            split into what the fleet, its age and the reference did, is in
            ``Report.year_over_year`` (as ``empreinte evaluate --previous``).
        previous_year: the year of ``previous`` (default ``year - 1``).
        base_dir: for an estate, the folder the files it names are relative to (default: the
            estate file's folder; the current directory for text and dicts).

    Returns:
        a :class:`Report`. Rows that cannot be evaluated are listed in ``Report.rejected``;
        ``counts["rows_read"] == counts["rows_evaluated"] + counts["rows_rejected"]``.

    Raises:
        InventoryError: the inventory as a whole cannot be read (empty, not CSV or JSON, no
            category column...).
        OptionsError: an option is invalid (unknown country or annualisation method).
        DatasetError: unknown dataset id, or a dataset folder that does not load.
        EstateError: an estate that cannot be evaluated (an unknown key, a missing file, an
            entry the hosting or service model refuses), with its ``key_path``, ``file`` and
            ``line``; NumEcoEval files that cannot be read (a mandatory column missing), with
            their ``file``, ``line`` and ``field``.
        FileNotFoundError: a path that does not exist.
        TypeError: an inventory of another type.

    >>> r = empreinte.evaluate([{"catégorie": "smartphone", "quantité": 40, "état": "reconditionné"}],
    ...                        year=2025, annualisation="accounting", amortisation_years=4)
    >>> r.options["annualisation"]
    {'method': 'accounting', 'default_years': 4.0}

    An estate (its year and commune fill the options; the dataset is ``dataset``, else the
    estate's, else the default):

    >>> e = empreinte.evaluate("examples/estates/ville-montclair.toml")
    >>> e.estate["commune"]["name"], e.options["reporting_year"]
    ('Ville de Montclair', 2025)
    >>> [(s["scope"], s["entries"]) for s in e.by_scope(as_frame=False)]
    [('fleet', 603), ('hosting', 14), ('services', 4)]
    """
    ds = dataset_of(dataset)
    opts = options_of(
        options,
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
    estate = None if as_json else estate_of(inventory)
    if estate is not None:
        if previous is not None or previous_year is not None or mapping is not None:
            raise TypeError("an estate names its own sources: previous=, previous_year= and "
                            "mapping= are for inventories")
        given = None if dataset is None else ds
        path = None if base_dir is None else os.fspath(base_dir)
        return Report(_empreinte.evaluate_estate(given, estate, opts, path))
    if base_dir is not None:
        raise TypeError("base_dir= is for estates (the files an estate names)")
    glpi_mapping = mapping_of(mapping)
    native: _empreinte.NativeReport
    if previous is not None:
        if as_json:
            raise TypeError("previous= reads inventories as evaluate does without as_json")
        native = _empreinte.evaluate_with_previous(
            ds, source_of(inventory), source_of(previous), opts, previous_year, glpi_mapping
        )
        return Report(native)
    if previous_year is not None:
        raise TypeError("previous_year= needs previous= (last year's inventory)")
    if as_json:
        if isinstance(inventory, (bytes, bytearray, memoryview)):
            inventory = bytes(inventory).decode("utf-8")
        if not isinstance(inventory, str):
            raise TypeError("as_json=True takes JSON text or bytes")
        native = _empreinte.evaluate_json(ds, inventory, opts)
    elif isinstance(inventory, os.PathLike):
        native = _empreinte.evaluate_path(ds, os.fspath(inventory), opts, glpi_mapping)
    elif isinstance(inventory, str):
        if is_text(inventory):
            native = _empreinte.evaluate_bytes(ds, inventory.encode("utf-8"), opts, glpi_mapping)
        else:
            native = _empreinte.evaluate_path(ds, inventory, opts, glpi_mapping)
    elif isinstance(inventory, (bytes, bytearray, memoryview)):
        native = _empreinte.evaluate_bytes(ds, bytes(inventory), opts, glpi_mapping)
    else:
        from_frame = with_frame_columns(
            inventory, lambda headers, specs, n_rows: _empreinte.evaluate_columns(
                ds, headers, specs, n_rows, opts))
        if from_frame is not None:
            native = from_frame
        elif isinstance(inventory, Iterable):
            native = _empreinte.evaluate_records(ds, inventory, opts)
        else:
            raise TypeError(
                "inventory must be a path, CSV/JSON text, bytes, a list of dicts or a "
                f"pandas/polars DataFrame, not {type(inventory).__name__}"
            )
    return Report(native)
