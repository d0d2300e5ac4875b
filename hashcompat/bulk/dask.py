"""Dask DataFrames: classify partitions on the workers, count centrally; wrap lazily.

``analyze`` over a DataFrame sends each partition to a worker, which classifies its rows and
returns compact verdicts (no hashes but the digest key of unsalted rows); the client counts them
in partition order, a few partitions at a time. ``upgrade_dataframe`` returns a new DataFrame
whose weak hashes are wrapped when it is computed, for the caller to write where it wants.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from hashcompat.bulk.analysis import Analyzer
from hashcompat.bulk.classify import Classification, Classifier
from hashcompat.bulk.wrapping import derive_salt, wrap_one
from hashcompat.dump import Columns, Malformed, Row, from_mapping
from hashcompat.dump.plan import Plan
from hashcompat.errors import HashcompatError

__all__ = ["analyze_dataframe", "upgrade_dataframe"]

_AT_ONCE = 8  # partitions computed together: bounds the client's memory


def _rows(part: Any, columns: Columns) -> list[Row | Malformed]:
    names = {f: getattr(columns, f) for f in ("id", "hash", "scheme", "salt", "username")}
    out = []
    for number, record in enumerate(part.to_dict("records"), 1):
        mapped = {f: record.get(c) for f, c in names.items() if c is not None}
        mapped = {k: (None if _missing(v) else v) for k, v in mapped.items()}
        out.append(from_mapping(number, mapped))
    return out


def _missing(value: object) -> bool:
    """None, or pandas' NaN / NA for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    import pandas  # type: ignore[import-untyped,unused-ignore]  # loaded with the partition

    return value is pandas.NA


def _classify(part: Any, columns: Columns, classifier: Classifier) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for item in _rows(part, columns):
        if isinstance(item, Malformed):
            out.append((item.id, None, item.reason))
        else:
            out.append((item.id, classifier(item), ""))
    return out


def analyze_dataframe(frame: Any, analyzer: Analyzer) -> str:
    """Feed every row of ``frame`` to ``analyzer``; returns the name to show as the source."""
    from dask import compute as run_graph  # type: ignore[attr-defined]
    from dask import delayed  # type: ignore[attr-defined]

    compute: Any = run_graph  # untyped
    columns = Columns().resolve([str(c) for c in frame.columns], "DataFrame")
    parts = [delayed(_classify)(p, columns, analyzer.classify) for p in frame.to_delayed()]
    number = 0
    for start in range(0, len(parts), _AT_ONCE):
        for verdicts in compute(*parts[start : start + _AT_ONCE]):
            for ident, verdict, reason in verdicts:
                number += 1
                if verdict is None:
                    analyzer.add(Malformed(number, ident, reason))
                else:
                    analyzer.rows += 1
                    analyzer.count(verdict, Row(number, ident, ""))
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
