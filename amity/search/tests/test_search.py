"""Search through the index the meetings services keep in step: six languages, permissions,
bad input, and the index following every write."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from amity.core.actors import SYSTEM
from amity.core.languages import CONTENT_LANGUAGES
from amity.meetings import services as meeting_services
from amity.meetings.models import Visibility
from amity.meetings.tests.factories import add_items, convened_meeting, make_meeting, upload
from amity.search import index
from amity.search.index import Entry
from amity.search.models import Audience, SearchEntry
from amity.search.services import search_entries_remove, search_entries_replace
from amity.search.tests.helpers import (
    ARABIC_RECORD,
    CHINESE_RECORD,
    found,
    recorded_meeting,
    statement,
)

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the after-commit hooks (the index updates) of what the test writes inside."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_chinese_word_is_found_inside_a_sentence_without_spaces(group, indexed):
    """A two-character word and a three-character one, in the middle of a sentence."""
    with indexed():
        meeting = recorded_meeting(group, summary={"zh": CHINESE_RECORD})
    assert found(ANON, "中立") == [f"meeting:{meeting.pk}"]
    assert found(ANON, "重要意义") == [f"meeting:{meeting.pk}"]
    assert found(ANON, "和平") == [f"meeting:{meeting.pk}"]
    assert found(ANON, "中和") == []


def test_arabic_word_without_diacritics_finds_text_written_with_them(group, indexed):
    """Bare query, vowelled text; and the other way round; with or without the article."""
    with indexed():
        meeting = recorded_meeting(group, summary={"ar": ARABIC_RECORD})
        plain = recorded_meeting(group, summary={"ar": "ندوة عن الحياد الدائم"})
    assert found(ANON, "الحياد") == [f"meeting:{plain.pk}", f"meeting:{meeting.pk}"] or set(
        found(ANON, "الحياد")
    ) == {f"meeting:{plain.pk}", f"meeting:{meeting.pk}"}
    assert found(ANON, "اهمية") == [f"meeting:{meeting.pk}"]
    assert found(ANON, "حياد") != []
    assert set(found(ANON, "الْحِيَادُ")) == {f"meeting:{plain.pk}", f"meeting:{meeting.pk}"}


def test_snippet_marks_the_arabic_word_as_written(group, indexed):
    from amity.search.selectors import search

    with indexed():
        recorded_meeting(group, summary={"ar": ARABIC_RECORD})
    (result,) = search(user=ANON, q="الحياد").results
    assert "<mark>حِيَادِ</mark>" in result.snippet_html
    assert result.entry.language == "ar"


def test_all_six_languages_are_found(group, indexed):
    summary = {
        "en": "Permanent neutrality was discussed.",
        "fr": "La neutralité permanente a été examinée.",
        "es": "Se examinó la neutralidad permanente.",
        "ru": "Обсуждался постоянный нейтралитет.",
        "ar": ARABIC_RECORD,
        "zh": CHINESE_RECORD,
    }
    with indexed():
        meeting = recorded_meeting(group, summary=summary)
    key = f"meeting:{meeting.pk}"
    for q in ("neutrality", "neutralite", "neutralidad", "нейтралитет", "الحياد", "中立"):
        assert found(ANON, q) == [key], q


def test_anonymous_search_never_returns_a_draft_or_a_members_only_meeting(
    group, coordinator, focal_point, observer, outsider, indexed
):
    """A draft is found by the coordinator only (as the meeting page allows); a members-only
    meeting by the group's participants, never by the public or an outsider."""
    with indexed():
        draft = recorded_meeting(group, summary={"en": "Zanzibar draft"}, draft=True)
        private = recorded_meeting(group, summary={"en": "Zanzibar private"}, visibility="members")
        public = recorded_meeting(group, summary={"en": "Zanzibar public"})
        statement(private, "Zanzibar statement in a members-only meeting")
    keys = {m: f"meeting:{m.pk}" for m in (draft, private, public)}
    for user in (ANON, outsider):
        assert found(user, "zanzibar") == [keys[public]]
    assert set(found(coordinator, "zanzibar")) >= set(keys.values())
    for member in (focal_point, observer):
        hits = found(member, "zanzibar")
        assert keys[private] in hits
        assert keys[public] in hits
        assert keys[draft] not in hits
        assert any(k.startswith(f"{keys[private]}/statement:") for k in hits)
    assert SearchEntry.objects.get(key=keys[draft], language="en").is_draft


def test_a_member_does_not_find_another_groups_members_only_items(
    group, focal_point, make_user, indexed
):
    from amity.members import services as member_services

    other = member_services.group_create(
        actor=SYSTEM, slug="other", names={"en": "Other group"}, cause={}, founded_on=None
    )
    with indexed():
        recorded_meeting(other, summary={"en": "Quixotic"}, visibility="members")
    assert found(focal_point, "quixotic") == []
    assert found(make_user("o", group=other, role="observer"), "quixotic") != []


