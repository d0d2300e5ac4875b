"""The hook server's configuration: a TOML file, with secrets read from environment variables.

Any string value written ``"env:NAME"`` is replaced by the variable ``NAME`` (a missing one is
an error), so the file can be committed and the secrets live in the service's environment.
``HASHCOMPAT_CONFIG`` names the file when no path is given (the Cognito Lambda uses that).
"""

from __future__ import annotations

import dataclasses
import enum
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from hashcompat.errors import ConfigError, HashcompatError
from hashcompat.migrate import Migrator
from hashcompat.server._ratelimit import RateLimits

__all__ = [
    "AuditUser",
    "AuthConfig",
    "PlatformConfig",
    "ServerConfig",
    "StateConfig",
    "load_config",
]

# each platform's own timeout for the hook, in seconds (Okta: 3 s; Entra: at most 2 s;
# Cognito: 5 s for a Lambda trigger); the others are conservative values, set timeout_ms to
# what the deployment configured there
DEFAULT_TIMEOUTS = MappingProxyType(
    {
        "okta": 3.0,
        "entra": 2.0,
        "b2c": 3.0,
        "kratos": 3.0,
        "auth0": 3.0,
        "generic": 3.0,
        "cognito": 5.0,
    }
)
IN_PROCESS = frozenset({"cognito"})  # invoked by the platform itself, not over HTTP
PLATFORMS = tuple(DEFAULT_TIMEOUTS)
_EMPTY: Mapping[str, Any] = MappingProxyType({})


class AuditUser(str, enum.Enum):
    """How the audit log writes user ids (``[server] audit_user``). A password typed into the
    user-name field reaches the log as a user id, so ``plain`` is for trials only."""

    PLAIN = "plain"  # as typed
    HMAC = "hmac"  # "hmac:" + 32 hex of HMAC-SHA256 under a key from the environment
    TRUNCATE = "truncate"  # the first 3 characters, then "..."

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class AuthConfig:
    """How callers prove who they are; a request passing any configured method is accepted."""

    header: str | None = None  # a header carrying a shared secret (Okta, B2C, Kratos api_key)
    secret: str | None = field(default=None, repr=False)
    basic_user: str | None = None
    basic_password: str | None = field(default=None, repr=False)
    hmac_secret: str | None = field(default=None, repr=False)
    hmac_header: str = "X-Hashcompat-Signature"  # "sha256=" + hex HMAC-SHA256 of the body
    bearer_key_file: str | None = None  # JWKS or PEM public key for bearer JWTs (Entra)
    bearer_issuer: str | None = None
    bearer_audience: str | None = None
    bearer_azp: str | None = None  # the calling app's ID (Entra: its authentication extensions app)

    @property
    def configured(self) -> bool:
        return bool(
            (self.header and self.secret)
            or (self.basic_user and self.basic_password)
            or self.hmac_secret
            or (self.bearer_key_file and self.bearer_audience)
        )


@dataclass(frozen=True, slots=True)
class PlatformConfig:
    name: str
    auth: AuthConfig
    timeout_s: float
    # returned on success, "{user_id}" filled in
    claims: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    # the platform's own settings (claim names, keys...)
    options: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    @property
    def deadline_s(self) -> float:
        """When the answer must leave: the platform's timeout less a margin for the network."""
        return max(self.timeout_s - 0.3, self.timeout_s * 0.75)


@dataclass(frozen=True, slots=True)
class StoreConfig:
    url: str | None = field(default=None, repr=False)
    file: str | None = None
    table: str = "users"
    id_column: str = "id"
    hash_column: str = "password_hash"
    scheme_column: str | None = None
    salt_column: str | None = None
    username_column: str | None = None
    migrated_column: str | None = None
    default_scheme: str | None = None  # for a file whose rows name no scheme
    profile_columns: tuple[str, ...] = ()  # read after a verified sign-in, for the claims
    platform: str | None = None  # `from = "wordpress"`: the preset's table, columns and rules
    prefix: str | None = None  # the preset's table prefix
    breaker_failures: int = 5  # consecutive unavailability errors that open the circuit
    breaker_open_ms: int = 5000  # how long it stays open before a half-open probe


@dataclass(frozen=True, slots=True)
class StateConfig:
    """Shared state in Redis for every worker and replica (None: per process)."""

    url: str | None = field(default=None, repr=False)  # redis://host:6379/0, unix:///run/r.sock
    prefix: str = "hashcompat:"
    timeout_ms: int = 500


