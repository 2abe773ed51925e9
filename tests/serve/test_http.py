"""The workbench over HTTP: what it serves, what it refuses, and that no refused request changes a file."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from starlette.testclient import TestClient

from tests.conftest import PUBLICATION, REFERENCE, ROOT
from typeset.check import check
from typeset.serve.app import make_app

ORIGIN = "http://127.0.0.1:8765"
TITLE = ["sections", 0, "articles", 0, "title"]
FIGURE_CAPTION = ["sections", 0, "articles", 0, "body", 1, "figure", "caption"]
WITH_FIGURE = """\
number: 8
total: 696
date: 2024-06-30
sections:
  - label: 要闻速递
    articles:
      - title: 市人大常委会召开会议
        byline: 办公厅 张三
        body:
          - 市人大常委会召开第十九次会议，听取和审议有关报告。
          - figure:
              image: images/meeting.png   # 会议照片
              caption: 会议现场
          - 会议指出，要坚持问题导向，推动工作落实。
"""


@pytest.fixture
def served(tmp_path):
    """A copy of the reference archive, a workbench over it and a client on its address."""
    archive = tmp_path / "issues"
    archive.mkdir()
    shutil.copy(PUBLICATION, archive / "publication.yaml")
    shutil.copy(REFERENCE, archive / "2024-07.yaml")
    app = make_app(archive, token="secret-token")
    client = TestClient(app, base_url=ORIGIN, raise_server_exceptions=False)
    return archive, client


def writes(extra: dict | None = None) -> dict:
    """The headers of a request from the workbench's own page."""
    return {"origin": ORIGIN, "x-paiban-token": "secret-token", **(extra or {})}


def drop(client, section: int, version, name: str, data: bytes | None = None):
    """A file dropped on a section as the page sends it: the fixture `name` of the importer's, unless `data` is given."""
    data = (ROOT / "tests" / "fixtures" / "import" / name).read_bytes() if data is None else data
    return client.post(f"/api/issue/2024-07/drop?section={section}&version={version}", content=data,
                       headers=writes({"x-file-name": name}))


def opened(client) -> dict:
    """The issue as the page first loads it."""
    answer = client.get("/api/issue/2024-07")
    assert answer.status_code == 200
    return answer.json()


def comments(text: str) -> list[str]:
    """The comment lines of a source, in order."""
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def snapshot(folder) -> dict:
    """Every file under a folder with its bytes."""
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_reference_issue_opens_with_its_eleven_pages_and_the_findings_of_check(served):
    archive, client = served
    view = opened(client)
    assert len(view["pages"]) == 11
    assert view["fields"]["facts"]["total"] == "695"
    assert [f["message"] for f in view["findings"]] == [d.message for d in check([archive / "2024-07.yaml"])]
    image = client.get(f"/api/issue/2024-07/page/{view['pages'][4]['name']}.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")


def test_an_edit_is_saved_with_comments_kept_and_only_its_pages_change(served):
    archive, client = served
    view = opened(client)
    before = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    edit = {"op": "set", "path": TITLE, "value": "市人大常委会积极部署开展人大协商工作,"}
    answer = client.post("/api/issue/2024-07/edit", json={"version": view["version"], "edit": edit}, headers=writes())
    assert answer.status_code == 200
    after = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    assert after == before.replace("人大协商工作\n", "人大协商工作,\n", 1)
    changed = [a["name"] != b["name"] for a, b in zip(view["pages"], answer.json()["pages"])]
    assert changed == [True, True] + [False] * 9  # the TOC and the article's page
    warning = [f for f in answer.json()["findings"] if f["code"] == "half-width"]
    assert warning and warning[0]["field"] == "sections.0.articles.0.title" and warning[0]["pages"] == [1, 2]
    assert sorted(mark[0] for mark in warning[0]["marks"]) == [1, 2]  # the comma, in the TOC and over the article


def test_undo_puts_back_the_last_version_from_its_backup(served):
    archive, client = served
    view = opened(client)
    before = (archive / "2024-07.yaml").read_bytes()
    edit = {"op": "set", "path": ["number"], "value": "8"}
    saved = client.post("/api/issue/2024-07/edit", json={"version": view["version"], "edit": edit}, headers=writes())
    assert b"number: 8" in (archive / "2024-07.yaml").read_bytes()
    undone = client.post("/api/issue/2024-07/undo", json={"version": saved.json()["version"]}, headers=writes())
    assert undone.status_code == 200
    assert (archive / "2024-07.yaml").read_bytes() == before