def test_draft_becomes_public_when_convened(group, coordinator, indexed):
    """Convening is a write like any other: the index follows it."""
    with indexed():
        draft = recorded_meeting(group, summary={"en": "Serendipity"}, draft=True)
    assert found(ANON, "serendipity") == []
    with indexed():
        meeting_services.meeting_convene(actor=coordinator, meeting=draft, notify=False)
    assert found(ANON, "serendipity") == [f"meeting:{draft.pk}"]


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "x" * 10_000,
        '"',
        '"unbalanced',
        "*",
        "neutral*",
        "NEAR",
        "NEAR(a b)",
        "a NEAR b",
        "-",
        "-peace",
        "(",
        "((peace",
        "peace)",
        "AND OR NOT",
        "'; DROP TABLE search_fts; --",
        "%_\\",
        "title:peace",
        "^peace",
        "中",
        "ا",
    ],
)
def test_bad_input_never_errors(group, indexed, q):
    """Syntax characters and odd lengths are words or nothing: never an error."""
    with indexed():
        recorded_meeting(group, summary={"en": "Peace and neutrality (NEAR the sea) - *"})
    found(ANON, q)
    found(ANON, q, kind="meeting", year=2030)


def test_syntax_characters_are_searched_as_text(group, indexed):
    with indexed():
        meeting = recorded_meeting(group, summary={"en": "Talks NEAR the Caspian"})
    assert found(ANON, '"near" (caspian*') == [f"meeting:{meeting.pk}"]


def test_updating_the_summary_record_changes_what_is_found(group, coordinator, indexed):
    with indexed():
        meeting = recorded_meeting(group, summary={"en": "Oldword was said."})
    assert found(ANON, "oldword") == [f"meeting:{meeting.pk}"]
    with indexed():
        meeting_services.summary_record_update(
            actor=coordinator, meeting=meeting, summary={"en": "Newword was said."}
        )
    assert found(ANON, "oldword") == []
    assert found(ANON, "newword") == [f"meeting:{meeting.pk}"]


def test_agenda_items_and_decisions_are_found_and_removal_unindexes(group, coordinator, indexed):
    with indexed():
        meeting = convened_meeting(group)
        item, other = add_items(meeting, "Kaleidoscope initiative", "Other business")
        meeting_services.decision_record(
            actor=coordinator, item=other, decision={"en": "Endorsed the labyrinth."}
        )
    assert found(ANON, "kaleidoscope") == [f"meeting:{meeting.pk}/item:{item.pk}"]
    assert found(ANON, "labyrinth") == [f"meeting:{meeting.pk}/item:{other.pk}"]
    meeting.refresh_from_db()
    with indexed():
        meeting_services.agenda_item_remove(
            actor=coordinator, item=item, version=meeting.agenda_version
        )
    assert found(ANON, "kaleidoscope") == []
    assert not SearchEntry.objects.filter(key=f"meeting:{meeting.pk}/item:{item.pk}").exists()


def test_statement_text_is_found(group, indexed):
    with indexed():
        meeting = convened_meeting(group)
        st = statement(
            meeting,
            "Мы поддерживаем инициативу о стратегии глобальной безопасности.",
            language="ru",
        )
    assert found(ANON, "стратегии") == [f"meeting:{meeting.pk}/statement:{st.pk}"]
    assert found(ANON, "стратегии", kind="meeting") == []
    assert found(ANON, "стратегии", kind="statement") == [f"meeting:{meeting.pk}/statement:{st.pk}"]


def test_agenda_document_titles_are_found_in_each_of_their_languages(group, coordinator, indexed):
    """A document's title finds it in every language it is given in, at upload and after;
    a members-only meeting's documents stay hidden from the public."""
    with indexed():
        meeting = convened_meeting(group)
        (item,) = add_items(meeting, "Neutrality and security")
        document = meeting_services.agenda_document_attach(
            actor=coordinator,
            item=item,
            file=upload("concept.txt", b"Concept note"),
            title={"en": "Concept note on the zeppelin route"},
        )
    key = f"meeting:{meeting.pk}/document:{document.pk}"
    assert found(ANON, "zeppelin") == [key]
    assert found(ANON, "zeppelin", kind="meeting_document") == [key]
    assert found(ANON, "zeppelin", kind="agenda_item") == []
    assert found(ANON, "дирижабля") == []
    with indexed():
        meeting_services.agenda_document_retitle(
            actor=coordinator,
            document=document,
            title={
                "en": "Concept note on the zeppelin route",
                "ru": "Концептуальная записка о маршруте дирижабля",
                "zh": "关于飞艇航线的概念说明",
                "ar": "مذكرة مفاهيمية عن طريق المنطاد",
                "fr": "Note conceptuelle sur la route du dirigeable",
                "es": "Nota conceptual sobre la ruta del dirigible",
            },
        )
    for word in ("zeppelin", "дирижабля", "飞艇", "المنطاد", "dirigeable", "dirigible"):
        assert found(ANON, word) == [key], word
    entries = SearchEntry.objects.filter(key=key)
    assert sorted(entries.values_list("language", flat=True)) == sorted(CONTENT_LANGUAGES)
    russian = entries.get(language="ru")
    assert russian.url == f"/ru/meetings/{meeting.pk}/documents/{document.pk}/"
    assert russian.body == "Neutrality and security"  # the item, in the original language
    with indexed():
        meeting_services.meeting_update(
            actor=coordinator, meeting=meeting, visibility=Visibility.MEMBERS
        )
    assert found(ANON, "dirigeable") == []
    assert found(coordinator, "dirigeable") == [key]


