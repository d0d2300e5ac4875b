"""Platform presets: where a platform keeps its users and how it reads a stored hash.

Every preset is a table of ``presets.toml`` beside this module; this module only interprets the
few rule kinds the table uses, the same way for every platform:

- ``table``, ``joins``, ``where``: what to read, with ``{prefix}`` replaced by the site's prefix;
- ``columns``: the id, hash, salt, scheme and user-name columns, and the profile columns
  (login, email, names, verified) that export targets fill;
- ``scheme_values``: the scheme column's value (Discourse's ``password_algorithm``, Gitea's
  ``passwd_hash_algo``, XenForo's ``scheme_class``) read as a scheme name or formula;
- ``shapes``: a hash that names no scheme read as the platform reads it (WordPress reads a
  32-hex ``user_pass`` as MD5, which alone would be ambiguous);
- ``compose``: a hash kept in several columns (Keycloak's JSON credential) or inside a PHP
  serialized array (XenForo's ``data``);
- ``pepper``: the site-wide secret the platform mixes in; ``--pepper-env`` names the variable.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from hashcompat.dump._columns import Columns
from hashcompat.dump._phpserial import SerializedError, read_array
from hashcompat.dump._profilecols import PROFILE_FIELDS, Profile
from hashcompat.dump._row import Malformed, Row
from hashcompat.errors import InvalidArgumentError

__all__ = ["Bound", "Preset", "Rule", "names", "preset", "presets"]

_DUMP_FIELDS = ("id", "hash", "salt", "scheme", "username")
_PREFIX = re.compile(r"[A-Za-z0-9_$#]{0,32}")


@dataclass(frozen=True, slots=True)
class Rule:
    """A full-match pattern and the scheme (name or formula; ``\\1`` refers to a group)."""

    pattern: re.Pattern[str]
    scheme: str
    why: str = ""
    salt: re.Pattern[str] | None = None  # the rule holds only for a salt of this form

    def apply(self, value: str, salt: str | None = None) -> str | None:
        if self.salt is not None and (salt is None or not self.salt.fullmatch(salt)):
            return None
        found = self.pattern.fullmatch(value)
        return found.expand(self.scheme) if found else None


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    title: str
    runs_on: str
    prefix: str
    table: str
    columns: tuple[tuple[str, str], ...]
    where: str | None = None
    joins: tuple[tuple[str, str], ...] = ()
    shapes: tuple[Rule, ...] = ()
    scheme_values: tuple[Rule, ...] = ()
    compose: tuple[tuple[str, Any], ...] = ()
    pepper: str | None = None
    schema: str = ""

    def bind(self, prefix: str | None = None) -> Bound:
        """The preset for one site: ``{prefix}`` replaced (default: the platform's own)."""
        chosen = self.prefix if prefix is None else prefix
        if not _PREFIX.fullmatch(chosen):
            raise InvalidArgumentError(
                "a table prefix is up to 32 letters, digits, '_', '$' or '#'"
            )

        def sub(text: str) -> str:
            return text.replace("{prefix}", chosen)

        return Bound(
            preset=self,
            table=sub(self.table),
            where=sub(self.where) if self.where else None,
            joins=tuple((sub(t), sub(on)) for t, on in self.joins),
            columns={k: sub(v) for k, v in self.columns},
        )

    def read_scheme(self, hash: str, scheme: str | None, salt: str | None = None) -> str | None:
        """The scheme the platform reads ``hash`` with: its scheme column's value mapped by
        ``scheme_values``, else, for a value-less row, the first of ``shapes`` that matches
        (a rule may also depend on the form of the row's salt)."""
        if scheme is not None:
            if not self.scheme_values:
                return scheme
            return _first(self.scheme_values, scheme, salt) or scheme
        return _first(self.shapes, hash, salt) if self.shapes else None

    def reads(self) -> str:
        """One line for ``hashcompat presets``: the table and the columns it reads."""
        bound = self.bind()
        cols = ", ".join(f"{k}={v}" for k, v in bound.columns.items())
        joined = "".join(f" + {t}" for t, _ in bound.joins)
        return f"{bound.table}{joined}: {cols}"


@dataclass(frozen=True, slots=True)
class Bound:
    """A preset with its table names fixed: the columns to open the dump with, and the reader
    that turns each row into what the platform means."""

    preset: Preset
    table: str
    where: str | None
    joins: tuple[tuple[str, str], ...]
    columns: dict[str, str]

    def dump_columns(self, *, qualified: bool = True, over: Columns | None = None) -> Columns:
        """The id, hash, salt, scheme and user-name columns (``over``'s named ones win). A
        file holds one table, so there a joined ``table.column`` is read as ``column``."""
        named = {k: self.columns.get(k) for k in _DUMP_FIELDS}
        if not qualified:
            named = {k: _bare(v) for k, v in named.items()}
        if over is not None:
            named.update({k: getattr(over, k) for k in _DUMP_FIELDS if getattr(over, k)})
        return Columns(**named)

    def profile(self, *, qualified: bool = True, over: Profile | None = None) -> Profile:
        named = {k: self.columns.get(k) for k in PROFILE_FIELDS}
        if not qualified:
            named = {k: _bare(v) for k, v in named.items()}
        mine = Profile(**named)
        return mine.merged(over) if over is not None else mine

    def reader(self, columns: Columns, profile: Profile) -> Reader:
        return Reader(self.preset, columns, profile)


def _bare(column: str | None) -> str | None:
    return column.rpartition(".")[2] if column else column


@dataclass(frozen=True, slots=True)
class Reader:
    """Reads one row the way the platform does (see the module's rule kinds)."""

    preset: Preset
    columns: Columns
    profile: Profile

    @property
    def composes(self) -> bool:
        """Whether the hash is built from the stored values (then it is not written back)."""
        return bool(self.preset.compose)

    def __call__(self, item: Row | Malformed) -> Row | Malformed:
        if not isinstance(item, Row):
            return item
        row = item
        if self.preset.compose:
            composed = self._compose(row)
            if isinstance(composed, Malformed):
                return composed
            row = composed
        scheme = self.preset.read_scheme(row.hash, row.scheme, row.salt)
        if scheme != row.scheme:
            row = replace(row, scheme=scheme)
        mapped: dict[str, object] = {}
        if self.columns.username:
            mapped[self.columns.username] = row.username
        if self.columns.id:
            mapped[self.columns.id] = row.id
        return self.profile.apply(row, mapped)

    def _compose(self, row: Row) -> Row | Malformed:
        spec = dict(self.preset.compose)
        values = dict(row.other)
        if "json" in spec:
            parts: dict[str, object] = {}
            for key, column in spec["json"].items():
                value = row.hash if column == self.columns.hash else values.get(column)
                if isinstance(value, (bytes, bytearray, memoryview)):
                    value = bytes(value).decode("utf-8", "replace")
                parts[key] = value
            return replace(row, hash=json.dumps(parts, separators=(",", ":")))
        try:
            found = read_array(row.hash)
        except SerializedError as exc:
            return Malformed(row.number, row.id, f"the {spec['serialized']} column: {exc}")
        hash = found.get(spec["hash"])
        if not isinstance(hash, str) or not hash:
            return Malformed(row.number, row.id, "no hash in the serialized data")
        salt = found.get(spec.get("salt", ""), row.salt)
        return replace(row, hash=hash, salt=str(salt) if salt is not None else None)


def _first(rules: tuple[Rule, ...], value: str, salt: str | None = None) -> str | None:
    for rule in rules:
        found = rule.apply(value, salt)
        if found is not None:
            return found
    return None


def _rules(entries: list[dict[str, str]]) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            re.compile(e["pattern"]),
            e["scheme"],
            e.get("why", ""),
            re.compile(e["salt"]) if "salt" in e else None,
        )
        for e in entries
    )


