"""Hosting (servers, cloud instances) and digital services (web pages, e-mail, video, search,
transfers, any three-tier service). Keyword arguments go to the core as they are."""

from __future__ import annotations

import array
import json
import sys
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union

from . import _empreinte
from ._inputs import DatasetLike, dataset_of
from ._results import HostingFootprint, ServiceResult

__all__ = ["cloud", "page", "pages", "server", "service", "services"]

Grid = Union[float, str]


def _given(**kwargs: Any) -> Dict[str, Any]:
    """The arguments that were given (``None`` and ``False`` are the core's defaults)."""
    return {k: v for k, v in kwargs.items() if v is not None and v is not False}


def _usage(
    hours: Optional[float], years: Optional[float], load_percent: Any,
    load_profile: Optional[Sequence[Tuple[float, float]]], avg_power_w: Optional[float],
    use_time_ratio: Optional[float], lifetime_years: Optional[float],
    other_consumption_ratio: Optional[float], location: Optional[str], no_location: bool,
    year: Optional[int], site: Optional[str], pue: Optional[float],
) -> Dict[str, Any]:
    return _given(
        duration_hours=hours, duration_years=years, load_percent=load_percent,
        load_profile=None if load_profile is None else [list(p) for p in load_profile],
        avg_power_w=avg_power_w, use_time_ratio=use_time_ratio, lifetime_years=lifetime_years,
        other_consumption_ratio=other_consumption_ratio, location=location,
        no_location=no_location, year=year, site=site, pue=pue,
    )


def server(
    archetype: Optional[str] = None,
    *,
    generic: bool = False,
    case_type: Optional[Literal["rack", "blade", "tower"]] = None,
    cpu: Optional[Mapping[str, Any]] = None,
    ram: Optional[Sequence[Mapping[str, Any]]] = None,
    disks: Optional[Sequence[Mapping[str, Any]]] = None,
    power_supply: Optional[Mapping[str, Any]] = None,
    hours: Optional[float] = None,
    years: Optional[float] = None,
    load_percent: Union[None, float, Mapping[str, float]] = None,
    load_profile: Optional[Sequence[Tuple[float, float]]] = None,
    avg_power_w: Optional[float] = None,
    use_time_ratio: Optional[float] = None,
    lifetime_years: Optional[float] = None,
    other_consumption_ratio: Optional[float] = None,
    location: Optional[str] = None,
    no_location: bool = False,
    year: Optional[int] = None,
    site: Optional[str] = None,
    pue: Optional[float] = None,
    dataset: DatasetLike = None,
) -> HostingFootprint:
    """One server over a duration (default: one year), as ``empreinte server``.

    Bottom-up from an ``archetype`` and its configuration when the dataset has the hosting
    tables (``boavizta-2.5``): ``cpu`` (``{"units", "name", "core_units", "threads",
    "die_size_mm2", "tdp_w", "family"...}``), ``ram`` (``[{"units", "capacity_gb"}]``),
    ``disks`` (``[{"kind": "ssd"|"hdd", "units", "capacity_gb"}]``), ``power_supply``
    (``{"units", "unit_weight_kg"}``). Else, or with ``generic=True``, the dataset's generic
    server.

    Usage: ``hours`` or ``years`` covered, CPU ``load_percent`` (or a ``load_profile`` of
    ``(time %, load %)`` pairs), a measured ``avg_power_w``, ``use_time_ratio``,
    ``lifetime_years``, ``other_consumption_ratio``; electricity ``location`` (a zone:
    ``FR``, ``Allemagne``...; ``no_location=True``: unknown, the European average with every
    zone's range), ``year``, ``site`` (``own_server_room``, ``colocation``,
    ``cloud_hyperscale``, ``it_only``) or a known ``pue``.

    Raises:
        HostingError: unknown archetype, CPU, location or site; a value out of range
            (``field``); a dataset without hosting tables (``hosting_missing_table``).

    >>> f = empreinte.server(generic=True, pue=1.5)
    >>> f["model"], f.impacts["climate_change"]["total"]["central"] > 0
    ('generic', True)
    """
    spec = _given(generic=generic, archetype=archetype, case_type=case_type, cpu=cpu,
                  ram=ram, disks=disks, power_supply=power_supply)
    usage = _usage(hours, years, load_percent, load_profile, avg_power_w, use_time_ratio,
                   lifetime_years, other_consumption_ratio, location, no_location, year, site, pue)
    return HostingFootprint(json.loads(_empreinte.server(dataset_of(dataset), spec, usage)))


