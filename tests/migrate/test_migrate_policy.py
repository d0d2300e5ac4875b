"""Who gets in: recoverable schemes refused by class, the allow-list validated, wrapped rows'
inner scheme checked, NUL bytes with a bcrypt target, harden_runtime on measured cost."""

from __future__ import annotations

import base64
import binascii
import importlib.util

import pytest

import hashcompat
from hashcompat.migrate import Credential, Event, Migrator, login, wrap
from hashcompat.migrate.stores.memory import MemoryStore

CHEAP = {"memory_cost": 256, "time_cost": 1, "parallelism": 1}


def _wrapped_plain(password: str) -> str:
    """A $hcw$ row whose inner scheme stores the password itself (wrap() refuses to make one)."""
    from hashcompat._families.wrapped import encode

    return encode("$pass", "", hashcompat.hash(password, "argon2", **CHEAP))


PASSWORD = "Zq9-hunter-42"
INPUTS = {"salt": "ab", "username": "user", "pepper": "pep"}
CHEAPEST: tuple[dict[str, object], ...] = (
    {"rounds": 1001},  # odd: bsdi_crypt warns on even rounds
    {"cost": 4},
    {"log2_rounds": 7},
    {"iterations": 1000},
    CHEAP,
    {},
)


def _hash_or_none(name: str) -> str | None:
    info = next(i for i in hashcompat.schemes() if i.name == name)
    if not info.can_hash:
        return None
    params = {k: v for k, v in INPUTS.items() if k in info.inputs}
    for cheap in CHEAPEST:  # the first cost parameter the scheme takes, else its defaults
        try:
            return hashcompat.hash(PASSWORD, name, **params, **cheap)
        except hashcompat.HashcompatError:
            continue
    return None


def _shows_password(stored: str) -> bool:
    raw = PASSWORD.encode()
    forms = {
        PASSWORD,
        PASSWORD.upper(),
        PASSWORD.lower(),
        binascii.hexlify(raw).decode(),
        base64.b64encode(raw).decode().rstrip("="),
    }
    return any(form.lower() in stored.lower() for form in forms)


def _recoverable() -> list[str]:
    return sorted(
        i.name for i in hashcompat.schemes() if i.strength is hashcompat.Strength.RECOVERABLE
    )


def test_every_scheme_that_stores_the_password_recoverably_is_classed_recoverable() -> None:
    hashed = 0
    for info in hashcompat.schemes():
        stored = _hash_or_none(info.name)
        hashed += stored is not None
        if stored is not None and _shows_password(stored):
            assert info.strength is hashcompat.Strength.RECOVERABLE, info.name
    assert hashed > 100  # the walk really hashed the catalogue
    known = {
        "plaintext",
        "ldap_cleartext",
        "ldap_plaintext",
        "dovecot_plain",
        "roundup_plaintext",
        "cisco_type7",
    }
    assert known <= set(_recoverable())
    for formula in ("$pass", "base64($pass)", "hex(upper($pass))", "$salt.$pass"):
        scheme = hashcompat._engine.resolve(formula)
        assert scheme.info.strength is hashcompat.Strength.RECOVERABLE, formula
    assert hashcompat._engine.resolve("md5($pass)").info.strength is hashcompat.Strength.BROKEN


@pytest.mark.parametrize("name", _recoverable())
def test_no_recoverable_scheme_logs_in_under_the_default_migrator(name: str) -> None:
    info = next(i for i in hashcompat.schemes() if i.name == name)
    stored = _hash_or_none(name) or info.example
    assert stored is not None
    salt = INPUTS["salt"] if "salt" in info.inputs else None
    user = INPUTS["username"] if "username" in info.inputs else None
    store = MemoryStore({1: Credential(stored, scheme=name, salt=salt, username=user)})
    result = login(Migrator.cheapest_for_tests(), store, 1, PASSWORD)
    assert not result and result.event == Event("refused", 1, name)
    if info.self_describing:
        store = MemoryStore({1: Credential(stored, salt=salt, username=user)})
        assert login(Migrator.cheapest_for_tests(), store, 1, PASSWORD).event == Event(
            "refused", 1, name
        )
        if importlib.util.find_spec("pwdlib") is not None:
            from hashcompat.contrib.pwdlib import LegacyHasher

            assert not LegacyHasher().identify(stored)
            assert not LegacyHasher().verify(PASSWORD, stored)


@pytest.mark.parametrize(
    "credential",
    [
        Credential("{CLEARTEXT}pw"),
        Credential("{PLAIN}pw"),
        Credential("{CLEAR}pw"),
        Credential("{plaintext}pw"),
        Credential("pw", scheme="ldap_plaintext"),
        Credential("pw", scheme="$pass"),
        Credential(base64.b64encode(b"pw").decode(), scheme="base64($pass)"),
    ],
    ids=repr,
)
def test_plain_text_under_another_name_is_refused(credential: Credential) -> None:
    result = login(Migrator.cheapest_for_tests(), MemoryStore({1: credential}), 1, "pw")
    assert not result and result.event is not None and result.event.kind == "refused"


def test_an_explicit_allow_list_may_name_a_recoverable_scheme() -> None:
    store = MemoryStore({1: Credential("{PLAIN}pw")})
    migrator = Migrator.cheapest_for_tests(allowed=frozenset({"dovecot_plain"}))
    assert login(migrator, store, 1, "pw").upgraded


# -- 2: allowed= validated ---------------------------------------------------------------------


