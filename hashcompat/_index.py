"""The identification index: which schemes' patterns a string can match, without a scan.

Every scheme declares its identification keys (:class:`~hashcompat._idkey.Key`, one per form):

* a key with a **head** (``$P$``, ``{SSHA}``, MySQL's ``*``) sits in a dict keyed by that head;
  a string probes only the head lengths that begin with its own first characters, longest first.
* a key without one sits in **buckets** by the string's length, first character and region: the
  narrowest alphabet that holds the whole string (all hex, crypt base-64, base-64, other),
  found by ``str.strip`` tests that run in C. Where an exact key's alphabet alone proves the
  match (``[0-9a-f]{32}`` for an all-hex string of 32 characters) no regex runs at all.

Keys only narrow the candidates: each candidate's matcher (its regex, or its parser) decides.
So the index returns exactly what a full match of every pattern would, in rank order (see
:mod:`hashcompat._ranking`); tests/core/test_index.py proves it against that brute force.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import B64, C64, HEX
from hashcompat.scheme import Scheme

_ALPHABETS = frozenset(HEX + C64 + B64)
_HEX, _CRYPT, _BASE64, _TEXT = Alphabet
# Buckets per (length, first character), each a run of one per region: identify's, then
# verify's, then verify's once a self-describing scheme owns the string (its own entries only).
_VERIFY = len(Alphabet)
_OWNED = 2 * len(Alphabet)

__all__ = ["Entry", "Index", "NeedModule"]


class NeedModule(Exception):
    """Raised by a stub entry: its scheme must be loaded before the index can answer.
    ``name`` is the stub's scheme, for a module that can build one scheme at a time."""

    def __init__(self, module: str, name: str = "") -> None:
        super().__init__(module)
        self.module = module
        self.name = name


class Entry:
    """One indexed scheme. ``match`` is what verify runs: its parser when it is the matcher (its
    Parsed is handed to check), else its pattern's ``fullmatch``; ``test`` is what identify runs:
    the pattern's ``fullmatch``, which answers the same strings without building a Parsed. Both
    are a stub that raises :class:`NeedModule` while the family module is not imported.
    ``payload`` is the scheme."""

    __slots__ = ("declared", "keys", "match", "module", "name", "payload", "rank", "stub", "test")

    def __init__(
        self,
        name: str,
        rank: tuple[int, int, int],
        keys: tuple[Key, ...],
        match: Callable[[str], object] | None,
        *,
        declared: tuple[str, ...] = (),
        payload: Scheme | None = None,
        module: str | None = None,
        test: Callable[[str], object] | None = None,
    ) -> None:
        self.name = name
        self.rank = rank
        self.keys = keys
        self.declared = declared
        self.payload = payload
        self.module = module
        self.stub = match is None
        self.match: Callable[[str], object] = self._stub if match is None else match
        self.test: Callable[[str], object] = self.match if test is None else test

    def _stub(self, text: str) -> object:
        raise NeedModule(self.module or "", self.name)

    def scheme(self) -> Scheme:
        """The indexed scheme (a stub raises :class:`NeedModule`: its module is not loaded)."""
        if self.payload is None:
            raise NeedModule(self.module or "", self.name)
        return self.payload


# A bucket: (entry, True) for the entries its region alone proves; (matcher, entry) for those
# whose matcher (Entry.test for identify, Entry.match for verify) must run; each part in rank
# order; and whether the second part ranks wholly after the first (then their results need no
# sorting together).
_Row = tuple[int, int, Callable[[str], object], Callable[[str], object], "Entry"]  # a head's hit
_Bucket = tuple[
    tuple[tuple["Entry", object], ...], tuple[tuple[Callable[[str], object], "Entry"], ...], bool
]


def _bucket(where: Alphabet, fits: list[tuple[Entry, Key]], verify: bool) -> _Bucket:
    """The bucket of region ``where`` over the keys that fit a length and first character
    (in rank order); an entry with several such keys is in it once."""
    decided: list[tuple[Entry, object]] = []
    tried: list[tuple[Callable[[str], object], Entry]] = []
    seen: set[int] = set()
    for entry, _ in fits:
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        keys = [key for other, key in fits if other is entry]
        if not entry.stub and any(where in key.proves() for key in keys):
            decided.append((entry, True))
        elif any(where in key.regions() for key in keys):
            tried.append((entry.match if verify else entry.test, entry))
    apart = not decided or not tried or decided[-1][0].rank < tried[0][1].rank
    return tuple(decided), tuple(tried), apart


