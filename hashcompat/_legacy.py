"""Plugins of hashcompat's earlier protocol, behind :class:`~hashcompat.scheme.Scheme`.

Kept out of :mod:`hashcompat.scheme` so that, compiled, the scheme base has no subclass in its
own module: mypyc would otherwise check ``self`` in the base's methods against that one
subclass, refusing every family's scheme.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hashcompat.errors import InvalidArgumentError
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Writer

__all__ = ["LegacyScheme"]


class LegacyScheme(Scheme):
    """A plugin written for hashcompat's earlier protocol (an ``info`` and a ``verify``
    method, caps enforced by the plugin itself) behind :class:`Scheme`.

    The registry wraps such an object once, at ``register()``; new plugins subclass
    :class:`Scheme`. ``parse`` keeps the whole string, ``check`` calls the plugin's
    ``verify``, and a ``hash`` method, if the plugin has one, becomes the writer.
    """

    __slots__ = ("_inner", "info")

    def __init__(self, inner: object) -> None:
        info = getattr(inner, "info", None)
        if not isinstance(info, SchemeInfo) or not callable(getattr(inner, "verify", None)):
            raise InvalidArgumentError("a scheme needs an info: SchemeInfo and a verify() method")
        self._inner = inner
        self.info = info

    def parse(self, hash: str) -> Parsed:
        # The plugin's verify is its parser: a string named with scheme= that its pattern does
        # not match is still the plugin's to judge (identification has matched it already).
        return Parsed(hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        verify = getattr(self._inner, "verify")  # noqa: B009 - checked callable at init
        return bool(verify(secret, str(parsed.digest), inputs))

    @property
    def writer(self) -> Writer | None:
        write = getattr(self._inner, "hash", None)
        return _LegacyWriter(write) if callable(write) else None


class _LegacyWriter(Writer):
    __slots__ = ("_write",)

    def __init__(self, write: Callable[..., object]) -> None:
        self._write = write

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        made = self._write(secret, inputs, params)
        if not isinstance(made, str):
            raise InvalidArgumentError("a scheme plugin's hash() must return a str")
        return made
