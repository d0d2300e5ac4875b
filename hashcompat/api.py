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
    """True if ``password`` matches ``hash``; False if not. Every other outcome raises.

    ``scheme=None`` identifies the scheme from the hash string, which only works for
    self-describing formats; a bare digest raises :class:`AmbiguousHashError`.
    """
    return engine_verify(password, hash, scheme=scheme, salt=salt, username=username, pepper=pepper)


def identify(hash: str) -> list[str]:
    """Names of the schemes whose format ``hash`` has, most likely first; [] if none.

    Never raises, whatever the input.
    """
    if type(hash) is str:  # the common case, without a call
        return registry.identify_names(hash)
    try:
        text = hash_text(hash)
    except HashcompatError:
        return []
    return registry.identify_names(text)


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