def _rank(entry: Entry) -> tuple[int, int, int]:
    return entry.rank


def _pair_rank(pair: tuple[Entry, object]) -> tuple[int, int, int]:  # (entry, anything)
    return pair[0].rank


def _row_rank(row: _Row) -> tuple[int, int, int]:
    return row[4].rank


class _Memo:
    """What lookups learn, kept until the index changes: head lengths by a string's first three
    characters, and the buckets by (length, first character)."""

    __slots__ = ("at", "lengths")

    def __init__(self) -> None:
        self.lengths: dict[str, tuple[int, ...]] = {}
        self.at: dict[tuple[int, str], tuple[_Bucket, ...]] = {}


class Index:
    """Head dict plus key buckets over :class:`Entry` values, each kept in rank order."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._heads: dict[str, list[_Row]] = {}
        self._starts: frozenset[str] = frozenset()
        self._firsts: frozenset[str] = frozenset()
        self._memo = _Memo()
        self._shaped: list[tuple[Entry, Key]] = []
        self._head_list: tuple[str, ...] = ()
        # heads with a character outside every alphabet ("$", "{", "*") -> the TEXT region: a
        # string starting with one is there, with no strip test to run. Only ever added to:
        # what it says depends on the head's text alone, whatever is registered.
        self._forced: dict[str, Alphabet] = {}
        self._deferred = 0  # > 0 inside batch(): one refresh at its end, not one per add
        self._declared: dict[str, list[Entry]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def get(self, name: str) -> Entry | None:
        return self._entries.get(name)

    def stubs(self, module: str) -> list[Entry]:
        """Entries of ``module`` still waiting for it to be imported."""
        return [e for e in self._entries.values() if e.stub and e.module == module]

    def add(self, entry: Entry) -> None:
        """Index ``entry``. Writers (serialised by the registry's lock) replace lists rather
        than change them, and swap in fresh memos last, so a lookup running in another thread
        sees either the old index or the new one, and never files a stale answer in the new
        memos."""
        if entry.name in self._entries:
            self._unlink(entry.name)
        self._entries[entry.name] = entry
        shaped = list(self._shaped)
        for key in entry.keys:
            head = key.head
            if head:
                if not _ALPHABETS.issuperset(head):
                    self._forced[head] = _TEXT
                hits = list(self._heads.get(head, ()))
                row = (key.low, key.high, entry.test, entry.match, entry)
                bisect.insort(hits, row, key=_row_rank)
                self._heads[head] = hits
            else:
                bisect.insort(shaped, (entry, key), key=_pair_rank)
        self._shaped = shaped
        for prefix in entry.declared:
            declared = list(self._declared.get(prefix, ()))
            bisect.insort(declared, entry, key=_rank)
            self._declared[prefix] = declared
        self._refresh()

    def remove(self, name: str) -> None:
        if self._unlink(name):
            self._refresh()

    def _unlink(self, name: str) -> bool:
        entry = self._entries.pop(name, None)
        if entry is None:
            return False
        for head in {key.head for key in entry.keys if key.head}:
            hits = [r for r in self._heads.get(head, ()) if r[4] is not entry]
            if hits:
                self._heads[head] = hits
            else:
                self._heads.pop(head, None)
        self._shaped = [pair for pair in self._shaped if pair[0] is not entry]
        for prefix in entry.declared:
            kept = [e for e in self._declared.get(prefix, []) if e is not entry]
            if kept:
                self._declared[prefix] = kept
            else:
                self._declared.pop(prefix, None)
        return True

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Add or remove many entries (a family module's) with one refresh at the end: the
        refresh walks every head, so one per entry made loading a module quadratic. A lookup
        meanwhile sees the index as it was, give or take the entries already swapped in."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
            if not self._deferred:
                self._refresh()

    def _refresh(self) -> None:
        if self._deferred:
            return
        self._head_list = tuple(self._heads)
        self._starts = frozenset(h[:3] for h in self._head_list)  # heads' first 3 characters
        self._firsts = frozenset(h[:1] for h in self._head_list)
        self._memo = _Memo()  # last: see add()

    def _probe(self, key: str, memo: _Memo) -> tuple[int, ...]:
        """The lengths of the heads a string starting with ``key`` (its first three characters)
        can start with, longest first. Only keys some head can start are remembered, so the
        memo stays as small as the set of heads, however varied the strings."""
        starts = self._starts
        if key not in starts and key[:2] not in starts and key[:1] not in starts:
            return ()
        heads = self._head_list
        lengths = tuple(
            sorted(
                {len(h) for h in heads if h[:3] == key[: len(h)] and len(h) >= len(key)}
                | {len(h) for h in heads if len(h) < len(key) and key.startswith(h)},
                reverse=True,
            )
        )
        if len(memo.lengths) < 4096:
            memo.lengths[key] = lengths
        return lengths

    def _at(self, size: int, first: str, memo: _Memo) -> tuple[_Bucket, ...]:
        """The buckets of strings of ``size`` characters starting with ``first``: one per
        region, then one per region of its self-describing entries only (() when no key fits
        at all, so the region need not be computed)."""
        fits = [
            (e, key)
            for e, key in self._shaped
            if key.low <= size <= key.high and key.may_start(first)
        ]
        at: tuple[_Bucket, ...] = ()
        if fits:
            owning = [(e, key) for e, key in fits if not e.rank[0]]
            at = (
                *(_bucket(where, fits, False) for where in Alphabet),
                *(_bucket(where, fits, True) for where in Alphabet),
                *(_bucket(where, owning, True) for where in Alphabet),
            )
        if len(memo.at) < 16384:
            memo.at[size, first] = at
        return at

    def lookup(self, text: str, verify: bool = False) -> list[tuple[Entry, object]]:
        """(entry, what its matcher returned) for every entry whose pattern ``text`` fully
        matches, in rank order; the result is True where the bucket alone decided.

        The one lookup of identify and verify. identify runs each candidate's pattern
        (``Entry.test``). ``verify=True`` runs ``Entry.match`` instead (a parser hands its
        Parsed on to check), and once a self-describing scheme has matched by its head it
        leaves out the bucket's formats that are not self-describing: they cannot change which
        scheme owns the string (the self-describing matches are the same). Raises
        :class:`NeedModule` when a candidate is a stub whose module is not loaded.
        """
        memo = self._memo  # before reading the structures: see add()
        size = len(text)
        first = text[:1]
        found: list[tuple[Entry, object]] = []
        sources = 0
        where: Alphabet | None = None  # the string's region, once known
        owned = False  # a self-describing scheme matched by its head
        if first in self._firsts:  # some head starts with this character
            start = text[:3]
            lengths = memo.lengths.get(start)
            if lengths is None:
                lengths = self._probe(start, memo)
            heads = self._heads
            for length in lengths:
                head = text[:length]
                hits = heads.get(head) if length <= size else None
                if hits:
                    where = self._forced.get(head, where)
                    hit = False
                    for low, high, test, match, entry in hits:  # hits are one or two
                        if low <= size <= high:
                            result = (match if verify else test)(text)
                            if result:
                                found.append((entry, result))
                                owned = owned or not entry.rank[0]
                                hit = True
                    sources += hit
        at = memo.at.get((size, first))
        if at is None:
            at = self._at(size, first, memo)
        if at:  # some key fits this length and start: now the region is worth computing
            if where is None:  # idkey.region(), inline: narrowest alphabet first
                where = (
                    _HEX
                    if not text.strip(HEX)
                    else _CRYPT
                    if not text.strip(C64)
                    else _BASE64
                    if not text.strip(B64)
                    else _TEXT
                )
            decided, tried, apart = at[where + (0 if not verify else _OWNED if owned else _VERIFY)]
            more = [(e, r) for m, e in tried if (r := m(text))] if tried else None
            if decided or more:  # a source: two when both parts gave and may interleave
                sources += 1 + (not apart and bool(decided) and bool(more))
                found += decided
                found += more or ()
        if sources > 1:  # several sources: rank them together, once each
            found = sorted({id(e): (e, r) for e, r in found}.values(), key=_pair_rank)
        return found

    def declared(self, text: str) -> list[Entry]:
        """Entries whose declared prefix ``text`` starts with, longest prefix first."""
        out: list[Entry] = []
        for length in sorted({len(p) for p in tuple(self._declared)}, reverse=True):
            out += self._declared.get(text[:length], ())
        return out
