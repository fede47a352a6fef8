"""What every answer of the server carries and what every request must show.

- One error shape: every 4xx is ``{"detail": "one line"}``, whether a filter was
  refused by the query layer (``QueryError``), a parameter by FastAPI's validation,
  or a route raised ``HTTPException``.
- Security headers on every answer: a Content-Security-Policy that lets the page load
  only from this server (no inline script, no framing), ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: no-referrer``.
- A Host check: a request whose ``Host`` is not one of the server's own names is
  refused with 400, so a DNS-rebinding page (a foreign name that resolves to
  127.0.0.1) cannot read a server listening on this machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwatch.query import QueryError

HOSTS_ENV = "FRONTWATCH_ALLOWED_HOSTS"
# The loopback names, and the name Starlette's TestClient sends (a single-label name
# that no public DNS can hand out, so no rebinding page can use it).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        # Leaflet and ReDoc set element styles; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


def allowed_hosts(extra: Iterable[str] = ()) -> list[str]:
    """The server's own names: loopback, those given, and $FRONTWATCH_ALLOWED_HOSTS."""
    named = [h.strip() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip()]
    return list(dict.fromkeys([*LOCAL_HOSTS, *extra, *named]))


class SecurityHeaders:
    """ASGI middleware adding HEADERS to every HTTP answer (errors included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _one_line(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI, hosts: Iterable[str] = ()) -> None:
    """Error handlers, the Host check and the security headers (outermost)."""

    @app.exception_handler(QueryError)
    async def query_error(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _one_line(exc)}, status_code=422)

    names = allowed_hosts(hosts)
    if "*" not in names:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=names)
    app.add_middleware(SecurityHeaders)