@dataclass(frozen=True, slots=True)
class ServerConfig:
    store: StoreConfig
    migrator: Migrator
    platforms: Mapping[str, PlatformConfig]
    host: str = "127.0.0.1"
    port: int = 8080
    max_body_bytes: int = 16_384
    budget_s: float = 1.0
    min_response_s: float = 0.0
    # checks running at once per process (0: two per CPU); the others wait, and one still
    # waiting at the platform's deadline is answered "later" without costing any work
    max_concurrent_checks: int = 0
    lowercase_user: bool = False
    audit_log: str | None = "-"
    audit_user: AuditUser = AuditUser.PLAIN
    audit_key: bytes | None = field(default=None, repr=False)
    rate: RateLimits = field(default_factory=RateLimits)
    state: StateConfig = field(default_factory=StateConfig)


def _resolve(value: Any, where: str) -> Any:
    if isinstance(value, str) and value.startswith("env:"):
        name = value[4:]
        if name not in os.environ:
            raise ConfigError(f"{where}: environment variable {name} is not set")
        return os.environ[name]
    if isinstance(value, dict):
        return {k: _resolve(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, where) for v in value]
    return value


def _pick(table: Mapping[str, Any], where: str, cls: type[Any]) -> Any:
    names = set(cls.__dataclass_fields__)
    unknown = set(table) - names
    if unknown:
        raise ConfigError(f"[{where}] has unknown keys {sorted(unknown)}")
    try:
        return cls(**table)
    except TypeError as exc:
        raise ConfigError(f"[{where}]: {exc}") from None


def _with_preset(table: Mapping[str, Any]) -> Mapping[str, Any]:
    """``[store] from = "wordpress"`` (with ``prefix``): the preset fills the table and the
    columns the section does not name; users sign in with their email (the preset's email
    column is the key) unless ``id_column`` says otherwise."""
    if "from" not in table:
        return table
    raw = dict(table)
    name = raw.pop("from")
    from hashcompat.dump._presets import preset  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    try:
        bound = preset(str(name)).bind(raw.get("prefix"))
    except HashcompatError as exc:
        raise ConfigError(f"[store] from: {exc}") from None
    if bound.joins or bound.preset.compose:
        raise ConfigError(
            f"[store] from = {bound.preset.name!r}: its hash is read from several tables or "
            "columns; export its users to a file with `hashcompat export` and use [store] file"
        )
    cols = bound.columns
    filled = {
        "platform": bound.preset.name,
        "table": bound.table,
        "id_column": cols.get("email") or cols["id"],
        "hash_column": cols["hash"],
        "salt_column": cols.get("salt"),
        "username_column": cols.get("username"),
        "scheme_column": cols.get("scheme"),
    }
    for key, value in filled.items():
        if value is not None:
            raw.setdefault(key, value)
    return raw


def _migrator(table: Mapping[str, Any]) -> Migrator:
    known = {"allowed", "pepper", "target", "target_params", "harden_runtime"}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"[migrator] has unknown keys {sorted(unknown)}")
    allowed = table.get("allowed")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed)
    ):
        raise ConfigError('[migrator] allowed must be a list of scheme names, e.g. ["phpass"]')
    return Migrator(
        target=str(table.get("target", "argon2")),
        target_params=MappingProxyType(dict(table.get("target_params", {}))),
        allowed=None if allowed is None else frozenset(allowed),
        pepper=table.get("pepper"),
        rehash=False,
        harden_runtime=bool(table.get("harden_runtime", True)),
    )


def _platforms(table: Mapping[str, Any], auth: AuthConfig) -> dict[str, PlatformConfig]:
    found: dict[str, PlatformConfig] = {}
    for name, given in table.items():
        if name not in DEFAULT_TIMEOUTS:
            raise ConfigError(f"[platforms.{name}]: unknown platform (known: {list(PLATFORMS)})")
        settings = dict(given)
        if not settings.pop("enabled", True):
            continue
        own = settings.pop("auth", None)
        claims = settings.pop("claims", None)
        if name == "cognito" and claims is None:
            # Cognito rejects empty userAttributes; the handler fills email only when the
            # user name is an e-mail address and refuses the sign-in otherwise
            claims = {"email": "{user_id}"}
        timeout = float(settings.pop("timeout_ms", DEFAULT_TIMEOUTS[name] * 1000)) / 1000
        found[name] = PlatformConfig(
            name=name,
            auth=auth if own is None else _pick(own, f"platforms.{name}.auth", AuthConfig),
            timeout_s=timeout,
            claims=MappingProxyType(dict(claims or {})),
            options=MappingProxyType(settings),
        )
    return found


