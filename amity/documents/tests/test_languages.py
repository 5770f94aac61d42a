"""The document page in the page's language, and the renditions of each language version for
download: the public reads and downloads the original and the translations marked final of an
adopted, published document; those who follow the negotiation also read and download draft
translations, shown with their status and named ``-draft``."""

from __future__ import annotations

import io
import re

import docx as python_docx
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from amity.circulation import package
from amity.circulation import services as circulation
from amity.circulation.renditions import akn
from amity.circulation.tests.factories import adopted_document, latest
from amity.core.actors import SYSTEM
from amity.core.languages import Language
from amity.documents import services
from amity.documents.models import Joining, OutcomeDocument, VersionText
from amity.members.models import Membership

pytestmark = pytest.mark.django_db
PAGE = "/{lang}/groups/neutrality/documents/final-declaration-2022/"
# The first operative paragraph of the demo translations (amity/circulation/demo.py).
DEMO_FR = "que le Groupe se réunit au niveau des ambassadeurs à New York"
DEMO_AR = "على أن تجتمع المجموعة على مستوى السفراء في نيويورك"
DEMO_ZH = "小组至少每六个月在纽约举行一次大使级会议"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _language_restored():
    """Pages in other languages leave their language active in this thread: put back the
    one before the test, so that later tests start as they expect."""
    with translation.override("en"):
        yield


@pytest.fixture
def demo(db):
    """The demo data: the 2022 Final Declaration, adopted, published, five translations final."""
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return OutcomeDocument.objects.get(slug="final-declaration-2022")


@pytest.fixture
def demo_coordinator():
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    return client


REVISED = "Rappelant (texte révisé)"


def _revise_french(document: OutcomeDocument) -> None:
    """Edit the final French text again: it goes back to "in revision"."""
    version = latest(document)
    text = VersionText.objects.get(version=version, language="fr")
    circulation.translation_update(
        actor=SYSTEM,
        version=version,
        language="fr",
        title=text.title,
        preamble=[REVISED, *text.preamble[1:]],
        operative=list(text.operative),
    )


def _article(html: str) -> str:
    match = re.search(r'<article class="outcome-text"[^>]*>', html)
    assert match, "no text on the page"
    return match.group(0)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_public_reads_the_final_french_and_arabic_texts(demo):
    """On /fr/ and /ar/ the public reads the declaration in French and in Arabic (Arabic right
    to left), with no fallback note; the language bar links to the page in the other
    languages."""
    fr = Client().get(PAGE.format(lang="fr")).content.decode()
    assert DEMO_FR in fr
    assert 'lang="fr"' in _article(fr)
    assert "showing the original" not in fr
    assert "l’original" not in fr
    ar = Client().get(PAGE.format(lang="ar")).content.decode()
    assert DEMO_AR in ar
    assert 'lang="ar"' in _article(ar)
    assert 'dir="rtl"' in _article(ar)
    zh = Client().get(PAGE.format(lang="zh-hans")).content.decode()
    assert DEMO_ZH in zh
    assert 'lang="zh-Hans"' in _article(zh)
    assert 'href="/zh-hans/groups/neutrality/documents/final-declaration-2022/"' in fr
    assert 'href="/fr/groups/neutrality/documents/final-declaration-2022/fr.pdf"' in fr


def test_public_falls_back_to_the_original_for_a_draft_translation(demo):
    """Once the French text is edited again (in revision), the public reads the English
    original on /fr/ with a note naming French and English, no French download link, and the
    French files are a 404."""
    _revise_french(demo)
    html = Client().get(PAGE.format(lang="fr")).content.decode()
    assert REVISED not in html
    assert DEMO_FR not in html
    assert 'lang="en"' in _article(html)
    note = re.search(r'<p class="doc-fallback"[^>]*>(.*?)</p>', html, re.S)
    assert note is not None
    with translation.override("fr"):
        assert str(Language.FRENCH.label) in note.group(1)
        assert str(Language.ENGLISH.label) in note.group(1)
    assert "/final-declaration-2022/fr.pdf" not in html
    assert "/final-declaration-2022/ar.pdf" in html
    assert Client().get(PAGE.format(lang="fr") + "fr.pdf").status_code == 404
    assert Client().get(PAGE.format(lang="fr") + "ar.akn.xml").status_code == 200


def test_the_original_has_no_note(demo):
    """On /en/ the public reads the English original with no fallback note."""
    html = Client().get(PAGE.format(lang="en")).content.decode()
    assert 'lang="en"' in _article(html)
    assert 'class="doc-fallback"' not in html


def test_a_language_without_text_falls_back_to_the_original(group, coordinator):
    """A published text with no Spanish version shows its English original on the Spanish
    page, with the note, and offers no Spanish download."""
    document = adopted_document(group)
    services.document_publish(actor=coordinator, document=document)
    html = Client().get(f"/es/groups/{group.slug}/documents/{document.slug}/").content.decode()
    assert 'lang="en"' in _article(html)
    assert "Recalling" in html
    assert 'class="doc-fallback"' in html
    assert f"/documents/{document.slug}/en.pdf" in html
    assert f"/documents/{document.slug}/es.pdf" not in html


