"""Exceptions raised by empreinte.

Every error is an :class:`EmpreinteError` with a stable, machine-readable ``code`` and,
when known, the ``line`` and ``field`` at fault. Bad input also subclasses
:class:`ValueError`:

>>> import empreinte
>>> try:
...     empreinte.evaluate(b"quantity;condition\\n3;new\\n")
... except empreinte.InventoryError as e:
...     print(e.code, e.line, e.field)
missing_column 1 category
>>> issubclass(empreinte.InventoryError, ValueError)
True

Rows that cannot be evaluated do not raise: they are listed in ``Report.rejected``.
"""

from __future__ import annotations

from typing import Any, Optional, Type

__all__ = [
    "EmpreinteError",
    "InventoryError",
    "DatasetError",
    "OptionsError",
    "CompareError",
    "ScenarioError",
    "TrajectoryError",
    "HostingError",
    "ServiceError",
    "GlpiError",
    "EstateError",
]


class EmpreinteError(Exception):
    """Base class of every empreinte error.

    Attributes:
        message: the explanation, with the bad value and what would be valid.
        code: a stable identifier (``missing_column``, ``unknown_dataset``...).
        line: the line at fault (1-based; a CSV header is line 1), or ``None``.
        field: the inventory field at fault (``category``, ``country``...), or ``None``.
    """

    message: str
    code: str
    line: Optional[int]
    field: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str = "error",
        line: Optional[int] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line
        self.field = field

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.message, self.__dict__))


def _rebuild(cls: Type[EmpreinteError], message: str, state: dict[str, Any]) -> EmpreinteError:
    err: EmpreinteError = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class InventoryError(EmpreinteError, ValueError):
    """The inventory as a whole cannot be read (empty, not CSV/JSON, no category column...).

    Nothing was evaluated. A single bad row does not raise: see ``Report.rejected``.
    """


class OptionsError(EmpreinteError, ValueError):
    """An evaluation option is invalid (unknown country, unknown annualisation method...)."""


class DatasetError(EmpreinteError, ValueError):
    """A dataset cannot be found or loaded.

    Attributes:
        file: the dataset file at fault (``embodied.csv``...), or ``None``.
    """

    file: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str = "dataset_error",
        line: Optional[int] = None,
        field: Optional[str] = None,
        file: Optional[str] = None,
    ) -> None:
        super().__init__(message, code=code, line=line, field=field)
        self.file = file


class CompareError(EmpreinteError, ValueError):
    """Offers that cannot be compared: no offer, a bad device line, a negative price, a replaced
    part with ``low > central`` or ``central > high``...

    ``line`` is the offer's position (first offer = 1); ``field`` the key at fault
    (``category``, ``unit_price_eur``, ``replaced_parts``...).
    """


class ScenarioError(EmpreinteError, ValueError):
    """A scenario that cannot be applied: a lever out of range (``field`` is the lever:
    ``extend_lifetime``, ``refurbished_share``, ``reduce_fleet``), an unknown category
    (``categories``) or country (``country``), or levers not in the documented shape
    (``invalid_input``)."""


class TrajectoryError(EmpreinteError, ValueError):
    """A trajectory that cannot be computed: a horizon before the start year
    (``horizon_before_start``) or too far away (``out_of_range``), ``field`` ``horizon``; a
    renewal rule (``baseline``) with an unknown category (``unknown_category``), a lifetime out of
    range (``out_of_range``) or not in the documented shape (``invalid_input``), ``field``
    ``baseline``."""


class HostingError(EmpreinteError, ValueError):
    """A server or cloud instance that cannot be evaluated: unknown archetype, CPU, provider,
    instance type, region, location or site; a value out of range (``field`` names it); a dataset
    without hosting tables (``hosting_missing_table``)."""


class ServiceError(EmpreinteError, ValueError):
    """A digital service that cannot be evaluated: a number out of range
    (``service_invalid_number``), an unknown network, terminal, quality, region or model; a
    parameter that does not apply (``invalid_input``). ``field`` names the parameter.

    Attributes:
        index: in a batch (:func:`empreinte.pages`, :func:`empreinte.services`), the position
            of the item at fault; ``None`` for the options every item shares, or one call.
    """

    index: Optional[int] = None


class GlpiError(EmpreinteError, ValueError):
    """A GLPI import that cannot be made as a whole: a file that cannot be read
    (``read_error``) or a mapping file that is not one (``invalid_mapping``, with ``line``).
    A bad file among others does not raise: it becomes an ``invalid`` item.

    Attributes:
        file: the file at fault, or ``None``.
    """

    file: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str = "glpi_error",
        line: Optional[int] = None,
        field: Optional[str] = None,
        file: Optional[str] = None,
    ) -> None:
        super().__init__(message, code=code, line=line, field=field)
        self.file = file


class EstateError(EmpreinteError, ValueError):
    """An estate description that cannot be evaluated; nothing is half-evaluated. ``code`` is
    ``estate_syntax`` (not TOML or JSON, an unknown key: ``file`` and ``line`` say where),
    ``estate_invalid``, ``estate_missing_file`` (``file``: the file the estate names),
    ``estate_too_large``, or the hosting, service or inventory model's code for an entry it
    refuses (``hosting_unknown_instance``, ``hosting_out_of_range`` with ``field``...).

    >>> try:
    ...     empreinte.evaluate({"rooms": [{"name": "Local", "servers": [{"count": -2}]}]})
    ... except empreinte.EstateError as e:
    ...     print(e.code, e.key_path, e.field)
    hosting_out_of_range rooms[0].servers[0] count

    Attributes:
        key_path: the entry at fault (``fleet[0]``, ``rooms[0].servers[1]``), or ``None``.
        file: the description (``estate`` for text or a dict), or a file it names, or ``None``.
    """

    key_path: Optional[str]
    file: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str = "estate_error",
        line: Optional[int] = None,
        field: Optional[str] = None,
        file: Optional[str] = None,
        key_path: Optional[str] = None,
    ) -> None:
        super().__init__(message, code=code, line=line, field=field)
        self.file = file
        self.key_path = key_path
