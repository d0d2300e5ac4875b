"""The scheme registry: names, aliases, prefix dispatch and identification.

Built-in scheme modules are imported on the first lookup, not by ``import hashcompat``.
Third-party schemes come from the entry-point group ``hashcompat.schemes``; they are loaded
only when a name is not found among the built-ins, or when the whole catalogue is needed.
A duplicate name is refused unless ``replace=True``; a plugin that fails to load is logged
and skipped, never fatal.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable, Iterator

from hashcompat.errors import InvalidArgumentError, UnknownSchemeError
from hashcompat.scheme import Scheme, SchemeInfo

__all__ = ["ENTRY_POINT_GROUP", "Registry", "registry"]


ENTRY_POINT_GROUP = "hashcompat.schemes"

# Each module exposes SCHEMES: a tuple of scheme objects. Order matters: it is the ranking of
# candidates that share a format (md5 before the other 32-hex digests, for instance).
BUILTIN_MODULES = (
    "hashcompat.families.digests",
    "hashcompat.families.phpass",
    "hashcompat.families.bcrypt",
    "hashcompat.families.argon2",
    "hashcompat.families.plaintext",
    "hashcompat.families.wrapped",
    "hashcompat.families.platforms",
    "hashcompat.families.unixcrypt",
    "hashcompat.families.django",
    "hashcompat.families.delegated",
    "hashcompat.families.pbkdf2",
    "hashcompat.families.xcrypt",
    "hashcompat.families.databases",
    "hashcompat.families.ldap",
    "hashcompat.families.dovecot",
    "hashcompat.families.magento2",
    "hashcompat.families.webapps",
    "hashcompat.families.aspnet",
    "hashcompat.families.aix",
    "hashcompat.families.keycloak",
    "hashcompat.families.phc",
)


def _width(pattern: str) -> tuple[int, int]:
    """The shortest and longest string ``pattern`` can match, so identify skips it by length.

    Uses the re module's own parser; if that is unavailable, every length is allowed.
    """
    try:
        try:
            from re import _parser  # type: ignore[attr-defined]  # Python 3.11+
        except ImportError:
            import sre_parse as _parser  # Python 3.10
        low, high = _parser.parse(pattern).getwidth()
        return int(low), int(high)
    except Exception:  # a private API: on any surprise, try the pattern at every length
        return 0, 1 << 62


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


class Registry:
    """Name and format lookup over scheme objects. Read-only from outside but for ``register``."""

    def __init__(
        self,
        builtin_modules: Iterable[str] = BUILTIN_MODULES,
        entry_point_group: str | None = ENTRY_POINT_GROUP,
    ) -> None:
        self._builtin_modules = tuple(builtin_modules)
        self._group = entry_point_group
        self._schemes: dict[str, Scheme] = {}  # canonical name -> scheme, in registration order
        self._names: dict[str, str] = {}  # normalised name or alias -> canonical name
        self._by_prefix: dict[str, list[str]] = {}
        self._prefix_lengths: tuple[int, ...] = ()
        self._unprefixed: list[str] = []  # identifiable schemes without a literal prefix
        self._widths: dict[str, tuple[int, int]] = {}  # their patterns' shortest/longest match
        self._found: dict[str, Scheme] = {}  # names as callers spell them; cleared on change
        self.generation = 0  # bumped on every change, so callers can cache lookups
        self._ranks: tuple[int, dict[str, tuple[bool, int]]] | None = None
        self._builtins_loaded = False
        self._plugins_loaded = False
        self._lock = threading.RLock()

    # -- registration -------------------------------------------------------------------------

    def register(self, scheme: Scheme, *, replace: bool = False) -> None:
        """Add ``scheme``; a clash of names or aliases raises unless ``replace`` is true."""
        info = getattr(scheme, "info", None)
        if not isinstance(info, SchemeInfo) or not callable(getattr(scheme, "verify", None)):
            raise InvalidArgumentError("a scheme needs an info: SchemeInfo and a verify() method")
        with self._lock:
            self._load_builtins()
            self._add(scheme, replace=replace)

    def _add(self, scheme: Scheme, *, replace: bool) -> None:
        self._found = {}
        self.generation += 1
        info = scheme.info
        keys = [_key(info.name), *(_key(a) for a in info.aliases)]
        clashes = {self._names[k] for k in keys if k in self._names}
        if clashes and not replace:
            raise InvalidArgumentError(
                f"scheme {info.name} clashes with registered {sorted(clashes)}; "
                "pass replace=True to replace it"
            )
        for old in clashes:
            self._remove(old)
        self._schemes[info.name] = scheme
        for k in keys:
            self._names[k] = info.name
        if info.pattern is not None:
            if info.prefixes:
                for prefix in info.prefixes:
                    self._by_prefix.setdefault(prefix, []).append(info.name)
                self._prefix_lengths = tuple(
                    sorted({len(p) for p in self._by_prefix}, reverse=True)
                )
            else:
                self._unprefixed.append(info.name)
                self._widths[info.name] = _width(info.pattern)

    def _remove(self, name: str) -> None:
        self._found = {}
        self.generation += 1
        del self._schemes[name]
        for k in [k for k, v in self._names.items() if v == name]:
            del self._names[k]
        for names in self._by_prefix.values():
            if name in names:
                names.remove(name)
        if name in self._unprefixed:
            self._unprefixed.remove(name)

    def _load_builtins(self) -> None:
        if self._builtins_loaded:
            return
        with self._lock:
            if self._builtins_loaded:
                return
            for module_name in self._builtin_modules:
                module = importlib.import_module(module_name)
                for scheme in module.SCHEMES:
                    self._add(scheme, replace=False)
            self._builtins_loaded = True

    def _load_plugins(self) -> None:
        if self._plugins_loaded or self._group is None:
            return
        with self._lock:
            if self._plugins_loaded:
                return
            self._plugins_loaded = True
            from importlib.metadata import entry_points

            for ep in entry_points(group=self._group):
                try:
                    loaded = ep.load()
                    schemes = loaded if isinstance(loaded, (list, tuple)) else (loaded,)
                    for scheme in schemes:
                        self._add(scheme, replace=False)
                except Exception as exc:  # a broken plugin must not break verification
                    import logging

                    logging.getLogger("hashcompat").warning(
                        "hashcompat: skipped scheme plugin %s: %s", ep.name, exc
                    )

    # -- lookup -------------------------------------------------------------------------------

    def find(self, name: str) -> Scheme | None:
        """The scheme registered under ``name`` or one of its aliases, or None."""
        if not isinstance(name, str):
            raise InvalidArgumentError("a scheme name must be a str")
        hit = self._found.get(name)
        if hit is not None:
            return hit
        self._load_builtins()
        key = _key(name)
        canonical = self._names.get(key)
        if canonical is None and not self._plugins_loaded:
            self._load_plugins()
            canonical = self._names.get(key)
        if canonical is None:
            return None
        found = self._found[name] = self._schemes[canonical]
        return found

    def get(self, name: str) -> Scheme:
        """Like :meth:`find`, but raises :class:`UnknownSchemeError` with close names."""
        scheme = self.find(name)
        if scheme is None:
            import difflib

            close = difflib.get_close_matches(_key(name), list(self._names), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            shown = name if len(name) <= 40 else name[:37] + "..."
            raise UnknownSchemeError(f"unknown scheme {shown!r}{hint}", scheme=shown)
        return scheme

    def __iter__(self) -> Iterator[Scheme]:
        self._load_builtins()
        self._load_plugins()
        return iter(list(self._schemes.values()))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def infos(self) -> list[SchemeInfo]:
        return [s.info for s in self]

    # -- identification -----------------------------------------------------------------------

    def _prefixed(self, hash: str) -> Iterator[Scheme]:
        for length in self._prefix_lengths:
            for name in self._by_prefix.get(hash[:length], ()):
                yield self._schemes[name]

    def identify(self, hash: str) -> list[Scheme]:
        """Schemes whose exact format ``hash`` has: self-describing first, then by registration."""
        if not self._plugins_loaded:
            self._load_builtins()
            self._load_plugins()
        schemes = self._schemes
        found = [
            name
            for length in self._prefix_lengths
            for name in self._by_prefix.get(hash[:length], ())
            if schemes[name].info.matches(hash)
        ]
        size = len(hash)
        widths = self._widths
        found += [
            name
            for name in self._unprefixed
            if widths[name][0] <= size <= widths[name][1] and schemes[name].info.matches(hash)
        ]
        if len(found) < 2:
            return [schemes[name] for name in found]
        rank = self._rank()
        return [schemes[name] for name in sorted(set(found), key=rank.__getitem__)]

    def _rank(self) -> dict[str, tuple[bool, int]]:
        """Sort key of every scheme: self-describing first, then registration order."""
        if self._ranks is None or self._ranks[0] != self.generation:
            ranks = {
                name: (not s.info.self_describing, i)
                for i, (name, s) in enumerate(self._schemes.items())
            }
            self._ranks = (self.generation, ranks)
        return self._ranks[1]

    def claimed_by_prefix(self, hash: str) -> list[Scheme]:
        """Self-describing schemes whose prefix ``hash`` starts with, matched or not.

        Used to tell "malformed phpass hash" from "unknown format".
        """
        self._load_builtins()
        self._load_plugins()
        return [s for s in self._prefixed(hash) if s.info.self_describing]


registry = Registry()
