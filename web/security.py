"""Security headers on every response, and the CSRF check every POST goes through.

The pages use no inline script and no inline style, so the Content-Security-Policy can forbid
both: an injected ``<script>`` (should escaping ever fail) does not run. Frames are refused
(clickjacking a "sign" button), referrers are not sent to other sites, and MIME sniffing is off.
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
#: Under TLS browsers are told to keep using it (a year).
HSTS = "max-age=31536000"
#: The form field every POST must carry.
CSRF_FIELD = "csrf"


class SecurityHeaders:
    """Pure ASGI middleware: adds ``HEADERS`` (and HSTS under TLS) to every response, and
    ``Cache-Control: no-store`` to pages, which hold a municipality's case data."""

    def __init__(self, app: ASGIApp, *, tls: bool = False):
        self.app = app
        self.tls = tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = dict(HEADERS)
                if self.tls:
                    extra["strict-transport-security"] = HSTS
                if b"cache-control" not in present and not scope["path"].startswith("/static/"):
                    extra["cache-control"] = "no-store"
                headers += [(k.encode(), v.encode()) for k, v in extra.items()
                            if k.encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; an absent token never matches."""
    if not expected or not given:
        return False
    return secrets.compare_digest(expected.encode(), given.encode())
