"""Where a push finds its platform and its credentials: the environment, or a TOML file.

Never the command line (argv is visible to every user of the machine and lands in shell
history). For target ``okta`` and key ``token`` the value is, first found:

1. the environment variable ``HASHCOMPAT_OKTA_TOKEN``;
2. ``token`` in the ``[okta]`` table of the config file (``--config`` or
   ``HASHCOMPAT_PUSH_CONFIG``); a value written ``"env:NAME"`` is read from variable ``NAME``,
   as in the hook server's configuration. A file that holds a secret itself must not be
   readable by group or others.

A profile (``--profile staging``) reads ``[okta.staging]`` over ``[okta]`` and over the
environment, which is how a run is pointed at a staging tenant without touching production.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from hashcompat.errors import PushError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

SECRET_KEYS = frozenset({"token", "api_key", "secret", "client_secret"})


class Settings(Mapping[str, str]):
    """A target's settings; ``require`` names a missing one with where it could come from.
    The repr shows the keys only."""

    def __init__(self, target: str, values: dict[str, str]) -> None:
        self.target = target
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Settings({self.target!r}, keys={sorted(self._values)})"

    def require(self, key: str) -> str:
        value = self._values.get(key)
        if not value:
            env = f"HASHCOMPAT_{self.target.upper()}_{key.upper()}"
            raise PushError(
                f"{self.target}: no {key}; set {env} or '{key}' in the [{self.target}] table "
                "of the config file (never on the command line)"
            )
        return value


def _resolve(value: object, where: str) -> str:
    text = str(value)
    if text.startswith("env:"):
        name = text[4:]
        if name not in os.environ:
            raise PushError(f"{where}: environment variable {name} is not set")
        return os.environ[name]
    return text


def load(target: str, config: str | Path | None = None, profile: str | None = None) -> Settings:
    """``target``'s settings: the config file's ``[target]`` table, then the environment over
    it, then ``[target.profile]`` over both (so a staging profile never picks up a production
    variable for a key it names)."""
    base: dict[str, object] = {}
    chosen: dict[str, object] = {}
    path = config or os.environ.get("HASHCOMPAT_PUSH_CONFIG")
    if path:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise PushError(f"{path}: cannot read the push config ({exc})") from None
        table = data.get(target, {})
        if profile and not isinstance(table.get(profile), dict):
            raise PushError(f"{path}: no [{target}.{profile}] table")
        base = {k: v for k, v in table.items() if not isinstance(v, dict)}
        chosen = dict(table[profile]) if profile else {}
    elif profile:
        raise PushError(
            f"profile= {profile} needs a config file (config=)",
            parameters=("profile=", "config="),
        )
    values = {k: _value(path, target, k, v) for k, v in base.items()}
    prefix = f"HASHCOMPAT_{target.upper()}_"
    for name, value in os.environ.items():
        if name.startswith(prefix) and value:
            values[name[len(prefix) :].lower()] = value
    values.update({k: _value(path, target, k, v) for k, v in chosen.items()})
    return Settings(target, values)


def _value(path: Path | str | None, target: str, key: str, value: object) -> str:
    if key in SECRET_KEYS and not str(value).startswith("env:") and path is not None:
        _private(Path(path))
    return _resolve(value, f"{path} [{target}] {key}")


def _private(path: Path) -> None:
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PushError(
            f"{path} holds a secret and is readable by others: chmod 600 it, "
            'or write the secret as "env:VARIABLE"'
        )
