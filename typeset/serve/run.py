"""Running the workbench: uvicorn on the chosen address, the address printed, the browser opened if asked."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

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
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, date_header=False)
