"""The one exception tree of hashcompat.

Every failure that is not a wrong password raises a subclass of :class:`HashcompatError`, which
is itself a :class:`ValueError`, so callers can catch one type. Messages describe the *shape* of
the problem (a scheme name, a length, a parameter) and never contain a password, a pepper or a
whole hash: exceptions end up in logs. Every public exception of the package is defined here
(tests/project/test_exported_members.py checks it), grouped by where it is raised::

    HashcompatError (ValueError)
    |-- verify, identify, hash, convert
    |   |-- UnknownSchemeError, AmbiguousHashError, MalformedHashError
    |   |-- MissingParameterError        a salt, user name or pepper kept outside the hash
    |   |-- UnsafeParametersError        a cost above its cap
    |   |   `-- TimeBudgetError          above the per-scheme time budget (docs/cost-caps.md)
    |   |-- InvalidArgumentError (also a TypeError)
    |   |   `-- NulByteError             a target that would cut the password at a NUL
    |   |-- SchemeUnavailableError       an optional backend is not installed
    |   |-- FormulaSyntaxError           the custom-scheme language
    |   `-- UnconvertibleHashError       convert() between formats that differ
    |-- rehash on login: SchemeRefusedError (outside the login policy)
    |-- whole tables: DumpError (SampleError), InterruptedRunError
    |-- identity platforms: TargetRefusedError (export), PushError
    `-- the hook server: ConfigError, BadRequestError, StoreUnavailableError,
        StateUnavailableError, MigrationRefusedError (Cognito)

Errors that name a Python parameter (``table=``, ``output=``) list it in ``parameters`` so the
command line can name its flag instead.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousHashError",
    "BadRequestError",
    "ConfigError",
    "DumpError",
    "FormulaSyntaxError",
    "HashcompatError",
    "InterruptedRunError",
    "InvalidArgumentError",
    "MalformedHashError",
    "MigrationRefusedError",
    "MissingParameterError",
    "NulByteError",
    "PushError",
    "SampleError",
    "SchemeRefusedError",
    "SchemeUnavailableError",
    "StateUnavailableError",
    "StoreUnavailableError",
    "TargetRefusedError",
    "TimeBudgetError",
    "UnconvertibleHashError",
    "UnknownSchemeError",
    "UnsafeParametersError",
]


class HashcompatError(ValueError):
    """Root of every error hashcompat raises on purpose."""


class _NamesParameters(Exception):
    """Mixed into the errors whose message may mention Python parameters (``output=``):
    ``parameters`` lists them, so the command line can name its flags instead."""

    def __init__(self, message: str, *, parameters: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.parameters = tuple(parameters)


class UnknownSchemeError(HashcompatError):
    """No registered scheme has this name, or none recognises this hash string."""

    def __init__(self, message: str, *, scheme: str | None = None) -> None:
        super().__init__(message)
        self.scheme = scheme


class AmbiguousHashError(HashcompatError):
    """The hash string fits several schemes that cannot be told apart from the string alone."""

    def __init__(self, candidates: Sequence[str]) -> None:
        self.candidates = tuple(candidates)
        names = ", ".join(self.candidates[:12])
        more = f" and {len(self.candidates) - 12} more" if len(self.candidates) > 12 else ""
        super().__init__(
            f"this hash is not self-describing; it could be written by {names}{more}: "
            "pass scheme= to say which"
        )


class MalformedHashError(HashcompatError):
    """The hash string does not have the format its scheme requires."""

    def __init__(self, scheme: str, reason: str) -> None:
        super().__init__(f"malformed {scheme} hash: {reason}")
        self.scheme = scheme
        self.reason = reason


class MissingParameterError(HashcompatError):
    """The scheme needs an input kept outside the hash (salt, username, pepper) not given."""

    def __init__(self, scheme: str, parameter: str) -> None:
        super().__init__(
            f"scheme {scheme} needs {parameter}=; pass the value your old system stored"
        )
        self.scheme = scheme
        self.parameter = parameter


class UnsafeParametersError(HashcompatError):
    """A cost read from a hash (or asked for) is above the configured cap.

    Stored hashes can come from untrusted exports: a bcrypt cost of 31 or an argon2 memory cost
    of 4 TiB would stall a server, so such hashes are refused before any work is done.
    """

    def __init__(self, scheme: str, parameter: str, value: int, cap: int) -> None:
        super().__init__(
            f"{scheme} {parameter}={value} is above the cap of {cap}; "
            "raise it with hashcompat.set_limits() if the value is expected"
        )
        self.scheme = scheme
        self.parameter = parameter
        self.value = value
        self.cap = cap


class InvalidArgumentError(_NamesParameters, HashcompatError, TypeError):
    """An argument has the wrong type or an unknown name (also a :class:`TypeError`).

    ``parameters`` names the Python parameters the message mentions (``output=``), so the
    command line can name its flags instead."""


class SchemeUnavailableError(HashcompatError):
    """The scheme is registered but a backend it needs is missing on this system."""

    def __init__(self, scheme: str, hint: str) -> None:
        super().__init__(f"scheme {scheme} is not available here: {hint}")
        self.scheme = scheme


class FormulaSyntaxError(HashcompatError):
    """A formula or layout of the custom-scheme language cannot be read.

    ``position`` is the 0-based index of the offending character; the message repeats the
    formula with a caret under it, so the mistake is visible in a log line or a terminal.
    """

    def __init__(self, message: str, text: str, position: int) -> None:
        position = max(0, min(position, len(text)))
        shown, offset = text, position
        if len(text) > 120:  # keep the message short: a window around the error
            start = max(0, position - 60)
            shown, offset = text[start : start + 120], position - start
        super().__init__(f"{message} at position {position}\n  {shown}\n  {' ' * offset}^")
        self.reason = message
        self.position = position


class UnconvertibleHashError(HashcompatError):
    """A hash cannot be re-encoded in the wanted format without the password."""

    def __init__(self, source: str, target: str, reason: str) -> None:
        where = f"{source} to {target}" if target else source
        super().__init__(f"cannot convert {where}: {reason}")
        self.source = source
        self.target = target
        self.reason = reason


class DumpError(_NamesParameters, HashcompatError):
    """A user dump as a whole cannot be read (a bad row is counted, not raised).

    The message is one line and quotes no row. ``parameters`` names the Python parameters the
    message mentions (``table``, ``columns.hash``...), so the command line can name its flags
    instead.
    """


class SampleError(DumpError):
    """A sample of password/hash pairs cannot be read as pairs."""


class PushError(_NamesParameters, HashcompatError):
    """A push cannot start or go on: missing credentials, a checkpoint of another run, a
    platform that keeps failing. Nothing delivered is lost: the checkpoint says who got where."""


class StoreUnavailableError(HashcompatError):
    """The legacy user store did not answer (down, refusing connections, too slow, or its
    circuit breaker is open). The hook server answers the platform's "try again later"."""


