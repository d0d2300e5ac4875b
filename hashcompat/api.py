"""The top-level functions: verify, identify, schemes, hash, convert.

They turn loose user arguments into the narrow form schemes expect (UTF-8 bytes and an
:class:`Inputs`), pick the scheme, and guarantee the contract's promise that nothing but a
:class:`HashcompatError` escapes.
"""

from __future__ import annotations

from hashcompat.engine import encode_password, hash_text, make_inputs, resolve
from hashcompat.engine import verify as engine_verify
from hashcompat.errors import HashcompatError, InvalidArgumentError
from hashcompat.registry import registry
from hashcompat.scheme import INPUT_NAMES, SchemeInfo

__all__ = [
    "convert",
    "encode_password",
    "hash",
    "identify",
    "make_inputs",
    "resolve",
    "schemes",
    "verify",
]


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
    return engine_verify(password, hash, scheme=scheme, salt=salt, username=username, pepper=pepper)


def identify(hash: str) -> list[str]:
    """Names of the schemes whose format ``hash`` has, most likely first; [] if none.

    A bare hex digest (or ``hex:salt``) also gets the common compositions of its length, as
    formulas (``md5(md5($pass))``, ``md5($pass.$salt) @ {hash}:{salt}``...), after the
    registered schemes: the identification tools list them, and ``verify(scheme=...)`` takes
    them. ``verify`` without a scheme still refuses such a string (AmbiguousHashError).
    Never raises, whatever the input.
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
            names += [name for name in extra if name not in names]
    return names


_HEX = frozenset("0123456789abcdefABCDEF")


def _compositions(text: str) -> tuple[str, ...]:
    from hashcompat._compositions_table import COMPOSITIONS

    digest, colon, salt = text.partition(":")
    if digest.strip("0123456789abcdefABCDEF") or (colon and not salt):
        return ()
    return COMPOSITIONS.get((len(digest), bool(colon)), ())


def schemes() -> list[SchemeInfo]:
    """The catalogue: one record per registered scheme."""
    return registry.infos()


def hash(password: str | bytes, scheme: str, **params: object) -> str:
    """A new hash of ``password`` in ``scheme``; ``salt``/``username``/``pepper`` are inputs,
    every other keyword is a parameter of the scheme (``rounds``, ``cost``, ...)."""
    chosen = resolve(scheme)
    writer = chosen.writer
    if writer is None:
        raise InvalidArgumentError(f"scheme {chosen.info.name} can verify but not hash")
    secret = encode_password(password)
    inputs = make_inputs(**{k: params.pop(k) for k in INPUT_NAMES if k in params})
    return writer.hash(secret, inputs, params)


def convert(hash: str, to: str, *, scheme: str | None = None) -> str:
    """``hash`` re-encoded as scheme ``to`` without the password: the same password verifies.

    Possible where both formats compute the same function (Django ``pbkdf2_sha256$`` to a
    Keycloak ``pbkdf2-sha256`` credential, ASP.NET Identity v3 to a PHC string, ``$2y$`` to
    ``$2b$``); :class:`UnconvertibleHashError` says why where it is not.
    """
    from hashcompat.conversion import convert as run_convert  # loads two family modules

    if not isinstance(to, str):
        raise InvalidArgumentError(f"to must be str, not {type(to).__name__}")
    return run_convert(hash, to, scheme=scheme)
