"""Named target parameters: what a password or a wrapped digest is (re)hashed to.

Modelled on argon2-cffi's ``argon2.profiles``: each profile is a typed, frozen value, named so
that the CLI, a config file and the Python API all mean the same thing by ``recommended``.
migrate (``Migrator``), bulk (analyze's estimate, upgrade's wrapping), export and the hook
server read their argon2id parameters here, and nowhere else.

``RECOMMENDED`` is argon2-cffi's own default, RFC 9106's low-memory profile (64 MiB, 3 passes,
4 lanes); ``CHEAPEST`` is the smallest argon2id that is still a real one, for tests and
examples only (tests/core/test_profiles.py proves ``RECOMMENDED`` equals argon2-cffi's defaults).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from hashcompat.errors import InvalidArgumentError

__all__ = ["CHEAPEST", "PROFILES", "RECOMMENDED", "Argon2Profile", "get", "params_of"]


@dataclass(frozen=True, slots=True)
class Argon2Profile:
    """argon2id parameters under a name: ``memory_cost`` in KiB, as argon2-cffi spells them."""

    name: str
    time_cost: int
    memory_cost: int
    parallelism: int

    def __post_init__(self) -> None:
        for key in ("time_cost", "memory_cost", "parallelism"):
            value = getattr(self, key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InvalidArgumentError(f"argon2 {key} must be a positive int")
        if self.memory_cost < 8 * self.parallelism:
            raise InvalidArgumentError("argon2 memory_cost must be at least 8 * parallelism")

    def params(self) -> Mapping[str, int]:
        """The keyword parameters of ``hashcompat.hash(..., "argon2", **params)``."""
        return MappingProxyType(
            {
                "time_cost": self.time_cost,
                "memory_cost": self.memory_cost,
                "parallelism": self.parallelism,
            }
        )

    def describe(self) -> str:
        return f"argon2id m={self.memory_cost} t={self.time_cost} p={self.parallelism}"


RECOMMENDED = Argon2Profile("recommended", time_cost=3, memory_cost=65_536, parallelism=4)
CHEAPEST = Argon2Profile("cheapest", time_cost=1, memory_cost=256, parallelism=1)
PROFILES: Mapping[str, Argon2Profile] = MappingProxyType(
    {p.name: p for p in (RECOMMENDED, CHEAPEST)}
)


def get(name: str) -> Argon2Profile:
    """The profile called ``name``; InvalidArgumentError naming the known ones."""
    found = PROFILES.get(name) if isinstance(name, str) else None
    if found is None:
        raise InvalidArgumentError(f"unknown profile {name!r} (one of {', '.join(PROFILES)})")
    return found


def params_of(profile: str | Argon2Profile | Mapping[str, object]) -> Argon2Profile:
    """A profile given by name, as a value, or as a mapping of argon2 parameters (missing
    ones taken from ``RECOMMENDED``)."""
    if isinstance(profile, Argon2Profile):
        return profile
    if isinstance(profile, str):
        return get(profile)
    unknown = set(profile) - {"time_cost", "memory_cost", "parallelism"}
    if unknown:
        raise InvalidArgumentError(f"unknown argon2 parameters {sorted(unknown)}")
    return Argon2Profile(
        "custom",
        time_cost=_int(profile, "time_cost"),
        memory_cost=_int(profile, "memory_cost"),
        parallelism=_int(profile, "parallelism"),
    )


def _int(values: Mapping[str, object], key: str) -> int:
    value = values.get(key, RECOMMENDED.params()[key])
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgumentError(f"argon2 {key} must be a positive int")
    return value
