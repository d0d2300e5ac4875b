"""Firebase export batches against the real Firebase Authentication emulator (firebase-tools).

Every batch hashcompat writes is imported: through the Admin SDK's ``auth.import_users`` with
its ``UserImportHash`` (what :func:`hashcompat.export._firebase.sdk_batch` builds), and over
the REST ``accounts:batchCreate`` for the salted digests whose ``passwordHashOrder`` the SDK
cannot state. The emulator must accept each batch without a per-user error and keep the users
with the hash and salt as sent.

Then each user signs in with the original password through the emulator's REST API
(``accounts:signInWithPassword``). What the emulator checks, read from firebase-tools 15.x
(``lib/emulator/auth/operations.js``): ``batchCreate`` ignores ``hashAlgorithm`` and its
parameters and stores ``passwordHash`` as sent; sign-in compares the stored value with its own
placeholder ``fakeHash:salt=...:password=...``. So it verifies no imported algorithm:
:data:`VERIFIED_BY_EMULATOR` is empty, a user created with a plain password (the control) does
sign in, and the test fails the day the emulator starts checking an algorithm, so that the set
can be widened. The algorithms themselves are proven by tests/_support/verifiers.py and by the
SDK rebuild.
"""

from __future__ import annotations

import csv
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hashcompat.export import export
from tests._support.firebase_emulator import PROJECT, Unavailable, running_emulator

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

EXAMPLES = Path(__file__).parents[2] / "examples" / "export"
PASSWORDS: dict[str, str] = json.loads(
    (Path(__file__).parents[1] / "vectors" / "export_dump_passwords.json").read_text("utf-8")
)
VERIFIED_BY_EMULATOR: set[str] = set()  # hash algorithms the emulator checks at sign-in


@pytest.fixture(scope="module")
def emulator() -> Iterator[str]:
    pytest.importorskip("firebase_admin")
    with pytest.MonkeyPatch.context() as patch:
        try:
            with running_emulator() as host:
                patch.setenv("FIREBASE_AUTH_EMULATOR_HOST", host)
                yield host
        except Unavailable as exc:
            pytest.skip(f"Firebase Auth emulator tests skipped: {exc}")


def _post(host: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"http://{host}/identitytoolkit.googleapis.com/v1/{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer owner"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def _sign_in(host: str, email: str, password: str) -> bool:
    body = {"email": email, "password": password, "returnSecureToken": True}
    status, answer = _post(host, "accounts:signInWithPassword?key=demo-key", body)
    return status == 200 and "idToken" in answer


def test_batches_import_into_the_emulator_and_sign_in(emulator: str, tmp_path: Path) -> None:
    from firebase_admin import auth, delete_app, initialize_app

    from hashcompat.export._firebase import sdk_batch

    rows = csv.DictReader((EXAMPLES / "dump.csv").open(encoding="utf-8"))
    result = export(rows, "firebase", tmp_path)
    app = initialize_app(options={"projectId": PROJECT}, name="hashcompat-emulator")
    imported: dict[str, tuple[str, dict[str, Any]]] = {}
    try:
        for path in result.files:
            body = json.loads(path.read_text("utf-8"))
            algorithm = body["hashAlgorithm"]
            if "passwordHashOrder" in body:  # REST only: the SDK cannot state the salt order
                status, answer = _post(emulator, f"projects/{PROJECT}/accounts:batchCreate", body)
                assert status == 200 and not answer.get("error"), answer
            else:
                users, hash_alg = sdk_batch(body)
                outcome = auth.import_users(users, hash_alg=hash_alg, app=app)
                assert (outcome.success_count, outcome.failure_count) == (len(users), 0)
            imported.update({u["localId"]: (algorithm, u) for u in body["users"]})
        assert len(imported) == result.plans["convert"] + result.plans["import"]

        signed: set[str] = set()
        for uid, (algorithm, sent) in imported.items():
            record = auth.get_user(uid, app=app)
            assert record.email == sent.get("email")
            if "email" not in sent:  # signInWithPassword needs an email
                continue
            if _sign_in(emulator, sent["email"], PASSWORDS[uid]):
                signed.add(algorithm)
            assert not _sign_in(emulator, sent["email"], PASSWORDS[uid] + "x")
        assert signed == VERIFIED_BY_EMULATOR

        stored = {u.uid: u for u in auth.list_users(app=app).iterate_all()}
        for uid, (_, sent) in imported.items():  # kept as sent: the emulator changes nothing
            assert stored[uid].password_hash == sent["passwordHash"]
            assert stored[uid].password_salt == sent.get("salt")

        # the control: a password the emulator hashed itself signs in through the same route
        auth.create_user(uid="control", email="control@example.com", password="pw-ctrl", app=app)
        assert _sign_in(emulator, "control@example.com", "pw-ctrl")
        assert not _sign_in(emulator, "control@example.com", "pw-ctrl-x")
    finally:
        delete_app(app)