def test_member_reads_the_draft_translation_with_its_status(demo, demo_coordinator):
    """The coordinator reads the French text in revision on /fr/, marked as such, and may
    download it as a draft; the public may not."""
    _revise_french(demo)
    html = demo_coordinator.get(PAGE.format(lang="fr")).content.decode()
    assert REVISED in html
    assert 'lang="fr"' in _article(html)
    assert 'class="status lang-in_revision"' in html
    response = demo_coordinator.get(PAGE.format(lang="fr") + "fr.pdf")
    assert response.status_code == 200
    assert "-fr-draft.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize(("language", "words"), [("ar", DEMO_AR), ("zh", DEMO_ZH)])
def test_public_pdf_in_arabic_and_chinese(demo, language, words):
    """The Arabic and Chinese PDFs are PDFs holding the text of that language version."""
    response = Client().get(PAGE.format(lang="en") + f"{language}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"final-declaration-2022-{language}.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    extracted = _flat("".join(page.extract_text() for page in reader.pages))
    assert _flat(words) in extracted


def test_public_word_and_akoma_ntoso(demo):
    """The French .docx opens with python-docx and holds the French text; the Akoma Ntoso file
    validates against the OASIS schema."""
    response = Client().get(PAGE.format(lang="fr") + "fr.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in python_docx.Document(io.BytesIO(response.content)).paragraphs)
    assert DEMO_FR in text
    xml = Client().get(PAGE.format(lang="ar") + "ru.akn.xml")
    assert xml.status_code == 200
    assert akn.validate(xml.content) == []


def test_downloads_are_cached_until_the_input_changes(demo, monkeypatch):
    """A second download of the same file is served from the cache (nothing rendered); once
    what the file shows changes (another state joins), the file is rendered again."""
    first = Client().get(PAGE.format(lang="en") + "en.akn.xml").content
    rendered: list[str] = []
    render_one = package.render_one

    def counting(data, kind):
        rendered.append(kind)
        return render_one(data, kind)

    monkeypatch.setattr(package, "render_one", counting)
    assert Client().get(PAGE.format(lang="en") + "en.akn.xml").content == first
    assert rendered == []
    joined = Joining.objects.filter(document=demo).values("state")
    newcomer = (
        Membership.objects.current()
        .filter(group=demo.group)
        .exclude(state__in=joined)
        .select_related("state")
        .first()
    )
    assert newcomer is not None, "the demo has no member left to join"
    services.document_join(actor=SYSTEM, document=demo, state=newcomer.state)
    again = Client().get(PAGE.format(lang="en") + "en.akn.xml").content
    assert rendered == ["akn"]
    assert again != first


def test_downloads_404_when_not_public(group, coordinator):
    """Unknown languages and formats, a draft document and an adopted but unpublished one are
    404 for the public; the coordinator downloads the unpublished one as a draft."""
    document = adopted_document(group)
    base = f"/en/groups/{group.slug}/documents/{document.slug}/"
    assert Client().get(base + "en.pdf").status_code == 404
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    response = coordinator_client.get(base + "en.akn.xml")
    assert response.status_code == 200
    assert "declaration-en-draft.akn.xml" in response["Content-Disposition"]
    services.document_publish(actor=coordinator, document=document)
    assert Client().get(base + "en.akn.xml").status_code == 200
    assert Client().get(base + "de.pdf").status_code == 404
    assert Client().get(base + "en.odt").status_code == 404
    assert Client().get(base + "fr.pdf").status_code == 404  # no French version at all


def test_document_page_query_count(demo, demo_coordinator, django_assert_max_num_queries):
    """The document page costs a fixed number of queries in any language, for the public and
    for the coordinator."""
    for lang in ("ar", "fr", "zh-hans"):
        with django_assert_max_num_queries(8):
            assert Client().get(PAGE.format(lang=lang)).status_code == 200
        with django_assert_max_num_queries(16):
            assert demo_coordinator.get(PAGE.format(lang=lang)).status_code == 200


def test_group_home_links_the_pdfs_of_the_adopted_declaration(demo):
    """The group's home page lists the declaration with a link to the PDF of each of its six
    language versions; once one is back in revision, its link goes."""
    html = Client().get("/en/groups/neutrality/").content.decode()
    for code in ("ar", "zh", "en", "fr", "ru", "es"):
        assert f'href="/en/groups/neutrality/documents/final-declaration-2022/{code}.pdf"' in html
    _revise_french(demo)
    html = Client().get("/en/groups/neutrality/").content.decode()
    assert "/final-declaration-2022/fr.pdf" not in html
    assert "/final-declaration-2022/es.pdf" in html


def test_public_titles_elsewhere_never_come_from_a_draft_translation(demo):
    """The French home page titles the declaration with its French title while final, and
    with the original once the French text is in revision."""
    home = "/fr/groups/neutrality/"
    assert (
        "Déclaration finale de la première réunion ministérielle"
        in Client().get(home).content.decode()
    )
    _revise_french(demo)
    html = Client().get(home).content.decode()
    assert "Déclaration finale de la première réunion ministérielle" not in html


def test_search_entries_link_to_the_page_that_shows_their_language(demo):
    """Each language's search entry of the declaration links to the page in that language,
    and that page shows the text in that language."""
    from amity.documents import search_index

    entries = {e.language: e for e in search_index.document_entries(demo, latest(demo))}
    assert entries["fr"].url == PAGE.format(lang="fr")
    assert entries["zh"].url == PAGE.format(lang="zh-hans")
    for language, words in (("fr", DEMO_FR), ("ar", DEMO_AR), ("zh", DEMO_ZH)):
        html = Client().get(entries[language].url).content.decode()
        assert words in html
