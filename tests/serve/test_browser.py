"""The workbench in a real browser: Debian's chromium driven by selenium against `paiban serve`.

One server and one browser for the module; the scenarios run in order on one copy of the
reference archive. PAIBAN_SCREENSHOT=docs/workbench.png keeps the issue page's screenshot there.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import PUBLICATION, REFERENCE, ROOT

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
TITLE = '[data-field="sections.0.articles.0.title"]'
WAIT = 30


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`paiban serve` over a copy of the reference archive, in Chinese, until the module ends."""
    archive = tmp_path_factory.mktemp("served") / "issues"
    archive.mkdir()
    shutil.copy(PUBLICATION, archive / "publication.yaml")
    shutil.copy(REFERENCE, archive / "2024-07.yaml")
    port = free_port()
    environment = {**os.environ, "PAIBAN_LANG": "zh", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "typeset", "serve", str(archive), "--port", str(port)],
                               env=environment, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(url + "/api/words", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url, archive
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    """Headless chromium at a laptop's window size."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1440,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def until(browser, condition, timeout: float = WAIT):
    """Wait for a condition of the page; its value."""
    return WebDriverWait(browser, timeout, poll_frequency=0.05).until(lambda _driver: condition())


def thumbnails(browser) -> list[dict]:
    """Each thumbnail's page name and whether its image is loaded."""
    return browser.execute_script(
        "return [...document.querySelectorAll('.thumb')].map(t => ({name: t.dataset.name, "
        "loaded: t.querySelector('img').complete && t.querySelector('img').naturalWidth > 0}))")


def open_issue(browser, url: str) -> None:
    """Load the issue page until its pages are shown."""
    browser.get(f"{url}/issue/2024-07")
    until(browser, lambda: browser.execute_script("return document.body.dataset.ready") == "1")


def title_input(browser):
    """The first article's title field."""
    return browser.find_element(By.CSS_SELECTOR, f"{TITLE} textarea")


def click_at(browser, element, across: float, down: float) -> None:
    """A real click at a fraction of an element's width and height."""
    left, top, width, height = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]", element)
    action = ActionBuilder(browser)
    action.pointer_action.move_to_location(int(left + width * across), int(top + height * down))
    action.pointer_action.click()
    action.perform()


def test_the_reference_issue_shows_its_eleven_pages(server, browser):
    url, _archive = server
    open_issue(browser, url)
    shown = until(browser, lambda: (t := thumbnails(browser)) and all(p["loaded"] for p in t) and t)
    assert len(shown) == 11
    assert browser.find_element(By.ID, "heading").text == "2024-07"
    assert "报头信息" in browser.find_element(By.CSS_SELECTOR, ".facts legend").text


