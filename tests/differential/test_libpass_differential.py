"""Differential test against libpass: for every libpass handler that can hash, random
passwords (non-ASCII included) hashed by libpass verify in hashcompat under the libpass name,
and hashes hashcompat writes under that name verify in libpass.

Where hashcompat follows the real implementation instead of libpass, the difference is named
here and in the scheme's catalogue notes: FreeBSD's ``$3$`` NT hash widens each byte as
FreeBSD's crypt_nthash and libxcrypt do (checked against libxcrypt below), where libpass takes
UTF-16 of the text.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._registry import registry

warnings.simplefilter("ignore", DeprecationWarning)
from passlib.registry import get_crypt_handler, list_crypt_handlers  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::passlib.exc.PasslibSecurityWarning")

NEVER_VERIFY = {"django_disabled", "unix_disabled"}  # account markers: no password matches
FOLLOWS_XCRYPT = {"bsd_nthash"}  # non-ASCII differs from libpass on purpose (see above)
SLOW = {"bcrypt", "bcrypt_sha256", "django_bcrypt", "django_bcrypt_sha256", "scrypt"}
CONTEXT = {"user": "Administrator", "realm": "example.org"}
CHEAP: dict[str, dict[str, Any]] = {
    "argon2": {"memory_cost": 8, "rounds": 1, "parallelism": 1},
    "django_argon2": {"memory_cost": 8, "rounds": 1, "parallelism": 1},
    "scrypt": {"rounds": 4},
    "django_scrypt": {"rounds": 4},
}
PASSWORDS = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=24
)


def _handlers() -> list[str]:
    out = []
    for name in list_crypt_handlers():
        handler = get_crypt_handler(name)
        if name in NEVER_VERIFY or registry.find(name) is None:
            continue
        try:
            _libpass_hash(name, "probe")
        except Exception:  # noqa: S112 - a handler whose backend is missing here
            continue
        out.append(name)
        del handler
    return out


def _context(name: str) -> dict[str, str]:
    handler = get_crypt_handler(name)
    return {k: v for k, v in CONTEXT.items() if k in getattr(handler, "context_kwds", ())}


def _libpass_hash(name: str, password: str) -> str:
    handler = get_crypt_handler(name)
    options = dict(CHEAP.get(name, {}))
    if not options and "rounds" in getattr(handler, "setting_kwds", ()):
        minimum = getattr(handler, "min_rounds", None)
        if minimum is not None:
            options["rounds"] = max(minimum, 4) if "bcrypt" in name else minimum
    made: str = (handler.using(**options) if options else handler).hash(password, **_context(name))
    return made


def _inputs(name: str) -> dict[str, str]:
    context = _context(name)
    out = {"username": context["user"]} if "user" in context else {}
    if "realm" in context:
        out["salt"] = context["realm"]
    return out


HANDLERS = _handlers()


@pytest.mark.parametrize("name", HANDLERS)
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_libpass_hashes_verify_in_hashcompat(name: str, data: st.DataObject) -> None:
    password = data.draw(PASSWORDS if name not in FOLLOWS_XCRYPT else PASSWORDS.filter(str.isascii))
    try:
        made = _libpass_hash(name, password)
        usable = get_crypt_handler(name).verify(password, made, **_context(name))
    except (ValueError, TypeError, UnicodeError):
        usable = False  # a password libpass refuses (too long, outside the charset)
    assume(usable)  # libpass refuses a few of its own outputs too (ldap_plaintext of '{0}')
    assert hashcompat.verify(password, made, scheme=name, **_inputs(name)) is True
    wrong = password + "x"
    expected = bool(get_crypt_handler(name).verify(wrong, made, **_context(name)))
    assert hashcompat.verify(wrong, made, scheme=name, **_inputs(name)) is expected


# hashcompat's parameter names differ by family: the first one a scheme takes keeps it cheap
_CHEAP_HASH: tuple[dict[str, int], ...] = (
    {"cost": 4},
    {"iterations": 1000},
    {"rounds": 1000},
    {"rounds": 4},
    {"time_cost": 1, "memory_cost": 8, "parallelism": 1},
    {},
)


def _hashcompat_can_hash(name: str) -> bool:
    scheme = registry.get(name)
    return not scheme.info.inputs and scheme.writer is not None


@pytest.mark.parametrize("name", [n for n in HANDLERS if _hashcompat_can_hash(n)])
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(password=PASSWORDS)
def test_hashcompat_hashes_verify_in_libpass(name: str, password: str) -> None:
    if name in FOLLOWS_XCRYPT and not password.isascii():
        return
    made = None
    for options in _CHEAP_HASH:
        try:
            made = hashcompat.hash(password, name, **options)
            break
        except hashcompat.HashcompatError:
            continue  # not this parameter or value, or a password the format cannot hold (SASLprep)
    assume(made is not None)
    assert made is not None
    handler = get_crypt_handler(name)
    try:
        ok = handler.verify(password, made)  # no user: hashcompat hashed without one
    except (ValueError, TypeError, UnicodeError):
        ok = None  # libpass refuses the password (Cisco's 16/32-byte limits)
    assume(ok is not None)
    assert ok


def test_bsd_nthash_follows_libxcrypt_not_libpass() -> None:
    from hashcompat._families.xcrypt import libxcrypt_crypt

    password = "pässwörd"
    try:
        real = libxcrypt_crypt("bsd_nthash", password.encode(), "$3$")
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))
    assert hashcompat.hash(password, "bsd_nthash") == real
    assert hashcompat.verify(password, real)
    assert real != get_crypt_handler("bsd_nthash").hash(password)


@pytest.mark.parametrize(
    ("name", "hash"),
    [
        (
            "scram",
            "$scram$1000$5Fzr3ft/j1Gq9d7b$sha-1=wC/uugwKPI0Z6t9UwaceBlDeEuQ",
        ),
        ("roundup_plaintext", "{plaintext}hashcat"),
    ],
)
def test_a_password_libpass_cannot_decode_is_false_not_a_malformed_hash(
    name: str, hash: str
) -> None:
    # The one libpass adapter answers as the databases' rows did: the stored string is fine,
    # the password (not UTF-8) never matched it.
    assert hashcompat.verify(b"\xff\xfe", hash, scheme=name) is False
