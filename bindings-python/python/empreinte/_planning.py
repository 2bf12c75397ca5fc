"""Procurement and planning: offer comparison, scenarios, trajectory, the REEN review."""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _empreinte
from ._inputs import (DatasetLike, Inventory, MappingFile, dataset_of, estate_of, mapping_of, options_of,
                      source_of)
from ._report import Report
from ._results import Comparison, ScenarioResults, Trajectory

__all__ = ["compare", "review", "scenario", "trajectory"]

Lever = Mapping[str, Any]
ScenarioSpec = Mapping[str, Any]
#: The trajectory's renewal rule: ``"practice"``, ``"dataset_lifetime"`` or
#: ``{"lifetimes": {category: years}}``.
Baseline = Union[str, Mapping[str, Any]]


def compare(
    offers: Iterable[Mapping[str, Any]],
    *,
    year: Optional[int] = None,
    allocation: str = "cut_off",
    dataset: DatasetLike = None,
) -> Comparison:
    """Compares offers for one need — new, refurbished or reused, lifetimes, usage — per year of
    service, against the first offer.

    Args:
        offers: one dict per offer: ``name``, ``unit_price_eur`` (or ``price_eur``; euros, per
            device), ``replaced_parts`` (``[{"name": "batterie", "climate_kgco2e": 12.0}]``,
            or a ``{"low", "central", "high"}`` range), and inventory keys for the device
            (``category``, ``condition``, ``lifetime_years``, ``hours_per_day``,
            ``power_w``, ``country``..., French or English). No acquisition year: an offer is
            not bought yet.
        year: year of the electricity factors.
        allocation: ``cut_off`` (default: the second life carries refurbishment, parts and
            transport, ADEME 2022) or ``shared_first_life``.
        dataset: an embedded id, a folder or a :class:`Dataset`.

    Raises:
        CompareError: no offer, a bad device line (``line`` is the offer's position, from 1;
            ``field`` the key at fault), a negative price, a bad replaced part, an unknown key.
        OptionsError: an unknown allocation.

    >>> c = empreinte.compare([
    ...     {"name": "neuf", "category": "laptop", "unit_price_eur": 900},
    ...     {"name": "reconditionné", "category": "laptop", "condition": "refurbished", "unit_price_eur": 500},
    ... ])
    >>> [o["name"] for o in c.offers]
    ['neuf', 'reconditionné']
    >>> c.offers[1]["difference_percent"] < 0
    True
    """
    native = _empreinte.compare(dataset_of(dataset), list(offers), year, allocation)
    return Comparison(json.loads(native))


def _scenarios(
    levers: Optional[Sequence[Lever]], name: str, scenarios: Optional[Sequence[ScenarioSpec]]
) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    if levers is not None:
        out.append({"name": name, "levers": [dict(lv) for lv in levers]})
    for s in scenarios or ():
        if not isinstance(s, Mapping):
            raise TypeError(f"a scenario is a dict {{'name': ..., 'levers': [...]}}, not {type(s).__name__}")
        out.append(dict(s))
    return out


def scenario(
    inventory: Inventory,
    levers: Optional[Sequence[Lever]] = None,
    *,
    name: str = "scénario",
    scenarios: Optional[Sequence[ScenarioSpec]] = None,
    year: Optional[int] = None,
    dataset: DatasetLike = None,
    annualisation: str = "physical_lifetime",
    amortisation_years: Optional[float] = None,
    country: Optional[str] = None,
    options: Optional[Mapping[str, Any]] = None,
    mapping: MappingFile = None,
) -> ScenarioResults:
    """Applies levers to an inventory and evaluates the result against today's: the delta by
    total, category and department.

    Args:
        inventory: as :func:`evaluate` takes it (path, text, bytes, list of dicts, DataFrame,
            GLPI files).
        levers: the levers of one scenario named ``name``, each a dict:
            ``{"lever": "extend_lifetime", "years": 2}``,
            ``{"lever": "refurbished_share", "share": 0.3}`` (0 to 1),
            ``{"lever": "reduce_fleet", "share": 0.1}``,
            ``{"lever": "electricity", "country": "SE"}``; any of them may carry
            ``"categories": ["laptop", ...]`` to apply to some categories only.
        scenarios: more scenarios, as ``{"name": ..., "levers": [...]}``.
        year, dataset, annualisation, amortisation_years, country: as :func:`evaluate`;
            ``options`` (the core's ``EvaluationOptions`` dict) replaces them.
        mapping: a GLPI mapping file, for GLPI input.

    Raises:
        ScenarioError: a lever out of range (``field``: the lever), an unknown category or
            country, levers not in the documented shape (``invalid_input``).
        InventoryError, OptionsError, DatasetError: as :func:`evaluate`.

    >>> r = empreinte.scenario("category;quantity;acquisition_year\\nlaptop;10;2022\\n",
    ...                        [{"lever": "extend_lifetime", "years": 2}])
    >>> r.scenarios[0]["change_kgco2e"] < 0
    True
    """
    specs = _scenarios(levers, name, scenarios)
    opts = options_of(options, year=year, annualisation=annualisation,
                      amortisation_years=amortisation_years, country=country)
    baseline, data = _empreinte.run_scenarios(
        dataset_of(dataset), source_of(inventory), specs, opts, mapping_of(mapping)
    )
    return ScenarioResults(Report(baseline), json.loads(data))


