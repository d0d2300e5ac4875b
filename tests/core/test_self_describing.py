"""Self-describing is what the platform's own parser decides from the string alone.

The audit (docs/catalogue.md notes; this table): crypt(3) picks BSDi extended DES from a
leading ``_`` and traditional DES from a 13-character string without ``$``; ASP.NET Identity's
PasswordHasher picks v2 and v3 from the first decoded byte. Strings that only a column, a
configuration setting or a user name tells apart (bare hex digests, bcrypt over a platform's
own pre-hash, Cisco's 16-character PIX/ASA strings) are not self-describing. Vectors: John
the Ripper's bsdicrypt and descrypt tests, Microsoft's PasswordHasher (aspnet.jsonl).
"""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._engine import pick_owner
from hashcompat._registry import registry
from tests._support.vectors import VECTORS, load_jsonl

# scheme -> what its platform reads in the string
DECIDED_BY_THE_STRING = {
    "bsdi_crypt": "crypt(3): a leading '_'",
    "des_crypt": "crypt(3): 13 characters, no '$' or '_'",
    "aspnet_identity_v2": "PasswordHasher: decoded byte 0 is 0x00",
    "aspnet_identity_v3": "PasswordHasher: decoded byte 0 is 0x01",
    "bcrypt": "crypt(3), password_verify: '$2?$'",
    "phpass": "phpass CheckPassword: '$P$' or '$H$'",
    "postgres_md5": "PostgreSQL get_password_type: 'md5' and 32 lower-case hex",
    "mysql41": "MySQL: '*' and 40 hex",
}
# scheme -> what the platform needs besides the string
NEEDS_MORE_THAN_THE_STRING = {
    "md5": "any unsalted 32-hex digest",
    "ntlm": "bare 32 hex, like md5",
    "drupal10": "a $2y$ bcrypt: the site's code, not the string, caps the password at 512 bytes",
    "vbulletin5": "bcrypt over md5: the vBulletin code, not the string",
    "devise": "bcrypt over password+pepper: the Rails app's pepper",
    "smf21": "bcrypt over user name+password",
    "cisco_pix": "the same 16 characters as cisco_asa; the device config says which",
    "bigcrypt": "24 characters are also crypt16",
    "citrix_netscaler_sha1": "not audited against NetScaler's closed code: kept named",
}

JOHN = load_jsonl(VECTORS / "john" / "john.jsonl")
FROM_THE_STRING = [
    *(("bsdi_crypt", v) for v in JOHN if v["format"] == "bsdicrypt"),
    *(("des_crypt", v) for v in JOHN if v["format"] == "descrypt"),
    *(
        (str(v["scheme"]), v)
        for v in load_jsonl(VECTORS / "aspnet.jsonl")
        if str(v["scheme"]).startswith("aspnet_identity")
    ),
]


@pytest.mark.parametrize("name", sorted(DECIDED_BY_THE_STRING))
def test_platform_decides_from_the_string(name: str) -> None:
    assert registry.get(name).info.self_describing, DECIDED_BY_THE_STRING[name]


@pytest.mark.parametrize("name", sorted(NEEDS_MORE_THAN_THE_STRING))
def test_platform_needs_more_than_the_string(name: str) -> None:
    assert not registry.get(name).info.self_describing, NEEDS_MORE_THAN_THE_STRING[name]


@pytest.mark.parametrize(("name", "vector"), FROM_THE_STRING, ids=lambda x: str(x)[:16])
def test_verifies_without_a_scheme(name: str, vector: dict[str, object]) -> None:
    text = str(vector["hash"])
    if vector.get("password_encoding") == "latin-1":
        password: str | bytes = str(vector["password"]).encode("latin-1")
    else:
        password = str(vector["password"])
    assert pick_owner(text).info.name == name
    assert hashcompat.verify(password, text) is vector["expect"]


def test_every_self_describing_example_has_one_owner() -> None:
    """No two self-describing schemes claim one string: the string alone must pick one."""
    for scheme in registry:
        info = scheme.info
        if info.self_describing and info.example and info.matches(info.example):
            owners = [s.info.name for s in registry.identify(info.example)]
            claim = [n for n in owners if registry.get(n).info.self_describing]
            assert claim == [info.name], (info.name, claim)
