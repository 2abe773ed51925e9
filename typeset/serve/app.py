"""The workbench's HTTP routes, built on Starlette.

Starlette is a small, well-kept ASGI toolkit (routing, requests, responses, a test client)
with no template engine or ORM to carry; uvicorn runs it. The pages are static files of this
package; the routes under /api answer JSON, PNG and PDF.
"""

from __future__ import annotations

import json
import secrets
import threading
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..diagnostics import display_path
from ..i18n import _, chosen
from ..files import build_folder
from . import dropped, editing, figures, mapping
from .archive_view import Rebuild, issue_rows
from .guard import Guard, Refused, allowed_hosts, issue_path, new_token
from .live import Images, State, kept_paragraphs, lay_out_live, write_pdf
from .storage import Conflict, Store
from .words import words

STATIC = {"app.css": "text/css", "archive.js": "text/javascript", "issue.js": "text/javascript",
          "common.js": "text/javascript", "editor.js": "text/javascript", "pages.js": "text/javascript"}
PAGES = {"archive": "archive.html", "issue": "issue.html"}
FONTS = ("NotoSerifCJKsc-Regular.ttf", "NotoSerifCJKsc-Bold.ttf")  # the pages' own font, from the project
MOST_JSON_BYTES = 6_000_000
EXTRA_PDFS = ("press", "saddle", "2up")  # the press PDF and the impositions, beside the PDF, as their commands name them


class Desk:
    """One open issue: its file, its latest layout, its last good layout and its page images."""

    def __init__(self, path: Path, archive: Path, out: Path):
        self.path = path
        self.store = Store(path, archive)
        self.images = Images()
        self.composed = kept_paragraphs()  # one layout at a time: under the lock
        self.output = out / f"{path.stem}.pdf"
        self.state: State | None = None
        self.good: State | None = None
        self.parsed: tuple[str, object] | None = None  # a version and its round-trip data, from the edit that wrote it
        self.lock = threading.Lock()

    def edit(self, base: str, edit) -> None:
        """Apply an edit to the version `base` and save it over that version."""
        current = self.store.checked(base)
        kept, self.parsed = self.parsed, None
        text, data = editing.edited(current.text, edit, kept[1] if kept and kept[0] == base else None)
        saved = self.store.save(text, base)
        self.parsed = (saved.version, data) if data is not None else None

    def view(self) -> dict:
        """The file as it is now, laid out: text, fields, findings and pages."""
        with self.lock:
            saved = self.store.read()
            state = lay_out_live(self.path, self.composed, self.images)
            self.state = state
            if state.laid is not None and not state.errors:
                self.good = state
            return {**described(saved, state, self.shown_pages()), "downloads": self.extras()}

    def laid_now(self) -> State:
        """The file as it is now laid out, its pages not rendered."""
        with self.lock:
            return lay_out_live(self.path, self.composed)

    def extras(self) -> list[str]:
        """The press PDF and impositions of this issue that have been made."""
        return [kind for kind in EXTRA_PDFS if self.extra(kind).is_file()]

    def extra(self, kind: str) -> Path:
        """Where `build --press` or `impose` puts one of them."""
        return self.output.with_name(f"{self.path.stem}-{kind}.pdf")

    def shown_pages(self) -> State | None:
        """The layout whose pages are shown: the latest one that laid out."""
        latest = self.state if self.state and self.state.laid else None
        return latest or self.good


def described(saved, state: State, pages: State | None) -> dict:
    """The JSON of a version of the issue."""
    spans = editing.spans(saved.text)
    try:
        fields, problem = editing.fields(saved.text), ""
    except editing.EditError as error:
        fields, problem = None, str(error)
    laid = pages.laid if pages else None
    printed = mapping.Printed(laid) if laid and state.findings else None
    return {
        "text": saved.text, "version": saved.version, "fields": fields, "fields_problem": problem,
        "spans": spans, "laid": state.laid is not None,
        "findings": [finding_json(d, spans, printed) for d in state.findings],
        "pages": [{"name": name, "width": page.width, "height": page.height}
                  for name, page in zip(pages.names, laid.pages)] if laid else [],
    }


