"""Content read in Arabic and Chinese in a real browser (issue 15): the meeting of
11 December 2023, the group's home and the 2022 declaration, from the demo data. One browser
session visits the six pages."""

import functools
import re
from pathlib import Path

import pytest
from django.core.management import call_command

# Every run of text (a text node) of at least 12 letters, mostly Latin, must sit inside an
# element marked with a Latin-script language (an original shown where a translation is
# missing). Returns the offending texts.
UNMARKED_LATIN = """
() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, code, [hidden]')) continue;
    const text = node.textContent;
    const letters = (text.match(/\\p{L}/gu) || []).length;
    const latin = (text.match(/\\p{Script=Latin}/gu) || []).length;
    if (latin < 12 || latin * 2 < letters) continue;
    const marked = parent.closest('[lang]');
    const lang = marked ? marked.getAttribute('lang').toLowerCase() : '';
    if (!['en', 'fr', 'es'].some((code) => lang.startsWith(code))) out.push(text.trim());
  }
  return out;
}
"""

# The text of <main> without what is marked as written in another language than ``lang``.
OWN_LANGUAGE_TEXT = """
(lang) => {
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('[lang]').forEach((el) => {
    if (!el.getAttribute('lang').toLowerCase().startsWith(lang)) el.remove();
  });
  return main.textContent;
}
"""


@functools.cache
def _interface_patterns() -> tuple[re.Pattern[str], ...]:
    """The interface's own strings ({% translate %} and {% blocktranslate %} in templates; a
    ``{{ variable }}`` inside a block matches any text): left out here, because this test is
    about content, and whether every interface string is translated is test_i18n's check."""
    root = Path(__file__).resolve().parents[2]
    patterns: list[re.Pattern[str]] = []
    for template in root.glob("**/templates/**/*.html"):
        source = template.read_text()
        for msgid in re.findall(r'{% translate "([^"]+)"', source):
            patterns.append(re.compile(re.escape(msgid)))
        for body in re.findall(
            r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", source, re.S
        ):
            parts = re.split(r"{{[^}]*}}", body.split("{% plural %}")[0])
            patterns.append(re.compile(".+?".join(re.escape(p) for p in parts), re.S))
    return tuple(patterns)


def _is_interface(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return all(any(p.fullmatch(line) for p in _interface_patterns()) for line in lines)


def _content_unmarked(page) -> list[str]:
    return [text for text in page.evaluate(UNMARKED_LATIN) if not _is_interface(text)]


MEETING_DATE = {"ar": "11 ديسمبر 2023", "zh-hans": "2023年12月11日"}
FOUNDED = {"ar": "27 أغسطس 2020", "zh-hans": "2020年8月27日"}
DECLARATION_DATE = {"ar": "10 ديسمبر 2022", "zh-hans": "2022年12月10日"}
# A sentence of each page's content in the language (the demo's translations).
MEETING_TEXT = {"ar": "وزارة خارجية تركمانستان", "zh-hans": "土库曼斯坦外交部"}
CAUSE_TEXT = {"ar": "مجموعة غير رسمية مفتوحة العضوية", "zh-hans": "不限成员名额的小组"}
FOREIGN_MONTHS = ("December", "August", "十二月", "八月")


def _check_page(page, lang: str, expected_dates: list[str], expected_texts: list[str]) -> None:
    assert page.get_attribute("html", "lang").lower().startswith(lang[:2])
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    body = page.inner_text("main")
    for text in expected_dates + expected_texts:
        assert text in body, (page.url, text)
    # Month names of another language, outside text marked as in another language (a source
    # cited in its original language keeps its own date).
    own = page.evaluate(OWN_LANGUAGE_TEXT, lang[:2])
    assert not [m for m in FOREIGN_MONTHS if m in own], page.url
    unmarked = _content_unmarked(page)
    assert unmarked == [], (page.url, unmarked)
    links = page.locator("nav.langs a")
    assert links.count() == 6
    hrefs = [links.nth(i).get_attribute("href") for i in range(6)]
    path = page.url.split("/", 4)[4]  # after http://host:port/<lang>/
    assert all(href and href.endswith(path) for href in hrefs), hrefs
    assert len(set(hrefs)) == 6


@pytest.mark.browser
def test_meeting_group_home_and_document_in_arabic_and_chinese(live_url, browser, artifacts_dir):
    """In Arabic and in Chinese, the meeting page of 11 December 2023, the group's home and the
    declaration's page show their content in the language, dates in the language's form, no
    Latin-script text left unmarked, and all six links of the language switcher."""
    from amity.meetings.models import Meeting

    call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    meeting = Meeting.objects.get(starts_at__date="2023-12-11", group__slug="neutrality")
    page = browser.new_context().new_page()
    for lang in ("ar", "zh-hans"):
        page.goto(f"{live_url}/{lang}/meetings/{meeting.pk}/")
        page.screenshot(path=str(artifacts_dir / f"meeting-2023-{lang}.png"), full_page=True)
        _check_page(page, lang, [MEETING_DATE[lang]], [MEETING_TEXT[lang]])

        page.goto(f"{live_url}/{lang}/groups/neutrality/")
        page.screenshot(path=str(artifacts_dir / f"group-home-{lang}.png"), full_page=True)
        _check_page(page, lang, [FOUNDED[lang]], [CAUSE_TEXT[lang]])

        page.goto(f"{live_url}/{lang}/groups/neutrality/documents/final-declaration-2022/")
        _check_page(page, lang, [DECLARATION_DATE[lang]], [])

    # A text with no Arabic version shows its English original, marked and noted; and the
    # check above does catch a Latin paragraph left unmarked.
    from amity.core.actors import system_actor
    from amity.meetings import services

    services.meeting_update(
        actor=system_actor("test"),
        meeting=meeting,
        notes={"en": "The exact time of the meeting is not reported."},
    )
    page.goto(f"{live_url}/ar/meetings/{meeting.pk}/")
    original = page.locator("dd .content-text[lang=en]")
    assert original.inner_text() == "The exact time of the meeting is not reported."
    assert original.get_attribute("dir") == "ltr"
    assert page.locator("dd .original-note").count() == 1
    assert _content_unmarked(page) == []
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<p>An English paragraph nobody marked.</p>')"
    )
    assert _content_unmarked(page) == ["An English paragraph nobody marked."]
