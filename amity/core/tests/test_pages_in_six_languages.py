"""Every page of the site, taken from the URL configuration, rendered in the six languages over
the demo data: each has the language switcher (six real links) and ``<link rel="alternate"
hreflang>`` for each language and x-default, and no date, digit or list separator of another
language.

The pages come from the URL patterns themselves, so a new page cannot escape: a pattern whose
arguments this test cannot fill fails here until it is added to ``ARGUMENTS``. Text marked with
another language (``lang="en"`` on an English original shown on an Arabic page, say) is not
judged as the page's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import lxml.html
import pytest
from babel import Locale
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from amity.core.actors import SYSTEM
from amity.core.languages import BABEL_LOCALES, CONTENT_LANGUAGES, interface_language

pytestmark = pytest.mark.django_db

# Patterns that are not pages of the site: the API, the admin, machine formats.
NOT_PAGES = {"health", "set_language", "sitemap", "calendar:public", "calendar:private"}
NOT_PAGE_PREFIXES = ("admin:", "api:", "api-")
# Files and pictures (not HTML), and actions that only take a POST: rendered when the demo has
# what they need, but not required to have it.
FILES_AND_ACTIONS = {
    "meetings:agenda_document",
    # The demo attaches no document to an agenda item (none is published): its title page.
    "meetings:agenda_document_title",
    # Nor does it give a statement's title after the upload: its title page.
    "meetings:statement_title",
    # The side-by-side editor's proposal for one language: a fragment, by POST.
    "members:machine_proposal",
    "live:withdraw",
    "members:application_decide",
    "publishing:press_publish",
    "publishing:press_withdraw",
    "meetings:statement_file",
    "members:application_scan",
    "members:chart",
    "documents:download",
    "documents:proposal_act",
    "circulation:download",
    "circulation:job",
    "publishing:world_map",
    "publishing:news_feed",
    "publishing:report_pdf",
    "meetings:poll_answer",
    "meetings:poll_close",
    # Accounts (issue 14): actions by POST, and links that only an e-mail carries.
    "accounts:token_revoke",
    "accounts:invitation_revoke",
    "accounts:second_factor_reset",
    "account_reset_password_from_key",
}


def _patterns(
    resolvers: list[Any], namespace: str = "", outer: frozenset[str] = frozenset()
) -> Iterator[tuple[str, URLPattern, frozenset[str]]]:
    """Named patterns with the arguments of the includes around them (``…/<pk>/`` + ``edit/``)."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            space = entry.namespace or ""
            name = f"{namespace}:{space}".strip(":") if space else namespace
            arguments = outer | frozenset(entry.pattern.regex.groupindex)
            yield from _patterns(entry.url_patterns, name, arguments)
        elif entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry, outer


def site_pages() -> list[tuple[str, list[str]]]:
    """Every named page pattern under the language prefix, with its argument names."""
    found: dict[str, list[str]] = {}
    for name, pattern, outer in _patterns(get_resolver().url_patterns):
        if name in NOT_PAGES or name.startswith(NOT_PAGE_PREFIXES) or "admin" in name:
            continue
        found[name] = sorted(outer | set(pattern.pattern.regex.groupindex))
    return sorted(found.items())


def _objects() -> dict[str, Any]:
    """The demo objects the pages are about."""
    from amity.circulation.models import RenditionJob
    from amity.documents.models import AmendmentProposal, OutcomeDocument
    from amity.live.models import SpeakerEntry
    from amity.meetings.models import (
        AgendaDocument,
        AgendaItem,
        DatePoll,
        Meeting,
        Registration,
        Statement,
    )
    from amity.members.models import CoChair, Group, Membership, MembershipApplication, Person
    from amity.publishing.models import Activity, Initiative, PressRelease, Resolution, RoadMap

    group = Group.objects.get(slug="neutrality")
    meeting = Meeting.objects.filter(group=group, starts_at__year=2023).first()
    document = OutcomeDocument.objects.get(group=group, slug="final-declaration-2022")
    return {
        "group": group,
        "meeting": meeting,
        "item": AgendaItem.objects.filter(meeting=meeting).first(),
        "registration": Registration.objects.filter(meeting=meeting).first(),
        "statement": Statement.objects.filter(meeting=meeting).first(),
        "agenda_document": AgendaDocument.objects.filter(item__meeting=meeting).first(),
        "entry": SpeakerEntry.objects.filter(meeting=meeting).first(),
        "document": document,
        "proposal": AmendmentProposal.objects.first(),
        "job": RenditionJob.objects.filter(document=document).first(),
        "application": MembershipApplication.objects.filter(group=group).first(),
        "membership": Membership.objects.filter(group=group).first(),
        "cochair": CoChair.objects.filter(group=group).first(),
        "person": Person.objects.filter(group=group).first(),
        "press": PressRelease.objects.filter(group=group).first(),
        "resolution": Resolution.objects.first(),
        "initiative": Initiative.objects.filter(group=group).first(),
        "road_map": RoadMap.objects.filter(group=group).first(),
        "activity": Activity.objects.first(),
        "poll": DatePoll.objects.filter(group=group).first(),
    }