def finding_json(diagnostic, spans: dict, printed: mapping.Printed | None) -> dict:
    """A finding with the field it is in, the pages where that field is printed and its own places there."""
    found = diagnostic.as_dict()
    found["headline"] = diagnostic.headline()
    found["severity_word"] = _("error") if diagnostic.severity == "error" else _("warning")
    line = diagnostic.position.line if diagnostic.position else None
    found["field"] = editing.field_at(spans, line) if line else None
    boxes = printed.field(spans, found["field"]) if printed and found["field"] else []
    found["pages"] = sorted({int(box[0]) for box in boxes})
    found["marks"] = printed.place(diagnostic.position) if printed else []
    return found


class Workbench:
    """The state of one run of the server: the archive, its desks and its rebuild."""

    def __init__(self, archive: Path, token: str):
        self.archive = archive.resolve()
        self.out = build_folder(self.archive).resolve()
        self.token = token
        self.desks: dict[str, Desk] = {}
        self.rebuild = Rebuild(self.archive, self.out)
        self.lock = threading.Lock()

    def desk(self, name: str) -> Desk:
        """The desk of an issue of the archive, opened on first use."""
        path = issue_path(self.archive, name)
        with self.lock:
            if name not in self.desks:
                self.desks[name] = Desk(path, self.archive, self.out)
            return self.desks[name]


# ---------------------------------------------------------------- pages and static files

def page(bench: Workbench, kind: str) -> Response:
    """An HTML page with this run's token and the language filled in."""
    html = (resources.files(__package__) / "static" / PAGES[kind]).read_text(encoding="utf-8")
    html = html.replace("{{token}}", bench.token).replace("{{lang}}", "zh-CN" if chosen() == "zh" else "en")
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                             "Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; "
                                                        "frame-ancestors 'none'"})


def static(request: Request) -> Response:
    """A file of the pages, from the fixed list of this package's static files."""
    name = request.path_params["name"]
    if name not in STATIC:
        raise Refused(404, _("no such file"))
    data = (resources.files(__package__) / "static" / name).read_bytes()
    return Response(data, media_type=STATIC[name] + "; charset=utf-8", headers={"Cache-Control": "no-cache"})


def font(request: Request) -> Response:
    """One of the project's fonts, for the pages' Chinese text."""
    from ..fonts import FONTS_DIR

    name = request.path_params["name"]
    if name not in FONTS:
        raise Refused(404, _("no such file"))
    return FileResponse(FONTS_DIR / name, media_type="font/ttf", headers={"Cache-Control": "max-age=86400"})


# ---------------------------------------------------------------- requests

async def body_json(request: Request) -> dict:
    """The request's JSON object, of bounded size."""
    data = await bounded_body(request, MOST_JSON_BYTES)
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, _("the request is not JSON")) from None
    if not isinstance(found, dict):
        raise Refused(400, _("the request is not a JSON object"))
    return found