def test_a_click_on_a_page_selects_its_source_and_a_field_shows_where_it_lands(server, browser):
    body = browser.find_element(By.CSS_SELECTOR, '[data-field="sections.1.articles.0.body.1"] textarea')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", body)
    body.click()
    marks = until(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#marks .mark"))
    assert browser.find_element(By.ID, "page").get_attribute("data-page") == "3"
    assert len(marks) >= 3 and all(mark.size["width"] > 100 for mark in marks)
    title = browser.find_element(By.CSS_SELECTOR, f"{TITLE} textarea")
    browser.find_element(By.CSS_SELECTOR, '.thumb[data-page="2"]').click()
    click_at(browser, browser.find_element(By.ID, "page"), 0.3, 0.14)  # the first title, on page 2
    until(browser, lambda: browser.switch_to.active_element == title)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_a_changed_title_changes_its_page_and_a_half_width_comma_is_marked_on_the_field(server, browser):
    url, archive = server
    before = thumbnails(browser)
    title = title_input(browser)
    title.click()
    title.send_keys(",")
    note = until(browser, lambda: browser.find_elements(By.CSS_SELECTOR, f"{TITLE}.warning .note"))
    assert "半角" in note[0].text
    assert until(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#marks .finding.warning"))
    after = until(browser, lambda: (t := thumbnails(browser))[1]["name"] != before[1]["name"] and t[1]["loaded"] and t)
    assert [a["name"] != b["name"] for a, b in zip(after, before)] == [True, True] + [False] * 9
    saved = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    assert "      - title: 市人大常委会积极部署开展人大协商工作,\n" in saved
    shot = os.environ.get("PAIBAN_SCREENSHOT")
    assert browser.save_screenshot(shot or str(archive.parent / "workbench.png"))


def test_the_saved_change_is_there_after_a_reload_with_the_comments_kept(server, browser):
    url, archive = server
    open_issue(browser, url)
    assert title_input(browser).get_attribute("value") == "市人大常委会积极部署开展人大协商工作,"
    saved = (archive / "2024-07.yaml").read_text(encoding="utf-8").splitlines()
    original = REFERENCE.read_text(encoding="utf-8").splitlines()
    assert [line for line in saved if line.lstrip().startswith("#")] == \
           [line for line in original if line.lstrip().startswith("#")]
    assert [a for a, b in zip(saved, original) if a != b] == ["      - title: 市人大常委会积极部署开展人大协商工作,"]


def test_a_dropped_docx_is_added_to_its_section_with_the_import_report(server, browser):
    url, archive = server
    open_issue(browser, url)
    picker = browser.execute_script(
        "const input = document.createElement('input'); input.type = 'file'; input.id = 'picker';"
        "document.body.append(input); return input;")
    picker.send_keys(str(ROOT / "tests" / "fixtures" / "import" / "xihu.docx"))
    browser.execute_script(
        "const moved = new DataTransfer(); moved.items.add(document.getElementById('picker').files[0]);"
        "document.querySelector('[data-section=\"1\"]').dispatchEvent("
        "new DragEvent('drop', {dataTransfer: moved, bubbles: true, cancelable: true}));")
    title = '[data-field="sections.1.articles.2.title"] textarea'
    added = until(browser, lambda: browser.find_elements(By.CSS_SELECTOR, title))
    assert added[0].get_attribute("value") == "西湖区：“三张清单”推动代表建议落地见效"
    notice = browser.find_element(By.ID, "notice")
    assert notice.is_displayed() and "共改动 40 处" in notice.text
    assert "西湖区：“三张清单”推动代表建议落地见效" in (archive / "2024-07.yaml").read_text(encoding="utf-8")


def test_a_file_edited_on_disk_meanwhile_is_a_conflict_not_an_overwrite(server, browser):
    url, archive = server
    source = archive / "2024-07.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("number: 7", "number: 70"), encoding="utf-8")
    changed = source.read_bytes()
    title_input(browser).send_keys("新")
    banner = browser.find_element(By.ID, "conflict")
    until(browser, banner.is_displayed)
    assert "磁盘" in banner.text
    time.sleep(0.5)
    assert source.read_bytes() == changed
    browser.find_element(By.ID, "reload").click()
    until(browser, lambda: browser.execute_script(
        "return document.querySelector('[data-field=\"number\"] input').value") == "70")
    assert not banner.is_displayed()


def test_a_picture_added_to_an_article_changes_its_page_and_is_in_the_yaml(server, browser):
    url, archive = server
    open_issue(browser, url)
    before = until(browser, lambda: (t := thumbnails(browser)) and all(p["loaded"] for p in t) and t)
    chooser = browser.find_element(By.CSS_SELECTOR, '[data-item="sections.0.articles.0"] .add-figure input')
    browser.execute_script("arguments[0].hidden = false", chooser)  # what the button's click opens
    chooser.send_keys(str(ROOT / "tests" / "fixtures" / "import" / "meeting.png"))
    caption = '[data-field="sections.0.articles.0.body.1.figure.caption"]'
    until(browser, lambda: browser.find_elements(By.CSS_SELECTOR, caption))
    after = until(browser, lambda: (t := thumbnails(browser)) and all(p["loaded"] for p in t)
                  and [p["name"] for p in t] != [p["name"] for p in before] and t)
    assert after[1]["name"] != before[1]["name"]
    saved = (archive / "2024-07.yaml").read_text(encoding="utf-8")
    (image,) = [line.split("image:")[1].strip() for line in saved.splitlines() if "image: images/figure-" in line]
    assert (archive / image).read_bytes() == (ROOT / "tests" / "fixtures" / "import" / "meeting.png").read_bytes()
    assert "# " in saved and browser.find_element(By.ID, "save-state").text.startswith("已添加图片")
