"""The public API's contract: results, error types, messages without secrets."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

import hashcompat
from hashcompat._registry import Registry
from hashcompat.scheme import Inputs, SchemeInfo

MD5_PASSWORD = "5f4dcc3b5aa765d61d8327deb882cf99"  # md5("password"), RFC 1321 arithmetic


def test_wrong_password_is_false_not_an_error() -> None:
    assert hashcompat.verify("password", MD5_PASSWORD, scheme="md5") is True
    assert hashcompat.verify("Password", MD5_PASSWORD, scheme="md5") is False


def test_bare_digest_is_ambiguous_without_scheme() -> None:
    with pytest.raises(hashcompat.AmbiguousHashError) as info:
        hashcompat.verify("password", MD5_PASSWORD)
    assert "md5" in info.value.candidates
    assert MD5_PASSWORD not in str(info.value)


def test_unknown_hash_and_unknown_scheme() -> None:
    with pytest.raises(hashcompat.UnknownSchemeError):
        hashcompat.verify("x", "not a hash at all")
    with pytest.raises(hashcompat.UnknownSchemeError, match="did you mean"):
        hashcompat.verify("x", MD5_PASSWORD, scheme="mdd5")


def test_malformed_self_describing_hash_names_the_scheme() -> None:
    with pytest.raises(hashcompat.MalformedHashError) as info:
        hashcompat.verify("x", "$P$Btooshort")
    assert info.value.scheme == "phpass"
    assert "$P$Btooshort" not in str(info.value)


@pytest.mark.parametrize("password", [None, 12, 1.5, object(), ["x"]])
def test_wrong_password_type_is_a_typed_error(password: object) -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.verify(password, MD5_PASSWORD, scheme="md5")  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # InvalidArgumentError is also a TypeError
        hashcompat.verify(password, MD5_PASSWORD, scheme="md5")  # type: ignore[arg-type]


def test_wrong_hash_and_input_types() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.verify("x", 42, scheme="md5")  # type: ignore[arg-type]
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.verify("x", MD5_PASSWORD, scheme="md5", salt=b"x")  # type: ignore[arg-type]


def test_errors_form_one_tree_rooted_in_value_error() -> None:
    for name in (
        "UnknownSchemeError",
        "AmbiguousHashError",
        "MalformedHashError",
        "MissingParameterError",
        "UnsafeParametersError",
        "InvalidArgumentError",
    ):
        error = getattr(hashcompat, name)
        assert issubclass(error, hashcompat.HashcompatError)
    assert issubclass(hashcompat.HashcompatError, ValueError)


def test_cost_caps_refuse_before_work(limits: None) -> None:
    stalling = "$2y$31$" + "a" * 53
    with pytest.raises(hashcompat.UnsafeParametersError) as info:
        hashcompat.verify("x", stalling)
    assert (info.value.parameter, info.value.value) == ("cost", 31)
    phpass_30 = "$P$" + "z" + "saltsalt" + "a" * 22  # itoa64 'z' = 63 is out of range
    with pytest.raises(hashcompat.MalformedHashError):
        hashcompat.verify("x", phpass_30)
    hashcompat.set_limits(hashcompat.Limits(max_log2_rounds=8))
    with pytest.raises(hashcompat.UnsafeParametersError):
        hashcompat.verify("x", "$P$B" + "s" * 8 + "a" * 22)


def test_overlong_password_is_false(limits: None) -> None:
    hashcompat.set_limits(hashcompat.Limits(max_password_bytes=8))
    assert hashcompat.verify("password", MD5_PASSWORD, scheme="md5") is True
    assert hashcompat.verify("password!", MD5_PASSWORD, scheme="md5") is False


def test_identify_ranks_and_never_raises() -> None:
    assert hashcompat.identify("$P$B" + "s" * 8 + "a" * 22) == ["phpass"]
    assert hashcompat.identify("$2y$10$" + "a" * 53)[0] == "bcrypt"
    assert "drupal10" in hashcompat.identify("$2y$10$" + "a" * 53)
    assert hashcompat.identify("") == []
    assert hashcompat.identify(b"\xff\xfe") == []  # type: ignore[arg-type]
    assert hashcompat.identify(None) == []  # type: ignore[arg-type]


def test_plaintext_is_never_identified() -> None:
    assert "plaintext" not in hashcompat.identify("hunter2")
    assert hashcompat.verify("hunter2", "hunter2", scheme="plaintext")


def test_aliases_resolve() -> None:
    assert hashcompat.verify("password", MD5_PASSWORD, scheme="drupal6")
    assert hashcompat.verify("password", MD5_PASSWORD, scheme="RAW-MD5")


def test_schemes_catalogue_is_complete() -> None:
    infos = {i.name: i for i in hashcompat.schemes()}
    for name in (
        "md5",
        "sha1",
        "sha256",
        "phpass",
        "wordpress_bcrypt",
        "drupal7",
        "drupal7_upgraded",
        "drupal10",
        "bcrypt",
        "argon2",
        "plaintext",
    ):
        assert infos[name].summary
    assert infos["phpass"].to_dict()["self_describing"] is True


def test_hash_rejects_unknown_parameters() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError, match="log2_rounds"):
        hashcompat.hash("x", "phpass", rounds=10)
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.hash("x", "phpass", log2_rounds="10")


def test_hash_with_a_verify_only_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashcompat._api
    import hashcompat._engine

    registry = Registry(builtin_modules=(), entry_point_group=None)
    registry.register(_Echo(SchemeInfo(name="echo", summary="test")))
    monkeypatch.setattr(hashcompat._api, "registry", registry)
    monkeypatch.setattr(hashcompat._engine, "registry", registry)
    assert hashcompat.verify("hi", "hi", scheme="echo")
    with pytest.raises(hashcompat.InvalidArgumentError, match="verify but not hash"):
        hashcompat.hash("x", "echo")


@dataclass(frozen=True)
class _Echo:
    info: SchemeInfo

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        return secret == hash.encode()


def test_registry_refuses_duplicates_unless_replaced() -> None:
    registry = Registry(builtin_modules=(), entry_point_group=None)
    registry.register(_Echo(SchemeInfo(name="echo", summary="a", aliases=("parrot",))))
    with pytest.raises(hashcompat.InvalidArgumentError, match="clashes"):
        registry.register(_Echo(SchemeInfo(name="other", summary="b", aliases=("PARROT",))))
    registry.register(
        _Echo(SchemeInfo(name="other", summary="b", aliases=("parrot",))), replace=True
    )
    assert registry.get("parrot").info.name == "other"
    assert registry.find("echo") is None


def test_register_rejects_non_schemes() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.register(object())  # type: ignore[arg-type]


def test_entry_point_plugins_load_lazily_and_broken_ones_are_skipped(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from importlib import metadata

    good = _Echo(
        SchemeInfo(
            name="plugin_echo",
            summary="from a plugin",
            prefixes=("{ECHO}",),
            pattern=r"\{ECHO\}.*",
            self_describing=True,
        )
    )

    class _EP:
        def __init__(self, name: str, value: object) -> None:
            self.name, self._value = name, value

        def load(self) -> object:
            if isinstance(self._value, Exception):
                raise self._value
            return self._value

    calls: list[str] = []

    def fake_entry_points(group: str) -> list[_EP]:
        calls.append(group)
        return [_EP("broken", ImportError("no module")), _EP("good", good)]

    monkeypatch.setattr(metadata, "entry_points", fake_entry_points)
    registry = Registry(builtin_modules=("hashcompat._families.digests",))
    assert registry.find("md5") is not None
    assert calls == []  # built-ins answered; plugins not consulted
    assert registry.get("plugin_echo").info is good.info  # behind LegacyScheme
    assert calls == ["hashcompat.schemes"]
    assert "broken" in caplog.text
    assert [s.info.name for s in registry.identify("{ECHO}hi")] == ["plugin_echo"]


def test_import_is_light() -> None:
    code = (
        "import sys, hashcompat; heavy = [m for m in ('bcrypt', 'argon2', 'passlib', 'rich', "
        "'click', 'hashcompat._families.phpass', 'hashcompat.cli') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bcrypt_salt_with_unused_bits_set_never_verifies() -> None:
    # The salt's last character 'T' sets bits bcrypt ignores. PHP 8.2's password_verify()
    # returns false for the right and the wrong password alike (crypt() rewrites the salt).
    stored = "$2y$04$rAtz4xt9Du/HfHLcw0PbuTBAyAAoKfTp4IjpJjWto2jJW68xcRGdW"
    assert hashcompat.verify("pw", stored) is False
    assert hashcompat.verify("px", stored) is False


def test_catalogue_can_hash_is_derived_at_registration() -> None:
    """A record's can_hash is not trusted: the catalogue says whether the scheme has a writer."""

    @dataclass(frozen=True)
    class _Writes(_Echo):
        def hash(self, secret: bytes, inputs: Inputs, params: object) -> str:
            return secret.decode()

    registry = Registry(builtin_modules=(), entry_point_group=None)
    registry.register(_Echo(SchemeInfo(name="claims", summary="a", can_hash=True)))
    registry.register(_Writes(SchemeInfo(name="modest", summary="b")))
    assert {i.name: i.can_hash for i in registry.infos()} == {"claims": False, "modest": True}
    registry.register(_Writes(SchemeInfo(name="claims", summary="c")), replace=True)
    assert {i.name: i.can_hash for i in registry.infos()} == {"claims": True, "modest": True}
