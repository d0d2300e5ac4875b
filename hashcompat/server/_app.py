"""The ASGI application: one POST route per configured platform, ``/healthz`` (the process
answers), ``/readyz`` (the legacy store and the shared state answer) and ``/metrics``.

Each route reads at most ``max_body_bytes`` (413 past it), authenticates the caller (a bare 401
otherwise), accepts only a JSON object sent as ``application/json`` (400 otherwise), parses the
platform's request, and runs :meth:`Service.sign_in` in a worker thread, waiting for it at
most until the platform's deadline: past it, the platform gets its own "try again later" (a
hung database cannot make the answer late). The password is held only in the parsed request:
it is never logged, never in an error, a metric or an audit line.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hashcompat.errors import BadRequestError
from hashcompat.server._breaker import BreakerState
from hashcompat.server._config import PlatformConfig, ServerConfig
from hashcompat.server._core import Kind, SignInOutcome, Ticket
from hashcompat.server._platforms import ROUTES, Contract, SignIn, build
from hashcompat.server._security import Authenticator
from hashcompat.server._service import Health, Service
from hashcompat.server._status import StatusPage

__all__ = ["create_app", "create_app_from_env"]

log = logging.getLogger("hashcompat.server")
MARK_WAIT_S = 2.0  # past the deadline, how long an answer waits for a mark being written


class _TooLarge(Exception):
    pass


class _Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "hashcompat_hook_requests",
            "Hook requests by platform and outcome",
            ["platform", "outcome"],
            registry=self.registry,
        )
        self.seconds = Histogram(
            "hashcompat_hook_verify_seconds",
            "Time spent checking one sign-in",
            ["platform"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0),
        )
        self.migrated = Counter(
            "hashcompat_hook_migrated_rows", "Legacy rows marked migrated", registry=self.registry
        )
        self.backend_errors = Counter(
            "hashcompat_hook_backend_errors",
            "The legacy store or the shared state (Redis) did not answer",
            ["backend", "what"],
            registry=self.registry,
        )
        self.breaker_open = Gauge(
            "hashcompat_hook_store_breaker_open",
            "1 while the legacy store's circuit breaker is open or probing",
            registry=self.registry,
        )

    def event(self, backend: str, what: str) -> None:
        self.backend_errors.labels(backend, what).inc()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError("not JSON")  # NaN, Infinity


def strict_json(body: bytes) -> Any:
    """A JSON object, or BadRequestError: UTF-8 only, no duplicate keys, no NaN, bounded depth."""
    try:
        data = json.loads(
            body.decode("utf-8"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
        )
    except (ValueError, RecursionError):
        raise BadRequestError("the body is not a strict JSON object") from None
    if not isinstance(data, dict):
        raise BadRequestError("the body is not a JSON object")
    return data


async def _read(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _TooLarge
    return bytes(body)


def _is_json(request: Request) -> bool:
    mime = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return mime == "application/json"


async def _within_deadline(
    service: Service,
    platform: PlatformConfig,
    sign_in: SignIn,
    client: str | None,
    started: float,
    *,
    slots: anyio.CapacityLimiter,
) -> SignInOutcome:
    """:meth:`Service.sign_in` in a worker thread, answered by the platform's deadline at the
    latest: past it, "try again later" (the thread finishes alone), unless the worker is
    already writing the row's mark, which the answer then waits for."""
    ticket = Ticket(started, started + platform.deadline_s)
    user, password = sign_in.user, sign_in.password
    done = anyio.Event()
    result: list[SignInOutcome] = []

    failed: list[Exception] = []

    async def work() -> None:
        try:
            result.append(
                await anyio.to_thread.run_sync(
                    lambda: service.sign_in(platform.name, user, password, client, ticket),
                    abandon_on_cancel=True,  # a thread stuck in the store finishes alone
                    limiter=slots,  # past the deadline a waiting check is dropped unstarted
                )
            )
        except Exception as exc:  # raised below as itself, not inside an exception group
            failed.append(exc)
        done.set()

    async with anyio.create_task_group() as group:
        group.start_soon(work)
        with anyio.move_on_after(max(0.0, ticket.remaining())):
            await done.wait()
        if not done.is_set():
            late = service.give_up(platform.name, user, client, ticket)
            if late is not None:
                group.cancel_scope.cancel()
                return late
            with anyio.move_on_after(MARK_WAIT_S):  # the worker is writing the mark
                await done.wait()
            if not done.is_set():
                group.cancel_scope.cancel()
                return SignInOutcome(Kind.STORE_UNAVAILABLE)
    if failed:
        raise failed[0]
    return result[0]


