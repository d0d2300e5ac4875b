"""Independent verifiers of exported rows, written from each platform's documented semantics
(not hashcompat's code): each says whether a password matches what an export wrote."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import bcrypt
from argon2 import PasswordHasher, Type, low_level


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def _salted(name: str, password: bytes, salt: bytes, prefix: bool) -> bytes:
    return _digest(name, salt + password if prefix else password + salt)


def auth0_checks(user: dict[str, Any], password: str) -> bool:
    pw = password.encode("utf-8")
    if "password_hash" in user:
        return bcrypt.checkpw(pw, user["password_hash"].encode())
    custom = user["custom_password_hash"]
    assert custom["password"] == {"encoding": "utf8"}
    value = custom["hash"]["value"]
    if custom["algorithm"] == "argon2":
        try:
            return PasswordHasher().verify(value, password)
        except Exception:
            return False
    if custom["algorithm"] == "pbkdf2":  # PHC: $pbkdf2-<digest>$i=<n>,l=<len>$<salt>$<key>
        _, ident, params, salt, key = value.split("$")
        fields = dict(p.split("=") for p in params.split(","))
        derived = hashlib.pbkdf2_hmac(
            ident.split("-")[1], pw, _unb64(salt), int(fields["i"]), int(fields["l"])
        )
        return derived == _unb64(key)
    stored = {"hex": bytes.fromhex, "base64": base64.b64decode}[custom["hash"]["encoding"]](value)
    salt_field = custom.get("salt")
    if salt_field is None:
        return _digest(custom["algorithm"], pw) == stored
    raw = salt_field["value"]
    salt = base64.b64decode(raw) if salt_field.get("encoding") == "base64" else raw.encode()
    prefix = salt_field["position"] == "prefix"
    return _salted(custom["algorithm"], pw, salt, prefix) == stored


def okta_checks(body: dict[str, Any], password: str) -> bool:
    found = body["credentials"]["password"]["hash"]
    pw = password.encode("utf-8")
    if found["algorithm"] == "BCRYPT":  # rejoin: $2b$ + 2-digit cost + 22-char salt + 31 chars
        joined = f"$2b${found['workFactor']:02d}${found['salt']}{found['value']}"
        return bcrypt.checkpw(pw, joined.encode())
    value = base64.b64decode(found["value"])
    if found["algorithm"] == "PBKDF2":
        digest = {"SHA256_HMAC": "sha256", "SHA512_HMAC": "sha512"}[found["digestAlgorithm"]]
        salt = base64.b64decode(found["salt"])
        derived = hashlib.pbkdf2_hmac(digest, pw, salt, found["iterationCount"], found["keySize"])
        return derived == value
    name = found["algorithm"].lower().replace("-", "")
    if "salt" not in found:
        return _digest(name, pw) == value
    salt = base64.b64decode(found["salt"])
    return _salted(name, pw, salt, found["saltOrder"] == "PREFIX") == value


def firebase_checks(config: dict[str, Any], user: dict[str, Any], password: str) -> bool:
    pw = password.encode("utf-8")
    stored = base64.urlsafe_b64decode(user["passwordHash"])
    salt = base64.urlsafe_b64decode(user.get("salt", ""))
    algorithm = config["hashAlgorithm"]
    if algorithm == "BCRYPT":
        return bcrypt.checkpw(pw, stored)
    if algorithm in ("PBKDF_SHA1", "PBKDF2_SHA256"):
        digest = "sha1" if algorithm == "PBKDF_SHA1" else "sha256"
        return hashlib.pbkdf2_hmac(digest, pw, salt, config["rounds"]) == stored
    if algorithm == "STANDARD_SCRYPT":
        n, r, p = config["cpuMemCost"], config["blockSize"], config["parallelization"]
        made = hashlib.scrypt(pw, salt=salt, n=n, r=r, p=p, dklen=config["dkLen"])
        return made == stored
    prefix = config.get("passwordHashOrder") == "SALT_AND_PASSWORD"
    made = _salted(algorithm.lower(), pw, salt, prefix)
    for _ in range(config["rounds"] - 1):
        made = _digest(algorithm.lower(), made)
    return made == stored


def keycloak_checks(credential: dict[str, Any], password: str) -> bool:
    secret = json.loads(credential["secretData"])
    data = json.loads(credential["credentialData"])
    value, salt = base64.b64decode(secret["value"]), base64.b64decode(secret["salt"])
    pw = password.encode("utf-8")
    if data["algorithm"] == "argon2":
        extra = {k: v[0] for k, v in data["additionalParameters"].items()}
        made = low_level.hash_secret_raw(
            pw, salt, data["hashIterations"], int(extra["memory"]), int(extra["parallelism"]),
            int(extra["hashLength"]), {"id": Type.ID, "i": Type.I, "d": Type.D}[extra["type"]],
            0x13 if extra["version"] == "1.3" else 0x10,
        )  # fmt: skip
        return made == value
    digest = {"pbkdf2": "sha1", "pbkdf2-sha256": "sha256", "pbkdf2-sha512": "sha512"}
    # Keycloak pads short passwords with NULs: HMAC pads its key with zeros, the same thing.
    padded = (password + "\0" * max(0, 14 - len(password))).encode("utf-8")
    made = hashlib.pbkdf2_hmac(
        digest[data["algorithm"]], padded, salt, data["hashIterations"], len(value)
    )
    return made == value


def kratos_checks(value: str, password: str) -> bool:  # noqa: PLR0911 - one branch per form
    pw = password.encode("utf-8")
    if value.startswith("$2"):
        return bcrypt.checkpw(pw, value.encode())
    if value.startswith("$argon2"):
        try:
            return PasswordHasher().verify(value, password)
        except Exception:
            return False
    if value.startswith("$pbkdf2-"):
        _, ident, params, salt, key = value.split("$")
        fields = dict(p.split("=") for p in params.split(","))
        made = hashlib.pbkdf2_hmac(ident[7:], pw, _unb64(salt), int(fields["i"]), int(fields["l"]))
        return made == _unb64(key)
    if value.startswith("$scrypt$"):
        _, _, params, salt, key = value.split("$")
        fields = dict(p.split("=") for p in params.split(","))
        stored = base64.b64decode(key)
        n, r, p = (int(fields[k]) for k in ("ln", "r", "p"))  # Kratos: ln is N itself
        made = hashlib.scrypt(pw, salt=base64.b64decode(salt), n=n, r=r, p=p, dklen=len(stored))
        return made == stored
    if value.startswith("{SSHA"):
        name = {"{SSHA}": "sha1", "{SSHA256}": "sha256", "{SSHA512}": "sha512"}[
            value[: value.index("}") + 1]
        ]
        blob = base64.b64decode(value[value.index("}") + 1 :])
        size = hashlib.new(name).digest_size
        return _digest(name, pw + blob[size:]) == blob[:size]
    if value.startswith(("$md5-crypt$", "$sha256-crypt$", "$sha512-crypt$")):
        from passlib.hash import md5_crypt, sha256_crypt, sha512_crypt

        kind, rest = value[1:].split("-crypt", 1)
        handler = {"md5": md5_crypt, "sha256": sha256_crypt, "sha512": sha512_crypt}[kind]
        return bool(
            handler.verify(password, {"md5": "$1", "sha256": "$5", "sha512": "$6"}[kind] + rest)
        )
    if value.startswith("$md5$") and value.count("$") == 2:
        return _digest("md5", pw) == base64.b64decode(value[5:])
    _, name, pf, salt, key = value.split("$")
    form = base64.b64decode(pf[3:]).decode()
    data = form.replace("{SALT}", base64.b64decode(salt).decode("latin-1")).replace(
        "{PASSWORD}", password
    )
    return _digest(
        name, data.encode("utf-8") if "{SALT}" not in form else data.encode("latin-1")
    ) == base64.b64decode(key)


def supabase_checks(value: str, password: str) -> bool:
    return kratos_checks(value, password)  # bcrypt and argon2 PHC: the same two checks
