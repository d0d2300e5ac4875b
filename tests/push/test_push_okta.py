"""Okta's "user already exists": decided by Okta's error code, the field its cause names and a
lookup of the login, never by the wording of the message.

Okta answers a create whose login is taken with HTTP 400, ``errorCode`` ``E0000001`` ("API
validation failed", developer.okta.com/docs/reference/error-codes/) and one ``errorCauses``
entry per invalid field, ``"<field>: <message>"``; the same code and field carry a login that
is not an email. The bodies below have that shape. The fault server's run through the whole
engine is tests/push/test_push.py (a taken login "already there", a non-email "rejected")."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from hashcompat.dump import Row
from hashcompat.push._base import Item, Result
from hashcompat.push._http import Answer
from hashcompat.push._okta import Okta
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings

pytest.importorskip("httpx")

LOGIN = "ann@example.com"
TAKEN = "login: An object with this field already exists in the current organization"
USER = {"id": "00u1", "created": "2026-01-02T03:04:05.000Z", "profile": {"login": LOGIN}}


def _error(code: str, *causes: str, summary: str = "Api validation failed: login") -> Answer:
    body = {"errorCode": code, "errorSummary": summary, "errorLink": code, "errorId": "oae1",
            "errorCauses": [{"errorSummary": c} for c in causes]}  # fmt: skip
    return Answer(400, {}, json.dumps(body))


class Scripted:
    """Http's ``call``, answering from a script: the POST's answer, then the lookup's."""

    def __init__(self, created: Answer, found: Answer) -> None:
        self.answers = {"POST": created, "GET": found}
        self.calls: list[tuple[str, str]] = []

    async def call(self, method: str, path: str, **options: Any) -> Answer:
        self.calls.append((method, path))
        return self.answers[method]


def _create(http: Scripted) -> Result:
    item = Item("1", LOGIN, {"profile": {"login": LOGIN}}, {}, "fp", Row(1, 1, "x"))
    okta = Okta(Settings("okta", {"url": "http://127.0.0.1:1", "token": "t"}))
    return asyncio.run(okta.create(http, [item], update=False))[0]  # type: ignore[arg-type]


def test_a_login_cause_that_the_lookup_finds_is_a_conflict() -> None:
    http = Scripted(_error("E0000001", TAKEN), Answer(200, {}, json.dumps(USER)))
    assert _create(http).outcome is Outcome.EXISTS
    assert http.calls == [("POST", "/api/v1/users"), ("GET", f"/api/v1/users/{LOGIN}")]


def test_a_login_cause_the_lookup_does_not_find_is_okta_s_rejection() -> None:
    """The same code and field for a login that is not taken (not an email, too long): the
    lookup finds nobody, and the row keeps Okta's own reason."""
    not_found = Answer(404, {}, json.dumps({"errorCode": "E0000007", "errorSummary": "Not found"}))
    result = _create(Scripted(_error("E0000001", TAKEN), not_found))
    assert result.outcome is Outcome.REJECTED
    assert result.reason == f"HTTP 400: {TAKEN}"


@pytest.mark.parametrize(
    "answer",
    [
        # another field's cause, in the very words of a taken login
        _error("E0000001", "email: An object with this field already exists"),
        # another code whose text says "already exists"
        _error("E0000093", "An object with this field already exists", summary="x"),
        # no cause at all
        _error("E0000001", summary="Api validation failed"),
        Answer(409, {}, json.dumps({"errorSummary": "login already exists"})),
    ],
)
def test_other_refusals_are_rejections_without_a_lookup(answer: Answer) -> None:
    http = Scripted(answer, Answer(200, {}, json.dumps(USER)))
    assert _create(http).outcome is Outcome.REJECTED
    assert http.calls == [("POST", "/api/v1/users")]
