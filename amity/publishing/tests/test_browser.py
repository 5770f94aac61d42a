"""In a real browser: the coordinator drafts a press release from the meeting of 11 December
2023, edits the Chinese version, publishes it; the public reads it at /zh-hans/."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from amity.publishing.models import PressRelease, PressStatus
from conftest import login

pytestmark = pytest.mark.browser


def test_coordinator_drafts_edits_publishes_and_public_reads_in_chinese(
    live_url, browser, artifacts_dir
):
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from amity.meetings.models import Meeting

    meeting = Meeting.objects.get(group__slug="neutrality", starts_at__date="2023-12-11")

    context = browser.new_context()
    page = context.new_page()
    login(page, live_url, "coordinator", password="coordinator-demo")
    page.goto(f"{live_url}/en/meetings/{meeting.pk}/")
    page.click("text=Draft a press release")
    page.wait_for_load_state()
    assert "A draft press release was written" in page.locator("ul.messages").inner_text()
    page.click("nav.pub-tabs a[lang=zh]")
    page.wait_for_load_state()
    assert "中立之友小组" in page.input_value("input[name=headline]")
    page.fill("input[name=headline]", "中立之友小组在阿什哈巴德举行会议")
    # The text is edited in the rich-text editor (the textarea behind it is hidden).
    page.locator(".ql-editor").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" 阿什哈巴德")
    page.click("main form.stack button[type=submit]")
    page.wait_for_load_state()
    assert "阿什哈巴德" in page.locator("article.pub-preview").inner_text()
    page.click("[data-testid=publish]")
    page.wait_for_load_state()
    assert "news feed" in page.locator("[data-testid=confirm-page]").inner_text()
    page.click("[data-testid=confirm]")
    page.wait_for_load_state()
    assert "published" in page.locator("ul.messages").inner_text()
    context.close()

    release = PressRelease.objects.get(meeting=meeting, language="zh")
    assert release.status == PressStatus.PUBLISHED

    public = browser.new_context()
    page = public.new_page()
    page.goto(f"{live_url}/zh-hans/groups/neutrality/")
    page.click("text=中立之友小组在阿什哈巴德举行会议")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "中立之友小组在阿什哈巴德举行会议"
    assert "2023年12月11日" in page.locator("article.pub-release").inner_text()
    page.screenshot(path=str(artifacts_dir / "publishing-news-zh.png"), full_page=True)
    public.close()
