"""A formula plus a layout as a :class:`hashcompat.Scheme`.

The formula is parsed and compiled once (``functools.lru_cache`` on the text); ``verify`` then
only takes the stored string apart, runs one closure and compares in constant time.
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, cast

from hashcompat.errors import FormulaSyntaxError, MalformedHashError
from hashcompat.formula.compiler import Compiled, Env, compile_tree
from hashcompat.formula.keys import layout_key
from hashcompat.formula.layout import DEFAULT_LAYOUT, Layout, build_layout
from hashcompat.formula.parser import parse
from hashcompat.formula.split import Splitter, splitter
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
    equal,
    get_limits,
    hash_params,
)

__all__ = ["FormulaScheme", "canonical", "compile_formula", "scheme_from_formula"]

# bcrypt (with its backend), base64, secrets: imported where used, so the cold start of a
# plain digest row (an LDAP {SSHA}, say) does not pay for them
_SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # letters, digits
_PASS_ONLY = frozenset({"pass"})
_PASS_AND_SALT = frozenset({"pass", "salt"})


class Formula(NamedTuple):
    """A parsed, compiled formula with its layout; ``text`` is the canonical spelling. (A
    named tuple, as :class:`Layout`: cheaper to define on a cold start.)"""

    text: str
    compiled: Compiled
    layout: Layout
    costs: Costs = ()  # what one evaluation costs, for the iteration cap
    split: Splitter | None = None  # the layout's specialised splitter
    common: Common | None = None  # check()'s path for the common rows (_common), if one fits


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
    split = splitter(built, costs, FormulaParams(text))
    return Formula(text, compiled, built, costs, split, _common(compiled, built))


# (secret, parsed, inputs) -> the verdict, or None where the row needs the general path
Common = Callable[[bytes, Parsed, Inputs], bool | None]


def _common(compiled: Compiled, layout: Layout) -> Common | None:
    """check() of the common rows, chosen once per formula: a function of the password, or of
    the password and a salt (stored, or passed beside), whose digest is stored as hex or in
    one base-64 group with the salt. It answers None (the general path, which raises what is
    missing) for a salt given nowhere or a stored digest of another type."""
    used = compiled.inputs
    grouped = layout.salt == "group"  # digest and salt in one base-64 group: raw bytes
    encoding = compiled.out.encoding
    if (
        compiled.slow == "bcrypt"
        or used not in (_PASS_ONLY, _PASS_AND_SALT)
        or not (grouped or encoding in ("hex", "HEX"))
    ):
        return None
    run = compiled.run
    salted = used == _PASS_AND_SALT
    upper = encoding == "HEX"
    compare = hmac.compare_digest

    def common(secret: bytes, parsed: Parsed, inputs: Inputs) -> bool | None:
        salt = parsed.salt if salted else b""
        if salt is None:  # passed beside the string, or missing
            if inputs.salt is None:
                return None
            salt = inputs.salt.encode("utf-8", "surrogatepass")
        stored = parsed.digest
        if grouped:
            if not isinstance(stored, bytes):
                return None
            return compare(run((secret, salt, b"", b"", b"")), stored)
        if isinstance(stored, bytes) or not stored.isascii():
            return None
        value = run((secret, salt, b"", b"", b""))
        return compare(value.lower() if upper else value, stored.lower().encode("ascii"))

    return common


def canonical(formula: str, layout: str | None = None) -> str:
    """The canonical spelling of a formula (and layout): the name its scheme is given."""
    return compile_formula(formula, layout).text


def _strength(compiled: Compiled, layout: Layout) -> Strength:
    if compiled.slow == "bcrypt":
        return Strength.MODERN
    if compiled.slow == "pbkdf2":
        return Strength.LEGACY_OK
    if compiled.cost == 0:
        return Strength.RECOVERABLE  # no digest at all: the password is in the string
    per_user = {"salt", "username"} & compiled.inputs
    return Strength.WEAK if per_user or layout.salt else Strength.BROKEN


@dataclass(slots=True)
class FormulaScheme(Scheme, Writer):
    """A scheme described by a formula of the custom-scheme language.

    ``match`` is the layout's splitter (the same strings as its pattern), so identification
    hands its result straight to ``check``. Every formula writes (its layout renders).
    """

    info: SchemeInfo
    formula: Formula

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
        split = self.formula.split
        if split is not None:
            return split
        layout, costs = self.formula.layout, self.formula.costs
        return lambda stored: layout.parse(stored, costs, FormulaParams(self.formula.text))

    def parse(self, hash: str) -> Parsed:
        parsed = (self.formula.split or self.match)(hash)
        if parsed is None:
            raise MalformedHashError(
                self._name, f"the string does not have the layout {self.formula.layout.text}"
            )
        return parsed

    _parse = parse

    def _env(self, secret: bytes, salt: bytes | None, inputs: Inputs) -> Env:
        used = self.formula.compiled.inputs
        if used == _PASS_ONLY or (salt is not None and used == _PASS_AND_SALT):  # the common cases
            return (secret, salt or b"", b"", b"", b"")
        values = [secret, b"", b"", b"", b""]
        for index, name in enumerate(INPUT_NAMES, start=1):
            if name == "salt" and salt is not None:
                values[index] = salt
            elif name in used:
                values[index] = inputs.require(self._name, name).encode("utf-8", "surrogatepass")
        return cast(Env, tuple(values))

    def _text(self, value: bytes) -> str | bytes:
        if self.formula.layout.salt == "group":
            return value
        text = value.decode("utf-8", "surrogateescape")
        return text.lower() if self.formula.compiled.out.encoding in ("hex", "HEX") else text

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        common = self.formula.common
        verdict = None if common is None else common(secret, parsed, inputs)
        return self._check_any(secret, parsed, inputs) if verdict is None else verdict

    def _check_any(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        compiled = self.formula.compiled
        env = self._env(secret, parsed.salt, inputs)
        if compiled.slow == "bcrypt":
            from hashcompat.families.bcrypt import check_bcrypt, php_bcrypt_key

            assert isinstance(parsed.digest, str)  # noqa: S101 - a bcrypt layout is text
            return check_bcrypt(self._name, php_bcrypt_key(compiled.run(env)), parsed.digest)
        value = compiled.run(env)
        stored = parsed.digest
        encoding = compiled.out.encoding
        if isinstance(stored, str) and encoding in ("hex", "HEX") and stored.isascii():
            mine = value.lower() if encoding == "HEX" else value
            return hmac.compare_digest(mine, stored.lower().encode("ascii"))
        return equal(self._text(value), stored)

    def compose(self, parsed: Parsed) -> str | None:
        """The stored string of a value parsed by this formula's layout (the round trip)."""
        if parsed.params != FormulaParams(self.formula.text):
            return None
        salt = parsed.salt
        if salt is None and parsed.salt_text:
            salt = parsed.salt_text.encode("utf-8", "surrogateescape")
        return self.formula.layout.render(parsed.digest, salt)

    def split_setting(self, parsed: Parsed) -> tuple[str, str]:
        if self.formula.compiled.slow == "bcrypt":
            from hashcompat.families.bcrypt import bcrypt_split, parse_bcrypt

            assert isinstance(parsed.digest, str)  # noqa: S101
            parse_bcrypt(self._name, parsed.digest)
            return bcrypt_split(parsed.digest)
        digest = parsed.digest
        if isinstance(digest, bytes):
            import base64

            salt = parsed.salt or b""
            return parsed.salt_text or base64.b64encode(salt).decode("ascii"), digest.hex()
        encoding = self.formula.compiled.out.encoding
        return parsed.salt_text, digest.lower() if encoding in ("hex", "HEX") else digest

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        self._check()
        if self.formula.compiled.slow == "bcrypt":
            from hashcompat.families.bcrypt import bcrypt_hash, bcrypt_split, php_bcrypt_key

            key = php_bcrypt_key(self.formula.compiled.run(self._env(secret, None, inputs)))
            made = bcrypt_hash(self._name, key, setting)
            if made is None:
                raise MalformedHashError(self._name, "a bcrypt salt PHP would rewrite")
            return bcrypt_split(made)[1]
        layout = self.formula.layout
        salt = None if layout.salt is None else _salt_from_setting(setting, layout.salt)
        value = self._text(self.formula.compiled.run(self._env(secret, salt, inputs)))
        return value.hex() if isinstance(value, bytes) else value

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        self._check()
        layout = self.formula.layout
        if self.formula.compiled.slow == "bcrypt":
            from hashcompat.families.bcrypt import make_bcrypt, php_bcrypt_key

            key = php_bcrypt_key(self.formula.compiled.run(self._env(secret, None, inputs)))
            return layout.render(make_bcrypt(self._name, key, params, ident="2y"), None)
        options = hash_params(params, {"salt_length": int}, self._name)
        salt = None
        if layout.salt is not None:
            salt = (
                inputs.salt.encode("utf-8")
                if inputs.salt is not None
                else _new_salt(layout, cast(int, options.get("salt_length", 8)))
            )
        value = self._text(self.formula.compiled.run(self._env(secret, salt, inputs)))
        return layout.render(value, salt)


