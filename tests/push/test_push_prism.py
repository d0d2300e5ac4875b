"""Each platform's push against Prism serving the platform's published OpenAPI description.

Prism answers 422, 400 or 401 to a request the description does not allow (a wrong path,
method, query parameter, header or body); every other answer is one of the description's
examples. So a push whose every user is CREATED, and whose lookups and replacements got no
validation error, sent only requests the platform documents. Platforms that publish no
description (Auth0's management API, PingOne, ZITADEL's REST gateway, Firebase's Identity
Toolkit) are checked against their documented request shapes in tests/push/test_push_shapes.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hashcompat.export import TARGETS as EXPORTS
from hashcompat.push import client, push
from hashcompat.push._base import Item
from hashcompat.push._http import Answer, Http
from hashcompat.push._pacing import Window
from hashcompat.push._settings import Settings
from tests._support.prism import Unavailable, prism
from tests._support.pushdata import bcrypt_hash

pytest.importorskip("httpx")

DJANGO_PBKDF2 = (  # "password", Django 5.2.19 (tests/vectors/django.jsonl)
    "pbkdf2_sha256$1000$7jbjDm8JNrdntLtfdCl0zy$KUWwbnooHHbvezN1gzudPpo8hw4MqrJYqWvZu13oCuA="
)
PLATFORMS: dict[str, dict[str, str]] = {
    "okta": {"token": "00abc"},
    "kratos": {"token": "ory_pat_x"},
    "keycloak": {"token": "eyJ.x.y", "realm": "migrated", "admin_path": ""},
    "clerk": {"token": "sk_test_x"},
    "fusionauth": {"token": "api-key"},
}
VALIDATION = (400, 401, 403, 405, 415, 422)


@pytest.fixture(scope="module", params=sorted(PLATFORMS))
def mock(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    name = request.param
    if name not in EXPORTS:
        pytest.skip(f"{name}: its export payload is not on this branch yet")
    log = tmp_path_factory.mktemp("prism") / f"{name}.log"
    try:
        with prism(name, log) as url:
            yield name, url
    except Unavailable as exc:
        pytest.skip(f"Prism tests skipped: {exc}")


def _rows(name: str) -> list[dict[str, str]]:
    hash = DJANGO_PBKDF2 if name == "keycloak" else bcrypt_hash()
    rows = [
        {"id": str(i), "email": f"u{i}@example.com", "username": f"u{i}", "hash": hash}
        for i in range(5)
    ]
    if name == "fusionauth":
        # FusionAuth's description types every user.data value as an object (its generator's
        # reading of Java's Object); export keeps the legacy id there as a string, which
        # FusionAuth's own docs allow ("an object that can hold any information"). Rows
        # without an id leave data out, so Prism checks everything else.
        rows = [{k: v for k, v in row.items() if k != "id"} for row in rows]
    return rows


def _settings(name: str, url: str) -> Settings:
    return Settings(name, {"url": url, **PLATFORMS[name]})


def test_push_sends_only_requests_the_description_allows(
    mock: tuple[str, str], tmp_path: Path
) -> None:
    name, url = mock
    report = push(
        _rows(name), name, checkpoint=tmp_path / "cp.sqlite", settings=_settings(name, url)
    )
    assert report.outcomes["created"] == 5, report.to_dict()
    assert report.total == 5


def test_lookup_and_replace_are_valid_requests(mock: tuple[str, str], tmp_path: Path) -> None:
    name, url = mock
    chosen = client(name, _settings(name, url))
    from hashcompat.dump import from_mapping
    from hashcompat.export import target
    from hashcompat.export._base import classify

    row = from_mapping(1, _rows(name)[0])
    decision = classify(target(name), row)[2]
    assert decision is not None
    item = Item("u0", "u0@example.com", decision.payload, {}, "fp", row)
    seen: list[tuple[str, str, int]] = []

    class Recording(Http):
        async def call(self, method: str, path: str, **options: Any) -> Answer:
            answer = await super().call(method, path, **options)
            seen.append((method, path, answer.status))
            return answer

    async def scenario() -> None:
        base, headers = chosen.endpoint()
        http = Recording(base, headers, Window(1))
        try:
            await chosen.find(http, item)
            await chosen.replace(http, item, "00u1abc")
        finally:
            await http.close()

    asyncio.run(scenario())
    assert seen and all(status not in VALIDATION for _, _, status in seen), json.dumps(seen)


def test_okta_hook_users_are_valid_requests(mock: tuple[str, str], tmp_path: Path) -> None:
    name, url = mock
    if name != "okta":
        pytest.skip("the password import hook is Okta's")
    rows = [{"id": "1", "email": "wp@example.com", "hash": "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ."}]
    settings = _settings(name, url)
    report = push(rows, name, checkpoint=tmp_path / "cp.sqlite", settings=settings, hook=True)
    assert report.outcomes["created"] == 1, report.to_dict()
