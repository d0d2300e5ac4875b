"""A fault-injecting user API on 127.0.0.1, shaped like Okta's (for what the spec mocks cannot do).

Plain asyncio and HTTP/1.1 keep-alive, so a fault can be anything a socket can do:

- ``p429``: 429 with ``Retry-After`` (``retry_after`` seconds) and Okta's ``X-Rate-Limit-*``;
- ``p500``: 500 or 503;
- ``p_drop``: the connection closes before the request is handled;
- ``p_lost``: the request is handled (the user IS created), then the connection closes with
  no answer: the case that makes naive clients create users twice;
- ``p_slow``: the answer waits ``slow_s`` (longer than the client's timeout makes it a timeout);
- ``rate``: a token bucket of so many requests per second, with ``X-Rate-Limit-Limit``,
  ``-Remaining`` and ``-Reset`` headers on every answer and 429 when it is empty.

Users live in memory. ``seed`` logins exist from the start, made a day earlier. ``stats()``
says how many users each login has (a second one would be a double creation) and how many
creations, updates and faults happened.

    python -m tests._support.faultserver --port 8099 [--p429 0.05 ...]  # prints "port N", serves
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests._support.fakeplatforms import Platforms


@dataclass
class Faults:
    p429: float = 0.0
    p500: float = 0.0
    p_drop: float = 0.0
    p_lost: float = 0.0
    p_slow: float = 0.0
    slow_s: float = 0.2
    retry_after: str = "0"
    rate: float = 0.0  # requests per second, 0: unlimited
    latency_s: float = 0.0  # added to every answer, a stand-in for the network
    seed_value: int = 1


@dataclass
class State:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # by login
    by_id: dict[str, str] = field(default_factory=dict)
    made: Counter[str] = field(default_factory=Counter)  # creations per login
    counts: Counter[str] = field(default_factory=Counter)
    next_id: int = 0

    def stats(self) -> dict[str, Any]:
        return {
            "users": len(self.users),
            "created": sum(self.made.values()),
            "twice": sorted(k for k, n in self.made.items() if n > 1),
            **dict(self.counts),
        }


class ListPage(list):  # type: ignore[type-arg]
    """A page of the listing that carries its ``Link`` header to the HTTP layer."""

    def __init__(self, items: list[Any], link: str) -> None:
        super().__init__(items)
        self.link = link


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(at)) + f".{int(at * 1000) % 1000:03d}Z"


class FaultServer:
    def __init__(self, faults: Faults | None = None, seed: list[str] | None = None) -> None:
        self.faults = faults or Faults()
        self.state = State()
        self.random = random.Random(self.faults.seed_value)
        self.port = 0
        self._tokens = self.faults.rate
        self._refilled = time.monotonic()
        self.platforms = Platforms(self)
        for login in seed or ():
            self._create({"profile": {"login": login, "email": login}}, time.time() - 86400)

    # -- the API --------------------------------------------------------------------------

    def _create(self, body: dict[str, Any], at: float) -> dict[str, Any]:
        self.state.next_id += 1
        profile = body.get("profile", {})
        user = {
            "id": f"00u{self.state.next_id:08d}",
            "status": "ACTIVE",
            "created": _iso(at),
            "profile": profile,
        }
        self.state.users[profile["login"]] = user
        self.state.by_id[user["id"]] = profile["login"]
        return user

    def handle(  # noqa: PLR0911
        self, method: str, path: str, body: bytes, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        other = self.platforms.handle(method, path, headers or {}, body)
        if other is not None:  # the shapes of tests/_support/fakeplatforms.py
            return other
        parts = [unquote(p) for p in urlsplit(path).path.split("/") if p]
        if parts[:3] != ["api", "v1", "users"]:
            return 404, {"errorCode": "E0000022", "errorSummary": "not found"}
        if method == "GET" and len(parts) == 3:  # the listing, 200 a page, Link: rel="next"
            return self._page(path)
        if method == "POST" and len(parts) == 3:
            try:
                data = json.loads(body)
                login = data["profile"]["login"]
                password = data["credentials"]["password"]
                if "hook" not in password:
                    password["hash"]["algorithm"]  # a KeyError when absent
            except (ValueError, KeyError, TypeError):
                return 400, {
                    "errorCode": "E0000001",
                    "errorSummary": "Api validation failed",
                    "errorCauses": [{"errorSummary": "password hash missing"}],
                }
            if "@" not in login:
                return 400, {
                    "errorCode": "E0000001",
                    "errorSummary": "Api validation failed",
                    "errorCauses": [{"errorSummary": "login: must be an email"}],
                }
            if login in self.state.users:
                cause = "login: An object with this field already exists in the current org"
                return 400, {
                    "errorCode": "E0000001",
                    "errorSummary": "Api validation failed",
                    "errorCauses": [{"errorSummary": cause}],
                }
            self.state.made[login] += 1
            return 200, self._create(data, time.time())
        if len(parts) == 4:
            login = self.state.by_id.get(parts[3], parts[3])
            user = self.state.users.get(login)
            if user is None:
                return 404, {"errorCode": "E0000007", "errorSummary": "Not found"}
            if method == "GET":
                return 200, user
            if method == "PUT":
                self.state.counts["updated"] += 1
                user["profile"] = json.loads(body).get("profile", user["profile"])
                return 200, user
        return 405, {"errorSummary": "method not allowed"}

    def _page(self, path: str) -> tuple[int, Any]:
        query = parse_qs(urlsplit(path).query)
        start, limit = int(query.get("after", ["0"])[0]), int(query.get("limit", ["200"])[0])
        users = [u for u in self.state.users.values() if "profile" in u]
        page = users[start : start + limit]
        if start + limit < len(users):
            link = f'<{self.url}/api/v1/users?after={start + limit}&limit={limit}>; rel="next"'
            return 200, ListPage(page, link)
        return 200, page

    # -- faults and HTTP -------------------------------------------------------------------

    def _bucket(self) -> tuple[bool, dict[str, str]]:
        if not self.faults.rate:
            return True, {}
        now = time.monotonic()
        self._tokens = min(
            self.faults.rate, self._tokens + (now - self._refilled) * self.faults.rate
        )
        self._refilled = now
        allowed = self._tokens >= 1
        if allowed:
            self._tokens -= 1
        reset = time.time() + (1 - self._tokens) / self.faults.rate
        return allowed, {
            "X-Rate-Limit-Limit": str(int(self.faults.rate)),
            "X-Rate-Limit-Remaining": str(max(0, int(self._tokens))),
            "X-Rate-Limit-Reset": str(int(reset) + 1),
        }

    async def _answer(
        self, method: str, path: str, body: bytes, asked: dict[str, str]
    ) -> tuple[int, Any, dict[str, str]] | str:
        if path == "/_stats":
            return 200, self.state.stats(), {}
        f, roll = self.faults, self.random.random()
        allowed, headers = self._bucket()
        if not allowed:
            self.state.counts["throttled"] += 1
            return 429, {"errorCode": "E0000047", "errorSummary": "rate limit"}, headers
        for name, p in (
            ("p429", f.p429),
            ("p500", f.p500),
            ("drop", f.p_drop),
            ("lost", f.p_lost),
            ("slow", f.p_slow),
        ):
            if roll < p:
                self.state.counts[name] += 1
                break
            roll -= p
        else:
            name = ""
        if name == "p429":
            return 429, {"errorCode": "E0000047"}, {"Retry-After": f.retry_after, **headers}
        if name == "p500":
            return self.random.choice((500, 503)), {"errorSummary": "internal"}, headers
        if name == "drop":
            return "drop"
        if name == "slow":
            await asyncio.sleep(f.slow_s)
        if f.latency_s:
            await asyncio.sleep(f.latency_s)
        status, data = self.handle(method, path, body, asked)
        return "drop" if name == "lost" else (status, data, headers)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                result = await self._answer(method, path, body, headers)
                if isinstance(result, str):
                    return
                status, data, extra = result
                if isinstance(data, ListPage):
                    extra = {**extra, "Link": data.link}
                payload = json.dumps(data).encode()
                out = [
                    f"HTTP/1.1 {status} X",
                    "Content-Type: application/json",
                    f"Content-Length: {len(payload)}",
                    f"Date: {email.utils.formatdate(usegmt=True)}",
                    *(f"{k}: {v}" for k, v in extra.items()),
                ]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            return
        finally:
            writer.close()

    async def serve(self, port: int = 0, ready: threading.Event | None = None) -> None:
        server = await asyncio.start_server(self._connection, "127.0.0.1", port)
        self.port = server.sockets[0].getsockname()[1]
        if ready is not None:
            ready.set()
        async with server:
            await server.serve_forever()

    def start(self) -> FaultServer:
        """Serve on a daemon thread; returns when the port is bound."""
        ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self.serve(0, ready)), daemon=True).start()
        ready.wait(10)
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests._support.faultserver")
    parser.add_argument("--port", type=int, default=0)
    for name in ("p429", "p500", "p_drop", "p_lost", "p_slow", "slow_s", "rate", "latency_s"):
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=float, default=0.0)
    parser.add_argument("--retry-after", default="0")
    parser.add_argument("--seed", default="", help="comma-separated logins that exist already")
    args = parser.parse_args()
    faults = Faults(**{k: v for k, v in vars(args).items() if k not in ("port", "seed")})
    server = FaultServer(faults, [s for s in args.seed.split(",") if s])

    async def run() -> None:
        ready = threading.Event()
        task = asyncio.create_task(server.serve(args.port, ready))
        while not ready.is_set():
            await asyncio.sleep(0.01)
        print(f"port {server.port}", flush=True)
        await task

    asyncio.run(run())


if __name__ == "__main__":
    main()
