"""hash() writes native formats that each platform's own verifier accepts.

Django's hashers check what hashcompat wrote for every Django format; PHP's password_verify
checks bcrypt and argon2 where PHP is installed; ASP.NET Identity and Keycloak are held to
known-answer vectors from their own code (Mono running Microsoft's PasswordHasher.cs; Keycloak
realm exports); libpass checks the PHC, LDAP and crypt forms as a second opinion.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import hashcompat
from hashcompat._families import aspnet, keycloak
from hashcompat.params import Pbkdf2
from tests._support.params import CHEAP_PARAMS
from tests._support.vectors import load_jsonl

VECTORS = Path(__file__).parents[1] / "vectors"
PASSWORD = "pässwörd 1"
_DJANGO = ("pbkdf2_sha256", "pbkdf2_sha1", "scrypt", "bcrypt", "bcrypt_sha256", "argon2")
DJANGO_CHEAP = {f"django_{n}": CHEAP_PARAMS[f"django_{n}"] for n in _DJANGO}
CHEAP: dict[str, dict[str, object]] = CHEAP_PARAMS  # cheap parameters for the catalogue test


def _django_hashers() -> dict[str, object]:
    pytest.importorskip("django")
    from django.contrib.auth import hashers

    return {
        "django_pbkdf2_sha256": hashers.PBKDF2PasswordHasher(),
        "django_pbkdf2_sha1": hashers.PBKDF2SHA1PasswordHasher(),
        "django_scrypt": hashers.ScryptPasswordHasher(),
        "django_bcrypt": hashers.BCryptPasswordHasher(),
        "django_bcrypt_sha256": hashers.BCryptSHA256PasswordHasher(),
        "django_argon2": hashers.Argon2PasswordHasher(),
    }


@pytest.mark.parametrize("scheme", sorted(DJANGO_CHEAP))
def test_django_verifies_what_hashcompat_writes(scheme: str) -> None:
    hasher = _django_hashers()[scheme]
    encoded = hashcompat.hash(PASSWORD, scheme, **DJANGO_CHEAP[scheme])
    assert hasher.verify(PASSWORD, encoded)  # type: ignore[attr-defined]
    assert not hasher.verify("wrong", encoded)  # type: ignore[attr-defined]
    assert hashcompat.identify(encoded)[0] == scheme


def test_django_default_parameters_are_django_52s() -> None:
    """With no parameters, pbkdf2_sha256 is written at 1,000,000 iterations, as Django 5.2."""
    hasher = _django_hashers()["django_pbkdf2_sha256"]
    encoded = hashcompat.hash(PASSWORD, "django_pbkdf2_sha256")
    assert encoded.startswith("pbkdf2_sha256$1000000$")
    assert len(encoded.split("$")[2]) == 22  # Django's 128-bit salt
    assert hasher.verify(PASSWORD, encoded)  # type: ignore[attr-defined]
    assert not hasher.must_update(encoded)  # type: ignore[attr-defined]  # Django's own defaults


def test_django_argon2_and_scrypt_defaults_match_django() -> None:
    hashers = _django_hashers()
    argon = hashcompat.hash(PASSWORD, "django_argon2")
    assert "$m=102400,t=2,p=8$" in argon
    assert not hashers["django_argon2"].must_update(argon)  # type: ignore[attr-defined]
    scrypt = hashcompat.hash(PASSWORD, "django_scrypt", work_factor=1024)
    assert scrypt.split("$")[3:5] == ["8", "5"]  # Django's r=8, p=5


def test_django_salt_parameter_and_errors() -> None:
    encoded = hashcompat.hash(PASSWORD, "django_pbkdf2_sha256", iterations=1000, salt="abc")
    assert encoded.split("$")[2] == "abc"
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.hash(PASSWORD, "django_pbkdf2_sha256", salt="a$b")
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.hash(PASSWORD, "django_pbkdf2_sha256", iterations=0)
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.hash(PASSWORD, "django_bcrypt", cost=4)  # Django calls it rounds


_TRIES: tuple[dict[str, object], ...] = (
    {"rounds": 1001},  # odd: BSDi crypt warns about even rounds
    {"rounds": 4},
    {"cost": 4},
    {"log2_rounds": 7},
    {"time_cost": 1, "memory_cost": 64, "parallelism": 1},
    {"iterations": 1000},
    {},
)


def _hashes(name: str) -> bool:
    """Whether hash() writes a string that verifies, trying cheap parameters first."""
    info = next(i for i in hashcompat.schemes() if i.name == name)
    values = {"username": "alice@example.org", "salt": "s4lt", "pepper": "p"}
    inputs = {k: values[k] for k in info.inputs}
    for params in (CHEAP[name],) if name in CHEAP else _TRIES:
        try:
            made = hashcompat.hash(PASSWORD, name, **params, **inputs)
        except hashcompat.HashcompatError:
            continue
        return hashcompat.verify(PASSWORD, made, scheme=name, **inputs)
    return False


def test_can_hash_is_true_exactly_where_hash_works() -> None:
    """Over the whole catalogue: can_hash says whether hash() returns a verifiable string."""
    wrong = [i.name for i in hashcompat.schemes() if _hashes(i.name) != i.can_hash]
    assert wrong == []


def _aspnet_with_salt(monkeypatch: pytest.MonkeyPatch, salt: bytes) -> None:
    monkeypatch.setattr(aspnet.os, "urandom", lambda n: salt[:n])


@pytest.mark.parametrize(
    "vector",
    [
        v
        for v in load_jsonl(VECTORS / "aspnet.jsonl")
        if v["expect"] and "Identity" in str(v["source"])
    ],
    ids=lambda v: str(v["hash"])[:12],
)
def test_aspnet_hash_reproduces_microsofts_output(
    vector: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the vector's salt, hash() writes byte for byte what PasswordHasher.cs wrote."""
    stored = str(vector["hash"])
    scheme = str(vector["scheme"])
    found = hashcompat._registry.registry.get(scheme).parse(stored).params
    assert isinstance(found, Pbkdf2)
    _aspnet_with_salt(monkeypatch, found.salt)
    params = {} if scheme == "aspnet_identity_v2" else {
        "prf": found.digest, "iterations": found.iterations}  # fmt: skip
    assert hashcompat.hash(str(vector["password"]), scheme, **params) == stored


