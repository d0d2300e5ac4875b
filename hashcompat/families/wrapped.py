"""The wrapped format of :mod:`hashcompat.migrate.wrap` as a verifiable scheme."""

from __future__ import annotations

from dataclasses import dataclass

from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.scheme import Inputs, SchemeInfo, Strength


@dataclass(frozen=True, slots=True)
class Wrapped:
    info: SchemeInfo

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        from hashcompat.engine import pick_owner, resolve
        from hashcompat.migrate.wrap import decode

        name, setting, inner = decode(hash)
        legacy = resolve(name)
        digest = getattr(legacy, "digest", None)
        if digest is None:
            raise InvalidArgumentError(f"scheme {legacy.info.name} cannot be wrapped")
        recomputed: str = digest(secret, setting, inputs)
        target = pick_owner(inner)
        if target.info.name == self.info.name:
            raise MalformedHashError(self.info.name, "a wrapped hash cannot wrap another")
        return bool(target.verify(recomputed.encode("utf-8"), inner, Inputs()))

    def legacy_scheme(self, hash: str) -> str:
        from hashcompat.migrate.wrap import decode

        return decode(hash)[0]


SCHEMES = (
    Wrapped(
        SchemeInfo(
            name="wrapped",
            summary="hashcompat offline upgrade: a modern hash over a legacy digest",
            aliases=("hcw", "hashcompat_wrapped"),
            platforms=("hashcompat.migrate.wrap",),
            prefixes=("$hcw$",),
            pattern=r"\$hcw\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]*\$\$.+",
            self_describing=True,
            strength=Strength.MODERN,
            example="$hcw$1$bWQ1$$argon2id$v=19$m=65536,t=3,p=4$...",
        )
    ),
)
