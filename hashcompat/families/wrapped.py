"""The wrapped format of :mod:`hashcompat.migrate.wrap` as a verifiable scheme."""

from __future__ import annotations

from dataclasses import dataclass

from hashcompat.errors import MalformedHashError
from hashcompat.params import Crypt
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength


@dataclass(frozen=True, slots=True)
class Wrapped(Scheme):
    """``$hcw$1$<legacy scheme>$<setting>$<inner hash>``: parsed into a :class:`Crypt` record
    whose setting is the legacy scheme's and whose checksum is the inner modern hash."""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        from hashcompat.migrate.wrap import decode

        name, setting, inner = decode(hash)
        return Parsed(inner, salt_text=name, params=Crypt(setting, inner))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        from hashcompat.engine import pick_owner, resolve

        params = parsed.params
        assert isinstance(params, Crypt)  # noqa: S101 - parse made it
        legacy = resolve(parsed.salt_text)
        recomputed = legacy.recompute(secret, params.setting, inputs)
        target = pick_owner(params.checksum)
        if target.info.name == self.info.name:
            raise MalformedHashError(self.info.name, "a wrapped hash cannot wrap another")
        return target.verify(recomputed.encode("utf-8"), params.checksum, Inputs())

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
