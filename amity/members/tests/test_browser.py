"""In a real browser: the coordinator admits Uganda; the public reads it in Arabic and Chinese."""

import datetime
from pathlib import Path

import pytest

from conftest import login

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_coordinator_admits_uganda_and_the_public_sees_it_in_arabic_and_chinese(
    live_url, browser, group, coordinator, artifacts_dir, tmp_path: Path
):
    scan = tmp_path / "note-verbale.pdf"
    scan.write_bytes(PDF)
    context = browser.new_context()
    page = context.new_page()
    login(page, live_url, coordinator.username)

    page.goto(f"{live_url}/en/groups/neutrality/manage/applications/new/")
    page.select_option("select[name=state]", label="Uganda")
    page.fill("input[name=note_reference]", "No. 12/2023")
    page.fill("input[name=note_date]", "2023-05-01")
    page.fill("input[name=received_on]", "2023-05-02")
    page.set_input_files("input[name=scan]", str(scan))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/manage/")
    pending = page.locator('[data-testid="pending-UGA"]')
    assert "No. 12/2023" in pending.inner_text()

    pending.locator("input[name=accession_date]").fill(datetime.date(2023, 5, 10).isoformat())
    pending.locator("button[value=admit]").click()
    page.wait_for_url("**/manage/")
    assert "Uganda was admitted" in page.locator("ul.messages").inner_text()
    context.close()

    public = browser.new_context(viewport={"width": 1200, "height": 900})
    reader = public.new_page()
    reader.goto(f"{live_url}/ar/groups/neutrality/members/")
    assert reader.locator("html").get_attribute("dir") == "rtl"
    assert reader.locator("html").get_attribute("lang") == "ar"
    table = reader.locator('[data-testid="member-table"]')
    assert "أوغندا" in table.inner_text()
    # Laid out right to left: the first column (the state) is at the right.
    state_cell = table.locator("tbody tr td").first.bounding_box()
    assert state_cell["x"] > 600
    reader.screenshot(path=str(artifacts_dir / "members-ar.png"), full_page=True)

    reader.goto(f"{live_url}/zh-hans/groups/neutrality/members/")
    assert "乌干达" in reader.locator('[data-testid="member-table"]').inner_text()
    public.close()
