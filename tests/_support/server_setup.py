"""The configuration and keys the hook server tests share."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests._support.hookserver import create_users_table, legacy_users, running

HEADER = "X-Hook-Secret"
SECRET = "s3cret-shared-with-the-platform"
BASIC = ("okta-hook", "basic-password")
HMAC_KEY = "hmac-key-for-bodies"
AUDIENCE = "55555555-2222-3333-4444-555555555555"
ISSUER = "https://login.example.test/tenant/v2.0"
AZP = "99045fe1-7639-4a75-9d4a-577b6ca3810f"  # Entra's authentication extensions app
USERS = legacy_users()


class Keys:
    """An RSA key pair for Entra's JWE (the extension's key) and one signing its bearer JWTs."""

    def __init__(self, folder: Path) -> None:
        from jwcrypto import jwk

        self.encryption = jwk.JWK.generate(kty="RSA", size=2048)
        self.signing = jwk.JWK.generate(kty="RSA", size=2048)
        self.private_pem = folder / "entra-private.pem"
        self.private_pem.write_bytes(self.encryption.export_to_pem(private_key=True, password=None))
        self.jwks = folder / "entra-jwks.json"
        public = jwk.JWKSet()
        public.add(jwk.JWK.from_json(self.signing.export_public()))
        self.jwks.write_text(public.export(private_keys=False))

    def encrypt(self, payload: dict[str, Any], header: dict[str, str]) -> str:
        import json

        from jwcrypto import jwe

        token = jwe.JWE(json.dumps(payload).encode(), protected=header)
        token.add_recipient(self.encryption)
        return str(token.serialize(compact=True))

    def bearer(self, *, audience: str = AUDIENCE, expires_in: int = 300, azp: str = AZP) -> str:
        from jwcrypto import jwt

        now = int(time.time())
        claims = {
            "aud": audience,
            "iss": ISSUER,
            "azp": azp,
            "iat": now,
            "nbf": now,
            "exp": now + expires_in,
        }
        token = jwt.JWT(header={"alg": "RS256"}, claims=claims)
        token.make_signed_token(self.signing)
        return str(token.serialize())


def config_data(url: str, folder: Path, keys: Keys, **server: Any) -> dict[str, Any]:
    os.environ["HASHCOMPAT_TEST_HOOK_SECRET"] = SECRET
    return {
        "server": {
            "budget_ms": 1000,
            "max_body_bytes": 8192,
            "audit_log": str(folder / "audit.jsonl"),
            **server,
        },
        "store": {
            "url": url,
            "table": "legacy_users",
            "id_column": "email",
            "hash_column": "password_hash",
            "scheme_column": "hash_scheme",
            "migrated_column": "migrated_at",
            "profile_columns": ["display_name"],
        },
        "migrator": {
            "allowed": ["phpass", "drupal7", "md5", "bcrypt"],
            "target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1},
        },
        "auth": {
            "header": HEADER,
            "secret": "env:HASHCOMPAT_TEST_HOOK_SECRET",
            "basic_user": BASIC[0],
            "basic_password": BASIC[1],
            "hmac_secret": HMAC_KEY,
        },
        "rate_limit": {"per_user": 5, "per_client": 100_000},
        "platforms": {
            "okta": {},
            "b2c": {
                "claims": {
                    "tokenSuccess": True,
                    "email": "{user_id}",
                    "displayName": "{display_name}",
                }
            },
            "kratos": {},
            "auth0": {"claims": {"email": "{user_id}", "email_verified": True}},
            "generic": {"claims": {"email": "{user_id}"}},
            "entra": {
                "private_key_file": str(keys.private_pem),
                "auth": {
                    "bearer_key_file": str(keys.jwks),
                    "bearer_audience": AUDIENCE,
                    "bearer_issuer": ISSUER,
                    "bearer_azp": AZP,
                },
            },
            "cognito": {"claims": {"email": "{user_id}", "email_verified": "true"}},
        },
    }


@dataclass
class Hook:
    url: str
    engine: Any
    keys: Keys
    folder: Path
    service: Any

    def post(self, path: str, body: Any, **headers: str) -> Any:
        import httpx

        return httpx.post(self.url + path, json=body, headers={HEADER: SECRET, **headers})

    def migrated(self, user: str) -> bool:
        import sqlalchemy as sa

        query = sa.text("SELECT migrated_at FROM legacy_users WHERE email = :u")
        with self.engine.connect() as connection:
            value = connection.execute(query, {"u": user}).scalar_one()
        return value is not None

    def audit(self) -> list[dict[str, Any]]:
        lines = (self.folder / "audit.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]


def start(folder: Path, url: str, **server: Any) -> Iterator[Hook]:
    from hashcompat.server._app import create_app
    from hashcompat.server._config import parse_config

    engine = create_users_table(url, USERS)
    keys = Keys(folder)
    config = parse_config(config_data(url, folder, keys, **server))
    app = create_app(config)
    with running(app) as base:
        yield Hook(base, engine, keys, folder, app.state.service)