def test_a_file_changed_on_disk_is_never_overwritten(served):
    archive, client = served
    view = opened(client)
    source = archive / "2024-07.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# changed elsewhere\n", encoding="utf-8")
    on_disk = source.read_bytes()
    edit = {"op": "set", "path": ["number"], "value": "9"}
    answer = client.post("/api/issue/2024-07/edit", json={"version": view["version"], "edit": edit}, headers=writes())
    assert answer.status_code == 409 and answer.json()["conflict"]
    assert source.read_bytes() == on_disk
    kept = client.post("/api/issue/2024-07/keep-both", json={"text": view["text"], "edit": edit}, headers=writes())
    assert (archive.parent / kept.json()["kept"]).read_text(encoding="utf-8").count("number: 9") == 1
    assert source.read_bytes() == on_disk


@pytest.mark.parametrize("headers, status", [
    ({"x-paiban-token": "secret-token"}, 403),                                   # no Origin
    ({"origin": "http://evil.example", "x-paiban-token": "secret-token"}, 403),  # a foreign Origin
    ({"origin": ORIGIN}, 403),                                                   # no token
    ({"origin": ORIGIN, "x-paiban-token": "guessed"}, 403),                      # a wrong token
    ({"origin": ORIGIN, "x-paiban-token": "secret-token", "host": "evil.example:8765"}, 421),  # DNS rebinding
])
def test_no_write_from_elsewhere_or_without_the_token(served, headers, status):
    archive, client = served
    view = opened(client)
    files = snapshot(archive.parent)
    edit = {"op": "set", "path": ["number"], "value": "9"}
    for url, body in [("/api/issue/2024-07/edit", {"version": view["version"], "edit": edit}),
                      ("/api/issue/2024-07/undo", {"version": view["version"]}),
                      ("/api/issue/2024-07/keep-both", {"text": "x"}),
                      ("/api/archive/new", {}), ("/api/archive/rebuild", {})]:
        answer = client.post(url, json=body, headers=headers)
        assert answer.status_code == status, url
        assert "error" in answer.json()
    assert client.get("/api/issue/2024-07/pdf").status_code == 403
    assert snapshot(archive.parent) == files


def test_a_foreign_host_cannot_even_read(served):
    _archive, client = served
    assert client.get("/api/issue/2024-07", headers={"host": "attacker.example"}).status_code == 421
    assert client.get("/", headers={"host": "127.0.0.1.attacker.example:8765"}).status_code == 421


@pytest.mark.parametrize("name", ["..%2Fpublication", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "publication", "%2E%2E",
                                  ".hidden", "2024-07%00", "a%2Fb"])
def test_no_path_outside_the_issues_can_be_named(served, name):
    _archive, client = served
    for url in (f"/api/issue/{name}", f"/issue/{name}", f"/api/issue/{name}/version"):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "root:" not in answer.text and "masthead" not in answer.text


def test_static_files_are_only_those_of_the_package(served):
    _archive, client = served
    assert client.get("/static/issue.js").status_code == 200
    for name in ("..%2F..%2Fapp.py", "app.py", "..%2Fguard.py", "fonts%2F..%2F..%2Fapp.py"):
        assert client.get(f"/static/{name}").status_code == 404
    assert client.get("/static/fonts/NotoSerifCJKsc-Regular.ttf").status_code == 200
    assert client.get("/static/fonts/..%2FOFL.txt").status_code == 404


def test_a_symlink_out_of_the_archive_is_not_an_issue(served, tmp_path):
    archive, client = served
    secret = tmp_path / "secret.yaml"
    secret.write_text("number: 1\n", encoding="utf-8")
    os.symlink(secret, archive / "2024-09.yaml")
    assert client.get("/api/issue/2024-09").status_code == 404
    assert client.post("/api/issue/2024-09/edit", json={"version": "x", "edit": {"op": "raw", "text": "y"}},
                       headers=writes()).status_code == 404
    assert secret.read_text(encoding="utf-8") == "number: 1\n"


def test_an_oversized_or_foreign_upload_is_refused(served):
    archive, client = served
    view = opened(client)
    files = snapshot(archive.parent)
    big = drop(client, 0, view["version"], "a.docx", b"PK\x03\x04" + b"0" * 10_000_001)
    assert big.status_code == 413
    for name, data in [("a.exe", b"MZ"), ("a.docx", b"not a zip"), ("a.txt", b"\xff\xfe\x00")]:
        answer = drop(client, 0, view["version"], name, data)
        assert answer.status_code == 422 and answer.json()["error"]
    assert snapshot(archive.parent) == files


def test_an_invalid_edit_never_replaces_the_last_good_pdf(served):
    archive, client = served
    view = opened(client)
    first = client.get("/api/issue/2024-07/pdf", params={"token": "secret-token"})
    assert first.status_code == 200 and first.headers["x-paiban-current"] == "1"
    pdf = archive.parent / "build" / "2024-07.pdf"
    good = pdf.read_bytes()
    broken = {"op": "set", "path": TITLE, "value": "《市人大常委会积极部署开展人大协商工作"}  # never closed
    answer = client.post("/api/issue/2024-07/edit", json={"version": view["version"], "edit": broken}, headers=writes())
    assert any(f["code"] == "unpaired" for f in answer.json()["findings"])
    again = client.get("/api/issue/2024-07/pdf", params={"token": "secret-token"})
    assert again.status_code == 200 and again.headers["x-paiban-current"] == "0"
    assert again.content == good and pdf.read_bytes() == good