@functools.cache
def presets() -> dict[str, Preset]:
    """Every built-in preset by name (``presets.toml`` read once)."""
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415 - lazy: a stdlib module only this path needs
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    text = resources.files("hashcompat.dump").joinpath("presets.toml").read_bytes()
    found: dict[str, Preset] = {}
    for name, data in tomllib.loads(text.decode("utf-8")).items():
        compose = data.get("compose", {})
        found[name] = Preset(
            name=name,
            title=data["title"],
            runs_on=data["runs_on"],
            prefix=data.get("prefix", ""),
            table=data["table"],
            columns=tuple(data["columns"].items()),
            where=data.get("where"),
            joins=tuple((j["table"], j["on"]) for j in data.get("joins", ())),
            shapes=_rules(data.get("shapes", [])),
            scheme_values=_rules(data.get("scheme_values", [])),
            compose=tuple(compose.items()),
            pepper=data.get("pepper"),
            schema=data.get("schema", ""),
        )
    return found


def names() -> list[str]:
    return sorted(presets())


def preset(name: str) -> Preset:
    """The preset called ``name`` (case-insensitive; ``woocommerce`` is ``wordpress``)."""
    key = _ALIASES.get(name.lower(), name.lower())
    try:
        return presets()[key]
    except KeyError:
        raise InvalidArgumentError(
            f"no platform preset {name[:40]!r}; `hashcompat presets` lists them"
        ) from None


_ALIASES = {
    "woocommerce": "wordpress",
    "drupal8": "drupal",
    "drupal9": "drupal",
    "drupal10": "drupal",
    "drupal11": "drupal",
    "phpbb": "phpbb3",
    "openmage": "magento1",
    "adobe-commerce": "magento2",
    "rails": "devise",
    "forgejo": "gitea",
    "owncloud": "nextcloud",
    "ips": "invision",
    "vbulletin4": "vbulletin",
    "xenforo2": "xenforo",
    "simple-machines": "smf",
}


def platform_pairs(
    platform: str, pairs: list[dict[str, str | None]], *, pepper: str | None = None
) -> tuple[list[dict[str, str | None]], str | None]:
    """A sample of password/hash pairs read the platform's way (``check --from``): each hash
    composed and named as the platform reads it, the site's ``pepper`` added. Returns the
    pairs and the scheme they all share, if one does (None: let the check discover it)."""
    reader = preset(platform).bind().reader(Columns(), Profile())
    out: list[dict[str, str | None]] = []
    schemes: set[str | None] = set()
    for number, pair in enumerate(pairs, 1):
        known = {"hash", "salt", "username", "scheme", "password", "pepper"}
        row = Row(
            number,
            None,
            pair.get("hash") or "",
            scheme=pair.get("scheme"),
            salt=pair.get("salt"),
            username=pair.get("username"),
            other=tuple((k, v) for k, v in pair.items() if k not in known),
        )
        item = reader(row) if row.hash else row
        read = dict(pair)
        if isinstance(item, Row):
            read.update(hash=item.hash, salt=item.salt)
            schemes.add(item.scheme)
        if pepper is not None:
            read["pepper"] = pepper
        out.append(read)
    shared = next(iter(schemes)) if len(schemes) == 1 else None
    return out, shared
