"""A formula plus a layout as a :class:`hashcompat.Scheme`.

The formula is parsed and compiled once (``functools.lru_cache`` on the text), and everything a
verify needs is chosen then: the layout's splitter (:mod:`.layout.split`), the check
(:mod:`.checking`) and, for writing, the recipe (:mod:`.writing`). ``verify`` only takes the
stored string apart, runs one closure and compares in constant time.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from hashcompat.errors import FormulaSyntaxError, MalformedHashError
from hashcompat.formula._checking import Checker, checker
from hashcompat.formula._compiler import Compiled, Slow, compile_tree
from hashcompat.formula._keys import layout_key
from hashcompat.formula._layout import DEFAULT_LAYOUT, Layout, Splitter, build_layout
from hashcompat.formula._parser import parse
from hashcompat.formula._record import Record
from hashcompat.params import Formula as FormulaParams
from hashcompat.scheme import (
    INPUT_NAMES,
    Cost,
    CostKind,
    Costs,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    check_costs,
    get_limits,
)

if TYPE_CHECKING:
    from hashcompat.formula._writing import Recipe

__all__ = ["FormulaScheme", "canonical", "compile_formula", "scheme_from_formula"]


class Formula(Record):
    """A parsed, compiled formula with its layout; ``text`` is the canonical spelling."""

    __slots__ = ("check", "compiled", "costs", "layout", "split", "text")
    __match_args__ = ("text", "compiled", "layout", "costs", "split", "check")
    text: str
    compiled: Compiled
    layout: Layout
    costs: Costs  # what one evaluation costs, for the iteration cap
    split: Splitter  # the layout's splitter, giving Parsed with these costs and params
    check: Checker  # the output against a parsed string

    def __init__(  # noqa: PLR0917 - the six parts, as the named tuple it was took them
        self,
        text: str,
        compiled: Compiled,
        layout: Layout,
        costs: Costs,
        split: Splitter,
        check: Checker,
    ) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "layout", layout)
        object.__setattr__(self, "costs", costs)
        object.__setattr__(self, "split", split)
        object.__setattr__(self, "check", check)


@functools.lru_cache(maxsize=1024)
def compile_formula(formula: str, layout: str | None = None) -> Formula:
    """Parse and compile once; errors are raised again on each call (they are not cached)."""
    tree, inline = parse(formula)
    if inline is not None and layout is not None and inline.strip() != layout.strip():
        raise FormulaSyntaxError("the layout is given twice, differently", formula, 0)
    compiled = compile_tree(tree, formula)
    built = build_layout(inline if inline is not None else layout, compiled.out)
    if built.salt is not None and "salt" not in compiled.inputs:
        raise FormulaSyntaxError("the layout stores a salt the formula never uses", formula, 0)
    suffix = "" if built.text == DEFAULT_LAYOUT else f" @ {built.text}"
    costs = (Cost(CostKind.ITERATIONS, compiled.cost, "iterations"),)
    text = f"{tree}{suffix}"
    return Formula(
        text,
        compiled,
        built,
        costs,
        built.splitter(costs, FormulaParams(text)),
        checker(compiled, built),
    )


_RECIPES: dict[str, Recipe] = {}


def _recipe(formula: Formula) -> Recipe:
    """The writing strategy of ``formula`` (hash, recompute, split_setting), made on first
    use: a verify never needs it, so :mod:`.writing` stays off the cold path."""
    found = _RECIPES.get(formula.text)
    if found is None:
        from hashcompat.formula._writing import recipe  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        found = _RECIPES[formula.text] = recipe(formula.compiled, formula.layout)
    return found


def canonical(formula: str, layout: str | None = None) -> str:
    """The canonical spelling of a formula (and layout): the name its scheme is given."""
    return compile_formula(formula, layout).text


def _strength(compiled: Compiled, layout: Layout) -> Strength:
    if compiled.slow is Slow.BCRYPT:
        return Strength.MODERN
    if compiled.slow is Slow.PBKDF2:
        return Strength.LEGACY_OK
    if compiled.cost == 0:
        return Strength.RECOVERABLE  # no digest at all: the password is in the string
    per_user = {"salt", "username"} & compiled.inputs
    return Strength.WEAK if per_user or layout.salt else Strength.BROKEN


class FormulaScheme(Scheme, Writer):
    """A scheme described by a formula of the custom-scheme language.

    ``match`` is the layout's splitter (the same strings as its pattern), so identification
    hands its result straight to ``check``. Every formula writes (its layout renders).

    It behaves as the ``@dataclass(slots=True)`` it was (equal by its two fields, unhashable),
    written out: the dataclass cost the first formula verify about 0.7 ms to define.
    """

    __slots__ = ("formula", "info")
    __hash__: ClassVar[None] = None  # type: ignore[assignment]
    info: SchemeInfo
    formula: Formula

    def __init__(self, info: SchemeInfo, formula: Formula) -> None:
        self.info = info
        self.formula = formula

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.info, self.formula) == (other.info, other.formula)

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(info={self.info!r}, formula={self.formula!r})"

    @property
    def writer(self) -> Writer:
        return self

    @property
    def _name(self) -> str:
        return self.info.name

    def _check(self) -> None:
        check_costs(self._name, self.formula.costs, get_limits())

    @property
    def match(self) -> Splitter:  # the layout's splitter is the matcher
        """The parsed string, or None for exactly the strings the pattern does not match."""
        return self.formula.split

    def parse(self, hash: str) -> Parsed:
        parsed = self.formula.split(hash)
        if parsed is None:
            raise MalformedHashError(
                self._name, f"the string does not have the layout {self.formula.layout.text}"
            )
        return parsed

    _parse = parse

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return self.formula.check(self.info.name, secret, parsed, inputs)

    def compose(self, parsed: Parsed) -> str | None:
        """The stored string of a value parsed by this formula's layout (the round trip)."""
        if parsed.params != FormulaParams(self.formula.text):
            return None
        salt = parsed.salt
        if salt is None and parsed.salt_text:
            salt = parsed.salt_text.encode("utf-8", "surrogateescape")
        return self.formula.layout.render(parsed.digest, salt)

    def split_setting(self, parsed: Parsed) -> tuple[str, str]:
        return _recipe(self.formula).split_setting(self._name, parsed)

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        self._check()
        return _recipe(self.formula).recompute(self._name, secret, setting, inputs)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        self._check()
        return _recipe(self.formula).hash(self._name, secret, inputs, params)


