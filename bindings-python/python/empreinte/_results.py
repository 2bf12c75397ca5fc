"""Result objects of the planning, hosting and service functions: the core's JSON as plain
dicts and lists, reshaped into tables on request. Nothing is computed here.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional

from ._report import PHASES, Report, pandas_or_none

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Comparison",
    "HostingFootprint",
    "ScenarioResults",
    "ServiceResult",
    "Trajectory",
]

RANGE = ("low", "central", "high")


def _frame(rows: List[Dict[str, Any]], columns: List[str]) -> pd.DataFrame:
    pandas = pandas_or_none(True)
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=columns)
    return frame


def _cells(value: Any) -> Dict[str, Any]:
    """``{status, low, central, high}``, a bare range, ``None`` (not available) or the string
    ``"included_in_manufacturing"`` → the three numbers (``None`` where there is no number:
    never a zero)."""
    if not isinstance(value, dict):
        return {k: None for k in RANGE}
    return {k: value.get(k) for k in RANGE}


def _status(value: Any) -> str:
    """A cell's status: ``value["status"]`` for an estimate; for a bare cell (offers, hosting)
    ``available`` (a range), ``not_available`` (``None``) or the string it is
    (``included_in_manufacturing``)."""
    if isinstance(value, dict):
        return str(value.get("status", "available"))
    if isinstance(value, str):
        return value
    return "not_available"


def _kg(value: Optional[float]) -> str:
    """A figure for a repr: ``n/a`` when not available, never 0."""
    return "n/a" if value is None else f"{value:.6g}"


class _Result:
    """A result held as the core's JSON: ``to_dict()``, ``to_json()``, item access."""

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain Python data (a fresh copy), the CLI's JSON shape."""
        result: Dict[str, Any] = copy.deepcopy(self._data)
        return result

    def to_json(self, *, indent: Optional[int] = 2) -> str:  # front-ends: allow (JSON layout)
        return json.dumps(self._data, indent=indent, ensure_ascii=False)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def keys(self) -> List[str]:
        return list(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Result) and type(other) is type(self) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]


class Comparison(_Result):
    """Offers compared per year of service (the core's ``Comparison``).

    ``offers`` lists each offer's ``per_year`` impacts (indicator → phase → range, with
    ``embodied`` and ``total``), ``climate_change_kgco2e_per_year``, the difference with the
    first offer (kg and %), the break-even lifetimes and the cost per kg avoided.
    """

    __slots__ = ()

    @property
    def offers(self) -> List[Dict[str, Any]]:
        offers: List[Dict[str, Any]] = self._data["offers"]
        return offers

    @property
    def allocation(self) -> str:
        return str(self._data["allocation"])

    @property
    def dataset(self) -> Dict[str, Any]:
        info: Dict[str, Any] = self._data["dataset"]
        return info

    def to_records(self) -> List[Dict[str, Any]]:
        """One row per offer, indicator and phase (and ``embodied``, ``total``): ``offer``,
        ``indicator``, ``phase``, ``unit``, ``status`` (``available``, ``not_available``, or
        ``included_in_manufacturing`` for a phase inside a lumped figure),
        ``low``/``central``/``high`` per year of service (``None`` where there is no number)."""
        rows = []
        for o in self.offers:
            for indicator, phases in o["per_year"].items():
                for phase, value in phases.items():
                    if phase == "unit":
                        continue
                    rows.append({"offer": o["name"], "indicator": indicator, "phase": phase,
                                 "unit": phases.get("unit"), "status": _status(value), **_cells(value)})
        return rows

    def to_pandas(self) -> pd.DataFrame:
        """:meth:`to_records` as a DataFrame (needs pandas)."""
        return _frame(self.to_records(), ["offer", "indicator", "phase", "unit", "status", *RANGE])

    def __repr__(self) -> str:
        parts = ", ".join(f"{o['name']}={_kg(o['climate_change_kgco2e_per_year'])}" for o in self.offers)
        return f"<Comparison {self.allocation} kgCO2e/year: {parts}>"


