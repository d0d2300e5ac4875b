"""``analyze`` over a dump path, a database URL, an open source, an iterable of rows, or a Dask
DataFrame. ``upgrade`` lives in :mod:`hashcompat.bulk._upgrading`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, TextIO, overload

from hashcompat.bulk._analysis import Analysis, Analyzer, Estimate, run
from hashcompat.bulk._classify import Classifier
from hashcompat.bulk._profile import describe, measure, profile_params
from hashcompat.dump import Columns, Malformed, Row, RowSource, as_items
from hashcompat.dump._private import private_text
from hashcompat.errors import DumpError
from hashcompat.scheme import Limits

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from hashcompat.bulk._upgrading import UpgradeOptions, UpgradeResult

__all__ = ["analyze", "upgrade"]

Rows = str | os.PathLike[str] | RowSource | Iterable[Row | Malformed | Mapping[str, Any]]


def estimator(
    profile: str | Mapping[str, object], measured: bool
) -> Callable[[int, int], Estimate | None]:
    params = profile_params(profile)

    def estimate(wrap: int, login: int) -> Estimate | None:
        if not measured:
            return None
        seconds = measure(params) if wrap or login else 0.0
        return Estimate(describe(params), seconds, wrap, login)

    return estimate


def analyze(
    rows: Rows | Any,
    *,
    table: str | None = None,
    columns: Columns | None = None,
    where: str | None = None,
    input_format: str | None = None,
    scheme: str | None = None,
    platform: str | None = None,
    prefix: str | None = None,
    profile: str | Mapping[str, object] = "recommended",
    pepper: bool = False,
    limits: Limits | None = None,
    reset_file: str | os.PathLike[str] | None = None,
    reset_raw: bool = False,
    measure_cost: bool = True,
    progress: Callable[[int], None] | None = None,
    columnar: bool | None = None,
) -> Analysis:
    """Migration statistics of a dump; see docs/bulk.md.

    ``rows``: a CSV / JSON Lines path, a SQLAlchemy URL with ``table``, an open
    :class:`RowSource`, an iterable of :class:`Row` (or mappings), or a Dask DataFrame.
    ``scheme``: the scheme of rows whose hash is not self-describing and that have no scheme
    column. ``platform``: a preset name (``hashcompat presets``): its table, columns and
    reading rules, with its table ``prefix``. ``pepper``: the site's pepper will be available
    at login. ``reset_file``: where the ids of the users who must reset are written (CSV,
    created 0600; ids a spreadsheet would run as formulas are defused unless ``reset_raw``).
    ``measure_cost``: time one wrap at ``profile`` on this machine for the CPU estimate.
    ``columnar``: read a CSV or Parquet file with pyarrow and classify it a column at a time
    (:mod:`hashcompat.bulk._columnar`; the same report);
    None (the default) when pyarrow is installed and the file allows it, True to insist
    (:class:`DumpError` where it cannot), False for the row-at-a-time path. A Dask
    DataFrame's partitions go through the same per-batch function on the workers unless it
    is False (:mod:`hashcompat.bulk._dask`).
    """
    classifier = Classifier(
        scheme=scheme, target_params=profile_params(profile), pepper=pepper, limits=limits
    )
    estimate = estimator(profile, measure_cost)
    with ExitStack() as stack:
        handle = stack.enter_context(private_text(reset_file, newline="")) if reset_file else None
        analyzer = Analyzer(classifier, reset_file=handle, raw=reset_raw)
        if _is_dataframe(rows):
            from hashcompat.bulk._dask import analyze_dataframe  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            name = analyze_dataframe(rows, analyzer, columnar=columnar)
        elif isinstance(rows, (str, os.PathLike)):
            from hashcompat.dump._platform import open_source  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            with open_source(
                rows,
                platform=platform,
                prefix=prefix,
                table=table,
                columns=columns,
                where=where,
                format=input_format,
            ) as source:
                done = columnar is not False and _columnar(
                    rows, source, analyzer, columnar, progress
                )
                if not done:
                    analyzer = _fresh(analyzer, classifier, handle, reset_raw)
                    run(source, analyzer, progress=progress)
                name = source.name
        elif isinstance(rows, RowSource):
            path = rows.path
            done = bool(path) and columnar is not False
            if path is not None and done:
                done = _columnar(path, rows, analyzer, columnar, progress)
            elif columnar:
                raise DumpError(f"{rows.name}: columnar analyze needs a file it can read again")
            if not done:
                analyzer = _fresh(analyzer, classifier, handle, reset_raw)
                run(rows, analyzer, progress=progress)
            name = rows.name
        else:
            run(as_items(rows), analyzer, progress=progress)
            name = "rows"
    report = analyzer.finish(name, estimate=estimate)
    if reset_file is not None:
        from dataclasses import replace  # noqa: PLC0415 - lazy: a stdlib module only this path needs

        report = replace(report, reset_file=os.fspath(reset_file))
    return report


@overload
def upgrade(rows: str | os.PathLike[str], **options: Unpack[UpgradeOptions]) -> UpgradeResult: ...


@overload
def upgrade(rows: Any, **options: Unpack[UpgradeOptions]) -> Any: ...


def upgrade(rows: Any, **options: Unpack[UpgradeOptions]) -> Any:
    """:func:`hashcompat.bulk._upgrading.upgrade` for a file or table (its
    :class:`~hashcompat.bulk._upgrading.UpgradeResult`); for a Dask DataFrame, a lazy DataFrame
    with the weak hashes wrapped (``scheme``, ``profile`` and ``salt_key`` apply). ``options``:
    :class:`~hashcompat.bulk._upgrading.UpgradeOptions`."""
    if _is_dataframe(rows):
        from hashcompat.bulk._dask import upgrade_dataframe  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return upgrade_dataframe(
            rows,
            scheme=options.get("scheme"),
            params=profile_params(options.get("profile", "recommended")),
            salt_key=options.get("salt_key"),
        )
    from hashcompat.bulk._upgrading import upgrade as upgrade_dump  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return upgrade_dump(os.fspath(rows), **options)


def _fresh(
    analyzer: Analyzer, classifier: Classifier, handle: TextIO | None, raw: bool
) -> Analyzer:
    """``analyzer`` if it has counted nothing, else a new one over an emptied reset list (the
    columnar path gave up part way)."""
    if not analyzer.rows:
        return analyzer
    if handle is not None:
        handle.seek(0)
        handle.truncate()
    return Analyzer(classifier, reset_file=handle, raw=raw)


def _columnar(
    path: str | os.PathLike[str],
    source: RowSource,
    analyzer: Analyzer,
    forced: bool | None,
    progress: Callable[[int], None] | None,
) -> bool:
    """Run the columnar path when it applies; False (nothing counted, or counts to discard when
    ``analyzer.rows``) when the streaming path must run instead."""
    from hashcompat.bulk import _columnar as columnar  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.dump._exports import ParquetSource  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.dump._files import CsvSource  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    readers = {CsvSource: columnar.analyze_csv, ParquetSource: columnar.analyze_parquet}
    reader = readers.get(type(source))
    if reader is None or source.position.rows or not columnar.available():
        if forced:
            why = "only CSV and Parquet files" if reader is None else "pyarrow is not installed"
            raise DumpError(f"{source.name}: columnar analyze is not possible ({why})")
        return False
    start = source.position
    try:
        reader(path, analyzer, source, progress=progress)
    except columnar.NotColumnar as exc:
        source.position = start  # the streaming path reads from here
        if forced:
            raise DumpError(f"{source.name}: columnar analyze is not possible ({exc})") from None
        return False
    return True


def _is_dataframe(rows: object) -> bool:
    module = type(rows).__module__ or ""
    return module.startswith("dask") and hasattr(rows, "map_partitions")
