"""What a database hands back: bytes, None, padded CHAR columns, stale scheme columns, huge
passwords, failing callbacks; and only hashcompat errors out of any public entry point."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat.migrate import Credential, Event, Migrator, login, wrap
from hashcompat.migrate._allowlist import SchemePolicy, canonical_names
from hashcompat.migrate.stores.memory import MemoryStore
from hashcompat.scheme import Limits, using_limits

CHEAP = {"memory_cost": 256, "time_cost": 1, "parallelism": 1}


# -- 6: bytes, None, CHAR padding ----------------------------------------------------------------


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_hash_from_a_blob_column_logs_in(kind: Any) -> None:
    legacy = hashcompat.hash("pw", "phpass", log2_rounds=7)
    store = MemoryStore({1: Credential(kind(legacy.encode()))})  # type: ignore[arg-type]
    result = login(Migrator.cheapest_for_tests(), store, 1, "pw")
    assert result.ok and result.upgraded


def test_none_and_other_types_raise_hashcompat_errors() -> None:
    migrator = Migrator.cheapest_for_tests()
    with pytest.raises(hashcompat.HashcompatError):
        migrator.verify_and_update("pw", None)  # type: ignore[arg-type]
    with pytest.raises(hashcompat.HashcompatError):
        wrap(None)  # type: ignore[arg-type]
    with pytest.raises(hashcompat.HashcompatError):
        wrap(12345, scheme="md5")  # type: ignore[arg-type]
    md5 = hashcompat.hash("pw", "md5")
    assert hashcompat.verify("pw", wrap(md5.encode(), scheme="md5", **CHEAP))  # type: ignore[arg-type]
    broken = login(migrator, MemoryStore({1: Credential(None)}), 1, "pw")  # type: ignore[arg-type]
    assert not broken and broken.event is not None and broken.event.kind == "malformed"


def test_char_column_padding_is_stripped_where_the_alphabet_has_no_space() -> None:
    sha1 = hashcompat.hash("pw", "sha1")
    phpass = hashcompat.hash("pw", "phpass", log2_rounds=7)
    store = MemoryStore(
        {
            1: Credential(sha1 + " " * 20, scheme="sha1"),  # CHAR(60)
            2: Credential(phpass + " " * 6),  # CHAR(40), scheme identified
            3: Credential("{CLEARTEXT}pw  "),  # spaces are part of a plain-text password
        }
    )
    migrator = Migrator.cheapest_for_tests()
    assert login(migrator, store, 1, "pw").upgraded
    assert login(migrator, store, 2, "pw").upgraded
    allowing = Migrator.cheapest_for_tests(allowed={"ldap_cleartext"})
    assert not login(allowing, store, 3, "pw")
    assert login(allowing, store, 3, "pw  ").upgraded


# -- 7: the password cap -------------------------------------------------------------------------


def test_login_keeps_the_password_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    ntlm = hashcompat.hash("x" * 64, "ntlm")
    store = MemoryStore({1: Credential(ntlm, scheme="ntlm")})
    migrator = Migrator.cheapest_for_tests()
    with using_limits(Limits(max_password_bytes=32)):
        assert not login(migrator, store, 1, "x" * 64)  # over the cap: never computed
        assert not migrator.verify_and_update("x" * 64, ntlm, scheme="ntlm")[0]
    assert login(migrator, store, 1, "x" * 64).upgraded


def test_contrib_hashers_keep_the_password_cap() -> None:
    pytest.importorskip("pwdlib")
    from hashcompat.contrib.pwdlib import LegacyHasher

    phpass = hashcompat.hash("x" * 64, "phpass", log2_rounds=7)
    with using_limits(Limits(max_password_bytes=32)):
        assert not LegacyHasher().verify("x" * 64, phpass)
    assert LegacyHasher().verify("x" * 64, phpass)


# -- 8: a stale scheme column --------------------------------------------------------------------


def test_wrapped_value_wins_over_a_stale_scheme_column() -> None:
    md5 = hashcompat.hash("pw", "md5")
    store = MemoryStore({1: Credential(wrap(md5, scheme="md5", **CHEAP), scheme="md5")})
    result = login(Migrator.cheapest_for_tests(), store, 1, "pw")
    assert result.ok and result.upgraded
    loaded = store.load(1)
    assert loaded is not None and loaded.scheme is None


# -- 10: on_event callbacks are isolated ---------------------------------------------------------


def test_a_failing_on_event_callback_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def explode(event: Event) -> None:
        raise RuntimeError("callback bug")

    store = MemoryStore({1: Credential(hashcompat.hash("pw", "phpass", log2_rounds=7))})
    migrator = Migrator.cheapest_for_tests(on_event=explode)
    with caplog.at_level(logging.WARNING, logger="hashcompat.migrate"):
        result = login(migrator, store, 1, "pw")
    assert result.ok and result.upgraded
    assert "on_event" in caplog.text and "RuntimeError" in caplog.text


# -- every public entry point: only hashcompat errors ----------------------------------------------

ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.binary(max_size=40),
    st.binary(max_size=40).map(bytearray),
    st.binary(max_size=40).map(memoryview),
    st.sampled_from(["$P$B12345678abcdefghijklmnopqrstu", "{PLAIN}x", "$hcw$1$bWQ1$$$x", "md5"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.builds(object),
)
FEW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_hashcompat_errors(call: Any, *args: object, **kwargs: object) -> object:
    try:
        return call(*args, **kwargs)
    except hashcompat.HashcompatError:
        return None


@FEW
@given(ANY, ANY, ANY, ANY)
def test_migrator_entry_points_raise_only_hashcompat_errors(
    a: object, b: object, c: object, d: object
) -> None:
    migrator = Migrator.cheapest_for_tests()
    _only_hashcompat_errors(Migrator, target_params=CHEAP, allowed=a)
    _only_hashcompat_errors(Migrator, target=a, target_params=CHEAP)
    _only_hashcompat_errors(Migrator, target_params=a)
    _only_hashcompat_errors(migrator.verify_and_update, a, b, scheme=c, salt=d)
    _only_hashcompat_errors(migrator.verify_and_update, "pw", a, username=b)
    _only_hashcompat_errors(migrator.needs_update, a, scheme=b)
    _only_hashcompat_errors(migrator.dummy_verify, a)
    _only_hashcompat_errors(migrator.hash, a)
    _only_hashcompat_errors(migrator.stored_scheme, a, b)
    _only_hashcompat_errors(migrator.check, a, b, scheme=c, username=d)
    _only_hashcompat_errors(canonical_names, a)
    _only_hashcompat_errors(SchemePolicy.build, a, always=())
    _only_hashcompat_errors(wrap, a, scheme=b)
    _only_hashcompat_errors(wrap, a, scheme=None, target=c)
    _only_hashcompat_errors(Credential, a, b, c, d)
    store = MemoryStore({1: Credential(a, scheme=b, salt=c, username=d)})  # type: ignore[arg-type]
    _only_hashcompat_errors(login, migrator, store, 1, a)
    _only_hashcompat_errors(login, migrator, store, a, "pw")
    _only_hashcompat_errors(login, migrator, store, 1, "pw")


@FEW
@given(ANY, ANY, ANY)
def test_pwdlib_hasher_raises_only_hashcompat_errors(a: object, b: object, c: object) -> None:
    pytest.importorskip("pwdlib")
    from hashcompat.contrib.pwdlib import LegacyHasher

    _only_hashcompat_errors(LegacyHasher, a)
    hasher = LegacyHasher()
    for call in (hasher.identify, hasher.check_needs_rehash):
        _only_hashcompat_errors(call, a)
    _only_hashcompat_errors(hasher.verify, a, b)
    assert hasher.verify(c, "{PLAIN}x") is False
