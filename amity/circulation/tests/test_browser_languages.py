"""The adopted declaration read in Arabic and Chinese in a real browser (demo data)."""

import pytest
from django.core.management import call_command

# Every element holding a country name or document text whose letters are mostly Latin must
# be marked as English (an original shown where a translation is missing).
UNMARKED_LATIN = """
(selector) => [...document.querySelectorAll(selector)].filter((el) => {
  const letters = (el.innerText.match(/\\p{L}/gu) || []);
  const latin = (el.innerText.match(/\\p{Script=Latin}/gu) || []);
  if (letters.length < 4 || latin.length * 2 < letters.length) return false;
  const marked = el.closest('[lang]');
  return !marked || !marked.getAttribute('lang').toLowerCase().startsWith('en');
}).map((el) => el.innerText)
"""

DATES = {"ar": "10 ديسمبر 2022", "zh-hans": "2022年12月10日"}
STATES = {"ar": ["تركمانستان", "كازاخستان"], "zh-hans": ["土库曼斯坦", "哈萨克斯坦"]}
TITLES = {
    "ar": "الإعلان الختامي للاجتماع الوزاري الأول",
    "zh-hans": "第一次部长级会议最后宣言",
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "zh-hans"])
def test_declaration_page_in_arabic_and_chinese(live_url, browser, lang, artifacts_dir):
    """The 2022 Final Declaration in Arabic and in Chinese: the text is the translation (final),
    dates are in the language's form, the States that joined are named in the language and
    sorted in it, no country name or paragraph in Latin script goes unmarked, and the language
    switcher offers the page in all six languages."""
    call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser.new_context().new_page()
    page.goto(f"{live_url}/{lang}/groups/neutrality/documents/final-declaration-2022/")
    page.screenshot(path=str(artifacts_dir / f"declaration-{lang}.png"), full_page=True)
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    assert TITLES[lang] in page.inner_text("article.outcome-text h1")

    body = page.inner_text("main")
    assert DATES[lang] in body
    assert "December" not in body
    assert "十二月" not in body
    joined = page.locator(".joinings li").all_inner_texts()
    assert [name for name in STATES[lang] if any(name in line for line in joined)] == STATES[lang]
    assert ", " not in " ".join(joined)

    assert (
        page.evaluate(UNMARKED_LATIN, ".joinings li, .outcome-text h1, .outcome-text .body") == []
    )

    links = page.locator("nav.langs a")
    assert links.count() == 6
    hrefs = [links.nth(i).get_attribute("href") for i in range(6)]
    assert all(href and href.endswith("/documents/final-declaration-2022/") for href in hrefs)
    assert len(set(hrefs)) == 6
    alternates = page.locator("link[rel=alternate][hreflang]")
    assert alternates.count() == 7
    other = "zh-hans" if lang == "ar" else "ar"
    page.click(f"nav.langs a[href^='/{other}/']")
    page.wait_for_load_state()
    assert page.url.endswith(f"/{other}/groups/neutrality/documents/final-declaration-2022/")
    assert TITLES[other] in page.inner_text("article.outcome-text h1")