@pytest.mark.parametrize("body", [b"", b"not json", b"[1, 2]", b'{"version": 3}', b'{"version": "x"}'])
def test_bad_requests_get_an_error_and_the_server_survives(served, body):
    _archive, client = served
    view = opened(client)
    answer = client.post("/api/issue/2024-07/edit", content=body, headers=writes())
    assert 400 <= answer.status_code < 500 and answer.json()["error"]
    for edit in [None, {"op": "set", "path": ["sections", 99, "title"], "value": "x"},
                 {"op": "set", "path": TITLE, "value": 5}, {"op": "move", "path": ["sections"], "from": 0, "to": 50},
                 {"op": "explode"}, {"op": "body", "path": TITLE, "paragraphs": "x"}]:
        answer = client.post("/api/issue/2024-07/edit", json={"version": view["version"], "edit": edit}, headers=writes())
        assert answer.status_code == 422 and answer.json()["error"], edit
    assert client.get("/api/issue/2024-07/at", params={"page": "x"}).status_code == 400
    assert client.delete("/api/issue/2024-07", headers=writes()).status_code == 405
    assert opened(client)["version"] == view["version"]


def test_the_archive_lists_each_issue_with_its_state_and_the_rebuild_reports_its_progress(served):
    archive, client = served
    broken = (archive / "2024-07.yaml").read_text(encoding="utf-8").replace("number: 7", "number: 8").replace(
        "total: 695", "total: 696").replace("date: 2024-05-31", "date: 2024-06-30").replace(
        "      - title: 市人大常委会积极部署开展人大协商工作", "      - title: 《市人大常委会积极部署开展人大协商工作")
    (archive / "2024-08.yaml").write_text(broken, encoding="utf-8")
    rows = {row["name"]: row for row in client.get("/api/archive").json()["issues"]}
    assert rows["2024-07"]["state"] == "stale" and rows["2024-07"]["total"] == 695
    assert rows["2024-08"]["state"] == "failed" and "never closed" in rows["2024-08"]["message"]
    started = client.post("/api/archive/rebuild", json={}, headers=writes()).json()
    assert started["started"]
    status = started
    for _attempt in range(600):
        status = client.get("/api/archive/rebuild").json()
        if not status["running"]:
            break
        time.sleep(0.1)
    assert status["done"] == status["total"] == 2
    assert any("1 failed" in line for line in status["result"])
    rows = {row["name"]: row for row in client.get("/api/archive").json()["issues"]}
    assert rows["2024-07"]["state"] == "built" and rows["2024-07"]["pages"] == 11
    assert rows["2024-08"]["state"] == "failed"


def test_a_new_issue_follows_the_last_one(served):
    archive, client = served
    made = client.post("/api/archive/new", json={}, headers=writes())
    assert made.json() == {"name": "2024-08"}
    assert "total: 696" in (archive / "2024-08.yaml").read_text(encoding="utf-8")
    view = client.get("/api/issue/2024-08").json()
    assert any(f["code"] == "placeholder" and f["field"] for f in view["findings"])


def test_the_press_pdf_is_offered_once_it_exists(served):
    archive, client = served
    assert opened(client)["downloads"] == []
    press = archive.parent / "build" / "2024-07-press.pdf"
    press.parent.mkdir()
    press.write_bytes(b"%PDF-1.4 press")
    assert opened(client)["downloads"] == ["press"]
    assert client.get("/api/issue/2024-07/pdf/press", params={"token": "secret-token"}).content == b"%PDF-1.4 press"
    assert client.get("/api/issue/2024-07/pdf/press").status_code == 403
    assert client.get("/api/issue/2024-07/pdf/saddle", params={"token": "secret-token"}).status_code == 404


def test_a_dropped_docx_becomes_an_article_of_its_section_with_the_import_report(served):
    archive, client = served
    view = opened(client)
    before = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    answer = drop(client, 1, view["version"], "xihu.docx")
    assert answer.status_code == 200
    added = answer.json()
    titles = [item["title"] for item in added["fields"]["sections"][1]["items"]]
    assert titles[-1] == "西湖区：“三张清单”推动代表建议落地见效" and len(titles) == 3
    assert added["report"][0] == "xihu.docx: paragraph 1, character 4: ':' → '：' (half-width mark next to Chinese made full-width)"
    after = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.split("  - label: 代表工作")[0]) and comments(after) == comments(before)
    assert added["report"][-1] == "xihu.docx: 40 changes" and str(archive) not in "".join(added["report"])


