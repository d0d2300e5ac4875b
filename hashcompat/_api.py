"""The top-level functions: verify, identify, schemes, hash, convert.

They turn loose user arguments into the narrow form schemes expect (UTF-8 bytes and an
:class:`Inputs`), pick the scheme, and guarantee the contract's promise that nothing but a
:class:`HashcompatError` escapes.
"""

from __future__ import annotations

from hashcompat._engine import encode_password, hash_text, make_inputs, resolve
from hashcompat._engine import verify as engine_verify
from hashcompat._registry import registry
from hashcompat.errors import HashcompatError, InvalidArgumentError
from hashcompat.scheme import INPUT_NAMES, SchemeInfo

__all__ = ["convert", "hash", "identify", "schemes", "verify"]


def verify(
    password: str | bytes,
    hash: str,
    *,
    scheme: str | None = None,
    salt: str | None = None,
    username: str | None = None,
    pepper: str | None = None,
) -> bool:
    """Check ``password`` against a stored ``hash``.

    A wrong password is an answer, not an error: every other outcome raises a
    :class:`~hashcompat.errors.HashcompatError` whose message holds no password, pepper or
    whole hash.

    Args:
        password: the password as typed (``str``, encoded as UTF-8) or raw ``bytes``.
        hash: the stored string (``bytes`` are decoded as UTF-8).
        scheme: a registered name, an alias, or a formula such as ``md5($salt.md5($pass))``.
            None identifies the scheme from the string, which works for self-describing
            formats only.
        salt: a salt the platform keeps in another column.
        username: the user name, for schemes that mix it in (PostgreSQL md5, SMF).
        pepper: a site-wide secret (PrestaShop's ``_COOKIE_KEY_``, Devise's pepper).

    Returns:
        True when the password matches, False when it does not.

    Raises:
        AmbiguousHashError: ``scheme=None`` and several schemes fit (a bare hex digest).
        UnknownSchemeError: no scheme recognises the string, or ``scheme`` names none.
        MalformedHashError: the string does not have the scheme's format.
        MissingParameterError: the scheme needs a salt, user name or pepper not given.
        UnsafeParametersError: the string asks for a cost above the caps in force.
        InvalidArgumentError: an argument has the wrong type.
    """
    return engine_verify(password, hash, scheme=scheme, salt=salt, username=username, pepper=pepper)


def identify(hash: str) -> list[str]:
    """Name the schemes whose format ``hash`` has.

    Args:
        hash: a stored string; anything else gives ``[]``.

    Returns:
        Candidate scheme names, most likely first (the ranking is
        ``hashcompat/_ranking.py``); ``[]`` when none fits. Never raises. A bare hex digest
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
    found = registry.matches(hash)
    if not found:
        names: list[str] = []
    elif len(found) == 1:  # the common case, without a comprehension's frame
        names = [found[0][0].name]
    else:
        names = [entry.name for entry, _ in found]
    if hash[:1] in _HEX:  # the composition table only has hex shapes
        digest, colon, salt = hash.partition(":")
        if not digest.strip(_HEX_DIGITS) and (salt or not colon):
            extra = (_COMPOSITIONS or _load_compositions()).get((len(digest), bool(colon)))
            if extra:
                if _COMPOSED.isdisjoint(names):  # usual: no scheme is named like one
                    names += extra
                else:
                    seen = set(names)
                    names += [name for name in extra if name not in seen]
    return names


_HEX_DIGITS = "0123456789abcdefABCDEF"
_HEX = frozenset(_HEX_DIGITS)
# (hex digits, ':salt' follows) -> compositions, and every name among them: loaded by the first
# hex string identify sees, not on import.
_COMPOSITIONS: dict[tuple[int, bool], tuple[str, ...]] = {}
_COMPOSED: set[str] = set()


def _load_compositions() -> dict[tuple[int, bool], tuple[str, ...]]:
    from hashcompat._compositions_table import COMPOSITIONS  # noqa: PLC0415 - lazy: a hex string needs it

    _COMPOSED.update(name for names in COMPOSITIONS.values() for name in names)
    _COMPOSITIONS.update(COMPOSITIONS)
    return _COMPOSITIONS


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
    from hashcompat._conversion import convert as run_convert  # noqa: PLC0415 - loads the families it reads

    if not isinstance(to, str):
        raise InvalidArgumentError(f"to must be str, not {type(to).__name__}")
    return run_convert(hash, to, scheme=scheme)