class StateUnavailableError(HashcompatError):
    """The shared state (Redis) holding rate-limit windows and marks did not answer; the hook
    server then admits no sign-in (rate limits fail closed)."""


class TimeBudgetError(UnsafeParametersError):
    """A cost under the generic ``Limits`` field but over the scheme's time-budget cap
    (hashcompat/_timecaps.py: about 1.25 s per verify on the reference machine)."""

    def __init__(self, scheme: str, parameter: str, value: int, cap: int) -> None:
        super().__init__(scheme, parameter, value, cap)
        self.args = (
            f"{scheme} {parameter}={value} is above the time-budget cap of {cap} (one verify "
            "would take over ~1.25 s, docs/cost-caps.md); set hashcompat.Limits(time_budget=False) "
            "if the value is expected",
        )


class InterruptedRunError(HashcompatError):
    """A long run (upgrade, sunset) was stopped by Ctrl-C: the checkpoint holds every batch
    written so far, and the same call again resumes from it."""

    def __init__(self, rows: int, checkpoint: object) -> None:
        super().__init__(
            f"interrupted with {rows} rows written; run the same command again to resume "
            f"(checkpoint {checkpoint})"
        )
        self.rows = rows


class SchemeRefusedError(HashcompatError):
    """The stored hash's scheme is outside the login policy (the scheme name is on
    ``.scheme``)."""

    def __init__(self, scheme: str) -> None:
        super().__init__(f"scheme {scheme} may not log users in under this policy")
        self.scheme = scheme


class NulByteError(InvalidArgumentError):
    """The target would cut the password at a NUL byte (bcrypt does): refused, as PHP's
    ``password_hash`` refuses it, so that ``"a\0secret"`` can never be logged in as ``"a"``."""


class TargetRefusedError(HashcompatError):
    """An identity platform cannot take this row as it is; ``reason`` names the algorithm or
    the limit (the row is planned as rehash on login instead)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ConfigError(_NamesParameters, HashcompatError):
    """The hook server's configuration cannot be used; the message names the setting, never
    its value, and ``parameters`` the Python parameters it mentions (``insecure_dev=True``),
    so the command line can name its flags instead."""


class BadRequestError(HashcompatError):
    """A hook request does not follow its platform's contract (answered 400, without detail)."""


class MigrationRefusedError(HashcompatError):
    """A Cognito migration sign-in did not verify; Cognito answers the client with a generic
    failure."""
