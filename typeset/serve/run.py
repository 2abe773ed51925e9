"""Running the workbench: uvicorn on the chosen address, the address printed, the browser opened if asked."""

from __future__ import annotations

import signal
import threading
import webbrowser
from pathlib import Path

from ..files import leave
from ..i18n import _
from .app import make_app


def address(host: str, port: int) -> str:
    """The URL of the workbench."""
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve(archive: Path, host: str, port: int, open_browser: bool, echo) -> None:
    """Serve the archive until Ctrl-C."""
    import uvicorn

    app = make_app(archive, host, port)
    url = address(host, port)
    echo(_("the workbench for {archive} is at {url}; Ctrl-C stops").format(archive=archive, url=url), err=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                                           date_header=False))
    hung_up: list[int] = []

    def hang_up(signum: int, frame) -> None:
        """A closed terminal shuts the server down gracefully, as uvicorn does on SIGTERM but not on SIGHUP."""
        hung_up.append(signum)
        server.handle_exit(signum, frame)

    previous = signal.signal(signal.SIGHUP, hang_up) if threading.current_thread() is threading.main_thread() else None
    try:
        server.run()
    finally:
        if previous is not None:
            signal.signal(signal.SIGHUP, previous)
    if hung_up:
        leave(hung_up[0], None)
