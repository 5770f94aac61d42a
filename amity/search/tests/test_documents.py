"""Outcome documents in the search index: every language version of the latest text, public
once adopted and published (original and final translations only), otherwise a draft of the
group for the coordinator and member focal points (observers when the document is shared),
kept in step by the documents and circulation services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from amity.circulation import services as circulation
from amity.circulation.tests.factories import PREAMBLE, adopted_document, latest
from amity.core.actors import SYSTEM
from amity.documents import services as documents
from amity.documents.tests.factories import make_document
from amity.members import services as members
from amity.search import selectors
from amity.search.indexers import reindex
from amity.search.tests.helpers import found

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()

ARABIC = {
    "title": "إعلان بشأن الحياد",
    "preamble": ["إِذْ تُشِيرُ إلى ميثاق الأمم المتحدة،", "وإذ تلاحظ أعمال المجموعة،"],
    "operative": ["تتفق على الاجتماع كل ستة أشهر؛", "تُقَرِّرُ الاجتماع مرة في السنة على المستوى الوزاري؛"],
}  # fmt: skip
CHINESE: dict[str, Any] = {
    "title": "关于中立的宣言",
    "preamble": ["回顾《联合国宪章》，", "注意到小组的工作，"],
    "operative": ["同意每六个月举行一次会议；", "决定每年举行一次部长级会议；"],
}  # fmt: skip
FRENCH = {
    "title": "Déclaration sur la neutralité",
    "preamble": ["<i>Rappelant</i> la Charte des Nations Unies,", "<i>Notant</i> les travaux du Groupe,"],
    "operative": ["<b>Conviennent</b> de se réunir tous les six mois ;", "<b>Décident</b> de se réunir une fois par an au niveau ministériel ;"],
}  # fmt: skip


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the after-commit hooks (the index updates) of what the test writes inside."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _translate(document, language, text, *, final=True):
    version = latest(document)
    circulation.translation_update(actor=SYSTEM, version=version, language=language, **text)
    if final:
        circulation.translation_mark_final(actor=SYSTEM, version=version, language=language)


@pytest.fixture
def other_focal_point(make_user):
    """A focal point of another group (Kazakhstan there too)."""
    other = members.group_create(
        actor=SYSTEM,
        slug="other",
        names={"en": "Another group"},
        founded_on=datetime.date(2021, 1, 1),
    )
    members.membership_add(
        actor=SYSTEM,
        group=other,
        state=members.State.objects.get(iso3="KAZ"),
        joined_on=datetime.date(2021, 1, 1),
    )
    return make_user("kaz-other", group=other, role="focal_point", state_code="KAZ")


def test_published_adopted_declaration_is_found_by_the_public_in_arabic_and_chinese(group, indexed):
    """Final Arabic and Chinese versions of a published text: a bare Arabic word finds the
    vowelled text, a two-character Chinese word is found inside a sentence; the English
    original too; each result links to the document in its language."""
    with indexed():
        document = adopted_document(group)
        _translate(document, "ar", ARABIC)
        _translate(document, "zh", CHINESE)
        documents.document_publish(actor=SYSTEM, document=document)
    key = f"document:{document.pk}"
    assert found(ANON, "تقرر") == [f"{key}/ar"]
    assert found(ANON, "الاجتماع") == [f"{key}/ar"]
    assert found(ANON, "宪章") == [f"{key}/zh"]
    assert found(ANON, "部长级") == [f"{key}/zh"]
    assert found(ANON, "ministerial") == [f"{key}/en"]
    (result,) = selectors.search(user=ANON, q="宪章").results
    assert result.entry.url == "/zh-hans/groups/neutrality/documents/declaration/"
    assert "<mark>宪章</mark>" in result.snippet_html


def test_adopted_text_is_public_only_once_published(group, focal_point, indexed):
    """Adopted but unpublished: still the group's; unpublishing takes it back."""
    with indexed():
        document = adopted_document(group)
    assert found(ANON, "ministerial") == []
    assert found(focal_point, "ministerial") == [f"document:{document.pk}/en"]
    with indexed():
        documents.document_publish(actor=SYSTEM, document=document)
    assert found(ANON, "ministerial") == [f"document:{document.pk}/en"]
    with indexed():
        documents.document_publish(actor=SYSTEM, document=document, published=False)
    assert found(ANON, "ministerial") == []