def test_statement_titles_given_later_are_found(group, coordinator, indexed):
    """The text is found in the language delivered; the titles added after the upload in
    theirs."""
    with indexed():
        meeting = convened_meeting(group)
        st = statement(meeting, "We support the initiative.", language="en")
        meeting_services.statement_retitle(
            actor=coordinator,
            statement=st,
            title={"en": "Statement on the lighthouse", "fr": "Déclaration sur le phare"},
        )
    key = f"meeting:{meeting.pk}/statement:{st.pk}"
    assert found(ANON, "phare") == [key]
    assert found(ANON, "lighthouse") == [key]
    assert found(ANON, "initiative") == [key]
    assert set(SearchEntry.objects.filter(key=key).values_list("language", flat=True)) == {
        "en",
        "fr",
    }


def test_filters_by_year_and_group(group, indexed):
    with indexed():
        meeting = recorded_meeting(group, summary={"en": "Ultramarine"})
    key = f"meeting:{meeting.pk}"
    assert found(ANON, "ultramarine", year=2030) == [key]
    assert found(ANON, "ultramarine", year=2029) == []
    assert found(ANON, "ultramarine", group_id=group.pk) == [key]
    assert found(ANON, "ultramarine", group_id=group.pk + 1000) == []


def test_removing_an_object_takes_it_out(group, indexed):
    with indexed():
        meeting = recorded_meeting(group, summary={"en": "Ephemeral"})
        statement(meeting, "Ephemeral statement")
    assert len(found(ANON, "ephemeral")) == 2
    rows = SearchEntry.objects.count()
    assert rows > 2
    assert search_entries_remove(key=f"meeting:{meeting.pk}") == rows
    assert found(ANON, "ephemeral") == []


def _entry(group, **kw):
    values = {
        "key": "press_release:1/en",
        "kind": "press_release",
        "group_id": group.pk,
        "language": "en",
        "title": "Headline",
        "body": "Text",
        "url": "/en/x",
        "audience": Audience.PUBLIC,
        "is_draft": False,
        "year": 2024,
        "updated_at": timezone.now(),
    }
    values.update(kw)
    return Entry(**values)


def test_other_apps_feed_the_index_and_bad_entries_are_refused(group):
    """The generic service: entries replace what the key said; a public draft, a key outside
    the object or an unknown language are refused."""
    search_entries_replace(key="press_release:1", entries=[_entry(group, body="Marmalade")])
    assert found(ANON, "marmalade") == ["press_release:1/en"]
    search_entries_replace(key="press_release:1", entries=[_entry(group, body="Porridge")])
    assert found(ANON, "marmalade") == []
    assert found(ANON, "porridge") == ["press_release:1/en"]
    for bad in (
        _entry(group, is_draft=True),
        _entry(group, key="other:2"),
        _entry(group, language="de"),
        _entry(group, audience="everyone"),
    ):
        with pytest.raises(ValidationError):
            search_entries_replace(key="press_release:1", entries=[bad])
    assert found(ANON, "porridge") == ["press_release:1/en"]


def test_reindex_rebuilds_the_index_from_the_database_idempotently(group):
    """Writes whose hooks never ran (no commit here) are found after `amity reindex`."""
    meeting = recorded_meeting(group, summary={"en": "Quagmire", "zh": CHINESE_RECORD})
    statement(meeting, "A quagmire statement")
    assert found(ANON, "quagmire") == []
    call_command("reindex", stdout=io.StringIO())
    first = set(found(ANON, "quagmire"))
    assert len(first) == 2
    count = SearchEntry.objects.count()
    call_command("reindex", stdout=io.StringIO())
    assert set(found(ANON, "quagmire")) == first
    assert SearchEntry.objects.count() == count
    assert found(ANON, "中立") == [f"meeting:{meeting.pk}"]


def test_stale_text_rows_do_not_leak(group):
    """A text row left without its entry (e.g. after a table flush) is never returned, and is
    overwritten when the id is used again."""
    index.write([_entry(group, key="press_release:9/en", body="Vanishing")])
    SearchEntry.objects.all().delete()
    assert found(ANON, "vanishing") == []
    draft = make_meeting(group)
    assert found(ANON, "vanishing") == []
    assert draft.pk


def test_chinese_term_is_found_only_with_its_characters_in_a_row(group, indexed):
    """领土完整: a text holding 领土, 土完 and 完整 apart is not found, one holding the word
    is (PostgreSQL finds the pairs in its word index, then checks the text)."""
    with indexed():
        apart = recorded_meeting(group, summary={"zh": "领土问题和土完全不同，完整报告"})
        whole = recorded_meeting(group, summary={"zh": "各国重申尊重领土完整。"})
    assert found(ANON, "领土完整") == [f"meeting:{whole.pk}"]
    assert set(found(ANON, "完整")) == {f"meeting:{apart.pk}", f"meeting:{whole.pk}"}
