"""A scheme wrapped in a ``{TAG}`` prefix, as directories and mail servers store them.

OpenLDAP writes ``{CRYPT}$6$...`` and ``{ARGON2}$argon2id$...``; Dovecot writes
``{SHA512-CRYPT}$6$...`` and ``{BLF-CRYPT}$2y$...``. The bytes after the tag are exactly the
inner scheme's string, so the wrapper strips the tag and hands over to the inner scheme, whose
parser, cost caps and vectors already exist: no second copy of any algorithm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from hashcompat.errors import MalformedHashError
from hashcompat.scheme import Inputs, SchemeInfo, Strength


class Inner(Protocol):
    """What the wrapper needs of the scheme inside (frozen dataclasses fit: info is read-only)."""

    @property
    def info(self) -> SchemeInfo: ...

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool: ...


@dataclass(frozen=True, slots=True)
class Prefixed:
    info: SchemeInfo
    tags: tuple[str, ...]
    inner: Inner

    def _strip(self, hash: str) -> str:
        for tag in self.tags:
            if hash.startswith(tag):
                return hash[len(tag) :]
        raise MalformedHashError(self.info.name, f"expected one of the tags {', '.join(self.tags)}")

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "the string does not have this format")
        return self.inner.verify(secret, self._strip(hash), inputs)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        made: str = self.inner.hash(secret, inputs, params)  # type: ignore[attr-defined]
        return self.tags[0] + made

    def needs_update(self, hash: str, params: Mapping[str, object] | None = None) -> bool:
        update = getattr(self.inner, "needs_update", None)
        if update is None:
            return self.info.strength is not Strength.MODERN
        return bool(update(self._strip(hash), params))


def prefixed(
    name: str,
    tags: tuple[str, ...],
    inner: Inner,
    *,
    summary: str,
    platforms: tuple[str, ...],
    aliases: tuple[str, ...] = (),
) -> Prefixed:
    """Wrap ``inner``; strength, inputs and whether it can hash follow the inner scheme."""
    inner_pattern = inner.info.pattern or ".*"
    tag_pattern = "|".join(re.escape(tag) for tag in tags)
    info = SchemeInfo(
        name=name,
        summary=summary,
        aliases=aliases,
        platforms=platforms,
        prefixes=tags,
        pattern=f"(?:{tag_pattern})(?:{inner_pattern})",
        self_describing=True,
        inputs=inner.info.inputs,
        strength=inner.info.strength,
        can_hash=inner.info.can_hash and callable(getattr(inner, "hash", None)),
        example=tags[0] + (inner.info.example or ""),
        notes=f"{tags[0]} followed by a {inner.info.name} string",
    )
    return Prefixed(info, tags, inner)


def find(schemes: Sequence[Inner], name: str) -> Inner:
    """The scheme called ``name`` in a family module's SCHEMES."""
    return next(s for s in schemes if s.info.name == name)
