"""Profile columns reach each export target's own fields (docs/presets.md's table)."""

from __future__ import annotations

from hashcompat._engine import resolve
from hashcompat.dump import Row
from hashcompat.export import target
from hashcompat.params import Bcrypt, Pbkdf2

BCRYPT = "$2b$04$I3M3YPZacPewb1uJlx.d5OuxZjlVm70ubBY4fkYLIoYj6.tXO9HPm"  # "password", pyca/bcrypt
PROFILE = (
    ("email", "ann@example.com"),
    ("login", "ann"),
    ("given_name", "Ann"),
    ("family_name", "Lee"),
    ("name", "Ann Lee (shop)"),
    ("email_verified", True),
)


def _bcrypt(text: str) -> Bcrypt:
    """The record bcrypt's own parse gives ``text``: what export reads."""
    found = resolve("bcrypt").parse(text).params
    assert isinstance(found, Bcrypt)
    return found


def _decide(to: str, other: tuple[tuple[str, object], ...] = PROFILE) -> dict:
    row = Row(1, 7, BCRYPT, other=other)
    payload: dict = target(to).decide(row, "bcrypt", _bcrypt(BCRYPT)).payload
    return payload


def test_auth0() -> None:
    user = _decide("auth0")
    assert (user["email"], user["email_verified"], user["name"]) == (
        "ann@example.com",
        True,
        "Ann Lee (shop)",
    )
    assert (user["given_name"], user["family_name"], user["nickname"]) == ("Ann", "Lee", "ann")
    assert user["user_metadata"] == {"login": "ann"} and "username" not in user
    bare = _decide("auth0", (("email", "b@example.com"), ("given_name", "B"), ("family_name", "C")))
    assert bare["name"] == "B C" and bare["email_verified"] is False


def test_okta_firebase_keycloak_kratos() -> None:
    okta = _decide("okta")["profile"]
    assert okta == {
        "login": "ann@example.com",
        "email": "ann@example.com",
        "firstName": "Ann",
        "lastName": "Lee",
        "displayName": "Ann Lee (shop)",
        "nickName": "ann",
    }
    firebase = _decide("firebase")["user"]
    assert (firebase["email"], firebase["emailVerified"], firebase["displayName"]) == (
        "ann@example.com",
        True,
        "Ann Lee (shop)",
    )
    row = Row(1, 7, "x", other=PROFILE)
    params = Pbkdf2("sha256", 27500, b"0123456789abcdef", bytes(32))
    keycloak = target("keycloak").decide(row, "django_pbkdf2_sha256", params).payload
    assert (keycloak["username"], keycloak["email"], keycloak["emailVerified"]) == (
        "ann",
        "ann@example.com",
        True,
    )
    assert (keycloak["firstName"], keycloak["lastName"]) == ("Ann", "Lee")
    kratos = _decide("kratos")["traits"]
    assert kratos == {"email": "ann@example.com", "name": {"first": "Ann", "last": "Lee"}}


def test_preset_profile_from_a_verified_timestamp() -> None:
    from hashcompat.dump._presets import preset

    bound = preset("laravel").bind()
    cols = bound.dump_columns(qualified=False)
    row = Row(
        1,
        1,
        BCRYPT,
        other=(("name", "Ann"), ("email", "a@x.org"), ("email_verified_at", "2024-05-01 10:00:00")),
    )
    read = bound.reader(cols, bound.profile(qualified=False))(row)
    assert isinstance(read, Row)
    user = target("auth0").decide(read, "bcrypt", _bcrypt(BCRYPT)).payload
    assert user["email_verified"] is True and user["name"] == "Ann"
    unverified = Row(2, 2, BCRYPT, other=(("email", "b@x.org"), ("email_verified_at", None)))
    read = bound.reader(cols, bound.profile(qualified=False))(unverified)
    assert isinstance(read, Row)
    assert (
        target("auth0").decide(read, "bcrypt", _bcrypt(BCRYPT)).payload["email_verified"] is False
    )