def test_draft_is_found_by_the_group_and_by_nobody_else(
    group, coordinator, focal_point, observer, outsider, other_focal_point, indexed
):
    """A zero draft: the coordinator and a focal point find it; the public, an outsider, a
    focal point of another group do not; observers only once it is shared with them."""
    with indexed():
        document = make_document(group, operative=["<b>Decide</b> to convene a blue summit;"])
    key = f"document:{document.pk}/en"
    assert found(coordinator, "blue summit") == [key]
    assert found(focal_point, "blue summit") == [key]
    assert found(ANON, "blue summit") == []
    assert found(outsider, "blue summit") == []
    assert found(other_focal_point, "blue summit") == []
    assert found(observer, "blue summit") == []
    with indexed():
        documents.document_share(actor=SYSTEM, document=document, shared=True)
    assert found(observer, "blue summit") == [key]
    assert found(ANON, "blue summit") == []


def test_new_version_replaces_the_old_wording(group, focal_point, indexed):
    """Only the latest version is indexed: Rev.1's words are found, the zero draft's no
    longer."""
    with indexed():
        document = make_document(group)
        documents.version_create(
            actor=SYSTEM,
            document=document,
            based_on_version=latest(document),
            title="Declaration on neutrality",
            preamble=PREAMBLE,
            operative=["<b>Agree</b> to meet every autumn;"],
        )
    assert found(focal_point, "autumn") == [f"document:{document.pk}/en"]
    assert found(focal_point, "months") == []


def test_editing_a_french_translation_changes_french_results(group, focal_point, indexed):
    """The French version of a draft is found by its words; after an edit, by the new ones
    and no longer by the old."""
    with indexed():
        document = make_document(group)
        _translate(document, "fr", FRENCH, final=False)
    key = f"document:{document.pk}/fr"
    assert found(focal_point, "ministériel") == [key]
    assert found(focal_point, "automne") == []
    edited = dict(FRENCH, operative=[FRENCH["operative"][0], "<b>Décident</b> de se réunir chaque automne ;"])  # fmt: skip
    with indexed():
        _translate(document, "fr", edited, final=False)
    assert found(focal_point, "automne") == [key]
    assert found(focal_point, "ministériel") == []


def test_draft_translation_of_a_published_text_stays_with_the_group(group, focal_point, indexed):
    """The public finds the final language versions only; a French draft translation of a
    published text is the group's until marked final."""
    with indexed():
        document = adopted_document(group)
        documents.document_publish(actor=SYSTEM, document=document)
        _translate(document, "fr", FRENCH, final=False)
    key = f"document:{document.pk}/fr"
    assert found(ANON, "Rappelant") == []
    assert found(focal_point, "Rappelant") == [key]
    with indexed():
        circulation.translation_mark_final(actor=SYSTEM, version=latest(document), language="fr")
    assert found(ANON, "Rappelant") == [key]


def test_silence_settling_into_adoption_then_publication_opens_the_text(
    group, coordinator, indexed
):
    """A text adopted when its silence procedure ends unbroken is public once published."""
    start = datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)
    with indexed():
        document = make_document(group)
        procedure = documents.silence_start(
            actor=SYSTEM,
            document=document,
            version=latest(document),
            deadline=start + datetime.timedelta(hours=80),
            now=start,
            notify=False,
        )
        documents.silence_settle(procedure=procedure, now=start + datetime.timedelta(hours=81))
    document.refresh_from_db()
    assert document.status == "adopted"
    with indexed():
        documents.document_publish(actor=SYSTEM, document=document)
    assert found(ANON, "ministerial") == [f"document:{document.pk}/en"]


def test_reindex_rebuilds_the_documents(group, focal_point, indexed):
    """``amity reindex`` (indexers.reindex) finds the documents through their app's
    search_index module."""
    document = make_document(group)  # no hooks run: not yet in the index
    assert found(focal_point, "ministerial") == []
    reindex()
    assert found(focal_point, "ministerial") == [f"document:{document.pk}/en"]
