"""The one verify path. Every caller (api, migrate, checker, discover, bulk, server) goes through
here, so the password cap, the exception wrapping and the malformed check live in one place.

``pick_owner`` chooses the scheme a stored string names; ``resolve`` turns a scheme string (name,
alias or formula) into a scheme; ``run_verify`` runs one scheme under the guard. ``verify`` is the
three together, with the loose argument checks of the public API.
"""

from __future__ import annotations

from typing import NoReturn

from hashcompat._registry import registry
from hashcompat._timecaps import LOWEST
from hashcompat.errors import (
    AmbiguousHashError,
    HashcompatError,
    InvalidArgumentError,
    MalformedHashError,
    UnknownSchemeError,
)
from hashcompat.scheme import (
    CostKind,
    Inputs,
    Limits,
    Parsed,
    Scheme,
    check_cap,
    get_limits,
    using_limits,
)

__all__ = [
    "choose_scheme",
    "encode_password",
    "hash_text",
    "make_inputs",
    "pick",
    "pick_owner",
    "resolve",
    "run_verify",
    "verify",
]

_FORMULA_MARKERS = frozenset("($.")
_ITERATIONS = CostKind.ITERATIONS


def encode_password(password: object) -> bytes:
    """UTF-8 bytes of a password given as str or bytes."""
    if isinstance(password, bytes):
        return password
    if isinstance(password, str):
        try:
            return password.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidArgumentError("the password is not valid Unicode text") from None
    if isinstance(password, (bytearray, memoryview)):
        return bytes(password)
    raise InvalidArgumentError(f"password must be str or bytes, not {type(password).__name__}")


def hash_text(hash: object) -> str:
    """A stored hash as text: str as is, bytes decoded as UTF-8."""
    if isinstance(hash, str):
        return hash
    if isinstance(hash, (bytes, bytearray, memoryview)):
        try:
            return bytes(hash).decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedHashError("unknown", "the hash is not UTF-8 text") from None
    raise InvalidArgumentError(f"hash must be str, not {type(hash).__name__}")


_NO_INPUTS = Inputs()


def make_inputs(salt: object = None, username: object = None, pepper: object = None) -> Inputs:
    if salt is None and username is None and pepper is None:
        return _NO_INPUTS  # the common case, kept off the hot path's allocations
    if (
        (salt is None or type(salt) is str)
        and (username is None or type(username) is str)
        and (pepper is None or type(pepper) is str)
    ):
        return Inputs(salt, username, pepper)  # plain strings: no loop over the names
    return Inputs(_text("salt", salt), _text("username", username), _text("pepper", pepper))


