"""The identification index: which schemes' patterns a string can match, without a scan.

Every pattern is analysed once, with the ``re`` module's own parser, into a :class:`Shape`:

* **heads**: literal text every match starts with (``$P$``, ``{SSHA}``, MySQL's ``*``). Such a
  scheme sits in a dict keyed by its head; a string probes only the head lengths that begin
  with its own first two characters, longest first.
* otherwise a **shape**: the widths it can match and the alphabet regions its strings can fall
  in. A string is classified once into one region (all hex, crypt base-64, base-64, other) by
  ``str.strip`` tests that run in C, and tested only against the bucket of its (region,
  length). Where the region alone proves the match (``[0-9a-f]{32}`` for an all-hex string of
  32 characters) no regex runs at all.

The index returns exactly what a full match of every pattern would, in rank order (see
:mod:`hashcompat.ranking`); tests/test_index.py proves it against that brute force.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hashcompat.primitives import B64, C64, HEX

__all__ = ["OPEN", "REGIONS", "Entry", "Index", "NeedModule", "Shape", "region", "shape_of"]

HEX_REGION, C64_REGION, B64_REGION, OTHER_REGION = 0, 1, 2, 3
REGIONS = (HEX_REGION, C64_REGION, B64_REGION, OTHER_REGION)
OPEN = 1 << 30  # the high width of a pattern with no (useful) upper bound
_MAX_HEADS = 64

_SETS = (frozenset(HEX), frozenset(C64), frozenset(B64))
_ASCII = frozenset(map(chr, range(128)))


def region(text: str) -> int:
    """The one alphabet region ``text`` falls in (C-speed ``strip`` tests, narrowest first)."""
    if not text.strip(HEX):
        return HEX_REGION
    if not text.strip(C64):
        return C64_REGION
    if not text.strip(B64):
        return B64_REGION
    return OTHER_REGION


@dataclass(frozen=True, slots=True)
class Shape:
    """What the index needs to know of a pattern. ``exact``: regions where every string of a
    width in [low, high] matches, so the bucket alone decides."""

    heads: tuple[str, ...]
    low: int
    high: int
    regions: tuple[int, ...]
    exact: tuple[int, ...]
    first: str = ""  # the characters a match can start with; "" when any (or not known)

    def may_start(self, char: str) -> bool:
        return not self.first or not char or char in self.first


ANY_SHAPE = Shape((), 0, OPEN, REGIONS, ())  # for a pattern the analysis cannot read


class _Unreadable(Exception):
    pass


def _parser() -> Any:
    try:
        from re import _parser as parser  # type: ignore[attr-defined]  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser
    return parser


def _constants() -> Any:
    try:
        from re import _constants as constants  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants
    return constants


_ALL = (_ASCII, True)


def shape_of(pattern: str) -> Shape:
    """The :class:`Shape` of ``pattern`` (compiled with ``re.DOTALL`` and used with
    ``fullmatch``); :data:`ANY_SHAPE` when it uses something the analysis does not read."""
    try:
        return _Analysis(pattern).shape()
    except _Unreadable:
        return ANY_SHAPE
    except Exception:  # the re parser is a private API: any surprise means "test always"
        return ANY_SHAPE


class _Analysis:
    def __init__(self, pattern: str) -> None:
        parser = _parser()
        self.c = _constants()
        self.tree = parser.parse(pattern, re.DOTALL)
        if self.tree.state.flags & (re.IGNORECASE | re.VERBOSE):
            raise _Unreadable

    def shape(self) -> Shape:
        low, high = self.tree.getwidth()
        high = OPEN if high >= OPEN else int(high)
        heads, _ = self.heads(list(self.tree.data))
        if "" in heads:
            heads = set()
        heads = {h for h in heads if not any(o != h and h.startswith(o) for o in heads)}
        chars, wide = self.alphabet(self.tree.data)
        needed = self.mandatory(self.tree.data)
        regions = []
        if needed <= _SETS[0] and (low == 0 or chars & _SETS[0]):
            regions.append(HEX_REGION)
        if needed <= _SETS[1] and chars & (_SETS[1] - _SETS[0]):
            regions.append(C64_REGION)
        if needed <= _SETS[2] and chars & (_SETS[2] - _SETS[1]):
            regions.append(B64_REGION)
        if wide or not (chars <= _SETS[1] or chars <= _SETS[2]):
            regions.append(OTHER_REGION)
        exact = self.exact(regions)
        first, wide, _ = self.first(self.tree.data)
        starts = "" if wide else "".join(sorted(first))
        return Shape(tuple(sorted(heads)), int(low), high, tuple(regions), exact, starts)

    # -- literal heads ------------------------------------------------------------------------

    def heads(self, items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
        """(literal starts, whether the whole sequence was literal)."""
        c = self.c
        heads = {""}
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue  # zero width: what must come first is unchanged
            inner, complete = self.head_of(op, av)
            grown = {h + i for h in heads for i in inner}
            if not inner or len(grown) > _MAX_HEADS:
                return heads, False
            heads = grown
            if not complete:
                return heads, False
        return heads, True

    def head_of(self, op: Any, av: Any) -> tuple[set[str], bool]:
        c = self.c
        if op is c.LITERAL:
            return {chr(av)}, True
        if op is c.SUBPATTERN:
            self.flags(av)
            return self.heads(list(av[-1]))
        if op is c.BRANCH:
            parts = [self.heads(list(b)) for b in av[1]]
            return {i for inner, _ in parts for i in inner}, all(done for _, done in parts)
        if op is c.IN and self.small_class(av):
            return {chr(v) for _, v in av}, True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            inner, _ = self.heads(list(av[2]))  # at least one: the string starts with it
            return inner, False
        return set(), False

    def small_class(self, items: Any) -> bool:
        literal = self.c.LITERAL
        return len(items) <= 4 and all(op is literal for op, _ in items)

    def flags(self, av: Any) -> None:
        if len(av) == 4 and (av[1] or av[2]) & (re.IGNORECASE | re.VERBOSE):
            raise _Unreadable

    # -- first character ----------------------------------------------------------------------

    def first(self, items: Any) -> tuple[frozenset[str], bool, bool]:
        """(ASCII characters a non-empty match may start with, whether non-ASCII may start
        it, whether the sequence can match the empty string)."""
        c = self.c
        chars: set[str] = set()
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue
            found, wide, empty = self.first_of(op, av)
            if wide:
                return _ASCII, True, True
            chars |= found
            if not empty:
                return frozenset(chars), False, False
        return frozenset(chars), False, True

    def first_of(self, op: Any, av: Any) -> tuple[frozenset[str], bool, bool]:
        c = self.c
        if op is c.LITERAL:
            return (frozenset(), True, False) if av >= 128 else (frozenset(chr(av)), False, False)
        if op is c.IN:
            found, wide = self.klass(av)
            return found, wide, False
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            found, wide, empty = self.first(av[2])
            return found, wide, empty or av[0] == 0
        if op is c.SUBPATTERN:
            return self.first(av[-1])
        if op is c.BRANCH:
            found, wide, empty = frozenset[str](), False, False
            for branch in av[1]:
                f, w, e = self.first(branch)
                found, wide, empty = found | f, wide or w, empty or e
            return found, wide, empty
        return _ASCII, True, True

    # -- alphabet -----------------------------------------------------------------------------

    def alphabet(self, items: Any) -> tuple[frozenset[str], bool]:
        """(the ASCII characters a match may hold, whether it may hold non-ASCII ones)."""
        chars: set[str] = set()
        wide = False
        for op, av in items:
            found, more = self.alphabet_of(op, av)
            chars |= found
            wide = wide or more
        return frozenset(chars), wide

    def alphabet_of(self, op: Any, av: Any) -> tuple[frozenset[str], bool]:
        c = self.c
        if op is c.LITERAL:
            return (frozenset(chr(av)), False) if av < 128 else (frozenset(), True)
        if op in (c.NOT_LITERAL, c.ANY, c.GROUPREF):
            return _ALL
        if op is c.IN:
            return self.klass(av)
        found, wide = frozenset[str](), False
        for sequence in self.nested(op, av):
            f, w = self.alphabet(sequence)
            found, wide = found | f, wide or w
        return found, wide

    def nested(self, op: Any, av: Any) -> list[Any]:
        """The sub-sequences inside a group, a repeat, a branch; [] for zero-width items."""
        c = self.c
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return []
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            return [av[2]] if av[1] else []
        if op is c.SUBPATTERN:
            self.flags(av)
            return [av[-1]]
        if op is getattr(c, "ATOMIC_GROUP", None):
            return [av]
        if op is c.BRANCH:
            return list(av[1])
        raise _Unreadable

    def klass(self, items: Any) -> tuple[frozenset[str], bool]:
        c = self.c
        chars: set[str] = set()
        wide = False
        for op, av in items:
            if op is c.LITERAL:
                if av < 128:
                    chars.add(chr(av))
                else:
                    wide = True
            elif op is c.RANGE:
                low, high = av
                chars.update(chr(v) for v in range(low, min(high, 127) + 1))
                wide = wide or high >= 128
            elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
                chars.update("0123456789")
                wide = True  # \d also matches other scripts' digits
            else:
                return _ALL  # negation, other categories
        return frozenset(chars), wide

    def mandatory(self, items: Any) -> set[str]:
        """ASCII characters every match contains."""
        c = self.c
        out: set[str] = set()
        for op, av in items:
            if op is c.LITERAL and av < 128:
                out.add(chr(av))
            elif op is c.SUBPATTERN:
                out |= self.mandatory(av[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                out |= self.mandatory(av[2])
            elif op is c.BRANCH:
                sets = [self.mandatory(b) for b in av[1]]
                out |= set.intersection(*sets) if sets else set()
        return out

    # -- regions decided without a regex ------------------------------------------------------

    def exact(self, regions: list[int]) -> tuple[int, ...]:
        c = self.c
        items = list(self.tree.data)
        while len(items) == 1 and items[0][0] is c.SUBPATTERN:
            items = list(items[0][1][-1])
        if len(items) != 1:
            return ()
        op, av = items[0]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and len(av[2]) == 1:
            op, av = av[2][0]
        if op is not c.IN:
            return ()
        chars, _ = self.klass(av)
        if chars is _ASCII:
            return ()
        return tuple(r for r in regions if r != OTHER_REGION and _SETS[r] <= chars)


class NeedModule(Exception):
    """Raised by a stub entry: its module must be imported before the index can answer."""

    def __init__(self, module: str) -> None:
        super().__init__(module)
        self.module = module


class Entry:
    """One indexed scheme. ``match`` is its pattern's ``fullmatch``, or a stub that raises
    :class:`NeedModule` while its family module is not imported; ``payload`` is the scheme."""

    __slots__ = ("declared", "match", "module", "name", "payload", "rank", "shape", "stub")

    def __init__(
        self,
        name: str,
        rank: tuple[int, int, int],
        shape: Shape,
        match: Callable[[str], object] | None,
        *,
        declared: tuple[str, ...] = (),
        payload: object = None,
        module: str | None = None,
    ) -> None:
        self.name = name
        self.rank = rank
        self.shape = shape
        self.declared = declared
        self.payload = payload
        self.module = module
        self.stub = match is None
        self.match: Callable[[str], object] = self._stub if match is None else match

    def _stub(self, text: str) -> object:
        raise NeedModule(self.module or "")


_Bucket = tuple[tuple[Callable[[str], object] | None, Entry], ...]


def _rank(entry: Entry) -> tuple[int, int, int]:
    return entry.rank


def _pair_rank(pair: tuple[Entry, object]) -> tuple[int, int, int]:
    return pair[0].rank


class Index:
    """Head dict plus shape buckets over :class:`Entry` values, each kept in rank order."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._heads: dict[str, list[tuple[int, int, Callable[[str], object], Entry]]] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}  # first three characters -> head lengths
        self._shaped: list[Entry] = []
        self._buckets: dict[tuple[int, int, str], _Bucket] = {}
        self._shaped_at: dict[tuple[int, str], bool] = {}  # (length, first character) -> any?
        self._declared: dict[str, list[Entry]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def get(self, name: str) -> Entry | None:
        return self._entries.get(name)

    def stubs(self, module: str) -> list[Entry]:
        """Entries of ``module`` still waiting for it to be imported."""
        return [e for e in self._entries.values() if e.stub and e.module == module]

    def add(self, entry: Entry) -> None:
        if entry.name in self._entries:
            self.remove(entry.name)
        self._entries[entry.name] = entry
        self._buckets, self._shaped_at = {}, {}
        shape, match = entry.shape, entry.match
        if shape.heads:
            row = (shape.low, shape.high, match, entry)
            for head in shape.heads:
                hits = self._heads.setdefault(head, [])
                bisect.insort(hits, row, key=lambda r: r[3].rank)
            self._relength()
        else:
            bisect.insort(self._shaped, entry, key=_rank)
        for prefix in entry.declared:
            bisect.insort(self._declared.setdefault(prefix, []), entry, key=_rank)

    def remove(self, name: str) -> None:
        entry = self._entries.pop(name, None)
        if entry is None:
            return
        self._buckets, self._shaped_at = {}, {}
        for head in entry.shape.heads:
            hits = self._heads.get(head, [])
            hits[:] = [r for r in hits if r[3] is not entry]
            if not hits:
                self._heads.pop(head, None)
        self._relength()
        self._shaped = [e for e in self._shaped if e is not entry]
        for prefix in entry.declared:
            kept = [e for e in self._declared.get(prefix, []) if e is not entry]
            if kept:
                self._declared[prefix] = kept
            else:
                self._declared.pop(prefix, None)

    def _relength(self) -> None:
        self._lengths = {}  # rebuilt key by key, on demand

    def _probe(self, key: str) -> tuple[int, ...]:
        """The lengths of the heads a string starting with ``key`` (its first three characters)
        can start with, longest first."""
        lengths = tuple(
            sorted(
                {len(h) for h in self._heads if h[:3] == key[: len(h)] and len(h) >= len(key)}
                | {len(h) for h in self._heads if len(h) < len(key) and key.startswith(h)},
                reverse=True,
            )
        )
        if len(self._lengths) > 4096:
            self._lengths = {}
        self._lengths[key] = lengths
        return lengths

    def _any_shaped(self, size: int, first: str) -> bool:
        found = any(
            e.shape.low <= size <= e.shape.high and e.shape.may_start(first) for e in self._shaped
        )
        if len(self._shaped_at) > 16384:
            self._shaped_at = {}
        self._shaped_at[size, first] = found
        return found

    def _bucket(self, key: tuple[int, int, str]) -> _Bucket:
        where, size, start = key
        bucket = tuple(
            (None if where in e.shape.exact and not e.stub else e.match, e)
            for e in self._shaped
            if where in e.shape.regions
            and e.shape.low <= size <= e.shape.high
            and e.shape.may_start(start)
        )
        if len(self._buckets) > 16384:
            self._buckets, self._shaped_at = {}, {}
        self._buckets[key] = bucket
        return bucket

    def lookup(self, text: str) -> list[tuple[Entry, object]]:
        """(entry, what its matcher returned) for every entry whose pattern ``text`` fully
        matches, in rank order; the result is True where the bucket alone decided.

        Raises :class:`NeedModule` when a candidate is a stub whose module is not loaded.
        """
        size = len(text)
        found: list[tuple[Entry, object]] = []
        sources = 0
        heads = self._heads
        if size:
            start = text[:3]
            lengths = self._lengths.get(start)
            if lengths is None:
                lengths = self._probe(start)
            for length in lengths:
                hits = heads.get(text[:length]) if length <= size else None
                if hits:
                    before = len(found)
                    for low, high, match, entry in hits:  # a loop: hits are one or two
                        if low <= size <= high:
                            result = match(text)
                            if result:
                                found.append((entry, result))
                    sources += len(found) > before
        first = text[:1]
        shaped = self._shaped_at.get((size, first))
        if shaped is None:
            shaped = self._any_shaped(size, first)
        bucket = None
        if shaped:  # some shape fits this length and start: now the region is worth computing
            key = (region(text), size, first)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._bucket(key)
        if bucket:
            before = len(found)
            found += [(e, r) for m, e in bucket if (r := True if m is None else m(text))]
            sources += len(found) > before
        if sources > 1:
            found.sort(key=_pair_rank)
        return found

    def declared(self, text: str) -> list[Entry]:
        """Entries whose declared prefix ``text`` starts with, longest prefix first."""
        out: list[Entry] = []
        for length in sorted({len(p) for p in self._declared}, reverse=True):
            out += self._declared.get(text[:length], ())
        return out
