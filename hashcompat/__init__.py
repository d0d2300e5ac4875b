"""hashcompat: verify legacy password hashes, check a sample, and rehash on login.

``import hashcompat`` loads the registry's tables only; scheme modules, the command line and
heavy backends are imported when first used.
"""

from __future__ import annotations

from collections.abc import Iterable

from hashcompat.api import hash, identify, schemes, verify
from hashcompat.errors import (
    AmbiguousHashError,
    FormulaSyntaxError,
    HashcompatError,
    InvalidArgumentError,
    MalformedHashError,
    MissingParameterError,
    SchemeUnavailableError,
    UnknownSchemeError,
    UnsafeParametersError,
)
from hashcompat.registry import registry
from hashcompat.scheme import Inputs, Limits, Scheme, SchemeInfo, Strength, get_limits, set_limits

__version__ = "0.1.0"


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
    from hashcompat.formula import register_formula as register  # keeps `import` light

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
    "FormulaSyntaxError",
    "HashcompatError",
    "Inputs",
    "InvalidArgumentError",
    "Limits",
    "MalformedHashError",
    "MissingParameterError",
    "Scheme",
    "SchemeInfo",
    "SchemeUnavailableError",
    "Strength",
    "UnknownSchemeError",
    "UnsafeParametersError",
    "__version__",
    "get_limits",
    "hash",
    "identify",
    "register",
    "register_formula",
    "schemes",
    "set_limits",
    "verify",
]
