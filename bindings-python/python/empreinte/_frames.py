"""DataFrames → columns for the native evaluator.

Each mapped column is handed over once, as a whole, and Rust reads it where it lies (no copy of
its own): numbers as a float64 or int64 buffer; Arrow-backed text (pandas' `str` and
`string[pyarrow]` when pyarrow is installed) as its Arrow buffers, which Rust codes by bytes;
categoricals and other non-object strings (`string[python]`, polars) as codes plus the few
distinct values; Python objects as the list of them (pandas reads a repeated string into one
object: Rust converts each object once and codes the rows by object). The rows are then read
and evaluated in Rust, without the GIL: there is no Python loop per row.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from typing import Any, Callable, Iterator, List, Optional, Tuple, TypeVar

from . import _empreinte

Columns = Tuple[List[str], List[Optional[Tuple[Any, ...]]], int]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The garbage collector paused while the columns are handed over: a text column is a list
    of a million references, which each collection the conversion's allocations trigger would
    walk (a quarter of the time); nothing cyclic is made meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


T = TypeVar("T")


def with_frame_columns(obj: Any, use: Callable[[List[str], List[Any], int], T]) -> Optional[T]:
    """``use(headers, specs, n_rows)`` of a DataFrame's columns (``None`` for anything else),
    the garbage collector paused, and the columns dropped before it resumes (else its next
    collections walk the lists of references)."""
    with gc_paused():
        frame = frame_columns(obj)
        if frame is None:
            return None
        result = use(*frame)
        del frame
        return result


def frame_columns(obj: Any) -> Optional[Columns]:
    """Headers, column specs and row count of a pandas or polars DataFrame, else ``None``."""
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(obj, pd.DataFrame):
        return _pandas(obj)
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(obj, (pl.DataFrame, pl.LazyFrame)):
        return _polars(obj.collect() if isinstance(obj, pl.LazyFrame) else obj)
    return None


def _pandas(df: Any) -> Columns:
    import numpy as np
    import pandas as pd

    headers = [str(c) for c in df.columns]
    fields = _empreinte.map_columns(headers)
    specs: List[Optional[Tuple[Any, ...]]] = []
    for i, field in enumerate(fields):
        if field is None:
            specs.append(None)
            continue
        s = df.iloc[:, i]
        if s.dtype == np.int64:
            # Whole numbers as they are (no float copy first); Rust reads them as f64.
            specs.append(("i64", np.ascontiguousarray(s.to_numpy()).tobytes()))
        elif pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
            values = s.to_numpy(dtype=np.float64, na_value=np.nan)
            specs.append(("f64", np.ascontiguousarray(values).tobytes()))
        elif isinstance(s.dtype, pd.CategoricalDtype):
            # A categorical column is already codes into its categories (-1: missing).
            codes = s.cat.codes.to_numpy(dtype=np.int64)
            specs.append(("codes", codes.tobytes(), [str(v) for v in s.cat.categories]))
        elif (arrow := _arrow_strings(s)) is not None:
            specs.append(arrow)
        elif getattr(s.dtype, "storage", None) == "python":
            # Python strings held as they are (pandas' `str` without pyarrow, `string[python]`):
            # coded by object in Rust, as an object column.
            specs.append(("objects", s.to_numpy(dtype=object).tolist()))
        elif s.dtype != object and pd.api.types.is_string_dtype(s.dtype):
            # Strings that are not Python objects (Arrow text pyarrow cannot hand over): a Python
            # object per row would be made and converted; codes into the distinct values instead,
            # computed by pandas (-1: missing).
            codes, uniques = pd.factorize(s, use_na_sentinel=True)
            specs.append(
                ("codes", np.ascontiguousarray(codes, dtype=np.int64).tobytes(), [str(u) for u in uniques])
            )
        else:
            specs.append(("objects", s.to_numpy(dtype=object).tolist()))
    return headers, specs, len(df)


def _arrow_strings(s: Any) -> Optional[Tuple[Any, ...]]:
    """An Arrow-backed text column (pandas' `str` or `string[pyarrow]` with pyarrow present) as
    its buffers, which Rust codes by bytes: ``("arrow", chunks, offset_width)``, each chunk
    ``(offset, length, validity or None, offsets, data)``. ``None`` for any other column."""
    if getattr(s.dtype, "storage", None) != "pyarrow":
        return None
    pa = sys.modules.get("pyarrow")
    if pa is None:
        return None
    try:
        # The Arrow interchange protocol: the column's own arrays, no copy.
        column = s.array.__arrow_array__()
    except (AttributeError, TypeError, ValueError, pa.ArrowException):
        return None
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column])
    if not isinstance(column, pa.ChunkedArray):
        return None
    if pa.types.is_string(column.type):
        width = 4
    elif pa.types.is_large_string(column.type):
        width = 8
    else:
        return None  # string_view and others: pandas codes them.
    chunks = []
    for chunk in column.chunks:
        validity, offsets, data = chunk.buffers()
        chunks.append(
            (
                chunk.offset,
                len(chunk),
                validity.to_pybytes() if validity is not None and chunk.null_count else None,
                offsets.to_pybytes(),
                data.to_pybytes() if data is not None else b"",
            )
        )
    return ("arrow", chunks, width)


def _polars(df: Any) -> Columns:
    import numpy as np
    import polars as pl

    headers = [str(c) for c in df.columns]
    fields = _empreinte.map_columns(headers)
    specs: List[Optional[Tuple[Any, ...]]] = []
    for field, s in zip(fields, df.get_columns()):
        if field is None:
            specs.append(None)
        elif s.dtype.is_numeric():
            values = s.cast(pl.Float64).fill_null(float("nan")).to_numpy()
            specs.append(("f64", np.ascontiguousarray(values, dtype=np.float64).tobytes()))
        elif s.dtype in (pl.String, pl.Categorical, pl.Enum):
            # Codes into the distinct values, computed by polars (hash join, no Python loop).
            text = s.cast(pl.String).alias("v")
            uniques = text.drop_nulls().unique(maintain_order=True)
            index = pl.DataFrame({"v": uniques, "code": pl.int_range(len(uniques), eager=True)})
            codes = (
                text.to_frame()
                .join(index, on="v", how="left", maintain_order="left")
                .get_column("code")
                .fill_null(-1)
                .cast(pl.Int64)
                .to_numpy()
            )
            specs.append(
                ("codes", np.ascontiguousarray(codes, dtype=np.int64).tobytes(), uniques.to_list())
            )
        else:
            specs.append(("objects", s.to_list()))
    return headers, specs, df.height
