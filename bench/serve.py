"""Time the workbench from an edit to the updated page image, against `paiban watch`'s save-to-PNG.

A copy of the reference archive is served by `paiban serve`'s app under uvicorn on a free
port. Each round changes one character in a paragraph printed on page 5 (a different one each
time, so no image comes from the cache), then times the edit request and the request of page
5's new image together, as the page makes them. The same edit is then saved to the file and
`paiban watch`'s rebuild (the full PDF, then page 5 as a PNG at the same resolution) is timed;
watch's polling for the save is not counted. Medians of the rounds are reported.

    python bench/serve.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.serve import editing, mapping  # noqa: E402
from typeset.serve.app import make_app  # noqa: E402
from typeset.serve.live import DPI  # noqa: E402

PAGE = 5
TOKEN = "bench"


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(archive: Path) -> str:
    """Serve the archive in a thread; its address once it answers."""
    import uvicorn

    port = free_port()
    app = make_app(archive, port=port, token=TOKEN)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    while not server.started:
        time.sleep(0.05)
    return url


def call(url: str, body: dict | None = None) -> bytes:
    """GET, or POST a JSON body as the page does."""
    headers = {"Origin": url.split("/api")[0], "X-Paiban-Token": TOKEN, "Content-Type": "application/json"}
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data, headers if data else {})) as answer:
        return answer.read()


def paragraph_on_page(url: str, view: dict) -> list:
    """The path of a body paragraph printed on page 5 only."""
    for path in view["spans"]:
        steps = path.split(".")
        if len(steps) == 6 and steps[4] == "body":
            boxes = json.loads(call(f"{url}/api/issue/2024-07/places?field={path}"))["boxes"]
            if boxes and {box[0] for box in boxes} == {PAGE}:
                return [int(s) if s.isdigit() else s for s in steps]
    raise SystemExit("no paragraph lies on page 5 alone")


def body_edit(view: dict, path: list, char: str) -> dict:
    """An edit of the article's body with one character put into the middle of the paragraph."""
    section, article, index = path[1], path[3], path[5]
    (block,) = [b for b in view["fields"]["sections"][section]["items"][article]["blocks"] if b["at"] == "body"]
    paragraphs = list(block["paragraphs"])
    middle = len(paragraphs[index]) // 2
    paragraphs[index] = paragraphs[index][:middle] + char + paragraphs[index][middle:]
    return {"op": "body", "path": path[:5], "paragraphs": paragraphs}


def time_workbench(url: str, view: dict, path: list, char: str) -> tuple[float, dict]:
    """Seconds from sending the edit to having page 5's image; the view after it."""
    started = time.perf_counter()
    after = json.loads(call(f"{url}/api/issue/2024-07/edit", {"version": view["version"],
                                                               "edit": body_edit(view, path, char)}))
    image = call(f"{url}/api/issue/2024-07/page/{after['pages'][PAGE - 1]['name']}.png")
    seconds = time.perf_counter() - started
    assert image.startswith(b"\x89PNG") and after["pages"][PAGE - 1]["name"] != view["pages"][PAGE - 1]["name"]
    return seconds, after


def watcher(source: Path, output: Path):
    """`paiban watch`'s rebuild of the issue, previewing page 5, kept for all the rounds as watch keeps it."""
    from typeset.watch import Rebuild, preview_files

    return Rebuild(source, output, preview_files(source, output, [PAGE]), DPI, lambda *a, **k: None)


def time_watch(rebuild, source: Path, text: str) -> float:
    """Seconds of `paiban watch`'s rebuild after a save: the PDF, then page 5 as a PNG."""
    source.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    assert rebuild()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    folder = Path(tempfile.mkdtemp())
    served, watched = folder / "served" / "issues", folder / "watched" / "issues"
    for archive in (served, watched):
        archive.mkdir(parents=True)
        for name in ("publication.yaml", "2024-07.yaml"):
            shutil.copy(ROOT / "issues" / name, archive / name)
    url = start(served)
    view = json.loads(call(f"{url}/api/issue/2024-07"))
    path = paragraph_on_page(url, view)
    texts = [p for s in view["fields"]["sections"] for i in s["items"] for b in i.get("blocks", [])
             for p in b.get("paragraphs", [])]
    chars = sorted(set("".join(texts)) - set("，。、；：？！“”‘’（）《》—…·0123456789"))[:rounds + 1]
    time_workbench(url, view, path, chars[-1])  # warm-up: fonts loaded, every paragraph composed once
    source = watched / "2024-07.yaml"
    rebuild = watcher(source, watched.parent / "build" / "2024-07.pdf")
    assert rebuild()  # the same warm-up for watch
    view = json.loads(call(f"{url}/api/issue/2024-07"))
    served_times, watch_times = [], []
    for char in chars[:rounds]:
        seconds, after = time_workbench(url, view, path, char)
        served_times.append(seconds)
        watch_times.append(time_watch(rebuild, source, after["text"]))
        view = after
    print(f"edit → page {PAGE} image (paiban serve): median {statistics.median(served_times) * 1000:.0f} ms "
          f"(min {min(served_times) * 1000:.0f}, max {max(served_times) * 1000:.0f}) over {rounds} edits")
    print(f"save → page {PAGE} PNG (paiban watch):  median {statistics.median(watch_times) * 1000:.0f} ms "
          f"(min {min(watch_times) * 1000:.0f}, max {max(watch_times) * 1000:.0f})")
    print(f"ratio: {statistics.median(watch_times) / statistics.median(served_times):.1f}x")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