def cloud(
    provider: str,
    instance_type: str,
    region: Optional[str] = None,
    *,
    hours: Optional[float] = None,
    years: Optional[float] = None,
    load_percent: Union[None, float, Mapping[str, float]] = None,
    load_profile: Optional[Sequence[Tuple[float, float]]] = None,
    avg_power_w: Optional[float] = None,
    use_time_ratio: Optional[float] = None,
    lifetime_years: Optional[float] = None,
    other_consumption_ratio: Optional[float] = None,
    location: Optional[str] = None,
    no_location: bool = False,
    year: Optional[int] = None,
    site: Optional[str] = None,
    pue: Optional[float] = None,
    dataset: DatasetLike = "boavizta-2.5",
) -> HostingFootprint:
    """One cloud instance over a duration (default: one year), as ``empreinte cloud``:
    ``provider`` (aws, azure, gcp, ovhcloud, scaleway), ``instance_type`` (m6g.xlarge...),
    ``region`` (eu-west-3, fr-par...: sets the electricity zone). Usage as :func:`server`.
    The default dataset is ``boavizta-2.5`` (the one with cloud tables).

    Raises:
        HostingError: unknown provider, instance type or region (with a suggestion), a value
            out of range, a dataset without cloud tables.

    >>> f = empreinte.cloud("aws", "m6g.xlarge", "eu-west-3", load_percent=30)
    >>> f["zone"]
    'FR'
    """
    spec = _given(provider=provider, instance_type=instance_type, region=region)
    usage = _usage(hours, years, load_percent, load_profile, avg_power_w, use_time_ratio,
                   lifetime_years, other_consumption_ratio, location, no_location, year, site, pue)
    return HostingFootprint(json.loads(_empreinte.cloud(dataset_of(dataset), spec, usage)))


def page(
    model: str = "ecoindex",
    *,
    dom_elements: Optional[float] = None,
    requests: Optional[float] = None,
    size_kb: Optional[float] = None,
    bytes: Optional[float] = None,
    green_hosting: bool = False,
    green_hosting_factor: Optional[float] = None,
    per_visit: Optional[bool] = None,
    returning_visitors: Optional[float] = None,
    first_visit_share: Optional[float] = None,
    return_visit_share: Optional[float] = None,
    data_reload_ratio: Optional[float] = None,
    grid: Optional[Grid] = None,
    device_grid: Optional[Grid] = None,
    network_grid: Optional[Grid] = None,
    data_centre_grid: Optional[Grid] = None,
    exclude_terminals: bool = False,
) -> ServiceResult:
    """One web page view, as ``empreinte page``.

    ``model="ecoindex"`` (default) takes ``dom_elements``, ``requests`` and ``size_kb`` and
    gives ``result["ecoindex"]`` (score, grade, gCO2e and water per view). ``swd4``, ``swd3``
    and ``onebyte`` take the ``bytes`` transferred (or ``size_kb``, 1 kB = 1000 bytes) and
    give ``result["estimate"]`` (CO2.js's figures): per view (default, except OneByte) or per
    byte (``per_visit=False``), with ``returning_visitors`` (or ``first_visit_share`` /
    ``return_visit_share``) and ``data_reload_ratio``; ``green_hosting``; the grid of every
    segment (``grid``) or of each one, as gCO2e/kWh or a country or Ember region (FR, EU,
    WORLD). ``exclude_terminals`` leaves the user's device out (the fleet counts it).

    Raises:
        ServiceError: a number out of range or missing (``service_invalid_number``, with the
            ``field``), an unknown model or country.

    >>> empreinte.page(dom_elements=600, requests=60, size_kb=1500)["ecoindex"]["grade"]
    'D'
    """
    params = _given(
        model=model, dom_elements=dom_elements, requests=requests, size_kb=size_kb, bytes=bytes,
        green_hosting=green_hosting, green_hosting_factor=green_hosting_factor,
        returning_visitors=returning_visitors, first_visit_share=first_visit_share,
        return_visit_share=return_visit_share, data_reload_ratio=data_reload_ratio, grid=grid,
        device_grid=device_grid, network_grid=network_grid, data_centre_grid=data_centre_grid,
        exclude_terminals=exclude_terminals,
    )
    if per_visit is not None:
        params["per_visit"] = per_visit
    return ServiceResult(json.loads(_empreinte.page(params)))