def trajectory(
    inventory: Inventory,
    *,
    start: Optional[int] = None,
    horizon: Optional[int] = None,
    scenarios: Optional[Sequence[ScenarioSpec]] = None,
    dataset: DatasetLike = None,
    annualisation: str = "physical_lifetime",
    amortisation_years: Optional[float] = None,
    country: Optional[str] = None,
    options: Optional[Mapping[str, Any]] = None,
    mapping: MappingFile = None,
    baseline: Baseline = "practice",
) -> Trajectory:
    """The fleet year by year from ``start`` to ``horizon``: devices renewed like for like
    (``baseline``), and under each scenario (``{"name": ..., "levers": [...]}``, levers as
    :func:`scenario` takes them).

    ``baseline`` is the renewal rule of every series: ``"practice"`` (default: each class at
    the lifetime its devices in service show, 2 × mean age + 1, bounded by the dataset's range
    widened to the lines' lifetimes; devices already due renewed over the following years, not
    all at once), ``"dataset_lifetime"`` (each device at its own or the dataset's lifetime, all
    due devices the same year), or ``{"lifetimes": {"laptop": 7, ...}}`` (those classes at those
    lifetimes, the others at their practice). ``Trajectory.renewal`` says what each class got.

    Options as :func:`evaluate` (``options``, the ``EvaluationOptions`` dict, replaces them;
    its ``reporting_year`` defaults to ``start``).

    Raises:
        TrajectoryError: ``horizon`` before ``start``, or more than 60 years; a bad
            ``baseline`` (``field`` ``baseline``: ``unknown_category``, ``out_of_range``,
            ``invalid_input``).
        ScenarioError: a bad lever.

    >>> t = empreinte.trajectory("category;quantity;acquisition_year\\nlaptop;10;2022\\n",
    ...                          start=2025, horizon=2030,
    ...                          scenarios=[{"name": "+2 ans", "levers": [{"lever": "extend_lifetime", "years": 2}]}])
    >>> [s["name"] for s in t.series], len(t.series[0]["years"])
    (['baseline', '+2 ans'], 6)
    """
    specs = _scenarios(None, "", scenarios)
    if options is not None and start is not None and "reporting_year" not in options:
        options = {**options, "reporting_year": start}
    opts = options_of(options, year=start, annualisation=annualisation,
                      amortisation_years=amortisation_years, country=country)
    data = _empreinte.trajectory(
        dataset_of(dataset), source_of(inventory), specs, start, horizon, opts, mapping_of(mapping),
        baseline
    )
    return Trajectory(json.loads(data))


def review(
    inventory: Inventory,
    previous: Optional[Inventory] = None,
    *,
    format: str = "html",
    lang: str = "fr",
    year: Optional[int] = None,
    commune: Optional[str] = None,
    dataset: DatasetLike = None,
    annualisation: str = "physical_lifetime",
    inhabitants: Optional[float] = None,
    agents: Optional[float] = None,
    pupils: Optional[float] = None,
    options: Optional[Mapping[str, Any]] = None,
    mapping: MappingFile = None,
    previous_year: Optional[int] = None,
    horizon: Optional[int] = None,
    baseline: Baseline = "practice",
) -> str:
    """The yearly review (loi REEN) as a self-contained HTML page or Markdown, as
    ``empreinte report`` writes it: the state of play, the change since ``previous`` (last
    year's inventory, evaluated for ``previous_year``, default ``year - 1``; split into what the
    fleet, its age and the reference did, method breaks named), the trajectory at today's
    practice to ``horizon`` (default ``year + 5``; ``baseline`` as :func:`trajectory`), the main
    levers quantified on this inventory, the method, the sources, the rejected rows and the
    items left out.

    Args:
        format: ``html`` or ``md``.
        lang: ``fr`` or ``en``.
        commune: the name of the commune or body, for the title.

    >>> md = empreinte.review("category;quantity;acquisition_year\\nlaptop;10;2022\\n", format="md")
    >>> md.startswith("# ")
    True

    An estate (fleet, hosting and services; see :func:`evaluate`) gets its scopes, hosting and
    services sections and their levers:

    >>> "## Par périmètre" in empreinte.review("examples/estates/ville-montclair.toml", format="md")
    True
    """
    opts = options_of(options, year=year, annualisation=annualisation,
                      inhabitants=inhabitants, agents=agents, pupils=pupils)
    estate = estate_of(inventory)
    if estate is not None:
        if previous is not None or previous_year is not None or mapping is not None:
            raise TypeError("an estate names its own sources: previous=, previous_year= and "
                            "mapping= are for inventories")
        given = None if dataset is None else dataset_of(dataset)
        return _empreinte.review_estate(given, estate, opts, format, lang, commune, horizon,
                                        baseline, None)
    prev = None if previous is None else source_of(previous)
    return _empreinte.review(
        dataset_of(dataset), source_of(inventory), prev, opts, format, lang, commune, mapping_of(mapping),
        previous_year, horizon, baseline
    )