async def bounded_body(request: Request, most: int) -> bytes:
    """The request's body; Refused (413) past `most` bytes, whatever Content-Length says."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > most:
        raise Refused(413, _("the upload is larger than {mb} MB").format(mb=most // 1_000_000))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > most:
            raise Refused(413, _("the upload is larger than {mb} MB").format(mb=most // 1_000_000))
        chunks.append(chunk)
    return b"".join(chunks)


def version_of(given: dict) -> str:
    """The version an edit was made on."""
    version = given.get("version")
    if not isinstance(version, str):
        raise Refused(400, _("the request lacks the version it was made on"))
    return version


def make_app(archive: Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> Guard:
    """The workbench over one archive folder, answering only as host:port."""
    bench = Workbench(archive, token or new_token())

    async def archive_page(request: Request):
        return page(bench, "archive")

    async def issue_page(request: Request):
        bench.desk(request.path_params["name"])
        return page(bench, "issue")

    async def words_json(request: Request):
        return JSONResponse(words())

    async def archive_json(request: Request):
        rows = await run_in_threadpool(issue_rows, bench.archive, bench.out, bench.rebuild.failures)
        return JSONResponse({"archive": display_path(bench.archive), "issues": rows})

    async def new_issue(request: Request):
        from ..new import NewError, write_next

        await body_json(request)
        try:
            written = await run_in_threadpool(write_next, bench.archive)
        except NewError as problem:
            raise Refused(409, str(problem)) from None
        return JSONResponse({"name": written.stem})

    async def rebuild_start(request: Request):
        given = await body_json(request)
        started = bench.rebuild.start(bool(given.get("force")))
        return JSONResponse({"started": started, **bench.rebuild.status()})

    async def rebuild_status(request: Request):
        return JSONResponse(bench.rebuild.status())

    async def issue_json(request: Request):
        desk = bench.desk(request.path_params["name"])
        return JSONResponse(await run_in_threadpool(desk.view))

    async def issue_version(request: Request):
        desk = bench.desk(request.path_params["name"])
        return JSONResponse({"version": (await run_in_threadpool(desk.store.read)).version})

    async def edit(request: Request):
        desk = bench.desk(request.path_params["name"])
        given = await body_json(request)
        base = version_of(given)

        def work():
            desk.edit(base, given.get("edit"))
            return desk.view()

        return JSONResponse(await run_in_threadpool(work))

    async def undo(request: Request):
        desk = bench.desk(request.path_params["name"])
        base = version_of(await body_json(request))

        def work():
            try:
                desk.store.undo(base)
            except LookupError as nothing:
                raise Refused(409, str(nothing)) from None
            return desk.view()

        return JSONResponse(await run_in_threadpool(work))

    async def keep_both(request: Request):
        desk = bench.desk(request.path_params["name"])
        given = await body_json(request)
        text = given.get("text")
        if not isinstance(text, str):
            raise Refused(400, _("the request lacks the text to keep"))
        if given.get("edit"):
            text = editing.apply(text, given["edit"])
        kept = await run_in_threadpool(desk.store.keep_both, text)
        return JSONResponse({"kept": str(kept.relative_to(bench.archive.parent))})

    async def page_image(request: Request):
        desk = bench.desk(request.path_params["name"])
        image = await run_in_threadpool(desk.images.image, request.path_params["page"])
        if image is None:
            raise Refused(404, _("no such page"))
        return Response(image, media_type="image/png", headers={"Cache-Control": "private, max-age=31536000, immutable"})

    async def field_at(request: Request):
        desk = bench.desk(request.path_params["name"])
        shown = desk.shown_pages()
        try:
            number, x, y = int(request.query_params["page"]), float(request.query_params["x"]), float(request.query_params["y"])
        except (KeyError, ValueError):
            raise Refused(400, _("give page, x and y")) from None
        if shown is None:
            return JSONResponse({"field": None})
        spans = editing.spans(desk.store.read().text)
        return JSONResponse({"field": mapping.field_at_place(shown.laid, spans, number, x, y)})

    async def places(request: Request):
        desk = bench.desk(request.path_params["name"])
        shown = desk.shown_pages()
        field = request.query_params.get("field", "")
        if shown is None:
            return JSONResponse({"boxes": []})
        spans = editing.spans(desk.store.read().text)
        return JSONResponse({"boxes": mapping.places_of_field(shown.laid, spans, field)})

    async def pdf(request: Request):
        desk = bench.desk(request.path_params["name"])
        if not secrets.compare_digest(request.query_params.get("token", ""), bench.token):
            raise Refused(403, _("refused: the workbench's token is missing or wrong; reload the page"))
        return await run_in_threadpool(pdf_response, desk)

    async def extra_pdf(request: Request):
        desk = bench.desk(request.path_params["name"])
        kind = request.path_params["kind"]
        if not secrets.compare_digest(request.query_params.get("token", ""), bench.token):
            raise Refused(403, _("refused: the workbench's token is missing or wrong; reload the page"))
        if kind not in desk.extras():
            raise Refused(404, _("no such file"))
        return FileResponse(desk.extra(kind), media_type="application/pdf",
                            filename=desk.extra(kind).name, headers={"Cache-Control": "no-store"})

    async def drop(request: Request):
        desk = bench.desk(request.path_params["name"])
        data = await bounded_body(request, dropped.MOST_BYTES)
        base = request.query_params.get("version", "")
        try:
            section = int(request.query_params.get("section", ""))
        except ValueError:
            raise Refused(400, _("give the section to add the submission to")) from None
        name = request.headers.get("x-file-name", "")

        def work():
            from urllib.parse import unquote

            current = desk.store.checked(base)
            text, report = dropped.import_into(current.text, section, unquote(name), data)
            desk.store.save(text, base)
            return {**desk.view(), "report": report}

        return JSONResponse(await run_in_threadpool(work))

    async def add_figure(request: Request):
        desk = bench.desk(request.path_params["name"])
        data = await bounded_body(request, figures.MOST_BYTES)
        base = request.query_params.get("version", "")
        article = request.query_params.get("article", "").split(".")
        path = [int(step) if step.isdigit() else step for step in article]
        name = request.headers.get("x-file-name", "")

        def work():
            from urllib.parse import unquote

            current = desk.store.checked(base)
            shown = unquote(name)
            figures.checked_ending(shown, data)
            editing.apply(current.text, {"op": "add_figure", "path": path, "image": "x"})  # the article is there
            saved = figures.save_picture(bench.archive, shown, data)
            image = saved.relative_to(bench.archive).as_posix()
            try:
                desk.edit(base, {"op": "add_figure", "path": path, "image": image,
                                 "caption": unquote(request.query_params.get("caption", ""))})
            except BaseException:
                saved.unlink()
                raise
            return {**desk.view(), "image": image}

        return JSONResponse(await run_in_threadpool(work))

    routes = [
        Route("/", archive_page),
        Route("/issue/{name}", issue_page),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/static/fonts/{name}", font),
        Route("/static/{name}", static),
        Route("/api/words", words_json),
        Route("/api/archive", archive_json),
        Route("/api/archive/new", new_issue, methods=["POST"]),
        Route("/api/archive/rebuild", rebuild_start, methods=["POST"]),
        Route("/api/archive/rebuild", rebuild_status, methods=["GET"]),
        Route("/api/issue/{name}", issue_json),
        Route("/api/issue/{name}/version", issue_version),
        Route("/api/issue/{name}/edit", edit, methods=["POST"]),
        Route("/api/issue/{name}/undo", undo, methods=["POST"]),
        Route("/api/issue/{name}/keep-both", keep_both, methods=["POST"]),
        Route("/api/issue/{name}/page/{page}.png", page_image),
        Route("/api/issue/{name}/at", field_at),
        Route("/api/issue/{name}/places", places),
        Route("/api/issue/{name}/pdf", pdf),
        Route("/api/issue/{name}/pdf/{kind}", extra_pdf),
        Route("/api/issue/{name}/drop", drop, methods=["POST"]),
        Route("/api/issue/{name}/figure", add_figure, methods=["POST"]),
    ]
    handlers = {Refused: refused, editing.EditError: edit_refused, dropped.DropError: edit_refused, figures.FigureError: edit_refused,
                Conflict: conflict, HTTPException: http_error, Exception: failure}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.bench = bench
    return Guard(app, allowed_hosts(host, port), bench.token)


def pdf_response(desk: Desk) -> Response:
    """The issue's PDF: written from the current layout when it has no error, else the last good one."""
    state = desk.laid_now()  # the file as it is now, whatever the page last showed
    if state.laid is not None and not state.errors:
        write_pdf(state.laid, desk.output)
        current = True
    elif desk.output.is_file():
        current = False
    else:
        raise Refused(409, _("the issue has errors and was never built: fix the errors listed, then download"))
    headers = {"Content-Disposition": f'attachment; filename="{desk.path.stem}.pdf"',
               "X-Paiban-Current": "1" if current else "0", "Cache-Control": "no-store"}
    return Response(desk.output.read_bytes(), media_type="application/pdf", headers=headers)


async def refused(request: Request, refusal: Refused) -> JSONResponse:
    """A refused request: its status and reason."""
    return JSONResponse({"error": str(refusal)}, status_code=refusal.status)


async def edit_refused(request: Request, problem: Exception) -> JSONResponse:
    """An edit or a drop that does not fit: nothing was written."""
    return JSONResponse({"error": str(problem)}, status_code=422)


async def conflict(request: Request, clash: Conflict) -> JSONResponse:
    """The file changed on disk: nothing was written; the disk's version comes back."""
    return JSONResponse({"error": str(clash), "conflict": True, "disk_version": clash.disk_version},
                        status_code=409)


async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    """Starlette's own refusals (no such route, method not allowed) as JSON."""
    message = _("no such page") if error.status_code == 404 else _("this request is not allowed here")
    return JSONResponse({"error": message}, status_code=error.status_code)


async def failure(request: Request, error: Exception) -> JSONResponse:
    """Anything unexpected: an error answer, and the server keeps serving."""
    return JSONResponse({"error": _("unexpected {kind}: {error}").format(kind=type(error).__name__, error=error)},
                        status_code=500)
