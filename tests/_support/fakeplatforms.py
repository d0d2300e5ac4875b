"""The documented request shapes of platforms that publish no OpenAPI description Prism could
serve, as handlers of the fault server: Auth0's import jobs, Firebase's Identity Toolkit,
PingOne's Users API and ZITADEL's user service v2. Each handler refuses (400) a request that
does not have the documented path, method, content type and required fields, and otherwise
keeps users in the fault server's state, so the engine's conflict and resume paths run too.

Sources (read 2026-12): Auth0 Management API v2 "Create import users job", "Get a job",
"Get job error details", "Search users by email"; Firebase/Identity Toolkit v1
``accounts:batchCreate`` and ``accounts:lookup``; PingOne Platform API "Create User (Import)",
"Read All Users" (SCIM filter), "Update Password (Set)"; ZITADEL ``zitadel.user.v2``
AddHumanUser, ListUsers, UpdateHumanUser.
"""

from __future__ import annotations

import email.parser
import json
import time
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

Reply = tuple[int, Any]


def _bad(why: str) -> Reply:
    return 400, {"message": why, "error": "invalid_body"}


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(at))


class Platforms:
    """Users per platform live in ``server.state.users`` under ``platform:login``."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.jobs: dict[str, dict[str, Any]] = {}

    def _make(self, login: str, at: float | None = None) -> dict[str, Any]:
        state = self.server.state
        state.next_id += 1
        user = {"id": f"u{state.next_id:08d}", "created": at or time.time(), "login": login}
        state.users[login] = user
        if at is None:  # a seeded user (made earlier) is not a creation of the push
            state.made[login] += 1
        return user

    def seed(self, login: str) -> None:
        """A user that was there a day before the push."""
        self._make(login, time.time() - 86400)

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply | None:
        parts = [unquote(p) for p in urlsplit(path).path.split("/") if p]
        query = parse_qs(urlsplit(path).query)
        if parts[:3] == ["api", "v2", "jobs"] or parts[:3] == ["api", "v2", "users-by-email"]:
            return self.auth0(method, parts, query, headers, body)
        if parts[:2] == ["v1", "projects"]:
            return self.firebase(method, parts, body)
        if parts[:2] == ["v1", "environments"]:
            return self.pingone(method, parts, query, headers, body)
        if parts[:2] == ["v2", "users"]:
            return self.zitadel(method, parts, body)
        return None

    # -- Auth0 -----------------------------------------------------------------------------

    def auth0(  # noqa: PLR0911, PLR0912
        self,
        method: str,
        parts: list[str],
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> Reply:
        if parts[2] == "users-by-email":
            user = self.server.state.users.get("auth0:" + query.get("email", [""])[0].lower())
            found = (
                [
                    {
                        "user_id": f"auth0|{user['id']}",
                        "email": user["login"][6:],
                        "created_at": _iso(user["created"]),
                    }
                ]
                if user
                else []
            )
            return 200, found
        if method == "POST" and parts[3:] == ["users-imports"]:
            kind = headers.get("content-type", "")
            if not kind.startswith("multipart/form-data"):
                return _bad("users-imports takes multipart/form-data")
            message = email.parser.BytesParser().parsebytes(
                f"Content-Type: {kind}\r\n\r\n".encode() + body
            )
            fields = {
                p.get_param("name", header="content-disposition"): p.get_payload(decode=True)
                for p in message.get_payload()
            }
            if "users" not in fields or not fields.get("connection_id"):
                return _bad("users and connection_id are required")
            if len(fields["users"]) > 500_000:
                return 413, {"message": "file over 500KB"}
            if sum(1 for j in self.jobs.values() if j["status"] == "pending") >= 2:
                return 429, {"message": "There are 2 active import users jobs"}
            upsert = fields.get("upsert") == b"true"
            errors, done = [], 0
            for user in json.loads(fields["users"]):
                login = "auth0:" + str(user.get("email", "")).lower()
                if "@" not in login:
                    errors.append(
                        {
                            "user": {"email": user.get("email")},
                            "errors": [{"code": "INVALID_FORMAT", "message": "email"}],
                        }
                    )
                elif login in self.server.state.users and not upsert:
                    errors.append(
                        {
                            "user": {"email": user["email"]},
                            "errors": [{"code": "DUPLICATED_USER", "message": "exists"}],
                        }
                    )
                else:
                    if login not in self.server.state.users:
                        self._make(login)
                    done += 1
            job = f"job_{len(self.jobs) + 1}"
            self.jobs[job] = {
                "id": job,
                "status": "pending",
                "polls": 0,
                "errors": errors,
                "summary": {"failed": len(errors), "inserted": done},
            }
            return 202, {"id": job, "status": "pending", "type": "users_import"}
        job = self.jobs.get(parts[3] if len(parts) > 3 else "")
        if job is None or method != "GET":
            return 404, {"message": "no such job"}
        if parts[4:] == ["errors"]:
            return 200, job["errors"]
        job["polls"] += 1
        if job["polls"] >= 2:  # pending once, then completed
            job["status"] = "completed"
        return 200, {k: job[k] for k in ("id", "status", "summary")}

    # -- Firebase --------------------------------------------------------------------------

    def firebase(self, method: str, parts: list[str], body: bytes) -> Reply:
        action = parts[3] if len(parts) > 3 else ""
        data = json.loads(body or b"{}")
        if method == "POST" and action == "accounts:lookup":
            users = [
                self.server.state.users.get("firebase:" + uid) for uid in data.get("localId", [])
            ]
            return 200, {
                "users": [
                    {"localId": u["login"][9:], "createdAt": str(int(u["created"] * 1000))}
                    for u in users
                    if u
                ]
            }
        if method != "POST" or action != "accounts:batchCreate":
            return 404, {"error": {"message": "NOT_FOUND"}}
        if not data.get("hashAlgorithm") or not isinstance(data.get("users"), list):
            return _bad("hashAlgorithm and users are required")
        if len(data["users"]) > 1000:
            return _bad("at most 1000 users")
        errors = []
        for index, user in enumerate(data["users"]):
            uid, login = user.get("localId"), "firebase:" + str(user.get("localId"))
            if not uid or not user.get("passwordHash"):
                errors.append({"index": index, "message": "localId and passwordHash required"})
            elif login in self.server.state.users and not data.get("allowOverwrite"):
                errors.append({"index": index, "message": "localId belongs to an existing account"})
            elif login not in self.server.state.users:
                self._make(login)
        return 200, {"error": errors} if errors else {}

    # -- PingOne ---------------------------------------------------------------------------

    def pingone(  # noqa: PLR0911
        self,
        method: str,
        parts: list[str],
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> Reply:
        if parts[3:4] != ["users"]:
            return 404, {"code": "NOT_FOUND"}
        if method == "GET" and len(parts) == 4:
            wanted = query.get("filter", [""])[0].partition('username eq "')[2].rstrip('"')
            user = self.server.state.users.get("pingone:" + wanted)
            found = (
                [{"id": user["id"], "username": wanted, "createdAt": _iso(user["created"])}]
                if user
                else []
            )
            return 200, {"_embedded": {"users": found}, "count": len(found)}
        if method == "POST" and len(parts) == 4:
            if headers.get("content-type") != "application/vnd.pingidentity.user.import+json":
                return 415, {"code": "INVALID_REQUEST", "message": "import content type"}
            data = json.loads(body)
            if not data.get("username") or not (data.get("password") or {}).get("value"):
                return _bad("username and password.value are required")
            login = "pingone:" + data["username"]
            if login in self.server.state.users:
                return 400, {"code": "INVALID_DATA", "details": [{"code": "UNIQUENESS_VIOLATION"}]}
            return 201, {"id": self._make(login)["id"]}
        if method == "PUT" and parts[5:] == ["password"]:
            if headers.get("content-type") != "application/vnd.pingidentity.password.set+json":
                return 415, {"code": "INVALID_REQUEST", "message": "password.set content type"}
            self.server.state.counts["updated"] += 1
            return 200, {"status": "OK"}
        return 404, {"code": "NOT_FOUND"}

    # -- ZITADEL ---------------------------------------------------------------------------

    def zitadel(self, method: str, parts: list[str], body: bytes) -> Reply:  # noqa: PLR0911
        data = json.loads(body or b"{}")
        if method == "POST" and parts[2:] == ["human"]:
            if not data.get("username") or not (data.get("hashedPassword") or {}).get("hash"):
                return _bad("username and hashedPassword.hash are required")
            if not (data.get("profile") or {}).get("givenName"):
                return _bad("profile.givenName is required")
            login = "zitadel:" + data["username"]
            if login in self.server.state.users:
                return 409, {"code": 6, "message": "User already exists (ALREADY_EXISTS)"}
            return 201, {"userId": self._make(login)["id"]}
        if method == "POST" and len(parts) == 2:
            query = (data.get("queries") or [{}])[0].get("userNameQuery") or {}
            user = self.server.state.users.get("zitadel:" + str(query.get("userName")))
            found = (
                [{"userId": user["id"], "details": {"creationDate": _iso(user["created"])}}]
                if user
                else []
            )
            return 200, {"result": found}
        if method == "PUT" and parts[2:3] == ["human"] and len(parts) == 4:
            if not ((data.get("password") or {}).get("hashedPassword") or {}).get("hash"):
                return _bad("password.hashedPassword.hash is required")
            self.server.state.counts["updated"] += 1
            return 200, {}
        return 404, {"message": "not found"}
