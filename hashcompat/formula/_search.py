"""Discovery, part two: bottom-up search over formula compositions.

Terms are built by size (an input counts 1, each digest 1, a concatenation the sum of its
parts, ``upper()``/``_raw`` of a digest 0) from the inputs a sample offers. Two terms that
give the same bytes on the reference pairs are the same term for the search (observational
equivalence), so each level holds only distinct values and the simpler spelling wins. A term
whose digest equals the first pair's target is a candidate; candidates are then checked on
every pair by the real scheme, so what discovery reports is what ``verify(scheme=...)``
accepts.

The search space, documented in docs/formulas.md: inputs ``$pass``, ``utf16le($pass)``,
``$salt``, ``$username`` (with its ``upper()``, ``lower()`` and ``':'``), ``$pepper``; inner
digests md5, sha1, sha256, sha512 (hex, or ``upper()``/``_raw`` as a sole argument);
concatenations; outer digests fitting the stored length; HMAC of two inputs; terms up to
size 6, i.e. three nested digests.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from hashcompat._primitives import utf16le
from hashcompat.formula._functions import DIGESTS, Encoding
from hashcompat.formula._shapes import DIGEST_SIZES, Shape

__all__ = ["MAX_SIZE", "Found", "Search"]

MAX_SIZE = 6  # size of the whole formula: md5(md5($salt).md5(md5($pass))) is 6
MAX_TERMS = 400_000  # per search, to bound memory
INNER = ("md5", "sha1", "sha256", "sha512")
_FAST = {
    name: getattr(hashlib, name)
    for name in (
        "md5",
        "sha1",
        "sha224",
        "sha256",
        "sha384",
        "sha512",
        "sha3_224",
        "sha3_256",
        "sha3_384",
        "sha3_512",
        "blake2b",
        "blake2s",
    )
}


def _raw_digest(name: str) -> Callable[[bytes], bytes]:
    fast = _FAST.get(name)
    if fast is not None:
        return lambda data: fast(data).digest()
    return DIGESTS[name][0]


@dataclass(frozen=True, slots=True)
class Term:
    expr: str
    size: int
    values: tuple[bytes, ...]  # on the reference pairs
    digest: str | None = None  # the digest name when the term is ``name(arg)`` (hex)
    concat: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """A formula (without layout) whose output matched the first reference target."""

    formula: str
    size: int


class Search:
    """One search over one :class:`Shape` with the given reference inputs.

    ``inputs`` maps an input name to its value on each reference pair; ``deadline`` is a
    ``time.perf_counter()`` value after which the search stops where it is.
    """

    def __init__(
        self,
        shape: Shape,
        inputs: dict[str, tuple[bytes, ...]],
        deadline: float,
        references: Sequence[int],
    ) -> None:
        self.shape = shape
        self.inputs = inputs
        self.deadline = deadline
        self.target = shape.targets[references[0]]
        self.outer = tuple(n for n in DIGEST_SIZES[shape.size] if n in DIGESTS)
        self.inner = tuple(dict.fromkeys(INNER + tuple(n for n in self.outer if n != "md4")))
        self.functions = {name: _raw_digest(name) for name in set(self.inner) | set(self.outer)}
        self.seen: dict[tuple[bytes, ...], int] = {}
        self.tried = 0
        self.stopped = False
        self.max_size = MAX_SIZE + 1  # lowered by the caller once it has its simplest match

    # -- output ---------------------------------------------------------------------------

    def _wrap(self, name: str, arg: str) -> str:
        """The formula text for outer digest ``name`` over ``arg``, in the shape's encoding."""
        if self.shape.encoding is Encoding.B64:
            return f"base64({name}_raw({arg}))"
        if self.shape.truncate:
            return f"substr({name}({arg}),0,{self.shape.truncate})"
        return f"{name}({arg})"

    def _matches(self, raw: bytes) -> bool:
        if self.shape.truncate:
            return raw.hex().encode("ascii").startswith(self.target)
        return raw == self.target

    # -- terms ----------------------------------------------------------------------------

    def _add(self, level: list[Term], term: Term) -> None:
        if term.values in self.seen or len(self.seen) >= MAX_TERMS:
            return
        self.seen[term.values] = term.size
        level.append(term)

    def _atoms(self) -> tuple[list[Term], list[Term]]:
        one: list[Term] = []
        two: list[Term] = []
        for name, values in self.inputs.items():
            self._add(one, Term("$" + name, 1, values))
        user = self.inputs.get("username")
        if user is not None:  # game servers and forums case-fold the name and join with ':'
            self._add(one, Term("upper($username)", 1, tuple(v.upper() for v in user)))
            self._add(one, Term("lower($username)", 1, tuple(v.lower() for v in user)))
            self._add(one, Term("':'", 1, tuple(b":" for _ in user)))
        password = self.inputs["pass"]
        wide = tuple(_utf16(v) for v in password)
        self._add(two, Term("utf16le($pass)", 2, wide))
        return one, two

    def _arguments(self, term: Term) -> Iterator[tuple[str, tuple[bytes, ...], int]]:
        """(text, values, extra size) of ``term`` as a sole argument: itself, upper, raw.

        ``upper()`` and ``_raw`` are spellings of one digest, not extra steps: they add no size.
        """
        yield term.expr, term.values, 0
        if term.digest is not None:
            yield f"upper({term.expr})", tuple(v.upper() for v in term.values), 0
            raw_expr = f"{term.digest}_raw{term.expr[len(term.digest) :]}"
            yield raw_expr, tuple(bytes.fromhex(v.decode()) for v in term.values), 0

    def run(self) -> Iterator[Found]:
        """Candidates in order of size; the caller stops when it has what it needs."""
        one, two = self._atoms()
        levels: list[list[Term]] = [[], one, two]
        yield from self._hmacs(one + two)
        for size in range(2, MAX_SIZE + 1):
            if size > self.max_size:
                return
            while len(levels) <= size:
                levels.append([])
            level = levels[size]
            for term in levels[size - 1]:
                for arg, values, extra in self._arguments(term):
                    if extra and size + extra > MAX_SIZE:
                        continue
                    yield from self._digests(arg, values, size + extra, level, size < MAX_SIZE)
                    if self._late():
                        return
            if size < MAX_SIZE:
                self._concats(levels, size)
            if self._late():
                return
        if self.max_size > MAX_SIZE:
            yield from self._triples(levels[2])

    def _triples(self, small: list[Term]) -> Iterator[Found]:
        """``d(a.b.c)`` for digests a, b, c of one input, as md5(sha1($p).md5($p).sha1($p))."""
        parts = [t for t in small if t.digest is not None]
        for a in parts:
            for b in parts:
                for c in parts:
                    values = a.values[0] + b.values[0] + c.values[0]
                    for name in self.outer:
                        self.tried += 1
                        if self._matches(self.functions[name](values)):
                            yield Found(self._wrap(name, f"{a.expr}.{b.expr}.{c.expr}"), 7)
                if self._late():
                    return

    def _digests(
        self, arg: str, values: tuple[bytes, ...], size: int, level: list[Term], keep: bool
    ) -> Iterator[Found]:
        for name, function in self.functions.items():
            final = name in self.outer
            if not keep and not final:
                continue
            if name == "md4" and size > 3:  # pure Python where OpenSSL lacks it: keep it cheap
                continue
            raw = [function(v) for v in values]
            self.tried += 1
            if final and self._matches(raw[0]):
                yield Found(self._wrap(name, arg), size)
            if keep and name in self.inner:
                hexes = tuple(r.hex().encode("ascii") for r in raw)
                self._add(level, Term(f"{name}({arg})", size, hexes, digest=name))

    def _concats(self, levels: list[list[Term]], size: int) -> None:
        for left_size in range(1, size):
            right = [t for t in levels[size - left_size] if not t.concat]
            for left in levels[left_size]:
                for term in right:
                    values = tuple(a + b for a, b in zip(left.values, term.values, strict=True))
                    self._add(
                        levels[size], Term(f"{left.expr}.{term.expr}", size, values, concat=True)
                    )
                if self._late():
                    return

    def _hmacs(self, atoms: list[Term]) -> Iterator[Found]:
        if self.shape.truncate:
            return
        for name in self.outer:
            if name == "md4":
                continue
            for key in atoms:
                for message in atoms:
                    self.tried += 1
                    raw = hmac.new(key.values[0], message.values[0], name).digest()
                    if self._matches(raw):
                        yield Found(self._wrap_hmac(name, key.expr, message.expr), 3)

    def _wrap_hmac(self, name: str, key: str, message: str) -> str:
        if self.shape.encoding is Encoding.B64:
            return f"base64(hmac_{name}_raw({key},{message}))"
        return f"hmac_{name}({key},{message})"

    def _late(self) -> bool:
        if time.perf_counter() > self.deadline:
            self.stopped = True
        return self.stopped


_utf16 = utf16le  # the one definition: hashcompat._primitives
