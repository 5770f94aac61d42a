"""In Chromium: texts and proposals are written in a rich-text editor, not as HTML. Bold typed
with the keyboard and text pasted from Word keep bold, italics and paragraphs and lose the
rest; a document written in Arabic is edited right to left."""

from __future__ import annotations

import pytest

from amity.documents.models import AmendmentProposal
from amity.documents.tests.factories import make_document
from conftest import login

pytestmark = pytest.mark.browser

WORD = (
    '<p class="MsoNormal" style="margin:0;color:red"><span style="font-size:20pt;'
    'font-family:Calibri"><b>Reaffirm</b> the <i>principles</i> of the '
    "<u>Charter</u></span><o:p></o:p></p><table><tr><td>cell</td></tr></table>"
)
PASTE = """(html) => {
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', 'fallback');
  document.querySelector('.ql-editor').dispatchEvent(
    new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_a_delegate_proposes_wording_with_the_editor(
    live_url, browser, group, coordinator, focal_point
):
    doc = make_document(group, actor=coordinator)
    page = browser.new_context().new_page()
    login(page, live_url, focal_point.username)
    page.goto(f"{live_url}{doc.get_absolute_url()}propose/?paragraph=op1")
    assert page.locator("textarea[name=new_text]").is_hidden()
    editor = page.locator(".ql-editor")
    editor.click()
    page.keyboard.type("Agree to meet ")
    page.keyboard.press("Control+b")
    page.keyboard.type("twice")
    page.keyboard.press("Control+b")
    page.keyboard.type(" a year. ")
    page.evaluate(PASTE, WORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    proposal = AmendmentProposal.objects.get(document=doc)
    wording = proposal.new_text
    assert "<strong>twice</strong>" in wording or "<b>twice</b>" in wording
    assert "Reaffirm" in wording
    assert "principles" in wording
    assert "Charter" in wording
    assert "style" not in wording
    assert "<u>" not in wording
    assert "<table" not in wording
    assert "<i>principles</i>" in wording or "<em>principles</em>" in wording


def test_a_text_in_arabic_is_edited_right_to_left(live_url, browser, group, coordinator):
    doc = make_document(
        group,
        actor=coordinator,
        title="إعلان",
        preamble=["إذ نشير إلى ميثاق الأمم المتحدة،"],
        operative=["نقرر الاجتماع مرة في السنة."],
        original_language="ar",
    )
    page = browser.new_context().new_page()
    login(page, live_url, coordinator.username)
    page.goto(f"{live_url}/ar{doc.get_absolute_url()[3:]}versions/new/")
    editors = page.locator(".editor")
    assert editors.count() == 2
    assert editors.first.get_attribute("dir") == "rtl"
    first_line = page.locator(".editor .ql-editor > p").first
    assert "إذ نشير" in first_line.inner_text()
    assert first_line.evaluate("e => getComputedStyle(e).textAlign") == "right"
