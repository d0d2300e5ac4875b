"""The top-level functions: verify, identify, schemes, hash.

They turn loose user arguments into the narrow form schemes expect (UTF-8 bytes and an
:class:`Inputs`), pick the scheme, and guarantee the contract's promise that nothing but a
:class:`HashcompatError` escapes.
"""

from __future__ import annotations

from hashcompat.errors import (
    AmbiguousHashError,
    HashcompatError,
    InvalidArgumentError,
    MalformedHashError,
    UnknownSchemeError,
)
from hashcompat.registry import registry
from hashcompat.scheme import INPUT_NAMES, Inputs, Scheme, SchemeInfo, get_limits

__all__ = ["hash", "identify", "resolve", "schemes", "verify"]


_FORMULA_MARKERS = frozenset("($.")


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


def _hash_text(hash: object) -> str:
    if isinstance(hash, str):
        return hash
    if isinstance(hash, (bytes, bytearray)):
        try:
            return bytes(hash).decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedHashError("unknown", "the hash is not UTF-8 text") from None
    raise InvalidArgumentError(f"hash must be str, not {type(hash).__name__}")


_NO_INPUTS = Inputs()


def make_inputs(salt: object = None, username: object = None, pepper: object = None) -> Inputs:
    if salt is None and username is None and pepper is None:
        return _NO_INPUTS  # the common case, kept off the hot path's allocations
    for name, value in (("salt", salt), ("username", username), ("pepper", pepper)):
        if value is not None and not isinstance(value, str):
            raise InvalidArgumentError(f"{name} must be str or None, not {type(value).__name__}")
    return Inputs(salt=salt, username=username, pepper=pepper)  # type: ignore[arg-type]


_resolved: dict[str, tuple[int, Scheme]] = {}  # scheme string -> (registry generation, scheme)


def resolve(scheme: str) -> Scheme:
    """The scheme for a registered name, an alias, or a formula of the custom-scheme language."""
    if not isinstance(scheme, str):
        raise InvalidArgumentError(f"scheme must be str, not {type(scheme).__name__}")
    cached = _resolved.get(scheme)
    if cached is not None and cached[0] == registry.generation:
        return cached[1]
    found = _resolve(scheme)
    if len(_resolved) > 1024:
        _resolved.clear()
    _resolved[scheme] = (registry.generation, found)
    return found


def _resolve(scheme: str) -> Scheme:
    if not isinstance(scheme, str):
        raise InvalidArgumentError(f"scheme must be str, not {type(scheme).__name__}")
    found = registry.find(scheme)
    if found is not None:
        return found
    if _FORMULA_MARKERS & set(scheme):
        from hashcompat.formula import scheme_from_formula

        return scheme_from_formula(scheme)
    return registry.get(scheme)  # raises UnknownSchemeError with suggestions


def _pick(hash: str) -> Scheme:
    candidates = registry.identify(hash)
    owners = [s for s in candidates if s.info.self_describing]
    if len(owners) == 1:
        return owners[0]
    if owners or candidates:
        raise AmbiguousHashError([s.info.name for s in (owners or candidates)])
    claimed = registry.claimed_by_prefix(hash)
    if claimed:
        return claimed[0]  # its parser says precisely what is wrong
    raise UnknownSchemeError("no registered scheme recognises this hash; pass scheme= to name it")


def verify(
    password: str | bytes,
    hash: str,
    *,
    scheme: str | None = None,
    salt: str | None = None,
    username: str | None = None,
    pepper: str | None = None,
) -> bool:
    """True if ``password`` matches ``hash``; False if not. Every other outcome raises.

    ``scheme=None`` identifies the scheme from the hash string, which only works for
    self-describing formats; a bare digest raises :class:`AmbiguousHashError`.
    """
    text = _hash_text(hash)
    secret = encode_password(password)
    inputs = make_inputs(salt, username, pepper)
    chosen = _pick(text) if scheme is None else resolve(scheme)
    if len(secret) > get_limits().max_password_bytes:
        return False  # never worth the work; such a password was never set through a form
    try:
        result = chosen.verify(secret, text, inputs)
    except HashcompatError:
        raise
    except Exception as exc:  # a scheme's bug or a backend's surprise must not leak its type
        import logging  # only on this rare path: keeps `import hashcompat` light

        logging.getLogger("hashcompat").debug(
            "hashcompat: %s.verify raised %s", chosen.info.name, type(exc).__name__
        )
        raise MalformedHashError(
            chosen.info.name, f"could not be checked ({type(exc).__name__})"
        ) from None
    if scheme is None and not result and not chosen.info.matches(text):
        raise MalformedHashError(chosen.info.name, "the string does not have this scheme's format")
    return bool(result)


def identify(hash: str) -> list[str]:
    """Names of the schemes whose format ``hash`` has, most likely first; [] if none.

    Never raises, whatever the input.
    """
    try:
        text = _hash_text(hash)
    except HashcompatError:
        return []
    return [s.info.name for s in registry.identify(text)]


def schemes() -> list[SchemeInfo]:
    """The catalogue: one record per registered scheme."""
    return registry.infos()


def hash(password: str | bytes, scheme: str, **params: object) -> str:
    """A new hash of ``password`` in ``scheme``; ``salt``/``username``/``pepper`` are inputs,
    every other keyword is a parameter of the scheme (``rounds``, ``cost``, ...)."""
    chosen = resolve(scheme)
    hasher = getattr(chosen, "hash", None)
    if hasher is None:
        raise InvalidArgumentError(f"scheme {chosen.info.name} can verify but not hash")
    secret = encode_password(password)
    inputs = make_inputs(**{k: params.pop(k) for k in INPUT_NAMES if k in params})
    result: str = hasher(secret, inputs, params)
    return result