def test_allowed_must_be_an_iterable_of_names_not_a_string() -> None:
    with pytest.raises(hashcompat.HashcompatError, match="iterable of scheme names"):
        Migrator(allowed="md5_crypt")  # type: ignore[arg-type]
    with pytest.raises(hashcompat.HashcompatError):
        Migrator(allowed=frozenset({1}))  # type: ignore[arg-type]
    with pytest.raises(hashcompat.HashcompatError):
        Migrator(allowed=42)  # type: ignore[arg-type]


def test_allowed_aliases_resolve_to_canonical_names() -> None:
    migrator = Migrator(allowed=["wordpress_phpass", "phpbb3", "drupal8", "md5"])
    assert migrator.allowed == frozenset({"phpass", "drupal7", "md5"})
    store = MemoryStore({1: Credential(hashcompat.hash("pw", "phpass", log2_rounds=7))})
    assert login(Migrator.cheapest_for_tests(allowed={"wordpress_phpass"}), store, 1, "pw")


def test_a_typo_in_allowed_raises_with_suggestions() -> None:
    with pytest.raises(hashcompat.UnknownSchemeError, match="phpass"):
        Migrator(allowed={"phpas"})


def test_pwdlib_hasher_validates_allowed_the_same_way() -> None:
    pytest.importorskip("pwdlib")
    from hashcompat.contrib.pwdlib import LegacyHasher

    with pytest.raises(hashcompat.HashcompatError, match="iterable of scheme names"):
        LegacyHasher("phpass")
    with pytest.raises(hashcompat.UnknownSchemeError):
        LegacyHasher({"phpas"})
    assert LegacyHasher({"wordpress_phpass"}).identify(hashcompat.hash("pw", "phpass"))


# -- 3: the inner scheme of a wrapped row --------------------------------------------------------


def test_wrapped_row_is_checked_against_the_policy_by_its_inner_scheme() -> None:
    inner_plain = _wrapped_plain("pw")
    store = MemoryStore({1: Credential(inner_plain)})
    result = login(Migrator.cheapest_for_tests(), store, 1, "pw")
    assert not result and result.event == Event("refused", 1, "$pass")
    wrapped_md5 = wrap(hashcompat.hash("pw", "md5"), scheme="md5", **CHEAP)
    only_phpass = Migrator.cheapest_for_tests(allowed={"phpass"})
    refused = login(only_phpass, MemoryStore({1: Credential(wrapped_md5)}), 1, "pw")
    assert refused.event == Event("refused", 1, "md5")
    wrapped_phpass = wrap(hashcompat.hash("pw", "phpass", log2_rounds=7), **CHEAP)
    assert login(only_phpass, MemoryStore({1: Credential(wrapped_phpass)}), 1, "pw").upgraded


def test_wrap_refuses_a_recoverable_scheme() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError, match="Migrator"):
        wrap("pw", scheme="$pass")
    with pytest.raises(hashcompat.InvalidArgumentError):
        wrap("{PLAIN}pw")


def test_pwdlib_hasher_checks_the_wrapped_inner_scheme() -> None:
    pytest.importorskip("pwdlib")
    from hashcompat.contrib.pwdlib import LegacyHasher

    wrapped_phpass = wrap(hashcompat.hash("pw", "phpass", log2_rounds=7), **CHEAP)
    wrapped_md5 = wrap(hashcompat.hash("pw", "md5"), scheme="md5", **CHEAP)
    hasher = LegacyHasher({"phpass"})
    assert hasher.identify(wrapped_phpass) and hasher.verify("pw", wrapped_phpass)
    assert not hasher.identify(wrapped_md5) and not hasher.verify("pw", wrapped_md5)
    assert not LegacyHasher().verify("pw", _wrapped_plain("pw"))


# -- 4: NUL bytes and a bcrypt target ------------------------------------------------------------


def test_nul_in_password_is_never_rehashed_to_bcrypt() -> None:
    legacy = hashcompat.hash("a\0secret", "phpass", log2_rounds=7)
    migrator = Migrator(target="bcrypt", target_params={"cost": 4})
    ok, new = migrator.verify_and_update("a\0secret", legacy)
    assert ok and new is None  # logs in, keeps the legacy hash: bcrypt would cut at the NUL
    store = MemoryStore({1: Credential(legacy)})
    result = login(migrator, store, 1, "a\0secret")
    assert result.ok and not result.upgraded
    assert result.event is not None and result.event.reason == "password has a NUL byte"
    assert not login(migrator, store, 1, "a")
    with pytest.raises(hashcompat.InvalidArgumentError, match="NUL"):
        migrator.hash("a\0secret")
    assert Migrator.cheapest_for_tests().verify_and_update("a\0secret", legacy)[1]  # argon2 ok


# -- 5: harden_runtime on measured cost ------------------------------------------------------------


def test_harden_runtime_pads_a_cheap_bcrypt_row(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = Migrator.dummy_verify

    def counting(self: Migrator, password: str | bytes) -> bool:
        calls.append(1)
        return original(self, password)

    monkeypatch.setattr(Migrator, "dummy_verify", counting)
    slow_target = {"memory_cost": 32768, "time_cost": 2, "parallelism": 1}
    migrator = Migrator(harden_runtime=True, target_params=slow_target)
    cheap_bcrypt = hashcompat.hash("pw", "bcrypt", cost=4)
    calls.clear()
    assert migrator.verify_and_update("wrong", cheap_bcrypt) == (False, None)
    assert len(calls) == 1  # bcrypt is modern, but cost 4 is far cheaper than the target
    calls.clear()
    target_row = migrator.hash("pw")
    migrator.verify_and_update("wrong", target_row)
    assert calls == []  # the target itself needs no padding
