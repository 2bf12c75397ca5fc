"""The Python view of a report: plain dicts, lists, and pandas frames on request.

Nothing is computed here: every figure is read from the core's report, as the CLI's
``--format json`` writes it. This module only reshapes it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Optional, Union, overload

from . import _empreinte

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Report", "PHASES"]

#: Life-cycle phases, in report order; ``total`` sums them.
PHASES = ("manufacturing", "distribution", "use", "end_of_life")
#: What a Monte Carlo run gives for each drawn figure.
MC_STATS = ("mean", "p5", "p50", "p95")

Estimate = Dict[str, Any]
ImpactTable = Dict[str, Dict[str, Estimate]]


def pandas_or_none(as_frame: Optional[bool]) -> Any:
    if as_frame is False:
        return None
    try:
        import pandas
    except ImportError:
        if as_frame:
            raise ImportError(
                "as_frame=True needs pandas: pip install 'empreinte[pandas]'"
            ) from None
        return None
    return pandas


class Report:
    """The footprint of an inventory: totals by indicator and phase, groups, rejected rows.

    >>> import empreinte
    >>> r = empreinte.evaluate("category;quantity;acquisition_year\\nlaptop;10;2023\\n", year=2024)
    >>> r.counts["rows_evaluated"], r.counts["devices"]
    (1, 10)
    >>> phases = r.totals["climate_change"]
    >>> sorted(phases)
    ['distribution', 'end_of_life', 'manufacturing', 'total', 'use']
    >>> phases["total"]["status"]
    'available'
    >>> phases["total"]["central"] == r.climate_change_kgco2e
    True
    """

    __slots__ = ("_native", "_data")

    def __init__(self, native: _empreinte.NativeReport) -> None:
        self._native = native
        self._data: Dict[str, Any] = json.loads(native.json(pretty=False))

    # -- the report as data -------------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The whole report as plain Python data (a fresh copy), the CLI's JSON shape."""
        result: Dict[str, Any] = json.loads(self._native.json(pretty=False))
        return result

    def to_json(self, *, pretty: bool = True) -> str:
        """The report as JSON, byte for byte what ``empreinte evaluate --format json`` writes."""
        return self._native.json(pretty=pretty)

    @property
    def counts(self) -> Dict[str, int]:
        """``rows_read``, ``rows_evaluated``, ``rows_rejected``, ``rows_not_available`` (evaluated,
        class without figures), ``devices_not_available``, ``blank_rows``, ``devices``."""
        counts: Dict[str, int] = dict(self._data["counts"])
        return counts

    @property
    def totals(self) -> ImpactTable:
        """Indicator → phase (and ``total``) → ``{status, low, central, high}``.

        ``status`` is ``available``, ``partial`` (a lower bound: some lines had no factor),
        ``not_available`` (no figure at all, never a silent zero; a total of an indicator the
        dataset does not cover in every phase is not available and says ``not_covered``),
        ``included_in_manufacturing`` (a phase inside a lumped manufacturing figure: no number
        of its own) or ``use_phase_only`` (asked for with ``use_phase_only_indicators``).
        """
        impacts: ImpactTable = self._data["totals"]["impacts"]
        return impacts

    @property
    def climate_change_kgco2e(self) -> Optional[float]:
        """The headline figure: central total of climate change, in kg CO2e; ``None`` when not
        available (no evaluated line has a figure), never 0 in its place."""
        return self._native.climate_change_kgco2e

    @property
    def rejected(self) -> List[Dict[str, Any]]:
        """Rows not evaluated: ``{line, field, code, message}`` each."""
        rows: List[Dict[str, Any]] = self._data["rejected"]
        return rows

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """Assumptions and ignored columns: ``{line, field, code, message}`` each."""
        rows: List[Dict[str, Any]] = self._data["warnings"]
        return rows

    @property
    def dataset(self) -> Dict[str, Any]:
        """Identity of the dataset used: ``id``, ``version``, ``title``, ``licenses``..."""
        info: Dict[str, Any] = self._data["dataset"]
        return info

    @property
    def options(self) -> Dict[str, Any]:
        """The options of the evaluation, as the core recorded them."""
        options: Dict[str, Any] = self._data["options"]
        return options

    @property
    def indicators(self) -> List[Dict[str, Any]]:
        """Indicators reported, those the dataset covers in every phase first:
        ``{id, unit, label_fr, label_en, phases_covered, total}`` each (``total``:
        ``all_phases``, ``use_phase_only`` or ``not_available``)."""
        infos: List[Dict[str, Any]] = self._data["indicators"]
        return infos

    @property
    def per_capita(self) -> Dict[str, Optional[ImpactTable]]:
        """``per_inhabitant``, ``per_agent``, ``per_pupil`` tables (``None`` when not asked)."""
        per: Dict[str, Optional[ImpactTable]] = self._data["per_capita"]
        return per

    @property
    def provenance(self) -> Dict[str, Any]:
        """Factors, sources and electricity vintages used."""
        prov: Dict[str, Any] = self._data["provenance"]
        return prov

    @property
    def monte_carlo(self) -> Optional[Dict[str, Any]]:
        """The Monte Carlo summary, when evaluated with ``monte_carlo=N``: ``draws``, ``seed``,
        ``distribution``, and ``mean``/``p5``/``p50``/``p95`` for ``totals`` (indicator → phase),
        ``by_category`` and ``by_department`` (indicator → ``total``); else ``None``."""
        mc: Optional[Dict[str, Any]] = self._data.get("monte_carlo")
        return mc

    @property
    def year_over_year(self) -> Optional[Dict[str, Any]]:
        """The change since last year, when evaluated with ``previous=`` (last year's
        inventory): ``previous_year``, ``reporting_year``, ``fleet_effect`` (what the body did:
        this year's inventory − last year's, both this year), ``ageing_effect`` (last year's
        devices one year older), ``reference_effect`` (other factors, methods, dataset or
        options), ``total_change`` (their sum; each an indicator → phase → range table), and
        ``method_breaks`` (electricity factors whose stated method changed between the two
        vintages: ``zone``, ``indicator``, ``previous``, ``current``); else ``None``."""
        split: Optional[Dict[str, Any]] = self._data.get("year_over_year")
        return split

    @property
    def estate(self) -> Optional[Dict[str, Any]]:
        """An estate's part of the report, when one was evaluated: ``commune``, ``by_scope``
        (fleet, hosting, services: ``{scope, label_fr, label_en, entries, impacts}``),
        ``fleet_sources`` (each source's rows read, evaluated and rejected, with their
        ``file``), ``hosting`` (each room server and cloud entry: ``path``, ``name``, ``room``,
        ``department``, ``count``, ``climate_change_kgco2e``, ``footprint``), ``services``
        (each service: ``path``, ``kind``, ``users``, ``uses``, ``terminals_excluded``,
        ``gco2e_per_use``, ``footprint``), ``inventory_servers_room`` and ``notes``; else
        ``None``. A NumEcoEval / G4IT inventory adds ``numecoeval`` (:attr:`numecoeval`)."""
        estate: Optional[Dict[str, Any]] = self._data.get("estate")
        return estate

    @property
    def numecoeval(self) -> Optional[Dict[str, Any]]:
        """A NumEcoEval / G4IT inventory's results, when one was evaluated: ``data_centres``
        (name, PUE, location, devices, impacts), ``equipment_types`` (as written),
        ``entities`` (impacts, ``agents`` and ``per_agent``), ``virtual_machines`` (host,
        ``share``, ``share_rule``: ``given``, ``vcpu``, ``storage`` or ``equal``, impacts) and
        ``applications`` (by environment, impacts); else ``None``."""
        section: Optional[Dict[str, Any]] = (self._data.get("estate") or {}).get("numecoeval")
        return section

    def to_numecoeval_csv(self) -> str:
        """The report in NumEcoEval's shape, as ``empreinte evaluate --format numecoeval``
        writes it: per level (total, entity, equipment type, data centre, lines, virtual
        machine, application, service), criterion (``CLIMATE_CHANGE``...) and step
        (``MANUFACTURING``...), ``;``-separated."""
        return self._native.numecoeval_csv()

    @property
    def lines(self) -> Optional[List[Dict[str, Any]]]:
        """One result per evaluated line, when evaluated with ``lines=True``."""
        lines: Optional[List[Dict[str, Any]]] = self._data.get("lines")
        return lines

    def unit(self, indicator: str) -> str:
        """Unit of an indicator (``kgCO2e`` for ``climate_change``)."""
        for info in self.indicators:
            if info["id"] == indicator:
                return info["unit"]
        known = ", ".join(i["id"] for i in self.indicators)
        raise KeyError(f"indicator {indicator!r} is not in this report (known: {known})")

    # -- tables ---------------------------------------------------------------------------

    def _group_rows(
        self, groups: List[Dict[str, Any]], key_name: str, indicator: str, *, labels: bool = False,
        key: str = "key", counts: tuple[str, ...] = ("lines", "devices", "electricity_kwh"),
    ) -> List[Dict[str, Any]]:
        unit = self.unit(indicator)
        rows = []
        for g in groups:
            cells = g["impacts"][indicator]
            row: Dict[str, Any] = {key_name: g[key]}
            if labels:
                row["label_fr"] = g["label_fr"]
                row["label_en"] = g["label_en"]
            row.update({c: g[c] for c in counts}, indicator=indicator, unit=unit)
            for phase in (*PHASES, "total"):
                row[phase] = cells[phase].get("central")
            row["total_low"] = cells["total"].get("low")
            row["total_high"] = cells["total"].get("high")
            row["status"] = cells["total"]["status"]
            # central values are None where there is no number (never 0)
            rows.append(row)
        return rows

    @overload
    def by_category(
        self, indicator: str = ..., *, as_frame: Literal[False]
    ) -> List[Dict[str, Any]]: ...
    @overload
    def by_category(self, indicator: str = ..., *, as_frame: Literal[True]) -> pd.DataFrame: ...
    @overload
    def by_category(
        self, indicator: str = ..., *, as_frame: Optional[bool] = ...
    ) -> Union[pd.DataFrame, List[Dict[str, Any]]]: ...

    def by_category(
        self, indicator: str = "climate_change", *, as_frame: Optional[bool] = None
    ) -> Union[pd.DataFrame, List[Dict[str, Any]]]:
        """One row per category: lines, devices, kWh, and one indicator by phase (central
        values; ``total_low``/``total_high`` bound the total; ``None`` when not available).

        A pandas DataFrame when pandas is installed (or ``as_frame=True``), else a list of dicts.
        """
        rows = self._group_rows(self._data["by_category"], "category", indicator, labels=True)
        pandas = pandas_or_none(as_frame)
        return rows if pandas is None else pandas.DataFrame(rows)

    @overload
    def by_department(
        self, indicator: str = ..., *, as_frame: Literal[False]
    ) -> List[Dict[str, Any]]: ...
    @overload
    def by_department(self, indicator: str = ..., *, as_frame: Literal[True]) -> pd.DataFrame: ...
    @overload
    def by_department(
        self, indicator: str = ..., *, as_frame: Optional[bool] = ...
    ) -> Union[pd.DataFrame, List[Dict[str, Any]]]: ...

    def by_department(
        self, indicator: str = "climate_change", *, as_frame: Optional[bool] = None
    ) -> Union[pd.DataFrame, List[Dict[str, Any]]]:
        """One row per department tag (``None``: lines without one), as :meth:`by_category`."""
        rows = self._group_rows(self._data["by_department"], "department", indicator)
        pandas = pandas_or_none(as_frame)
        return rows if pandas is None else pandas.DataFrame(rows)

    @overload
    def by_scope(self, indicator: str = ..., *, as_frame: Literal[False]) -> List[Dict[str, Any]]: ...
    @overload
    def by_scope(self, indicator: str = ..., *, as_frame: Literal[True]) -> pd.DataFrame: ...
    @overload
    def by_scope(
        self, indicator: str = ..., *, as_frame: Optional[bool] = ...
    ) -> Union[pd.DataFrame, List[Dict[str, Any]]]: ...

    def by_scope(
        self, indicator: str = "climate_change", *, as_frame: Optional[bool] = None
    ) -> Union[pd.DataFrame, List[Dict[str, Any]]]:
        """An estate's three scopes (``fleet``, ``hosting``, ``services``), one row each: labels,
        ``entries`` (inventory lines, servers and instances, services) and one indicator by
        phase, as :meth:`by_category`. No rows when the report is not an estate's.

        >>> r = empreinte.evaluate({"services": [{"visio": {"uses": 100}}]})
        >>> [(s["scope"], s["entries"]) for s in r.by_scope(as_frame=False)]
        [('fleet', 0), ('hosting', 0), ('services', 1)]
        """
        groups = (self.estate or {}).get("by_scope", [])
        rows = self._group_rows(groups, "scope", indicator, labels=True, key="scope", counts=("entries",))
        pandas = pandas_or_none(as_frame)
        return rows if pandas is None else pandas.DataFrame(rows)

    def to_records(self) -> List[Dict[str, Any]]:
        """Every figure in long format: one dict per scope, key, indicator and phase.

        ``scope`` is ``total``, ``category``, ``department``, ``scope`` (an estate's fleet,
        hosting and services), ``per_inhabitant``, ``per_agent`` or ``per_pupil``; ``key`` the
        category id, department or scope id (``None`` for totals). ``low``/``central``/``high`` are ``None`` when not available.

        With Monte Carlo (``monte_carlo=N``), each row also has ``mean``, ``p5``, ``p50`` and
        ``p95`` of the drawn figure (``None`` where nothing was drawn: per-capita rows, the
        phases of groups).
        """
        mc = self.monte_carlo
        drawn: Dict[tuple[str, Optional[str]], Dict[str, Any]] = {}
        if mc is not None:
            drawn[("total", None)] = mc["totals"]
            for scope, groups in (("category", mc["by_category"]), ("department", mc["by_department"])):
                for g in groups:
                    drawn[(scope, g["key"])] = g["impacts"]
        units = {i["id"]: i["unit"] for i in self.indicators}
        tables: List[tuple[str, Optional[str], ImpactTable]] = [
            ("total", None, self.totals)
        ]
        tables += [("category", g["key"], g["impacts"]) for g in self._data["by_category"]]
        tables += [("department", g["key"], g["impacts"]) for g in self._data["by_department"]]
        tables += [("scope", s["scope"], s["impacts"]) for s in (self.estate or {}).get("by_scope", [])]
        for scope, table in self.per_capita.items():
            if table is not None:
                tables.append((scope, None, table))
        out = []
        for scope, key, table in tables:
            stats = drawn.get((scope, key), {})
            for indicator, phases in table.items():
                for phase, est in phases.items():
                    row: Dict[str, Any] = {
                        "scope": scope,
                        "key": key,
                        "indicator": indicator,
                        "phase": phase,
                        "unit": units.get(indicator, ""),
                        "status": est["status"],
                        "low": est.get("low"),
                        "central": est.get("central"),
                        "high": est.get("high"),
                    }
                    if mc is not None:
                        st = stats.get(indicator, {}).get(phase) or {}
                        row.update({k: st.get(k) for k in MC_STATS})
                    out.append(row)
        return out

    def to_pandas(self) -> pd.DataFrame:
        """:meth:`to_records` as a pandas DataFrame (columns scope, key, indicator, phase,
        unit, status, low, central, high; and mean, p5, p50, p95 with Monte Carlo). Needs pandas:
        ``pip install 'empreinte[pandas]'``."""
        pandas = pandas_or_none(True)
        cols = ["scope", "key", "indicator", "phase", "unit", "status", "low", "central", "high"]
        if self.monte_carlo is not None:
            cols += list(MC_STATS)
        frame: pd.DataFrame = pandas.DataFrame(self.to_records(), columns=cols)
        return frame

    def __repr__(self) -> str:
        c = self.counts
        kg = self.climate_change_kgco2e
        climate = "n/a" if kg is None else f"{kg:.6g}"
        return (
            f"<Report dataset={self.dataset['id']}@{self.dataset['version']} "
            f"year={self.options['reporting_year']} rows={c['rows_evaluated']}/{c['rows_read']} "
            f"devices={c['devices']} climate_change={climate} kgCO2e>"
        )