class ScenarioResults(_Result):
    """Scenarios against today's inventory: ``baseline`` (a :class:`Report`), ``scenarios``
    (one dict per scenario: ``totals`` ``{baseline, scenario, change}``, ``by_category``,
    ``by_department``, ``change_kgco2e``, ``change_percent``), and the rows not read
    (``rejected``, ``warnings``)."""

    __slots__ = ("baseline",)

    def __init__(self, baseline: Report, data: Dict[str, Any]) -> None:
        super().__init__(data)
        self.baseline = baseline

    @property
    def scenarios(self) -> List[Dict[str, Any]]:
        items: List[Dict[str, Any]] = self._data["scenarios"]
        return items

    @property
    def rejected(self) -> List[Dict[str, Any]]:
        rows: List[Dict[str, Any]] = self._data["rejected"]
        return rows

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        rows: List[Dict[str, Any]] = self._data["warnings"]
        return rows

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self.scenarios)

    def __len__(self) -> int:
        return len(self.scenarios)

    def to_dict(self) -> Dict[str, Any]:
        """``{"baseline": report, "scenarios": [...], "rejected", "warnings", "blank_rows"}``."""
        out = super().to_dict()
        out["baseline"] = self.baseline.to_dict()
        return out

    def to_records(self) -> List[Dict[str, Any]]:
        """One row per scenario, indicator and phase: ``name``, ``indicator``, ``phase``,
        ``status`` (the change's), and the ``baseline``, ``scenario`` and ``change`` central
        values per year (``None``: not available, never 0)."""
        rows = []
        for s in self.scenarios:
            t = s["totals"]
            for indicator in t["change"]:
                for phase in (*PHASES, "total"):
                    change = t["change"].get(indicator, {}).get(phase)
                    row: Dict[str, Any] = {"name": s["name"], "indicator": indicator, "phase": phase,
                                           "status": _status(change)}
                    for k in ("baseline", "scenario", "change"):
                        row[k] = _cells(t[k].get(indicator, {}).get(phase))["central"]
                    rows.append(row)
        return rows

    def to_pandas(self) -> pd.DataFrame:
        """:meth:`to_records` as a DataFrame (needs pandas)."""
        return _frame(self.to_records(), ["name", "indicator", "phase", "status", "baseline", "scenario", "change"])

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{s['name']}: {'n/a' if s['change_kgco2e'] is None else format(s['change_kgco2e'], '+.6g')} kgCO2e"
            for s in self.scenarios)
        return f"<ScenarioResults {parts}>"


class Trajectory(_Result):
    """The fleet year by year: ``series`` (``baseline``, renewed like for like, then one per
    scenario), each with ``renewal`` (the rule, ``practice``, ``dataset_lifetime`` or
    ``lifetimes``, and each class's lifetime) and ``years``: ``year``, ``devices``,
    ``purchases``, ``refurbished_purchases``, ``electricity_kwh`` and ``impacts`` (indicator →
    phase → range)."""

    __slots__ = ()

    @property
    def series(self) -> List[Dict[str, Any]]:
        items: List[Dict[str, Any]] = self._data["series"]
        return items

    @property
    def renewal(self) -> Dict[str, Any]:
        """How the baseline renews devices: ``rule`` and ``classes`` (per class: ``category``,
        ``devices``, ``dated_devices``, ``mean_age_years``, ``practice_years`` (2 × mean age +
        1), ``dataset_lifetime_years``, ``bounds_years``, ``lifetime_years``, ``source``,
        ``backlog``, ``backlog_per_year``)."""
        rule: Dict[str, Any] = self.series[0]["renewal"]
        return rule

    @property
    def rejected(self) -> List[Dict[str, Any]]:
        rows: List[Dict[str, Any]] = self._data["rejected"]
        return rows

    def to_records(self, *, phases: bool = False) -> List[Dict[str, Any]]:
        """A tidy table: one row per series, year and indicator (and phase, with
        ``phases=True``; else the total only): ``series``, ``year``, ``devices``,
        ``purchases``, ``refurbished_purchases``, ``electricity_kwh``, ``indicator``,
        ``phase``, ``status``, ``low``, ``central``, ``high``."""
        rows = []
        for s in self.series:
            for y in s["years"]:
                head = {k: y[k] for k in ("year", "devices", "purchases", "refurbished_purchases", "electricity_kwh")}
                for indicator, cells in y["impacts"].items():
                    for phase in ((*PHASES, "total") if phases else ("total",)):
                        est = cells.get(phase) or {"status": "not_available"}
                        rows.append({"series": s["name"], **head, "indicator": indicator, "phase": phase,
                                     "status": est.get("status"), **_cells(est)})
        return rows

    def to_pandas(self, *, phases: bool = False) -> pd.DataFrame:
        """:meth:`to_records` as a DataFrame (needs pandas)."""
        cols = ["series", "year", "devices", "purchases", "refurbished_purchases", "electricity_kwh",
                "indicator", "phase", "status", *RANGE]
        return _frame(self.to_records(phases=phases), cols)

    def __repr__(self) -> str:
        years = self.series[0]["years"] if self.series else []
        span = f"{years[0]['year']}-{years[-1]['year']}" if years else "-"
        return f"<Trajectory {span} series={[s['name'] for s in self.series]}>"