def _pk(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda objects: objects[key].pk if objects.get(key) else None


# What ``pk`` (and the other numeric arguments) name, page by page.
PK = {
    "members:application_decide": _pk("application"),
    "members:application_scan": _pk("application"),
    "members:membership_end": _pk("membership"),
    "members:cochair_delete": _pk("cochair"),
    "members:person_edit": _pk("person"),
    "members:person_delete": _pk("person"),
    "documents:proposal_act": _pk("proposal"),
    "circulation:job": _pk("job"),
    "circulation:download": _pk("job"),
    "publishing:resolution_edit": _pk("resolution"),
    "publishing:initiative_edit": _pk("initiative"),
    "publishing:initiative_status": _pk("initiative"),
    "publishing:road_map_edit": _pk("road_map"),
    "publishing:activity_add": _pk("road_map"),
    "publishing:activity_edit": _pk("activity"),
    "publishing:activity_remove": _pk("activity"),
    "meetings:poll": _pk("poll"),
    "meetings:poll_answer": _pk("poll"),
    "meetings:poll_close": _pk("poll"),
}
ARGUMENTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "slug": lambda o: o["group"].slug,
    "doc": lambda o: o["document"].slug,
    "item_pk": _pk("item"),
    "reg_pk": _pk("registration"),
    "statement_pk": _pk("statement"),
    "doc_pk": _pk("agenda_document"),
    "entry_pk": _pk("entry"),
    "lang": lambda o: "fr",
    "language": lambda o: "fr",
    "fmt": lambda o: "pdf",
    "year": lambda o: 2023,
    "action": lambda o: "next",
    "key": lambda o: o["press"].translation_key if o.get("press") else None,
    # Accounts (issue 14): a password-reset link exists only in its e-mail.
    "uidb36": lambda o: None,
    "user_id": lambda o: None,
    "provider_id": lambda o: "sso",
}


def _kwargs(name: str, arguments: list[str], objects: dict[str, Any]) -> dict[str, Any] | None:
    kwargs: dict[str, Any] = {}
    for argument in arguments:
        maker = (PK.get(name) or _pk("meeting")) if argument == "pk" else ARGUMENTS.get(argument)
        if maker is None:
            raise AssertionError(f"{name}: add how to fill {argument!r} to this test")
        value = maker(objects)
        if value is None:
            return None
        kwargs[argument] = value
    return kwargs


# --- what a page in one language must not show ---------------------------------------------

MONTHS = {
    code: {
        name
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
        for name in Locale.parse(babel).months[context][width].values()
        if len(name) > 2
    }
    for code, babel in BABEL_LOCALES.items()
}
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
CJK_COMMA = re.compile("[\u4e00-\u9fff], [\u4e00-\u9fff]")
ARABIC_COMMA = re.compile("[\u0621-\u064a], [\u0621-\u064a]")
CHINESE_MONTH_IN_DMY = re.compile(
    r"\d{1,2} [一二三四五六七八九十]+月 \d{4}|[一二三四五六七八九十]+月 \d{4}"
)


def _foreign_months(language: str) -> list[str]:
    own = MONTHS[language]
    return sorted(
        {m for code, names in MONTHS.items() if code != language for m in names} - own,
        key=len,
        reverse=True,
    )


FOREIGN_MONTH_NEAR_YEAR = {
    language: re.compile(
        r"(?:\d{1,2}\.?\s+(?:de\s+)?)?(?<![\w])("
        + "|".join(map(re.escape, _foreign_months(language)))
        + r")(?![\w])\.?\s+(?:de\s+)?\d{4}"
    )
    for language in CONTENT_LANGUAGES
}


def _page_text(html: str, language: str) -> str:
    """The text the page shows in its own language: without scripts, the language switcher
    and anything marked as written in another language."""
    root = lxml.html.fromstring(html)
    own = {language, interface_language(language).lower(), "zh-hans" if language == "zh" else ""}
    for element in root.xpath("//script|//style|//nav[contains(@class,'langs')]|//*[@lang]"):
        lang = (element.get("lang") or "").lower()
        foreign = element.tag in ("script", "style", "nav") or lang not in own
        if foreign and element.tag != "html":
            element.drop_tree()
    return " ".join(root.text_content().split())


