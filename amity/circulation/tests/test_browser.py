"""In the browser: the coordinator translates a French paragraph, marks the version final and
downloads the circulation package."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from amity.circulation.tests.factories import (
    FRENCH,
    circulated_document,
)
from conftest import login


@pytest.mark.browser
def test_coordinator_translates_marks_final_and_downloads_the_package(
    live_url, browser, coordinator, group, artifacts_dir
):
    document = circulated_document(group, coordinator, french=False)
    page = browser.new_page()
    login(page, live_url, "coord")
    page.goto(f"{live_url}/en/groups/{group.slug}/documents/{document.slug}/languages/fr/")
    page.fill("#t-title", FRENCH["title"])
    for ref, text in zip(
        ("pp1", "pp2", "op1", "op2"), [*FRENCH["preamble"], *FRENCH["operative"]], strict=True
    ):
        page.fill(f"#t-{ref}", text)
    page.click("button[name=then][value=final]")
    page.wait_for_load_state()
    assert page.locator(".translation-status").inner_text() == "Final"
    page.goto(f"{live_url}/en/groups/{group.slug}/documents/{document.slug}/languages/")
    page.click("text=Prepare the circulation package (.zip)")
    link = page.locator("a.download")
    link.wait_for(timeout=60000)
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    with zipfile.ZipFile(io.BytesIO(open(path, "rb").read())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["languages"] == ["en", "fr"]
    assert manifest["session"] == 77
    assert any(f["name"].endswith("fr.pdf") for f in manifest["files"])
    page.screenshot(path=str(artifacts_dir / "circulation-package.png"))
    page.close()
