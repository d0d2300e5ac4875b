"""The scheme registry: names, aliases, prefix dispatch and identification.

Built-in scheme modules are imported when a lookup needs them, not by ``import hashcompat``:
a generated table (``python -m hashcompat._gen_index``) maps names, aliases and identification
keys to the one family module that defines them. A module that can build one scheme at a time
(``scheme_named(name)``, as the platforms.toml rows do) is asked for just the scheme a lookup
needs; ``SCHEMES`` is read only when the whole catalogue is.
Third-party schemes come from the entry-point group ``hashcompat.schemes``; they are loaded
only when a name is not found among the built-ins, or when the whole catalogue is needed.
A duplicate name is refused unless ``replace=True``; a plugin that fails to load is logged
and skipped, never fatal.
"""

from __future__ import annotations

import dataclasses
import importlib
import threading
from collections.abc import Callable, Iterable, Iterator

from hashcompat._idkey import Alphabet, Key, keys_of
from hashcompat._index import Entry, Index, NeedModule
from hashcompat._ranking import position
from hashcompat.errors import InvalidArgumentError, UnknownSchemeError
from hashcompat.scheme import Scheme, SchemeInfo, can_hash

__all__ = ["ENTRY_POINT_GROUP", "Registry", "registry"]


ENTRY_POINT_GROUP = "hashcompat.schemes"

# Each module exposes SCHEMES: a tuple of scheme objects. Which of them ranks first when they
# share a format is the table of hashcompat._ranking, not this order.
BUILTIN_MODULES = (
    "hashcompat._families.digests",
    "hashcompat._families.phpass",
    "hashcompat._families.bcrypt",
    "hashcompat._families.argon2",
    "hashcompat._families.plaintext",
    "hashcompat._families.wrapped",
    "hashcompat._families.sunset",
    "hashcompat._families.platforms",
    "hashcompat._families.unixcrypt",
    "hashcompat._families.django",
    "hashcompat._families.delegated",
    "hashcompat._families.pbkdf2",
    "hashcompat._families.xcrypt",
    "hashcompat._families.databases",
    "hashcompat._families.ldap",
    "hashcompat._families.dovecot",
    "hashcompat._families.magento2",
    "hashcompat._families.webapps",
    "hashcompat._families.aspnet",
    "hashcompat._families.aix",
    "hashcompat._families.keycloak",
    "hashcompat._families.cisco_kdf",
    "hashcompat._families.scryptkdf",
    "hashcompat._families.appliances",
    "hashcompat._families.cram_md5",
    "hashcompat._families.firebase",
)


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


_LATE = 1 << 20  # sequence numbers of schemes added at run time start here
_ALPHABET = tuple(Alphabet)  # the generated table's alphabet numbers


def validated(scheme: object) -> Scheme:
    """``scheme`` checked once, as it enters the registry: a :class:`Scheme` with a
    :class:`SchemeInfo`, or an object of the earlier protocol (``info`` and ``verify``) put
    behind :class:`LegacyScheme`. Anything else raises InvalidArgumentError."""
    if isinstance(scheme, Scheme):
        if not isinstance(getattr(scheme, "info", None), SchemeInfo):
            raise InvalidArgumentError("a scheme needs an info: SchemeInfo")
        return scheme
    from hashcompat._legacy import LegacyScheme  # noqa: PLC0415 - lazy: only a verify-only plugin needs it

    return LegacyScheme(scheme)


def _matcher(scheme: Scheme) -> Callable[[str], object]:
    """What verify's lookup runs: the scheme's own ``match`` when it overrides the default
    (a parser cheap enough to be the identifier, whose Parsed the engine reuses), else the
    pattern's ``fullmatch`` (then the engine parses the one scheme it picks). identify runs
    the pattern's ``fullmatch``."""
    regex = scheme.info._regex
    if type(scheme).match is not Scheme.match or regex is None:
        return scheme.match
    return regex.fullmatch