def problems_in(html: str, language: str) -> list[str]:
    found: list[str] = []
    root = lxml.html.fromstring(html)
    links = root.xpath("//nav[contains(@class,'langs')]//a")
    hrefs = [a.get("href") or "" for a in links]
    if len(links) != 6 or not all(h.startswith("/") and len(h) > 1 for h in hrefs):
        found.append(f"language switcher: {hrefs}")
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in root.xpath("//head/link[@rel='alternate'][@hreflang]")
    }
    expected = {"en", "fr", "es", "ru", "ar", "zh-Hans", "x-default"}
    if set(alternates) != expected or not all(
        (href or "").startswith("http") for href in alternates.values()
    ):
        found.append(f"hreflang alternates: {alternates}")
    text = _page_text(html, language)
    for pattern, what in (
        (FOREIGN_MONTH_NEAR_YEAR[language], "a month name of another language"),
        (ARABIC_INDIC_DIGITS, "Arabic-Indic digits (the UN writes 0-9)"),
    ):
        match = pattern.search(text)
        if match:
            found.append(f"{what}: …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    if language == "zh":
        for pattern, what in (
            (CJK_COMMA, "an ASCII comma between Chinese names"),
            (CHINESE_MONTH_IN_DMY, "a Chinese month name in a day-month-year pattern"),
        ):
            match = pattern.search(text)
            if match:
                found.append(f"{what}: …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    if language == "ar":
        match = ARABIC_COMMA.search(text)
        if match:
            found.append(
                f"an ASCII comma between Arabic words: …{text[max(0, match.start() - 40) : match.end() + 40]}…"
            )
    return found


def test_the_checks_catch_what_they_should():
    """The checks themselves: English months on a Chinese page, "十二月" in a day-month-year
    pattern, ASCII commas between Chinese or Arabic names, a missing switcher link."""
    head = "".join(
        f'<link rel="alternate" hreflang="{h}" href="http://x/{h}/">'
        for h in ("en", "fr", "es", "ru", "ar", "zh-Hans", "x-default")
    )
    nav = '<nav class="langs">' + "".join(f'<a href="/{c}/">{c}</a>' for c in "abcdef") + "</nav>"

    def page(body: str, lang: str = "zh-hans") -> str:
        return f'<html lang="{lang}"><head>{head}</head><body>{nav}<p>{body}</p></body></html>'

    assert problems_in(page("2022年12月10日"), "zh") == []
    assert problems_in(page("10 December 2022"), "zh")
    assert problems_in(page("10 十二月 2022"), "zh")
    assert problems_in(page("哈萨克斯坦, 土库曼斯坦"), "zh")
    assert problems_in(page("كازاخستان, تركمانستان", "ar"), "ar")
    assert problems_in(page("١٠ ديسمبر ٢٠٢٢", "ar"), "ar")
    assert problems_in(page('<span lang="en">10 December 2022</span>'), "zh") == []
    assert problems_in(page("10 décembre 2022", "es"), "es")
    assert problems_in(page("10 de diciembre de 2022", "es"), "es") == []
    broken = page("x").replace('href="/a/"', 'href=""')
    assert problems_in(broken, "zh")


def test_every_page_in_six_languages(settings):
    """Every page of the URL configuration, for the coordinator, a focal point and an anonymous
    reader,
    in the six languages: switcher and alternates present, dates, digits and list separators
    of the page's own language."""
    settings.AMITY_PUBLIC_PAGE_SECONDS = 0
    call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demologins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from amity.accounts.models import User
    from amity.publishing import services as publishing_services

    demo_meeting = _objects()["meeting"]
    from amity.publishing.models import PressRelease

    if not PressRelease.objects.filter(meeting=demo_meeting).exists():
        releases = publishing_services.press_release_draft(actor=SYSTEM, meeting=demo_meeting)
        publishing_services.press_release_publish(actor=SYSTEM, release=releases[0])
    objects = _objects()
    coordinator = Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    focal_point = Client()
    focal_point.force_login(User.objects.get(username="kazakhstan"))
    clients = {"coordinator": coordinator, "focal point": focal_point, "anonymous": Client()}
    failures: list[str] = []
    rendered = 0
    for name, arguments in site_pages():
        kwargs = _kwargs(name, arguments, objects)
        if kwargs is None:
            if name not in FILES_AND_ACTIONS:
                failures.append(f"{name}: the demo has nothing to show on this page")
            continue
        for language in CONTENT_LANGUAGES:
            with translation.override(interface_language(language)):
                url = reverse(name, kwargs=kwargs)
            for who, client in clients.items():
                response = client.get(url)
                if response.status_code != 200 or "text/html" not in response.get(
                    "Content-Type", ""
                ):
                    continue
                rendered += 1
                html = response.content.decode()
                failures.extend(
                    f"{who} {url}: {problem}" for problem in problems_in(html, language)
                )
    assert rendered > 300
    assert not failures, "\n".join(failures)