class HostingFootprint(_Result):
    """A server or cloud instance over a duration (the CLI's ``empreinte.hosting/1`` JSON):
    ``impacts`` (indicator → phase → range, ``None``: not available; ``total``, ``unit``),
    ``electricity_kwh``, ``it_power_w``, ``pue``, ``zone``, ``site``, ``model``..."""

    __slots__ = ()

    @property
    def impacts(self) -> Dict[str, Dict[str, Any]]:
        impacts: Dict[str, Dict[str, Any]] = self._data["impacts"]
        return impacts

    @property
    def climate_change_kgco2e(self) -> Optional[float]:
        """Central total of climate change, kg CO2e (``None``: not available)."""
        total = _cells(self.impacts.get("climate_change", {}).get("total"))["central"]
        return None if total is None else float(total)

    def to_records(self) -> List[Dict[str, Any]]:
        """One row per indicator and phase: ``indicator``, ``phase``, ``unit``, ``status``
        (``available``, ``not_available``, ``included_in_manufacturing``), ``low``,
        ``central``, ``high`` (``None`` where there is no number)."""
        rows = []
        for indicator, cells in self.impacts.items():
            for phase in (*PHASES, "total"):
                value = cells.get(phase)
                rows.append({"indicator": indicator, "phase": phase, "unit": cells.get("unit"),
                             "status": _status(value), **_cells(value)})
        return rows

    def to_pandas(self) -> pd.DataFrame:
        """:meth:`to_records` as a DataFrame (needs pandas)."""
        return _frame(self.to_records(), ["indicator", "phase", "unit", "status", *RANGE])

    def __repr__(self) -> str:
        return (f"<HostingFootprint model={self._data.get('model')} zone={self._data.get('zone')} "
                f"climate_change={_kg(self.climate_change_kgco2e)} kgCO2e>")


class ServiceResult(_Result):
    """A web page or a digital service: the core's result, as the CLI's JSON. Every result has
    a ``footprint`` (``contributions`` by tier, indicator and phase; ``missing`` figures; the
    method); a page also has ``ecoindex`` or ``estimate``; ADEME's services their
    ``total_gco2e`` and shares."""

    __slots__ = ()

    @property
    def footprint(self) -> Dict[str, Any]:
        fp: Dict[str, Any] = self._data["footprint"]
        return fp

    def to_records(self) -> List[Dict[str, Any]]:
        """One row per contribution: ``tier``, ``indicator``, ``phase``, ``low``, ``central``,
        ``high``."""
        return [{"tier": c["tier"], "indicator": c["indicator"], "phase": c["phase"], **_cells(c["value"])}
                for c in self.footprint["contributions"]]

    def to_pandas(self) -> pd.DataFrame:
        """:meth:`to_records` as a DataFrame (needs pandas)."""
        return _frame(self.to_records(), ["tier", "indicator", "phase", *RANGE])

    def __repr__(self) -> str:
        return f"<ServiceResult {self.footprint.get('service')} method={self.footprint.get('method')!r}>"