class Registry:
    """Name and format lookup over scheme objects. Read-only from outside but for ``register``.

    With the default built-in modules the registry is lazy: a generated table
    (:mod:`hashcompat._index_table`) tells which family module defines a name or a key,
    shape, and only that module is imported. With any other module list it loads them all on
    first use.
    """

    def __init__(
        self,
        builtin_modules: Iterable[str] = BUILTIN_MODULES,
        entry_point_group: str | None = ENTRY_POINT_GROUP,
    ) -> None:
        self._builtin_modules = tuple(builtin_modules)
        self._lazy = self._builtin_modules == BUILTIN_MODULES
        self._group = entry_point_group
        self._schemes: dict[str, Scheme] = {}  # canonical name -> scheme
        self._infos: dict[str, SchemeInfo] = {}  # canonical name -> its catalogue record
        self._names: dict[str, str] = {}  # normalised name or alias -> canonical name
        self._module_of: dict[str, str] = {}  # canonical name -> built-in module
        # normalised name or alias -> (module, canonical name), from the generated table
        self._static: dict[str, tuple[str, str]] = {}
        self._seq: dict[str, int] = {}
        self._counter = _LATE
        self._loaded: set[str] = set()  # built-in modules whose every scheme is registered
        self._alone: set[str] = set()  # built-in schemes registered one at a time
        self._index: Index | None = None
        self._found: dict[str, Scheme] = {}  # names as callers spell them; cleared on change
        self.generation = 0  # bumped on every change, so callers can cache lookups
        self._all_loaded = False
        self._plugins_loaded = False
        self._lock = threading.RLock()

    # -- loading ------------------------------------------------------------------------------

    def _prepare(self) -> Index:
        """The index, built on first use: stubs from the generated table, or every module."""
        if self._index is not None:
            return self._index
        with self._lock:
            if self._index is not None:
                return self._index
            index = Index()
            if self._lazy:
                from hashcompat._index_table import ROWS  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

                with index.batch():  # not yet published: one refresh for the whole table
                    for seq, row in enumerate(ROWS):
                        name, module, self_describing, forms, declared, names = row
                        self._seq[name] = seq
                        for key in names:
                            self._static[key] = (module, name)
                        if not forms:
                            continue
                        rank = (not self_describing, position(name), seq)
                        built = tuple(
                            Key(h, _ALPHABET[a], lo, hi, None if st < 0 else _ALPHABET[st], m, ex)
                            for h, a, lo, hi, st, m, ex in forms
                        )
                        index.add(Entry(name, rank, built, None, declared=declared, module=module))
            self._index = index
            if not self._lazy:
                for module in self._builtin_modules:
                    self._load_module(module)
                self._all_loaded = True
                self._settle()
            return index

    def _load_module(self, module_name: str, name: str = "") -> None:
        """Import a built-in module and register its schemes: only ``name`` where the module
        builds its schemes one at a time (``scheme_named``, as the platforms.toml rows do),
        else all of them."""
        with self._lock:
            if module_name in self._loaded or name in self._alone:
                return
            module = importlib.import_module(module_name)
            index = self._prepare()
            one = getattr(module, "scheme_named", None) if name else None
            if one is not None:
                scheme = one(name)
                if scheme is not None:
                    with index.batch():
                        self._add(validated(scheme), replace=False, module=module_name)
                    self._alone.add(name)
                    return
            self._loaded.add(module_name)
            with index.batch():
                for scheme in module.SCHEMES:
                    if scheme.info.name not in self._alone:
                        self._add(validated(scheme), replace=False, module=module_name)
                for entry in index.stubs(module_name):  # a stale table must not loop forever
                    index.remove(entry.name)

    def _load_all(self) -> None:
        if self._all_loaded:
            return
        with self._lock:
            self._prepare()
            for module in self._builtin_modules:
                self._load_module(module)
            self._all_loaded = True
            self._settle()

    def _load_plugins(self) -> None:
        if self._plugins_loaded or self._group is None:
            return
        with self._lock:
            if self._plugins_loaded:
                return
            self._plugins_loaded = True
            from importlib.metadata import entry_points  # noqa: PLC0415 - lazy: a stdlib module only this path needs

            for ep in entry_points(group=self._group):
                try:
                    loaded = ep.load()
                    schemes = loaded if isinstance(loaded, (list, tuple)) else (loaded,)
                    for scheme in schemes:
                        self._add(validated(scheme), replace=False)
                except Exception as exc:  # a broken plugin must not break verification
                    import logging  # noqa: PLC0415 - lazy: a stdlib module only this path needs

                    logging.getLogger("hashcompat").warning(
                        "hashcompat: skipped scheme plugin %s: %s", ep.name, exc
                    )
            self._settle()

    def _settle(self) -> None:
        """Once every built-in module and plugin is loaded no lookup can need a module, so
        :meth:`matches` becomes the index's own lookup: one call less per identify and verify.
        """
        settled = self._all_loaded and (self._plugins_loaded or self._group is None)
        if settled and self._index is not None:
            self.matches = self._index.lookup  # type: ignore[method-assign]

    # -- registration -------------------------------------------------------------------------

    def register(self, scheme: Scheme, *, replace: bool = False) -> None:
        """Add ``scheme`` (validated once, here); a clash of names or aliases raises unless
        ``replace`` is true."""
        checked = validated(scheme)
        with self._lock:
            self._prepare()
            self._add(checked, replace=replace)

    def _add(self, scheme: Scheme, *, replace: bool, module: str | None = None) -> None:
        info = scheme.info
        keys = [_key(info.name), *(_key(a) for a in info.aliases)]
        for key in keys:  # a built-in that owns the name must be loaded to be seen clashing
            owner = self._static.get(key)
            if owner is not None and owner[0] != module:
                self._load_module(*owner)
        self._found = {}
        self.generation += 1
        clashes = {self._names[k] for k in keys if k in self._names}
        if clashes and not replace:
            raise InvalidArgumentError(
                f"scheme {info.name} clashes with registered {sorted(clashes)}; "
                "pass replace=True to replace it"
            )
        for old in clashes:
            self._remove(old)
        self._schemes[info.name] = scheme
        # the catalogue's can_hash is derived here, once: whether the scheme has a writer
        able = can_hash(scheme)
        fixed = info if info.can_hash == able else dataclasses.replace(info, can_hash=able)
        self._infos[info.name] = fixed
        for k in keys:
            self._names[k] = info.name
        if module is not None:
            self._module_of[info.name] = module
        seq = self._seq.get(info.name) if module is not None else None
        if seq is None:
            seq = self._seq[info.name] = self._counter
            self._counter += 1
        index = self._prepare()
        if info.pattern is None or info._regex is None:
            index.remove(info.name)
            return
        index.add(
            Entry(
                info.name,
                (not info.self_describing, position(info.name), seq),
                keys_of(info.keys, info.prefixes),
                _matcher(scheme),
                test=info._regex.fullmatch,
                declared=info.prefixes if info.self_describing else (),
                payload=scheme,
                module=module,
            )
        )

    def _remove(self, name: str) -> None:
        self._found = {}
        self.generation += 1
        del self._schemes[name]
        del self._infos[name]
        for k in [k for k, v in self._names.items() if v == name]:
            del self._names[k]
        if self._index is not None:
            self._index.remove(name)

    # -- lookup -------------------------------------------------------------------------------

    def find(self, name: str) -> Scheme | None:
        """The scheme registered under ``name`` or one of its aliases, or None."""
        if not isinstance(name, str):
            raise InvalidArgumentError("a scheme name must be a str")
        hit = self._found.get(name)
        if hit is not None:
            return hit
        self._prepare()
        key = _key(name)
        canonical = self._names.get(key)
        if canonical is None:
            owner = self._static.get(key)
            if owner is not None:
                self._load_module(*owner)
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
            import difflib  # noqa: PLC0415 - lazy: a stdlib module only this path needs

            self._load_all()
            close = difflib.get_close_matches(_key(name), list(self._names), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            shown = name if len(name) <= 40 else name[:37] + "..."
            raise UnknownSchemeError(f"unknown scheme {shown!r}{hint}", scheme=shown)
        return scheme

    def __iter__(self) -> Iterator[Scheme]:
        self._load_all()
        self._load_plugins()
        order = self._seq
        names = sorted(self._schemes, key=lambda n: (position(n), order.get(n, _LATE)))
        return iter([self._schemes[n] for n in names])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def infos(self) -> list[SchemeInfo]:
        """The catalogue records, as registered: ``can_hash`` is whether the scheme has a
        writer, whatever a plugin's record says."""
        return [self._infos[s.info.name] for s in self]

    def module_of(self, name: str) -> str | None:
        """The built-in module that defines ``name`` (None for plugins and run-time schemes)."""
        return self._module_of.get(name)

    # -- identification -----------------------------------------------------------------------

    def matches(self, hash: str, /, verify: bool = False) -> list[tuple[Entry, object]]:
        """(entry, matcher result) for each scheme whose exact format ``hash`` has, in rank
        order. ``verify=True`` is verify's lookup (:meth:`Index.lookup`): a scheme whose parser
        is its matcher gives its :class:`Parsed`, which the engine hands on to check."""
        index = self._index
        if index is not None:  # the common case, straight to the index
            try:
                found = index.lookup(hash, verify)
            except NeedModule:
                pass
            else:
                if found or self._plugins_loaded or self._group is None:
                    return found
        index = self._index or self._prepare()
        while True:
            try:
                found = index.lookup(hash, verify)
            except NeedModule as need:
                self._load_module(need.module, need.name)
                continue
            if found or self._plugins_loaded or self._group is None:
                return found
            self._load_plugins()  # plugins are asked only when no built-in claims the string

    def identify(self, hash: str) -> list[Scheme]:
        """Schemes whose exact format ``hash`` has: self-describing first, then by the ranking
        table (:mod:`hashcompat._ranking`)."""
        return [e.scheme() for e, _ in self.matches(hash)]

    def identify_names(self, hash: str) -> list[str]:
        """The names :meth:`identify` would give, without touching the scheme objects."""
        return [e.name for e, _ in self.matches(hash)]

    def claimed_by_prefix(self, hash: str) -> list[Scheme]:
        """Self-describing schemes whose prefix ``hash`` starts with, matched or not.

        Used to tell "malformed phpass hash" from "unknown format".
        """
        index = self._index or self._prepare()
        while True:
            entries = index.declared(hash)
            stub = next((e for e in entries if e.stub), None)
            if stub is not None:
                self._load_module(stub.module or "", stub.name)
            elif entries or self._plugins_loaded or self._group is None:
                return [e.scheme() for e in entries]
            else:
                self._load_plugins()


registry = Registry()
