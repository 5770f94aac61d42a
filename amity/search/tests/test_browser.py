"""Search in a real browser, through the box in every page's header."""

from __future__ import annotations

import pytest

from amity.circulation import services as circulation
from amity.circulation.tests.factories import adopted_document, latest
from amity.core.actors import SYSTEM
from amity.documents import services as documents
from amity.documents.tests.factories import make_document
from amity.search.models import SearchEntry
from amity.search.tests.test_documents import CHINESE


@pytest.mark.browser
def test_public_finds_a_chinese_word_inside_a_sentence_and_never_a_draft(
    live_url, browser, group, artifacts_dir
):
    """An anonymous visitor of the Chinese site searches for 宪章, which stands inside a
    sentence without spaces of a published declaration's final Chinese version: the result
    shows a snippet with the word marked. The wording of a draft of the same group is not
    found."""
    document = adopted_document(group)
    version = latest(document)
    circulation.translation_update(actor=SYSTEM, version=version, language="zh", **CHINESE)
    circulation.translation_mark_final(actor=SYSTEM, version=version, language="zh")
    documents.document_publish(actor=SYSTEM, document=document)
    draft = make_document(
        group, slug="draft", operative=["<b>Decide</b> to convene a blue summit in secret;"]
    )
    assert SearchEntry.objects.filter(key=f"document:{draft.pk}/en", is_draft=True).exists()

    page = browser.new_context().new_page()
    page.goto(f"{live_url}/zh-hans/")
    page.fill("form[role=search] input[name=q]", "宪章")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    result = page.locator("li[lang=zh]")
    assert result.count() == 1
    assert result.locator(".search-snippet mark").first.inner_text() == "宪章"
    assert "回顾《联合国" in result.locator(".search-snippet").inner_text()
    assert result.locator("a").first.get_attribute("href") == (
        "/zh-hans/groups/neutrality/documents/declaration/"
    )
    page.screenshot(path=str(artifacts_dir / "search-chinese.png"), full_page=True)

    page.goto(f"{live_url}/en/")
    page.fill("form[role=search] input[name=q]", "blue summit")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("li[lang]").count() == 0
    assert "Nothing found" in page.locator("main").inner_text()
    page.close()