def _text(name: str, value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise InvalidArgumentError(f"{name} must be str or None, not {type(value).__name__}")


_resolved: dict[str, tuple[int, Scheme]] = {}  # scheme string -> (registry generation, scheme)


def resolve(scheme: object) -> Scheme:
    """The scheme for a registered name, an alias, or a formula of the custom-scheme language.

    ``scheme`` is typed ``object`` and narrowed here: compiled (mypyc), a ``str`` parameter
    would refuse a wrong type with a bare TypeError before this check could say what is wrong.
    """
    if not isinstance(scheme, str):
        raise InvalidArgumentError(f"scheme must be str, not {type(scheme).__name__}")
    cached = _resolved.get(scheme)
    if cached is not None and cached[0] == registry.generation:
        return cached[1]
    found = registry.find(scheme)
    if found is None:
        if _FORMULA_MARKERS & set(scheme):
            from hashcompat.formula import scheme_from_formula  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

            found = scheme_from_formula(scheme)
        else:
            found = registry.get(scheme)  # raises UnknownSchemeError with suggestions
    if len(_resolved) > 1024:
        _resolved.clear()
    _resolved[scheme] = (registry.generation, found)
    return found


def pick_owner(text: str) -> Scheme:
    """The one self-describing scheme that owns ``text``; raises when there is none or several."""
    return pick(text)[0]


def choose_scheme(named: str | None, hash: str, default: str | None) -> tuple[Scheme, str | None]:
    """(scheme, the name it was given by) for one stored hash: the row's own scheme name
    first; else the string's own scheme (:func:`pick_owner`); else, for a string that names
    none, ``default``. Raises the engine's error (unknown name, ambiguous or unknown format)
    when none applies. The one scheme decision of analyze, upgrade, export and push."""
    if named is not None:
        return resolve(named), named
    try:
        return pick_owner(hash), None
    except HashcompatError:
        if default is None:
            raise
    return resolve(default), default


def pick(text: str) -> tuple[Scheme, Parsed | None]:
    """:func:`pick_owner`, with the value identification parsed (None if it only claimed the
    prefix), so the string is taken apart once per verify."""
    found = registry.matches(text, verify=True)  # in rank order: the self-describing first
    if found:
        entry, result = found[0]
        if not entry.rank[0] and (len(found) == 1 or found[1][0].rank[0]):  # one owner
            scheme = entry.payload if entry.payload is not None else entry.scheme()
            return scheme, result if type(result) is Parsed else None
        owners = [pair for pair in found if not pair[0].rank[0]]
        raise AmbiguousHashError([entry.name for entry, _ in (owners or found)])
    claimed = registry.claimed_by_prefix(text)
    if claimed:
        return claimed[0], None  # its parser says precisely what is wrong
    raise UnknownSchemeError("no registered scheme recognises this hash; pass scheme= to name it")


def run_verify(
    scheme: Scheme,
    secret: bytes,
    text: str,
    inputs: Inputs,
    *,
    limits: Limits | None = None,
    parsed: Parsed | None = None,
) -> bool:
    """The scheme under the guard, the one every caller goes through: the password cap, parse
    (or ``parsed``, the value identification made), the costs against the caps of ``limits``
    (the ones in force when None), then check; nothing but a hashcompat error escapes.
    """
    caps = get_limits() if limits is None else limits
    if len(secret) > caps.max_password_bytes:
        return False  # never worth the work; such a password was never set through a form
    try:
        if parsed is None:
            parsed = scheme.parse(text)
        for kind, value, parameter in parsed.costs:
            cap = caps.max_iterations if kind is _ITERATIONS else caps.cap(kind)  # commonest
            if value > cap or value > LOWEST:  # LOWEST: no time-budget cap is below it
                check_cap(scheme.info.name, parameter, value, cap, caps)
        if limits is None:
            return scheme.check(secret, parsed, inputs)
        with using_limits(limits):  # a check that verifies an inner string sees the same caps
            return scheme.check(secret, parsed, inputs)
    except HashcompatError:
        raise
    except Exception as exc:  # a scheme's bug or a backend's surprise must not leak its type
        _wrap(scheme, exc)


def _wrap(scheme: Scheme, exc: Exception) -> NoReturn:
    import logging  # noqa: PLC0415 - only on this rare path: keeps `import hashcompat` light

    logging.getLogger("hashcompat").debug(
        "hashcompat: %s.check raised %s", scheme.info.name, type(exc).__name__
    )
    raise MalformedHashError(
        scheme.info.name, f"could not be checked ({type(exc).__name__})"
    ) from None


def verify(
    password: object,
    hash: object,
    *,
    scheme: object = None,
    salt: object = None,
    username: object = None,
    pepper: object = None,
    limits: Limits | None = None,
) -> bool:
    """Check loose arguments, pick or resolve the scheme, and run it under the guard.

    The user's arguments are typed ``object`` (``resolve`` narrows ``scheme``) so that the
    compiled build answers a wrong type with the same InvalidArgumentError as the pure one."""
    text = hash if type(hash) is str else hash_text(hash)
    try:
        secret = password.encode("utf-8") if type(password) is str else encode_password(password)
    except UnicodeEncodeError:
        secret = encode_password(password)  # raises the error that says what is wrong
    if salt is None and username is None and pepper is None:
        inputs = _NO_INPUTS
    else:
        inputs = make_inputs(salt, username, pepper)
    if scheme is None:
        chosen, parsed = pick(text)
        return run_verify(chosen, secret, text, inputs, limits=limits, parsed=parsed)
    return run_verify(resolve(scheme), secret, text, inputs, limits=limits)