def _salt_from_setting(setting: str, encoding: str) -> bytes:
    import base64
    import binascii

    try:
        if encoding == "hex":
            return binascii.unhexlify(setting)
        if encoding in ("b64", "group"):
            return base64.b64decode(setting)
    except (binascii.Error, ValueError):
        raise MalformedHashError("formula", "the setting is not a valid salt") from None
    return setting.encode("utf-8", "surrogateescape")


def _new_salt(layout: Layout, length: int) -> bytes:
    fixed = next((f for f in layout.fields if f.split(":")[-1].isdigit()), None)
    if fixed is not None:
        length = int(fixed.split(":")[1])
    import secrets

    if layout.salt == "text":
        return "".join(secrets.choice(_SALT_CHARS) for _ in range(length)).encode("ascii")
    return secrets.token_bytes(length)


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
    prefix = formula.layout.literals[0] if formula.layout.literals else None
    info = SchemeInfo(
        name=name or formula.text,
        summary=summary or f"custom formula {formula.text}",
        aliases=aliases,
        platforms=platforms,
        prefixes=(prefix,) if prefix and len(prefix) >= 2 else (),
        pattern=formula.layout.pattern,
        inputs=tuple(n for n in INPUT_NAMES if n in inputs),
        strength=_strength(formula.compiled, formula.layout),
        can_hash=True,
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
