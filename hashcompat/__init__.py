"""hashcompat: verify legacy password hashes, check a sample, and rehash on login.

``import hashcompat`` loads the registry's tables only; scheme modules, the command line and
heavy backends are imported when first used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from hashcompat._api import convert, hash, identify, schemes, verify
from hashcompat._build import COMPILED
from hashcompat._registry import registry
from hashcompat.errors import (
    AmbiguousHashError,
    BadRequestError,
    ConfigError,
    DumpError,
    FormulaSyntaxError,
    HashcompatError,
    InterruptedRunError,
    InvalidArgumentError,
    MalformedHashError,
    MigrationRefusedError,
    MissingParameterError,
    NulByteError,
    PushError,
    SampleError,
    SchemeRefusedError,
    SchemeUnavailableError,
    StateUnavailableError,
    StoreUnavailableError,
    TargetRefusedError,
    TimeBudgetError,
    UnconvertibleHashError,
    UnknownSchemeError,
    UnsafeParametersError,
)
from hashcompat.limits import Cost, CostKind, Limits, get_limits, set_limits, using_limits
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, Writer

if TYPE_CHECKING:
    from hashcompat._checker import CheckReport, Verdict

__version__ = "0.1.0"
compiled: bool = COMPILED  # the opt-in mypyc build of the hot modules (scripts/compile.py)


def check(
    pairs: Iterable[Mapping[str, str | None]],
    *,
    scheme: str | None = None,
    min_pairs: int = 5,
    limits: Limits | None = None,
) -> CheckReport:
    """Check a customer's sample of plaintext/hash pairs: can the migration keep them?

    The checker is imported on first call: it pulls in discovery, which ``import hashcompat``
    skips.

    Args:
        pairs: mappings with ``password`` and ``hash``, and optionally ``salt``, ``username``
            and ``pepper``.
        scheme: confirm this scheme only; None discovers it (registered schemes first, then
            compositions of the custom-scheme language).
        min_pairs: fewer usable pairs than this give the verdict ``insufficient``.
        limits: caps on the costs this check may spend (None: the caps in force); an
            untrusted sample may ask for huge ones.

    Returns:
        A :class:`CheckReport`: the verdict (feasible, partial, infeasible, insufficient), the
        scheme that verified every pair, the candidates, and per-pair results without any
        plaintext.

    Raises:
        InvalidArgumentError: ``pairs`` is not an iterable of mappings.
    """
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):
        raise InvalidArgumentError("check() takes an iterable of mappings (password, hash, ...)")
    from hashcompat._checker import check as run_check  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return run_check(pairs, scheme=scheme, min_pairs=min_pairs, limits=limits)


# Sub-namespaces: whole jobs built on the functions above, imported on first use so that
# ``import hashcompat`` stays light (the checker loads discovery; bulk, export and push load
# their readers and writers).
SUBPACKAGES = ("bulk", "dump", "export", "migrate", "profiles", "push", "reconcile")


def __getattr__(name: str) -> object:
    if name in ("CheckReport", "Verdict"):  # the report types load with the checker
        import hashcompat._checker as check_module  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return getattr(check_module, name)
    if name in SUBPACKAGES:
        import importlib  # noqa: PLC0415 - lazy: a stdlib module only this path needs

        return importlib.import_module(f"hashcompat.{name}")
    raise AttributeError(f"module 'hashcompat' has no attribute {name!r}")


def register(scheme: Scheme, *, replace: bool = False) -> None:
    """Add a scheme to the process-wide registry (see :class:`hashcompat.Scheme`)."""
    registry.register(scheme, replace=replace)


def register_formula(
    name: str,
    formula: str,
    *,
    layout: str | None = None,
    aliases: Iterable[str] = (),
    platforms: Iterable[str] = (),
    summary: str | None = None,
    example: str | None = None,
    notes: str = "",
    replace: bool = False,
) -> Scheme:
    """Register a custom-scheme formula under ``name`` in one line, for example
    ``register_formula("mybb", "md5(md5($salt).md5($pass))", layout="{hash}:{salt}")``.
    The language is described in docs/formulas.md."""
    from hashcompat.formula import register_formula as register  # noqa: PLC0415 - keeps `import` light

    return register(
        name,
        formula,
        layout=layout,
        aliases=aliases,
        platforms=platforms,
        summary=summary,
        example=example,
        notes=notes,
        replace=replace,
    )


__all__ = [
    "AmbiguousHashError",
    "BadRequestError",
    "CheckReport",
    "ConfigError",
    "Cost",
    "CostKind",
    "DumpError",
    "FormulaSyntaxError",
    "HashcompatError",
    "Inputs",
    "InterruptedRunError",
    "InvalidArgumentError",
    "Limits",
    "MalformedHashError",
    "MigrationRefusedError",
    "MissingParameterError",
    "NulByteError",
    "Parsed",
    "PushError",
    "SampleError",
    "Scheme",
    "SchemeInfo",
    "SchemeRefusedError",
    "SchemeUnavailableError",
    "StateUnavailableError",
    "StoreUnavailableError",
    "Strength",
    "TargetRefusedError",
    "TimeBudgetError",
    "UnconvertibleHashError",
    "UnknownSchemeError",
    "UnsafeParametersError",
    "Verdict",
    "Writer",
    "__version__",
    "check",
    "convert",
    "get_limits",
    "hash",
    "identify",
    "register",
    "register_formula",
    "schemes",
    "set_limits",
    "using_limits",
    "verify",
]
