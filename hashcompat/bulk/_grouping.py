"""The per-batch work of the columnar analyze (:mod:`hashcompat.bulk._columnar`): group a batch
of pyarrow columns by the key a verdict depends on, classify each key once, count per group,
and take one at a time only the rows that need it (see that module's docstring for why the
report is exactly the row-at-a-time one)."""

from __future__ import annotations

from typing import Any

from hashcompat.bulk._analysis import EXAMPLES, Analyzer
from hashcompat.bulk._arrowtext import (
    check_lengths,
    flag,
    given,
    texts,
    unhex,
)
from hashcompat.bulk._arrowtext import plain as plain_text
from hashcompat.bulk._arrowvalues import bools, ints, text, texts_array, to_bool, to_ints
from hashcompat.bulk._classify import Classification, Plan
from hashcompat.bulk._duplicates import encode, hex_width
from hashcompat.dump import Malformed, Row
from hashcompat.dump._columns import FIELDS, Columns
from hashcompat.dump._row import any_id, from_mapping, short_id
from hashcompat.migrate.stores.migrated import MIGRATED_COLUMN

__all__ = ["Batches"]

_MEMO = 16_384  # distinct keys remembered across batches before the memo is cleared


class Batches:
    """The per-batch work, with what carries over: the row number and the verdict memo."""

    def __init__(
        self, analyzer: Analyzer, header: tuple[str, ...], columns: Columns, *, typed: bool = False
    ) -> None:
        self.analyzer = analyzer
        self.parquet = typed  # nulls, typed other columns, from_mapping's rules for a bad row
        self.columns = columns
        self.number = 0
        self.memo: dict[str, Classification] = {}
        self.groups: dict[
            int, tuple[Classification, int]
        ] = {}  # id(verdict): (verdict, rows) to count
        self.header = header
        index = {n: header.index(c) for n in FIELDS if (c := getattr(columns, n))}
        self.hash = index["hash"]
        self.id = index.get("id")
        self.optional = [index.get(n) for n in ("scheme", "salt", "username")]
        mapped = set(index.values())
        self.others = tuple((i, h) for i, h in enumerate(self.header) if i not in mapped)
        self.marks = [i for i, h in self.others if h == MIGRATED_COLUMN]
        self.hex_names: dict[str, int | None] = {}

    def add(self, batch: Any) -> None:
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        size = batch.num_rows
        if size == 0:
            return
        self.batch = batch
        columns = batch.columns
        if self.parquet:
            columns = texts(columns, [self.hash, *self.optional])
        else:
            check_lengths(columns)
        hashes = columns[self.hash]
        plain, template, codes, distinct = self._keys(columns, size)
        verdicts = self._classify(columns, codes, distinct, plain)
        analyzer = self.analyzer
        positions = np.flatnonzero(plain)
        counts = np.bincount(codes[positions], minlength=len(distinct))
        groups = self.groups
        for j, verdict in enumerate(verdicts):
            if verdict is not None and counts[j]:
                found = groups.get(id(verdict))
                groups[id(verdict)] = (verdict, int(counts[j]) + (found[1] if found else 0))
        if len(groups) > _MEMO:
            self.close()
        analyzer.rows += len(positions)
        analyzer.migrated += self._migrated(plain)
        self._duplicates(verdicts, codes, plain, hashes, template)
        self._per_row(columns, verdicts, codes, plain, self._resets(verdicts, codes, plain))
        self.number += size

    def close(self) -> None:
        """Count the groups added up so far (:meth:`Analyzer.count_group` once per verdict, not
        once per verdict and batch)."""
        for verdict, rows in self.groups.values():
            self.analyzer.count_group(verdict, rows)
        self.groups.clear()

    def _keys(self, columns: list[Any], size: int) -> tuple[Any, Any, Any, list[str]]:
        """(plain printable-ASCII hashes, the templated rows or None, each row's key code, the
        distinct keys): scheme value, salt and user name given, and the hash (or a mark for
        the templated rows)."""
        import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        hashes = columns[self.hash]
        plain = plain_text(hashes)
        scheme_col, salt_col, user_col = (None if i is None else columns[i] for i in self.optional)
        for column in (scheme_col, salt_col, user_col):
            if self.parquet and column is not None:  # a NUL makes the row a bad one there
                plain &= ~to_bool(pc.match_substring(column, "\0"))
        empty = text("")
        scheme_key = empty if scheme_col is None else scheme_col
        flags = pc.binary_join_element_wise(flag(salt_col), flag(user_col), empty, empty)
        template = self._templated(scheme_col, hashes)
        hash_key = hashes
        if template is not None:
            hash_key = pc.if_else(bools(template), text("\x02"), hashes)
        encoded = pc.dictionary_encode(
            pc.binary_join_element_wise(scheme_key, flags, hash_key, text("\x01"))
        )
        codes = to_ints(encoded.indices)
        return plain, template, codes, encoded.dictionary.to_pylist()

    def _classify(
        self, columns: list[Any], codes: Any, distinct: list[str], plain: Any
    ) -> list[Classification | None]:
        """The verdict of each distinct key, from its first plain row (None: no plain row)."""
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        first = np.full(len(distinct), -1, dtype=np.int64)
        backwards = np.flatnonzero(plain)[::-1]
        first[codes[backwards]] = backwards  # the last write of each key is its first row
        verdicts: list[Classification | None] = [None] * len(distinct)
        for j, key in enumerate(distinct):
            if first[j] < 0:
                continue
            found = self.memo.get(key)
            if found is None:
                found = self.analyzer.classify(self._row(columns, int(first[j])))
                if len(self.memo) >= _MEMO:
                    self.memo.clear()
                self.memo[key] = found
            verdicts[j] = found
        return verdicts

    def _resets(self, verdicts: list[Classification | None], codes: Any, plain: Any) -> Any:
        """The rows to take one at a time: those not plain, and the plain reset rows; without a
        reset list, only the first rows of each reason (its examples), the others counted."""
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        reasons: dict[str, int] = {}
        of_code = np.array(
            [
                reasons.setdefault(v.reason, len(reasons))
                if v is not None and v.plan is Plan.RESET
                else -1
                for v in verdicts
            ]
            + [-1]
        )
        reason = np.where(plain, of_code[codes], -1)
        if self.analyzer.writes_resets:
            return ~plain | (reason >= 0)
        rows = ~plain
        counts = np.bincount(reason[reason >= 0], minlength=len(reasons))
        for words, r in reasons.items():
            first = np.flatnonzero(reason == r)[:EXAMPLES]
            rows[first] = True
            self.analyzer.reset_reasons[words] += int(counts[r]) - len(first)
        return rows

    def _per_row(
        self,
        columns: list[Any],
        verdicts: list[Classification | None],
        codes: Any,
        plain: Any,
        rows: Any,
    ) -> None:
        """In row order: a reset row's reason, example and line; a row that is not plain ASCII
        through the streaming path's row builder and :meth:`Analyzer.add`."""
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        chosen = np.flatnonzero(rows)
        if not len(chosen):
            return
        ids: list[Any] = [None] * len(chosen)
        if self.id is not None:
            ids = pc.take(columns[self.id], ints(chosen)).to_pylist()
        analyzer = self.analyzer
        id_of = any_id if self.parquet else short_id
        for row, ident in zip(chosen.tolist(), ids, strict=True):
            number = self.number + row + 1
            verdict = verdicts[codes[row]] if plain[row] else None
            if verdict is not None:
                analyzer.reset_one(Malformed(number, id_of(ident), ""), verdict.reason)
            elif self.parquet:
                record = {h: self.batch.column(i)[row].as_py() for i, h in enumerate(self.header)}
                analyzer.add(from_mapping(number, record, self.columns, kind="column"))
            else:
                analyzer.add(self._source_row(number, [c[row].as_py() for c in columns]))

    def _templated(self, scheme_col: Any, hashes: Any) -> Any:
        """Rows whose scheme names an unsalted hex digest and whose hash is its hex (or None)."""
        import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        if scheme_col is None:
            return None
        values = pc.unique(scheme_col).to_pylist()
        lengths = {v: n for v in values if v and (n := self._hex_length(v)) is not None}
        if not lengths:
            return None
        wanted = pc.index_in(scheme_col, value_set=texts_array(list(lengths)))
        want_len = pc.take(ints(list(lengths.values())), wanted)  # null: not a hex digest
        hexed = pc.match_substring_regex(hashes, r"^[0-9a-fA-F]+$")
        same = pc.equal(pc.binary_length(hashes), want_len)
        return to_bool(pc.and_(hexed, same))

    def _hex_length(self, name: str) -> int | None:
        if name not in self.hex_names:
            self.hex_names[name] = _hex_digest_length(name)
        return self.hex_names[name]

    def _duplicates(
        self,
        verdicts: list[Classification | None],
        codes: Any,
        plain: Any,
        hashes: Any,
        template: Any,
    ) -> None:
        """The duplicate keys of the unsalted rows: a distinct key's entry (:func:`encode`)
        once, the templated rows' hex decoded for the column at once."""
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        duplicates = self.analyzer.duplicates
        unsalted = np.array([v is not None and v.unsalted for v in verdicts] + [False])
        chosen = unsalted[codes] & plain
        if not chosen.any():
            return
        if template is not None:
            templ = template & chosen
            chosen &= ~templ
            if templ.any():
                self._hex_duplicates(verdicts, codes, templ, hashes)
        tables: dict[str, list[bytes]] = {}
        table_of = np.full(len(verdicts) + 1, -1, dtype=np.int64)
        slot_of = np.zeros(len(verdicts) + 1, dtype=np.int64)
        for j in np.unique(codes[chosen]).tolist():
            verdict = verdicts[j]
            if verdict is None:  # never: an unsalted code has one
                continue
            table, entry = encode(verdict.digest_key)
            entries = tables.setdefault(table, [])
            table_of[j], slot_of[j] = list(tables).index(table), len(entries)
            entries.append(entry)
        rows = np.flatnonzero(chosen)
        of_row = table_of[codes[rows]]
        for t, (table, entries) in enumerate(tables.items()):
            mine = rows[of_row == t]
            matrix = np.frombuffer(b"".join(entries), dtype=np.uint8).reshape(len(entries), -1)
            duplicates.add_many(table, matrix[slot_of[codes[mine]]], mine + self.number + 1)

    def _hex_duplicates(
        self, verdicts: list[Classification | None], codes: Any, templ: Any, hashes: Any
    ) -> None:
        """The templated rows: their key is the scheme and the lowered hash (the row path's
        ``digest_key`` for a :class:`HexDigest`), stored as the digest's bytes."""
        import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        names = np.array([v.scheme if v is not None else "" for v in verdicts] + [""], dtype=object)
        rows = np.flatnonzero(templ)
        of_row = names[codes[rows]]
        for name in set(of_row.tolist()):
            mine = rows[of_row == name]
            size = self._hex_length(name) or 0
            taken = pc.take(hashes, ints(mine))
            numbers = mine + self.number + 1
            if hex_width("0" * size) is None:  # stored as a BLAKE2b: one at a time
                for value, number in zip(taken.to_pylist(), numbers.tolist(), strict=True):
                    self.analyzer.duplicates.add(f"{name}\0{value.lower()}", number)
                continue
            entries = unhex(taken, size)
            self.analyzer.duplicates.add_many(f"{name}:{size // 2}", entries, numbers)

    def _migrated(self, plain: Any) -> int:
        import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        import pyarrow.compute as pc  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        marked = None
        for i in self.marks:
            column = self.batch.column(i)
            mark = pc.is_valid(column)
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                mark = pc.and_kleene(mark, given(column))
            marked = mark if marked is None else pc.or_kleene(marked, mark)
        if marked is None:
            return 0
        return int((to_bool(marked) & plain).sum())

    def _row(self, columns: list[Any], row: int) -> Row:
        """What the classifier reads of a row, as the streaming reader gives it."""
        hash = columns[self.hash][row].as_py()
        scheme, salt, username = (
            None if i is None else (columns[i][row].as_py() or None) for i in self.optional
        )
        return Row(0, None, hash, scheme, salt, username)

    def _source_row(self, number: int, fields: list[str]) -> Row | Malformed:
        value = fields[self.hash]
        ident = None if self.id is None else short_id(fields[self.id])
        if not value.strip():
            return Malformed(number, ident, "empty hash")
        scheme, salt, username = (
            (fields[i] or None) if i is not None else None for i in self.optional
        )
        others = tuple([(h, fields[i]) for i, h in self.others])
        return Row(number, ident, value, scheme, salt, username, others)


def _hex_digest_length(name: str) -> int | None:
    """The hex length when the scheme ``name`` resolves to is a plain :class:`HexDigest`, whose
    verdict the module docstring shows to be the same for every row of that length."""
    from hashcompat._engine import resolve  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat._families.digests import HexDigest  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.errors import HashcompatError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    try:
        scheme = resolve(name)
    except HashcompatError:
        return None
    if type(scheme) is not HexDigest or getattr(scheme, "closed", None) is not None:
        return None
    info = scheme.info
    if info.pattern != f"[0-9a-fA-F]{{{scheme.hex_length}}}" or info.inputs:
        return None
    return scheme.hex_length
