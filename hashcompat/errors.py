"""The one exception tree of hashcompat.

Every failure that is not a wrong password raises a subclass of :class:`HashcompatError`, which
is itself a :class:`ValueError`, so callers can catch one type. Messages describe the *shape* of
the problem (a scheme name, a length, a parameter) and never contain a password, a pepper or a
whole hash: exceptions end up in logs.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousHashError",
    "DumpError",
    "FormulaSyntaxError",
    "HashcompatError",
    "InvalidArgumentError",
    "MalformedHashError",
    "MissingParameterError",
    "PushError",
    "SampleError",
    "SchemeUnavailableError",
    "StateUnavailableError",
    "StoreUnavailableError",
    "TimeBudgetError",
    "UnconvertibleHashError",
    "UnknownSchemeError",
    "UnsafeParametersError",
]


class HashcompatError(ValueError):
    """Root of every error hashcompat raises on purpose."""


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


class InvalidArgumentError(HashcompatError, TypeError):
    """An argument has the wrong type or an unknown name (also a :class:`TypeError`)."""


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


class DumpError(HashcompatError):
    """A user dump as a whole cannot be read (a bad row is counted, not raised).

    The message is one line and quotes no row. ``parameters`` names the Python parameters the
    message mentions (``table``, ``columns.hash``...), so the command line can name its flags
    instead.
    """

    def __init__(self, message: str, *, parameters: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.parameters = tuple(parameters)


class SampleError(DumpError):
    """A sample of password/hash pairs cannot be read as pairs."""


class PushError(HashcompatError):
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
    (hashcompat/timecaps.py: about 1.25 s per verify on the reference machine)."""

    def __init__(self, scheme: str, parameter: str, value: int, cap: int) -> None:
        super().__init__(scheme, parameter, value, cap)
        self.args = (
            f"{scheme} {parameter}={value} is above the time-budget cap of {cap} (one verify "
            "would take over ~1.25 s, docs/cost-caps.md); set hashcompat.Limits(time_budget=False) "
            "if the value is expected",
        )
