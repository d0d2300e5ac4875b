"""Pattern shapes: what the identification index needs to know of a scheme's pattern.

Every pattern is read once with the ``re`` module's own parser into a :class:`Shape`: the
literal heads every match starts with, or else the widths it can match, the alphabet regions
its strings can fall in, the characters it can start with, and the regions where the bucket
alone proves a match. The analysis only ever over-approximates (a pattern it cannot read is
tried on every string), so the index stays exactly equal to a full match of every pattern.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from hashcompat.primitives import B64, C64, HEX

__all__ = [
    "B64_REGION",
    "C64_REGION",
    "HEX_REGION",
    "OPEN",
    "OTHER_REGION",
    "REGIONS",
    "Shape",
    "region",
    "shape_of",
    "shapes_of",
]

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


class Shape(NamedTuple):
    """What the index needs to know of a pattern. ``exact``: regions where every string of a
    width in [low, high] matches, so the bucket alone decides. (A named tuple: immutable, and
    cheaper than a dataclass to define at import and to build for every scheme.)"""

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
        return _Analysis(_tree(pattern)).shape()
    except _Unreadable:
        return ANY_SHAPE
    except Exception:  # the re parser is a private API: any surprise means "test always"
        return ANY_SHAPE


def shapes_of(pattern: str) -> tuple[Shape, ...]:
    """One shape per top-level alternative (``{hash} | $NT${hash}`` is a bare digest or a
    tagged one: indexed by shape and by head), else the whole pattern's."""
    try:
        tree = _tree(pattern)
        c = _constants()
        if len(tree.data) == 1 and tree.data[0][0] is c.BRANCH:
            return tuple(_Analysis(branch).shape() for branch in tree.data[0][1][1])
        return (_Analysis(tree).shape(),)
    except Exception:  # as in shape_of
        return (ANY_SHAPE,)


def _tree(pattern: str) -> Any:
    tree = _parser().parse(pattern, re.DOTALL)
    if tree.state.flags & (re.IGNORECASE | re.VERBOSE):
        raise _Unreadable
    return tree


class _Analysis:
    def __init__(self, tree: Any) -> None:
        self.c = _constants()
        self.tree = tree

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