KEYCLOAK = [v for v in load_jsonl(VECTORS / "keycloak.jsonl") if v["expect"]]


@pytest.mark.parametrize("vector", KEYCLOAK, ids=lambda v: str(v["scheme"]))
def test_keycloak_vectors_verify(vector: dict[str, object]) -> None:
    assert hashcompat.verify(str(vector["password"]), str(vector["hash"]))
    assert not hashcompat.verify("wrong", str(vector["hash"]))
    assert hashcompat.identify(str(vector["hash"])) == [vector["scheme"]]


@pytest.mark.parametrize("vector", KEYCLOAK, ids=lambda v: str(v["scheme"]))
def test_keycloak_hash_reproduces_keycloaks_value(
    vector: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the vector's salt and parameters, hash() writes the value Keycloak wrote."""
    found = keycloak.parse_credential("k", str(vector["hash"]))
    monkeypatch.setattr(keycloak.os, "urandom", lambda n: found.salt)
    if found.algorithm == "argon2":
        params: dict[str, object] = {"iterations": found.iterations,
                                     "memory": int(found.parameters["memory"])}  # fmt: skip
    else:
        params = {"iterations": found.iterations, "key_size": len(found.value)}
    made = hashcompat.hash(str(vector["password"]), str(vector["scheme"]), **params)
    again = keycloak.parse_credential("k", made)
    assert (again.value, again.salt, again.parameters) == (
        found.value,
        found.salt,
        found.parameters,
    )


def test_keycloak_defaults_are_keycloak_26s() -> None:
    made = keycloak.parse_credential("k", hashcompat.hash(PASSWORD, "keycloak_argon2"))
    assert made.iterations == 5
    assert made.parameters == {"hashLength": "32", "memory": "7168", "parallelism": "1",
                               "type": "id", "version": "1.3"}  # fmt: skip
    sha512 = keycloak.parse_credential("k", hashcompat.hash(PASSWORD, "keycloak_pbkdf2_sha512"))
    assert (sha512.iterations, len(sha512.value), len(sha512.salt)) == (210_000, 64, 16)


def test_keycloak_realm_export_shape() -> None:
    """secretData and credentialData are JSON documents inside JSON strings."""
    outer = json.loads(hashcompat.hash(PASSWORD, "keycloak_pbkdf2_sha256", iterations=1000))
    assert outer["type"] == "password"
    secret, data = json.loads(outer["secretData"]), json.loads(outer["credentialData"])
    assert set(secret) == {"value", "salt", "additionalParameters"}
    assert data["algorithm"] == "pbkdf2-sha256"
    assert data["hashIterations"] == 1000
    assert len(base64.b64decode(secret["salt"])) == 16


# libpass as a second opinion on the PHC, LDAP and crypt forms.
LIBPASS = {
    "argon2": ("argon2", {"time_cost": 1, "memory_cost": 64, "parallelism": 1}),
    "pbkdf2_sha256": ("pbkdf2_sha256", {"rounds": 1000}),
    "ldap_salted_sha1": ("ldap_salted_sha1", {}),
    "ldap_salted_sha256": ("ldap_salted_sha256", {}),
    "ldap_salted_sha512": ("ldap_salted_sha512", {}),
    "ldap_pbkdf2_sha256": ("ldap_pbkdf2_sha256", {"rounds": 1000}),
    "ldap_sha512_crypt": ("ldap_sha512_crypt", {"rounds": 5000}),
    "sha512_crypt": ("sha512_crypt", {"rounds": 5000}),
    "md5_crypt": ("md5_crypt", {}),
    "bcrypt": ("bcrypt", {"cost": 4}),
    "django_pbkdf2_sha256": ("django_pbkdf2_sha256", {"iterations": 1000}),
    "django_bcrypt_sha256": ("django_bcrypt_sha256", {"rounds": 4}),
}


@pytest.mark.parametrize("scheme", sorted(LIBPASS))
def test_libpass_verifies_what_hashcompat_writes(scheme: str) -> None:
    from passlib import hash as handlers

    handler_name, params = LIBPASS[scheme]
    handler = getattr(handlers, handler_name)
    encoded = hashcompat.hash(PASSWORD, scheme, **params)
    assert handler.verify(PASSWORD, encoded)
    assert not handler.verify("wrong", encoded)


PHP = shutil.which("php")


@pytest.mark.skipif(PHP is None, reason="PHP is not installed (apt-get install php-cli)")
@pytest.mark.parametrize(
    ("scheme", "params"),
    [
        ("bcrypt", {"cost": 4, "ident": "2y"}),
        ("bcrypt", {"cost": 4}),
        ("drupal10", {"cost": 4}),
        ("argon2", {"time_cost": 1, "memory_cost": 64, "parallelism": 1}),
        ("argon2", {"time_cost": 1, "memory_cost": 64, "parallelism": 1, "variant": "i"}),
    ],
)
def test_php_password_verify_accepts_what_hashcompat_writes(
    scheme: str, params: dict[str, object]
) -> None:
    encoded = hashcompat.hash(PASSWORD, scheme, **params)
    if encoded.startswith("$argon2") and "argon2" not in _php_algos():
        pytest.skip("this PHP has no argon2")
    code = (
        "echo json_encode([password_verify($argv[1], $argv[3]),"
        " password_verify($argv[2], $argv[3])]);"
    )
    assert json.loads(_php("-r", code, PASSWORD, "wrong", encoded)) == [True, False]


def _php(*args: str) -> str:
    """PHP's output for a fixed snippet or script; the values travel as arguments."""
    run = subprocess.run([str(PHP), *args], capture_output=True, text=True, check=True, timeout=60)
    return run.stdout


def _php_algos() -> str:
    return _php("-r", "echo implode(',', password_algos());")


def test_dovecot_scram_and_digest_md5_write_what_they_read() -> None:
    scram = hashcompat.hash(PASSWORD, "dovecot_scram_sha256")
    assert scram.startswith("{SCRAM-SHA-256}4096,")
    with pytest.raises(hashcompat.InvalidArgumentError, match="4096"):
        hashcompat.hash(PASSWORD, "dovecot_scram_sha256", iterations=100)
    assert hashcompat.verify(PASSWORD, scram)
    digest = hashcompat.hash(PASSWORD, "dovecot_digest_md5", username="alice@example.org")
    assert hashcompat.verify(PASSWORD, digest, username="alice@example.org")
    with pytest.raises(hashcompat.MissingParameterError):
        hashcompat.hash(PASSWORD, "dovecot_digest_md5")


def test_locked_account_markers_refuse_to_hash() -> None:
    for scheme in ("django_disabled", "unix_disabled"):
        with pytest.raises(hashcompat.InvalidArgumentError, match="can verify but not hash"):
            hashcompat.hash(PASSWORD, scheme)


def _wordpress() -> Path | None:
    """A WordPress tree: Debian's package, installed or unpacked by .ci/run (dpkg -x)."""
    for root in (Path("/usr/share/wordpress"), Path("/tmp/wordpress-root/usr/share/wordpress")):  # noqa: S108
        if (root / "wp-includes" / "pluggable.php").is_file():
            return root
    return None


@pytest.mark.skipif(PHP is None or _wordpress() is None, reason="needs PHP and WordPress")
@pytest.mark.parametrize(
    ("scheme", "params"), [("phpass", {}), ("phpass", {"log2_rounds": 10}), ("md5", {})]
)
def test_wordpress_check_password_accepts_what_hashcompat_writes(
    scheme: str, params: dict[str, object]
) -> None:
    encoded = hashcompat.hash(PASSWORD, scheme, **params)
    script = Path(__file__).parents[1] / "php" / "wp_check_password.php"
    out = _php(str(script), str(_wordpress()), PASSWORD, "wrong", encoded)
    assert json.loads(out) == [True, False]


DOVEADM = shutil.which("doveadm")
# Every Dovecot tagged form hashcompat writes, and the LDAP tags Dovecot reads as well.
DOVECOT = [
    *(f"dovecot_{n}" for n in ("md5_crypt", "sha256_crypt", "sha512_crypt", "des_crypt",
                              "blf_crypt", "argon2", "plain", "plain_md5", "plain_md4",
                              "ldap_md5", "sha1", "scram_sha1", "scram_sha256", "pbkdf2")),
    *(f"ldap_{n}" for n in ("salted_sha1", "salted_sha256", "salted_sha512", "salted_md5",
                           "sha", "sha256", "sha512", "md5")),
]  # fmt: skip


@pytest.mark.skipif(
    DOVEADM is None, reason="Dovecot is not installed (apt-get install dovecot-core)"
)
@pytest.mark.parametrize("scheme", DOVECOT)
def test_doveadm_verifies_what_hashcompat_writes(scheme: str) -> None:
    params = {"cost": 4} if "blf" in scheme else CHEAP_PARAMS.get(scheme, {})
    if "argon2" in scheme:
        params = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    encoded = hashcompat.hash(PASSWORD, scheme, **params)
    assert _doveadm(encoded, PASSWORD)
    assert not _doveadm(encoded, "wrong")


@pytest.mark.skipif(
    DOVEADM is None, reason="Dovecot is not installed (apt-get install dovecot-core)"
)
def test_doveadm_verifies_digest_md5_with_the_user() -> None:
    encoded = hashcompat.hash(PASSWORD, "dovecot_digest_md5", username="alice@example.org")
    assert _doveadm(encoded, PASSWORD, "-u", "alice@example.org")
    assert not _doveadm(encoded, "wrong", "-u", "alice@example.org")


def _doveadm(encoded: str, password: str, *extra: str) -> bool:
    """Dovecot's own check: ``doveadm pw -t`` exits 0 and says (verified) on a match."""
    run = subprocess.run(
        [str(DOVEADM), "pw", "-t", encoded, "-p", password, *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return run.returncode == 0 and "(verified)" in run.stdout
