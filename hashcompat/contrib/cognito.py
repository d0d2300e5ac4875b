"""AWS Cognito user migration Lambda trigger, on the hook server's core.

Set the Lambda's handler to ``hashcompat.contrib.cognito.handler`` and ``HASHCOMPAT_CONFIG`` to
the server's TOML; the user attributes to return are ``[platforms.cognito.claims]``. For
``UserMigration_Authentication`` Cognito passes ``userName`` and ``request.password``; on a
match the handler fills
``response.userAttributes`` (the configured claims), ``finalUserStatus = "CONFIRMED"`` and
``messageAction = "SUPPRESS"`` and returns the event, and Cognito creates the user with that
password. Any failure raises, which Cognito reports to the client as a failed sign-in.
``UserMigration_ForgotPassword`` is refused: a reset proves no legacy password, so the user
signs up again instead. Cognito gives the trigger 5 seconds.

The handler refuses to start without a ``[platforms.cognito]`` table. Without its ``claims``
it returns ``email`` (the user name) when the user name is an e-mail address, and refuses the
sign-in, with an error in the log naming the setting, when it is not: Cognito rejects an empty
``userAttributes``. When the legacy store does not answer it raises
:class:`hashcompat.errors.StoreUnavailableError`, which Cognito also reports as a failed sign-in.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from hashcompat.errors import MigrationRefusedError, StoreUnavailableError

__all__ = ["MigrationRefusedError", "handle", "handler"]

TRIGGER = "UserMigration_Authentication"
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
log = logging.getLogger("hashcompat.server")


@functools.lru_cache(maxsize=1)
def _service() -> Any:
    from hashcompat.errors import ConfigError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.server._config import load_config  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.server._service import Service  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    config = load_config()
    if "cognito" not in config.platforms:
        raise ConfigError(
            "the Cognito handler needs a [platforms.cognito] table (with its claims) in "
            "$HASHCOMPAT_CONFIG"
        )
    return Service(config)


def handle(event: dict[str, Any], service: Any) -> dict[str, Any]:
    """The handler's logic over a given :class:`hashcompat.server._service.Service`."""
    from hashcompat.errors import BadRequestError  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.server._platforms import claims_for, password_at, text_at  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    if not isinstance(event, dict) or event.get("triggerSource") != TRIGGER:
        raise MigrationRefusedError("only UserMigration_Authentication is handled")
    try:
        user = text_at(event, "userName")
        password = password_at(event, "request", "password")
    except BadRequestError:
        raise MigrationRefusedError("the event has no user name or password") from None
    platform = service.config.platforms.get("cognito")
    if platform is None:
        raise MigrationRefusedError("no [platforms.cognito] table is configured")
    if platform.claims.get("email") == "{user_id}" and not EMAIL.fullmatch(user):
        # checked before the verify, so the row is not marked for a user Cognito cannot create
        log.error(
            "hashcompat.cognito: the user name is no e-mail address; configure "
            "[platforms.cognito.claims] with the attributes Cognito needs"
        )
        raise MigrationRefusedError("the user attributes cannot be filled")
    outcome = service.sign_in("cognito", user, password, None)
    if outcome.unavailable:
        raise StoreUnavailableError("the legacy store did not answer; try again later")
    if not outcome.ok:
        raise MigrationRefusedError("bad user name or password")
    attributes = claims_for(platform, user, outcome.profile)
    response = event.setdefault("response", {})
    response["userAttributes"] = {k: str(v) for k, v in attributes.items()}
    response["finalUserStatus"] = "CONFIRMED"
    response["messageAction"] = "SUPPRESS"
    return event


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """The Lambda entry point."""
    return handle(event, _service())