def make_scheme(
    formula: Formula,
    *,
    name: str | None = None,
    summary: str | None = None,
    aliases: tuple[str, ...] = (),
    platforms: tuple[str, ...] = (),
    example: str | None = None,
    notes: str = "",
) -> FormulaScheme:
    """A scheme for a compiled formula; unnamed ones are named by their canonical text."""
    inputs = set(formula.compiled.inputs) - {"pass"}
    if formula.layout.salt is not None:
        inputs.discard("salt")
    prefix = formula.layout.prefix
    info = SchemeInfo(
        name=name or formula.text,
        summary=summary or f"custom formula {formula.text}",
        aliases=aliases,
        platforms=platforms,
        prefixes=(prefix,) if prefix and len(prefix) >= 2 else (),
        pattern=formula.layout.pattern,
        inputs=tuple(n for n in INPUT_NAMES if n in inputs),
        strength=_strength(formula.compiled, formula.layout),
        example=example,
        notes=notes or f"formula: {formula.text}",
        keys=(layout_key(formula.layout, formula.compiled.out),),
    )
    return FormulaScheme(info, formula)


@functools.lru_cache(maxsize=1024)
def scheme_from_formula(formula: str, layout: str | None = None) -> FormulaScheme:
    """The scheme a formula (optionally ``formula @ layout``) describes, named canonically."""
    scheme = make_scheme(compile_formula(formula, layout))
    scheme._check()
    return scheme
