"""The top-level functions: verify, identify, schemes, hash, convert.

They turn loose user arguments into the narrow form schemes expect (UTF-8 bytes and an
:class:`Inputs`), pick the scheme, and guarantee the contract's promise that nothing but a
:class:`HashcompatError` escapes. ``verify`` is :func:`hashcompat.engine.verify` itself: the
one path of every login, with no wrapper frame in front of it.
"""

from __future__ import annotations

from hashcompat.engine import encode_password, hash_text, make_inputs, resolve, verify
from hashcompat.errors import HashcompatError, InvalidArgumentError
from hashcompat.registry import registry
from hashcompat.scheme import INPUT_NAMES, SchemeInfo

__all__ = ["convert", "hash", "identify", "schemes", "verify"]


def identify(hash: str) -> list[str]:
    """Name the schemes whose format ``hash`` has.

    Args:
        hash: a stored string; anything else gives ``[]``.

    Returns:
        Candidate scheme names, most likely first (the ranking is
        ``hashcompat/ranking.py``); ``[]`` when none fits. Never raises. A bare hex digest
        (or ``hex:salt``) also gets the common compositions of its length, as formulas
        (``md5(md5($pass))``, ``md5($pass.$salt) @ {hash}:{salt}``...), after the registered
        schemes: the identification tools list them, and ``verify(scheme=...)`` takes them;
        ``verify`` without a scheme still refuses such a string (AmbiguousHashError).
    """
    if type(hash) is not str:
        try:
            hash = hash_text(hash)
        except HashcompatError:
            return []
    names = registry.identify_names(hash)
    if hash[:1] in _HEX:  # the composition table only has hex shapes
        extra = _compositions(hash)
        if extra:
            seen = set(names)
            names += [name for name in extra if name not in seen]
    return names


_HEX = frozenset("0123456789abcdefABCDEF")


def _compositions(text: str) -> tuple[str, ...]:
    from hashcompat._compositions_table import COMPOSITIONS

    digest, colon, salt = text.partition(":")
    if digest.strip("0123456789abcdefABCDEF") or (colon and not salt):
        return ()
    return COMPOSITIONS.get((len(digest), bool(colon)), ())


def schemes() -> list[SchemeInfo]:
    """List the catalogue.

    Returns:
        One :class:`~hashcompat.scheme.SchemeInfo` per registered scheme: name, aliases,
        platforms, strength, inputs and whether it can write hashes.
    """
    return registry.infos()


def hash(password: str | bytes, scheme: str, **params: object) -> str:
    """Write a new hash of ``password``.

    Args:
        password: the password (``str`` or ``bytes``).
        scheme: a scheme name, alias or formula whose scheme has a writer.
        **params: ``salt``, ``username`` and ``pepper`` are inputs; every other keyword is a
            parameter of the scheme (``rounds``, ``cost``, ``memory_cost``, ...).

    Returns:
        The stored string, in the scheme's own format.

    Raises:
        InvalidArgumentError: the scheme is verify-only, or a parameter is unknown or of the
            wrong type.
        UnknownSchemeError: ``scheme`` names no scheme.
    """
    chosen = resolve(scheme)
    writer = chosen.writer
    if writer is None:
        raise InvalidArgumentError(f"scheme {chosen.info.name} can verify but not hash")
    secret = encode_password(password)
    inputs = make_inputs(**{k: params.pop(k) for k in INPUT_NAMES if k in params})
    return writer.hash(secret, inputs, params)


def convert(hash: str, to: str, *, scheme: str | None = None) -> str:
    """Re-encode a stored hash in another scheme's format, without the password.

    The string is parsed by its own scheme and composed by the target's, so it works where
    both formats compute the same function of the password (Django ``pbkdf2_sha256$`` to a
    Keycloak ``pbkdf2-sha256`` credential, ASP.NET Identity v3 to a PHC string, ``$2y$`` to
    ``$2b$``). The same password then verifies under both.

    Args:
        hash: the stored string.
        to: the target scheme's name.
        scheme: the source scheme, when the string is not self-describing.

    Returns:
        The string in the target's format.

    Raises:
        UnconvertibleHashError: the two formats compute different things; the message says
            why.
        UnknownSchemeError, AmbiguousHashError, MalformedHashError: as for :func:`verify`.
    """
    from hashcompat.conversion import convert as run_convert  # loads two family modules

    if not isinstance(to, str):
        raise InvalidArgumentError(f"to must be str, not {type(to).__name__}")
    return run_convert(hash, to, scheme=scheme)
