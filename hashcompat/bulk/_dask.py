"""Dask DataFrames: classify partitions on the workers, count centrally; wrap lazily.

``analyze`` over a DataFrame sends each partition to a worker, which classifies it with the
columnar path's per-batch function (:class:`~hashcompat.bulk._grouping.Batches`, over the
partition as an Arrow batch) into a :class:`~hashcompat.bulk._partial.Partial`: group counts,
the rows to reset and the duplicate keys, not the rows. The client adds them to the one report
in partition order (:func:`~hashcompat.bulk._partial.merge`), a few partitions at a time. A
partition Arrow cannot type as text (a hash column of numbers and strings), or any partition
when pyarrow is missing or ``columnar`` is False, is classified a row at a time on the worker,
into the same :class:`~hashcompat.bulk._partial.Partial`. ``upgrade_dataframe`` returns a new
DataFrame whose weak hashes are wrapped when it is computed, for the caller to write where it
wants.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from hashcompat.bulk._analysis import Analyzer
from hashcompat.bulk._classify import Classification, Classifier
from hashcompat.bulk._partial import Partial, Recorder, merge
from hashcompat.bulk._wrapping import derive_salt, wrap_one
from hashcompat.dump import Columns, Malformed, Row, from_mapping
from hashcompat.dump._plan import Plan
from hashcompat.errors import HashcompatError

__all__ = ["analyze_dataframe", "analyze_partition", "upgrade_dataframe"]

_AT_ONCE = 8  # partitions computed together: bounds the client's memory


def _records(part: Any) -> list[dict[str, Any]]:
    """The partition's rows as mappings, pandas' NaN / NA as None."""
    return [
        {str(k): (None if _missing(v) else v) for k, v in record.items()}
        for record in part.to_dict("records")
    ]


def _rows(part: Any, columns: Columns) -> list[Row | Malformed]:
    names = {f: getattr(columns, f) for f in ("id", "hash", "scheme", "salt", "username")}
    out = []
    for number, record in enumerate(_records(part), 1):
        mapped = {f: record.get(c) for f, c in names.items() if c is not None}
        out.append(from_mapping(number, mapped))
    return out


def _missing(value: object) -> bool:
    """None, or pandas' NaN / NA for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    import pandas  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415 - loaded with the partition

    return value is pandas.NA


def _batch(part: Any, columns: Columns) -> Any:
    """The partition as an Arrow batch whose mapped columns are text, or None."""
    from hashcompat.bulk._arrowtext import NotColumnar, check_text  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    try:
        import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        batch = pa.RecordBatch.from_pandas(part, preserve_index=False)
        check_text(batch.schema, columns)
    except (ImportError, NotColumnar):
        return None
    except Exception as exc:  # pyarrow's ArrowInvalid / ArrowTypeError: a column of mixed types
        if type(exc).__module__.startswith("pyarrow"):
            return None
        raise
    return batch


def analyze_partition(
    part: Any, columns: Columns, classifier: Classifier, writes_resets: bool, columnar: bool
) -> Partial:
    """A partition's :class:`Partial`: by the columnar per-batch function when it can be."""
    recorder = Recorder(classifier, writes_resets=writes_resets)
    header = tuple(str(c) for c in part.columns)
    batch = _batch(part, columns) if columnar and len(part) else None
    if batch is not None:
        from hashcompat.bulk._grouping import Batches  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        batches = Batches(recorder, header, columns, typed=True)
        batches.add(batch)
        batches.close()
    else:  # a row at a time: each row an event the merge counts
        for number, record in enumerate(_records(part), 1):
            recorder.add(from_mapping(number, record, columns, kind="column"))
    return recorder.finish_part(len(part))


def analyze_dataframe(frame: Any, analyzer: Analyzer, *, columnar: bool | None = None) -> str:
    """Feed every row of ``frame`` to ``analyzer``; returns the name to show as the source."""
    from dask import compute as run_graph  # type: ignore[attr-defined]  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from dask import delayed  # type: ignore[attr-defined]  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    compute: Any = run_graph  # untyped
    columns = Columns().resolve([str(c) for c in frame.columns], "DataFrame")
    task = delayed(analyze_partition)
    writes = analyzer.writes_resets
    parts = [
        task(p, columns, analyzer.classify, writes, columnar is not False)
        for p in frame.to_delayed()
    ]
    start = 0
    for first in range(0, len(parts), _AT_ONCE):
        for partial in compute(*parts[first : first + _AT_ONCE]):
            merge(analyzer, partial, start)
            start += partial.size
    return f"DataFrame ({frame.npartitions} partitions)"


def _wrap_part(
    part: Any,
    columns: Columns,
    classifier: Classifier,
    params: Mapping[str, int],
    salt_key: bytes | None,
) -> Any:
    part = part.copy()
    hashes = list(part[columns.hash])
    for index, item in enumerate(_rows(part, columns)):
        if isinstance(item, Malformed):
            continue
        verdict: Classification = classifier(item)
        if verdict.plan is not Plan.WRAP:
            continue
        salt = None if salt_key is None else derive_salt(salt_key, item.id, 0, item.hash)
        try:
            hashes[index] = wrap_one(item.hash, verdict.named, params, salt)
        except HashcompatError:
            continue  # left as it was; analyze reports why
        if columns.scheme is not None:
            part.iloc[index, part.columns.get_loc(columns.scheme)] = None
    part[columns.hash] = hashes
    return part


def upgrade_dataframe(
    frame: Any,
    *,
    scheme: str | None,
    params: Mapping[str, int],
    salt_key: bytes | None = None,
) -> Any:
    """A lazy DataFrame like ``frame`` with every weak hash wrapped (argon2id at ``params``).
    With ``salt_key`` the salt is derived from the key, the row's id and its hash."""
    columns = Columns().resolve([str(c) for c in frame.columns], "DataFrame")
    classifier = Classifier(scheme=scheme, target_params=params, pepper=True)
    return frame.map_partitions(
        _wrap_part, columns, classifier, dict(params), salt_key, meta=frame._meta
    )
