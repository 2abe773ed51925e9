"""A picture added to an article from the editor, and removed: what is saved where, and what is refused."""

from __future__ import annotations

from urllib.parse import quote

from tests.conftest import ROOT
from tests.serve.test_http import comments, opened, served, snapshot, writes  # noqa: F401 (served is a fixture)

PICTURE = (ROOT / "tests" / "fixtures" / "import" / "meeting.png").read_bytes()
ARTICLE = "sections.0.articles.0"


def add(client, view, name="会议.png", data=PICTURE, headers=None, caption="会议现场"):
    """POST a picture to the first article as the page does."""
    return client.post("/api/issue/2024-07/figure", params={"article": ARTICLE, "version": view["version"],
                                                             "caption": caption},
                       content=data, headers=headers if headers is not None else writes({"x-file-name": quote(name)}))


def test_a_picture_is_saved_under_images_and_the_text_body_becomes_a_list_with_its_figure(served):
    archive, client = served
    view = opened(client)
    before = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    answer = add(client, view)
    assert answer.status_code == 200, answer.text
    added = answer.json()
    image = added["image"]
    assert image.startswith("images/figure-") and image.endswith(".png") and "会议" not in image
    assert (archive / image).read_bytes() == PICTURE
    after = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    assert f"image: {image}" in after and "caption: 会议现场" in after and comments(after) == comments(before)
    blocks = added["fields"]["sections"][0]["items"][0]["blocks"]
    assert [b["kind"] for b in blocks] == ["text", "figure"] and blocks[1]["caption"] == "会议现场"
    assert blocks[0]["paragraphs"] == opened_paragraphs(view)
    assert added["laid"] and not [f for f in added["findings"] if f["severity"] == "error"]

    second = add(client, added).json()
    assert second["image"] != image and (archive / image).read_bytes() == PICTURE  # a new name, the first kept
    path = ["sections", 0, "articles", 0, "body", 1]
    removed = client.post("/api/issue/2024-07/edit", json={"version": second["version"],
                                                           "edit": {"op": "remove_figure", "path": path}},
                          headers=writes())
    assert removed.status_code == 200
    kinds = [b["kind"] for b in removed.json()["fields"]["sections"][0]["items"][0]["blocks"]]
    assert kinds == ["text", "figure"] and image not in removed.json()["text"] and second["image"] in removed.json()["text"]
    wrong = client.post("/api/issue/2024-07/edit", json={"version": removed.json()["version"],
                                                         "edit": {"op": "remove_figure", "path": path[:5] + [0]}},
                        headers=writes())
    assert wrong.status_code == 422  # a paragraph is not a figure


def opened_paragraphs(view) -> list[str]:
    """The first article's paragraphs as the page first showed them."""
    return view["fields"]["sections"][0]["items"][0]["blocks"][0]["paragraphs"]


def test_a_picture_of_another_kind_too_large_or_without_the_token_changes_no_file(served):
    archive, client = served
    view = opened(client)
    files = snapshot(archive.parent)
    for name, data in [("a.gif", b"GIF89a"), ("a.png", b"\xff\xd8\xff not a png"), ("a.jpg", b"\x89PNG\r\n\x1a\n"),
                       ("a.svg", b"<svg/>"), ("", PICTURE)]:
        answer = add(client, view, name, data)
        assert answer.status_code == 422 and answer.json()["error"], name
    assert add(client, view, data=PICTURE + b"0" * 10_000_001).status_code == 413
    assert add(client, view, headers={"origin": "http://127.0.0.1:8765", "x-file-name": "a.png"}).status_code == 403
    assert add(client, view, headers={"origin": "http://evil.example", "x-paiban-token": "secret-token",
                                      "x-file-name": "a.png"}).status_code == 403
    stale = add(client, {"version": "0" * 8})
    assert stale.status_code in (409, 400)
    assert snapshot(archive.parent) == files


def test_a_picture_name_cannot_lead_outside_the_archive_nor_through_a_linked_images_folder(served, tmp_path):
    archive, client = served
    view = opened(client)
    answer = add(client, view, name="../../../escape.png")
    assert answer.status_code == 200
    image = answer.json()["image"]
    assert image.startswith("images/figure-") and (archive / image).is_file()
    assert not list(archive.parent.glob("escape*")) and not list(tmp_path.rglob("escape*"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (archive / image).unlink()
    (archive / "images").rmdir()
    (archive / "images").symlink_to(outside)
    files = snapshot(archive)
    linked = add(client, answer.json())
    assert linked.status_code == 403 and not list(outside.iterdir()) and snapshot(archive) == files
