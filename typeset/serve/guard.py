"""What keeps the workbench to its user and its folder.

Every request must name this server in its Host header (a page of another site that makes its
own name point at 127.0.0.1, DNS rebinding, is refused); every request that changes anything
must come from this server's own pages (its Origin) and carry the token made for this run, which only
those pages are given. Issue names are plain file names inside the archive folder, checked
again after every link is followed.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

from ..i18n import _

SAFE_METHODS = {"GET", "HEAD"}
TOKEN_HEADER = "x-paiban-token"
ISSUE_NAME = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z_\u4e00-\u9fff.-]{0,99}$")
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")


class Refused(Exception):
    """A request the workbench will not serve: its status and the reason, in the user's words."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def new_token() -> str:
    """A fresh token for one run of the server."""
    return secrets.token_urlsafe(24)


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers that name this server."""
    names = set(LOCAL_NAMES) | {f"[{host}]" if ":" in host else host}
    return {f"{name}:{port}" for name in names} | (names if port == 80 else set())


class Guard:
    """ASGI middleware: Host on every request; Origin and token on every state-changing one."""

    def __init__(self, app, hosts: set[str], token: str):
        self.app = app
        self.hosts = hosts
        self.origins = {f"http://{host}" for host in hosts}
        self.token = token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        try:
            self.check(scope["method"], headers)
        except Refused as refusal:
            return await refuse(send, refusal)
        return await self.app(scope, receive, send)

    def check(self, method: str, headers: dict[str, str]) -> None:
        """Raise Refused for a request from elsewhere."""
        if headers.get("host", "").lower() not in self.hosts:
            raise Refused(421, _("this server answers only to its own address (127.0.0.1)"))
        if method in SAFE_METHODS:
            return
        if headers.get("origin") not in self.origins:
            raise Refused(403, _("refused: the request does not come from the workbench's own pages"))
        if not secrets.compare_digest(headers.get(TOKEN_HEADER, ""), self.token):
            raise Refused(403, _("refused: the workbench's token is missing or wrong; reload the page"))


async def refuse(send, refusal: Refused) -> None:
    """Answer a refused request with its status and a JSON message."""
    body = json.dumps({"error": str(refusal)}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": refusal.status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def issue_path(archive: Path, name: str) -> Path:
    """The source of issue `name` (its file stem) inside the archive; Refused for anything else."""
    if not isinstance(name, str) or not ISSUE_NAME.match(name) or ".." in name or name == "publication":
        raise Refused(404, _("there is no issue '{name}' in this archive").format(name=str(name)[:60]))
    path = archive / f"{name}.yaml"
    if not inside(archive, path) or not path.is_file():
        raise Refused(404, _("there is no issue '{name}' in this archive").format(name=name))
    return path


def inside(folder: Path, path: Path) -> bool:
    """True when a path, every link followed, lies in the folder (itself resolved)."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True
