"""hashcompat: verify legacy password hashes, check a sample, and rehash on login.

``import hashcompat`` loads the registry's tables only; scheme modules, the command line and
heavy backends are imported when first used.
"""

from __future__ import annotations

from hashcompat.api import hash, identify, schemes, verify
from hashcompat.errors import (
    AmbiguousHashError,
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


__all__ = [
    "AmbiguousHashError",
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
    "schemes",
    "set_limits",
    "verify",
]