def _audit_user(server: Mapping[str, Any]) -> dict[str, Any]:
    try:
        mode = AuditUser(server.get("audit_user", "plain"))
    except ValueError:
        choices = [m.value for m in AuditUser]
        raise ConfigError(f"[server] audit_user must be one of {choices}") from None
    variable = str(server.get("audit_key_env", "HASHCOMPAT_AUDIT_KEY"))
    key = os.environ.get(variable, "") if mode is AuditUser.HMAC else ""
    if mode is AuditUser.HMAC and len(key) < 16:
        raise ConfigError(
            f'[server] audit_user = "hmac" needs a key of 16 characters or more in the '
            f"environment variable {variable}"
        )
    return {"audit_user": mode, "audit_key": key.encode("utf-8") or None}


def parse_config(data: Mapping[str, Any], *, insecure_dev: bool = False) -> ServerConfig:
    data = _resolve(dict(data), "config")
    sections = {"server", "store", "migrator", "auth", "rate_limit", "platforms", "state"}
    unknown = set(data) - sections
    if unknown:
        raise ConfigError(f"unknown sections {sorted(unknown)}")
    server = dict(data.get("server", {}))
    auth = _pick(data.get("auth", {}), "auth", AuthConfig)
    store = _pick(_with_preset(data.get("store", {})), "store", StoreConfig)
    store = dataclasses.replace(store, profile_columns=tuple(store.profile_columns))
    if (store.url is None) == (store.file is None):
        raise ConfigError("[store] needs exactly one of url (SQLAlchemy) or file")
    # a route is served only when its table is there: no default platform
    platforms = _platforms(data.get("platforms", {}), auth)
    known = {"host", "port", "max_body_bytes", "budget_ms", "min_response_ms", "lowercase_user"}
    known |= {"audit_log", "audit_user", "audit_key_env", "max_concurrent_checks"}
    if set(server) - known:
        raise ConfigError(f"[server] has unknown keys {sorted(set(server) - known)}")
    config = ServerConfig(
        store=store,
        migrator=_migrator(data.get("migrator", {})),
        platforms=MappingProxyType(platforms),
        host=str(server.get("host", "127.0.0.1")),
        port=int(server.get("port", 8080)),
        max_body_bytes=int(server.get("max_body_bytes", 16_384)),
        budget_s=float(server.get("budget_ms", 1000)) / 1000,
        min_response_s=float(server.get("min_response_ms", 0)) / 1000,
        max_concurrent_checks=int(server.get("max_concurrent_checks", 0)),
        lowercase_user=bool(server.get("lowercase_user", False)),
        audit_log=server.get("audit_log", "-"),
        **_audit_user(server),
        rate=_pick(data.get("rate_limit", {}), "rate_limit", RateLimits),
        state=_pick(data.get("state", {}), "state", StateConfig),
    )
    check(config, insecure_dev=insecure_dev)
    return config


def check(config: ServerConfig, *, insecure_dev: bool) -> None:
    """Refuse a server that would accept anyone, or answer after a platform gave up."""
    if not config.platforms:
        raise ConfigError(
            "no platform is enabled: add a [platforms.NAME] table for each route to serve "
            f"(known: {list(PLATFORMS)})"
        )
    for platform in config.platforms.values():
        if not platform.auth.configured and not insecure_dev and platform.name not in IN_PROCESS:
            raise ConfigError(
                f"platform {platform.name} has no caller authentication; configure [auth] "
                "(or pass insecure_dev=True on a development machine)",
                parameters=("insecure_dev=True",),
            )
        if config.budget_s >= platform.timeout_s:
            raise ConfigError(
                f"budget_ms must be below {platform.name}'s timeout of "
                f"{platform.timeout_s * 1000:.0f} ms"
            )


def load_config(path: str | None = None, *, insecure_dev: bool = False) -> ServerConfig:
    path = path or os.environ.get("HASHCOMPAT_CONFIG")
    if not path:
        raise ConfigError("no configuration file: pass one or set HASHCOMPAT_CONFIG")
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415 - lazy: a stdlib module only this path needs
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return parse_config(data, insecure_dev=insecure_dev)