def _route(
    service: Service,
    platform: PlatformConfig,
    contract: Contract,
    metrics: _Metrics,
    slots: anyio.CapacityLimiter,
) -> Callable[[Request], Awaitable[Response]]:
    auth = Authenticator(platform.auth)
    open_door = not platform.auth.configured
    config = service.config

    async def endpoint(request: Request) -> Response:
        try:
            return await answer(request)
        except Exception as exc:  # never a traceback: frames of this call hold the password
            log.error("hashcompat.server: %s failed (%s)", platform.name, type(exc).__name__)
            metrics.requests.labels(platform.name, "error").inc()
            return JSONResponse({"error": "internal_error"}, 500)

    async def answer(request: Request) -> Response:
        started = time.perf_counter()
        try:
            body = await _read(request, config.max_body_bytes)
        except _TooLarge:
            metrics.requests.labels(platform.name, "too_large").inc()
            return JSONResponse({"error": "request_too_large"}, 413)
        # an open door only through --insecure-dev: parse_config refuses it otherwise
        if not open_door and not auth.allows(request.headers, body):
            metrics.requests.labels(platform.name, "unauthorized").inc()
            return Response(status_code=401)
        try:
            if not _is_json(request):
                raise BadRequestError("content type")
            sign_in = contract.parse(strict_json(body))
        except BadRequestError:
            metrics.requests.labels(platform.name, "bad_request").inc()
            return JSONResponse({"error": "invalid_request"}, 400)
        client = request.client.host if request.client is not None else None
        outcome = await _within_deadline(service, platform, sign_in, client, started, slots=slots)
        reply = contract.answer(outcome, sign_in)
        metrics.requests.labels(platform.name, outcome.kind.value).inc()
        metrics.seconds.labels(platform.name).observe(outcome.seconds)
        if outcome.migrated:
            metrics.migrated.inc()
        spent = time.perf_counter() - started
        if spent < config.min_response_s:
            await anyio.sleep(config.min_response_s - spent)
        return JSONResponse(reply.body, reply.status, headers=dict(reply.headers))

    return endpoint


def create_app(config: ServerConfig, *, service: Service | None = None) -> Starlette:
    metrics = _Metrics()
    if service is None:
        service = Service(config, events=metrics.event)
    else:
        service.events = metrics.event
    # verifies are CPU work: more at once only slows each; the rest wait for a slot
    slots = anyio.CapacityLimiter(config.max_concurrent_checks or 2 * (os.cpu_count() or 1))
    metrics.breaker_open.set_function(lambda: service.breaker.state is not BreakerState.CLOSED)
    routes = []
    for platform in config.platforms.values():
        if platform.name not in ROUTES:
            continue  # the Cognito trigger runs in Lambda, not here
        path, contract = build(platform)
        endpoint = _route(service, platform, contract, metrics, slots)
        routes.append(Route(path, endpoint, methods=["POST"]))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        with anyio.move_on_after(2.0):
            report = await anyio.to_thread.run_sync(service.ready, abandon_on_cancel=True)
            ready = Health.UNAVAILABLE not in report.values()
            return JSONResponse(
                {"status": "ready" if ready else "unavailable", **report}, 200 if ready else 503
            )
        return JSONResponse({"status": "unavailable", "store": "timeout"}, 503)

    async def metrics_page(request: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    routes.append(Route("/healthz", healthz, methods=["GET"]))
    routes.append(Route("/readyz", readyz, methods=["GET"]))
    routes.append(Route("/metrics", metrics_page, methods=["GET"]))
    status = StatusPage(config)

    async def status_page(request: Request) -> Response:  # the progress, for the hook callers
        if not status.allows(request.headers):
            return Response(status_code=401)
        html = request.query_params.get("format") == "html"
        code, text, media = await run_in_threadpool(status.answer, html)
        return Response(text, code, media_type=media)

    routes.append(Route("/status", status_page, methods=["GET"]))
    app = Starlette(routes=routes)
    app.state.service = service
    return app


def create_app_from_env() -> Starlette:
    """The app of ``$HASHCOMPAT_CONFIG``, for uvicorn's worker processes (``serve --workers``)."""
    import os  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    from hashcompat.server._config import load_config  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    insecure = os.environ.get("HASHCOMPAT_INSECURE_DEV") == "1"
    return create_app(load_config(None, insecure_dev=insecure))
