"""Writes examples/export/dump.csv: one user per format the exporters meet, hashed by hashcompat
(itself proven against each platform's code) at small costs so the tests stay fast, plus two
Keycloak credentials from real realm exports (tests/vectors/keycloak.jsonl) and rows that no
target can import. The passwords go to tests/vectors/export_dump_passwords.json for the tests.
Run once: ``python examples/export/make_dump.py``; the golden outputs are made from the dump by
``hashcompat export examples/export/dump.csv --to PLATFORM --out examples/export/PLATFORM``.
"""

import csv
import json
from pathlib import Path

import hashcompat

HERE = Path(__file__).parent
VECTORS = [json.loads(x) for x in (HERE.parent.parent / "tests/vectors/keycloak.jsonl").open()]


def password(user_id: int) -> str:
    return f"pw-{user_id}-ü"


ROWS = [
    ("django_pbkdf2_sha256", {"iterations": 10_000}),
    ("django_pbkdf2_sha256", {"iterations": 200_000}),  # above Firebase's 120,000 rounds
    ("django_pbkdf2_sha1", {"iterations": 10_000}),
    ("django_bcrypt", {"rounds": 5}),
    ("django_bcrypt_sha256", {"rounds": 5}),
    ("django_argon2", {"time_cost": 1, "memory_cost": 256, "parallelism": 1}),
    ("django_scrypt", {"work_factor": 1024, "block_size": 8, "parallelism": 1}),
    ("aspnet_identity_v3", {"iterations": 10_000}),
    ("aspnet_identity_v3", {"prf": "sha256", "iterations": 10_000}),
    ("aspnet_identity_v2", {}),
    ("bcrypt", {"cost": 5, "ident": "2y"}),
    ("bcrypt", {"cost": 5, "ident": "2b"}),
    ("argon2", {"time_cost": 1, "memory_cost": 256, "parallelism": 1}),
    ("argon2", {"time_cost": 1, "memory_cost": 256, "parallelism": 1, "variant": "d"}),
    ("ldap_salted_sha1", {}),
    ("ldap_salted_sha256", {}),
    ("md5", {}),
    ("sha256", {}),
    ("phpass", {"log2_rounds": 8}),
    ("sha512_crypt", {"rounds": 5000}),
    ("pbkdf2_sha256", {"rounds": 10_000}),
    ("phc_pbkdf2", {"digest": "sha512", "iterations": 10_000, "length": 64}),
    ("keycloak_pbkdf2_sha512", {"iterations": 10_000}),
]


def main() -> None:
    out, passwords = [], {}
    for number, (scheme, params) in enumerate(ROWS, 1):
        stored = hashcompat.hash(password(number), scheme, **params)
        passwords[number] = password(number)
        # bare hex digests and ASP.NET v2 do not name their scheme: the dump's column does
        named = scheme if scheme in ("md5", "sha256", "aspnet_identity_v2") else ""
        out.append(
            {"id": number, "email": f"user{number}@example.com", "hash": stored, "scheme": named}
        )
    for vector in VECTORS:
        number = len(out) + 1
        passwords[number] = vector["password"]
        out.append(
            {
                "id": number,
                "email": f"user{number}@example.com",
                "hash": vector["hash"],
                "scheme": "",
            }
        )
    passwords[len(out) + 1] = "pw"
    out.append(
        {
            "id": len(out) + 1,
            "email": "",
            "hash": hashcompat.hash("pw", "bcrypt", cost=5),
            "scheme": "",
        }
    )  # no email: Auth0 and Supabase refuse the row
    out.append(
        {"id": len(out) + 1, "email": "broken@example.com", "hash": "not-a-hash", "scheme": ""}
    )
    with (HERE / "dump.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["id", "email", "scheme", "hash"])
        writer.writeheader()
        writer.writerows(out)
    secrets = HERE.parent.parent / "tests/vectors/export_dump_passwords.json"
    secrets.write_text(json.dumps(passwords, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
