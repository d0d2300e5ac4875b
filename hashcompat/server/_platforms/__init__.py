"""One module per platform contract: how its request carries the user name and password, and
what its answer must look like. Each module has a ``Contract`` class built from the platform's
configuration, with ``parse`` (request JSON -> :class:`SignIn`) and ``answer``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from hashcompat.errors import BadRequestError
from hashcompat.server._config import PlatformConfig
from hashcompat.server._core import SignInOutcome

__all__ = ["Answer", "BadRequestError", "Contract", "SignIn", "build", "claims_for", "text_at"]

# platform name -> (module, URL path)
ROUTES: Mapping[str, tuple[str, str]] = {
    "okta": ("okta", "/okta/password-import"),
    "b2c": ("b2c", "/b2c/verify"),
    "entra": ("entra", "/entra/password-submit"),
    "kratos": ("kratos", "/kratos/password-migration"),
    "auth0": ("auth0", "/auth0/login"),
    "generic": ("generic", "/verify"),
}
MAX_USER_CHARS = 320  # an e-mail address at most
MAX_PASSWORD_CHARS = 4096


@dataclass(frozen=True, slots=True)
class SignIn:
    user: str
    password: str = field(repr=False)
    context: Mapping[str, str] = field(default_factory=dict)  # echoed values (Entra's nonce)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)


RETRY_AFTER_S = 5  # the Retry-After of a 503: about a breaker's open time


def try_later(body: Any) -> Answer:
    """503 with Retry-After, for the platforms whose contract treats it as an upstream error
    (the sign-in fails without "wrong password", and nothing is stored)."""
    return Answer(503, body, {"Retry-After": str(RETRY_AFTER_S)})


class Contract(Protocol):
    def parse(self, data: Any) -> SignIn: ...

    def answer(self, outcome: SignInOutcome, sign_in: SignIn) -> Answer: ...


def text_at(data: Any, *path: str, limit: int = MAX_USER_CHARS) -> str:
    """The non-empty string at ``path`` in nested objects, or BadRequestError."""
    value = data
    for key in path:
        if not isinstance(value, dict) or key not in value:
            raise BadRequestError(f"missing {'.'.join(path)}")
        value = value[key]
    if not isinstance(value, str) or not value or len(value) > limit:
        raise BadRequestError(f"{'.'.join(path)} must be a non-empty string of at most {limit}")
    return value


def password_at(data: Any, *path: str) -> str:
    return text_at(data, *path, limit=MAX_PASSWORD_CHARS)


def claims_for(
    platform: PlatformConfig, user: str, profile: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The configured claims. In string values ``{user_id}`` becomes the user id and
    ``{column}`` the value of a profile column of the legacy row (plain replacement, no
    format language)."""
    fields = {"user_id": user, **(profile or {})}

    def fill(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        for name, text in fields.items():
            value = value.replace("{" + name + "}", text)
        return value

    return {name: fill(value) for name, value in platform.claims.items()}


def build(platform: PlatformConfig) -> tuple[str, Contract]:
    module, path = ROUTES[platform.name]
    contract: Contract = importlib.import_module(f"hashcompat.server._platforms.{module}").Contract(
        platform
    )
    return path, contract