def service(
    kind: Literal["email", "visio", "streaming", "web_search", "file_transfer", "transfer", "three_tier"],
    *,
    uses: Optional[float] = None,
    year: Optional[int] = None,
    terminal_region: Optional[str] = None,
    data_centre_region: Optional[str] = None,
    exclude_terminals: bool = False,
    dataset: DatasetLike = None,
    **params: Any,
) -> ServiceResult:
    """One use of a digital service, times ``uses``, as ``empreinte service``.

    ``kind`` and its parameters (all optional; the model's defaults fill the gaps):

    - ``email`` (ADEME): ``size_mb``, ``recipients``, ``storage_years``, ``writing_minutes``,
      ``reading_minutes_per_recipient``, ``read_share``, ``terminal``, ``sender_network``,
      ``receiver_network``, ``backup_network``, ``sender_backups``, ``receiver_backups``,
      ``storage_fill_rate``, ``mails_per_person_per_day``;
    - ``visio``: ``minutes``, ``devices``, ``quality`` (sd, hd...), ``terminal``, ``network``;
    - ``streaming``: ``minutes``, ``quality``, ``terminal``, ``network``;
    - ``web_search``: ``typing_minutes``, ``request_kb``, ``page_kb``, ``reading_minutes``,
      ``pages_read``, ``terminal``, ``network``;
    - ``file_transfer``: ``size_gb``, ``network``;
    - ``transfer`` (the dataset's per-GB network factors only): ``gb``, ``network``;
    - ``three_tier`` (any service: terminals, network, data centre): ``service`` (its name),
      ``hours_per_use``, ``gb_per_use``, ``terminal`` (a dataset category),
      ``terminal_country``, ``network`` (``None``: no network tier), ``data_centre``
      (``{"kwh_per_gb", "kwh_per_hour", "embodied_kgco2e_per_gb", "country"}``; ``None``: no
      data-centre tier).

    ``year``, ``terminal_region`` / ``data_centre_region`` (france, europe...; ADEME's model)
    and ``exclude_terminals`` (the fleet counts the devices) apply to every kind.

    Raises:
        ServiceError: a parameter out of range or that does not apply (``field`` names it), an
            unknown network, terminal, quality, region or kind.

    >>> r = empreinte.service("email", size_mb=2, recipients=5, uses=100)
    >>> r["service"], r.footprint["uses"]
    ('email', 100.0)
    """
    common = _given(year=year, terminal_region=terminal_region, data_centre_region=data_centre_region,
                    exclude_terminals=exclude_terminals, uses=None if uses is None else float(uses))
    native = _empreinte.service(dataset_of(dataset), kind, params, common)
    return ServiceResult(json.loads(native))


def pages(
    page_bytes: Any,
    model: str = "swd4",
    *,
    green_hosting: bool = False,
    green_hosting_factor: Optional[float] = None,
    per_visit: Optional[bool] = None,
    returning_visitors: Optional[float] = None,
    first_visit_share: Optional[float] = None,
    return_visit_share: Optional[float] = None,
    data_reload_ratio: Optional[float] = None,
    grid: Optional[Grid] = None,
    device_grid: Optional[Grid] = None,
    network_grid: Optional[Grid] = None,
    data_centre_grid: Optional[Grid] = None,
) -> Any:
    """Many page views in one call, by a bytes-based model (``swd4``, ``swd3``, ``onebyte``):
    ``page_bytes`` (a sequence of numbers, or a numpy array) gives each page's weight, the
    other arguments are :func:`page`'s. Returns each page's total in grams CO2e, as
    ``page(model, bytes=b, ...)["estimate"]["total_gco2e"]`` gives it: a list, or a numpy
    array of float64 when ``page_bytes`` is one.

    Raises:
        ServiceError: an option out of range or unknown (``index`` is ``None``), or a page's
            bytes (``index`` is its position).

    >>> empreinte.pages([2_000_000, 500_000], per_visit=True)
    [0.2964, 0.0741]
    """
    options = _given(
        model=model, green_hosting=green_hosting, green_hosting_factor=green_hosting_factor,
        returning_visitors=returning_visitors, first_visit_share=first_visit_share,
        return_visit_share=return_visit_share, data_reload_ratio=data_reload_ratio, grid=grid,
        device_grid=device_grid, network_grid=network_grid, data_centre_grid=data_centre_grid,
    )
    if per_visit is not None:
        options["per_visit"] = per_visit
    np = sys.modules.get("numpy")
    if np is not None and isinstance(page_bytes, np.ndarray):
        raw = np.ascontiguousarray(page_bytes, dtype=np.float64).tobytes()
        return np.frombuffer(_empreinte.pages(raw, options), dtype=np.float64)
    totals = array.array("d")
    totals.frombytes(_empreinte.pages(array.array("d", page_bytes).tobytes(), options))
    return totals.tolist()


def services(
    kind: Literal["email", "visio", "streaming", "web_search", "file_transfer"],
    params: Sequence[Mapping[str, Any]],
    *,
    uses: Optional[float] = None,
    year: Optional[int] = None,
    terminal_region: Optional[str] = None,
    data_centre_region: Optional[str] = None,
    exclude_terminals: bool = False,
    dataset: DatasetLike = None,
) -> List[ServiceResult]:
    """Many uses of one of ADEME's per-use services in one call: ``params`` a list of the
    parameters :func:`service` takes for ``kind``, the other arguments applied to each. Returns
    each result, as ``service(kind, **p, ...)`` gives it.

    Raises:
        ServiceError: as :func:`service`; ``index`` is the position of the parameters at fault.

    >>> rs = empreinte.services("email", [{"size_mb": 1}, {"size_mb": 5, "recipients": 3}])
    >>> [r["service"] for r in rs]
    ['email', 'email']
    """
    common = _given(year=year, terminal_region=terminal_region, data_centre_region=data_centre_region,
                    exclude_terminals=exclude_terminals, uses=None if uses is None else float(uses))
    native = _empreinte.services(dataset_of(dataset), kind, [dict(p) for p in params], common)
    return [ServiceResult(r) for r in json.loads(native)]