def test_a_drop_on_a_changed_file_is_a_conflict(served):
    archive, client = served
    view = opened(client)
    source = archive / "2024-07.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# elsewhere\n", encoding="utf-8")
    on_disk = source.read_bytes()
    answer = drop(client, 0, view["version"], "two-articles.txt")
    assert answer.status_code == 409 and source.read_bytes() == on_disk


def test_edits_in_a_row_give_the_file_that_each_edit_alone_would(served):
    from typeset.serve.editing import apply

    archive, client = served
    version = opened(client)["version"]
    edits = [{"op": "set", "path": TITLE, "value": "市人大常委会部署人大协商工作"},
             {"op": "move", "path": ["sections"], "from": 1, "to": 0},
             {"op": "set", "path": ["sections", 0, "label"], "value": "攻坚"},
             {"op": "footer", "key": "editor", "values": "张三"}]
    expected = REFERENCE.read_text(encoding="utf-8")
    for edit in edits:
        answer = client.post("/api/issue/2024-07/edit", json={"version": version, "edit": edit}, headers=writes())
        version = answer.json()["version"]
        expected = apply(expected, edit)
    assert (archive / "2024-07.yaml").read_text(encoding="utf-8") == expected


def test_the_numbering_findings_are_those_of_check_and_follow_a_neighbour_saved_meanwhile(served):
    archive, client = served
    neighbour = archive / "2024-08.yaml"
    text = REFERENCE.read_text(encoding="utf-8").replace("number: 7", "number: 8").replace(
        "date: 2024-05-31", "date: 2024-06-30")  # total 695 twice
    neighbour.write_text(text, encoding="utf-8")
    view = opened(client)
    assert [f["message"] for f in view["findings"]] == [d.message for d in check([archive / "2024-07.yaml"])]
    assert [f["code"] for f in view["findings"]] == ["total-repeated", "dash"]  # the print's own 零距离—山区
    neighbour.write_text(text.replace("total: 695", "total: 696"), encoding="utf-8")
    again = opened(client)
    assert [f["message"] for f in again["findings"]] == [d.message for d in check([archive / "2024-07.yaml"])]
    assert [f["code"] for f in again["findings"]] == ["dash"]


def test_only_the_newest_issues_not_built_are_checked_when_the_archive_is_listed(served):
    archive, client = served
    for number in range(1, 12):
        shutil.copy(REFERENCE, archive / f"2023-{number:02d}.yaml")  # each repeats total 695: an error
    rows = client.get("/api/archive").json()["issues"]
    assert [row["name"] for row in rows][:2] == ["2023-01", "2023-02"] and len(rows) == 12
    assert [row["state"] for row in rows] == ["stale"] * 2 + ["failed"] * 10


def test_a_figure_shows_its_fields_and_its_caption_edit_is_saved(served):
    archive, client = served
    (archive / "images").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "import" / "meeting.png", archive / "images" / "meeting.png")
    source = archive / "2024-08.yaml"
    source.write_text(WITH_FIGURE, encoding="utf-8")
    view = client.get("/api/issue/2024-08").json()
    blocks = view["fields"]["sections"][0]["items"][0]["blocks"]
    assert blocks[1] == {"kind": "figure", "at": "body.1.figure", "image": "images/meeting.png",
                         "caption": "会议现场", "width": ""}
    assert view["laid"] and not [f for f in view["findings"] if f["severity"] == "error"]
    edit = {"op": "set", "path": FIGURE_CAPTION, "value": "协商议事会议现场"}
    answer = client.post("/api/issue/2024-08/edit", json={"version": view["version"], "edit": edit}, headers=writes())
    assert answer.status_code == 200
    assert source.read_text(encoding="utf-8") == WITH_FIGURE.replace("caption: 会议现场", "caption: 协商议事会议现场")
    assert [a["name"] != b["name"] for a, b in zip(view["pages"], answer.json()["pages"])] == [False, True]


def test_a_dropped_markdown_submission_becomes_an_article_through_the_importer(served):
    archive, client = served
    view = opened(client)
    before = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    answer = drop(client, 1, view["version"], "binjiang.md")
    assert answer.status_code == 200, answer.text
    added = answer.json()
    titles = [item["title"] for item in added["fields"]["sections"][1]["items"]]
    assert len(titles) == 3 and titles[-1].startswith("滨江区：“四位一体”议事机制")
    assert added["report"] and added["report"][0].startswith("binjiang.md: ")
    after = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    assert "滨江区人大常委会西兴街道工委" in after and comments(after) == comments(before)
    latin = drop(client, 1, added["version"], "bad.md", b"# \xff\xfe")
    assert latin.status_code == 422 and (archive / "2024-07.yaml").read_text(encoding="utf-8") == after
