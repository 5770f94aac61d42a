"""The press release written from the record of the demo meeting of 11 December 2023."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amity.core.actors import SYSTEM
from amity.core.errors import Conflict
from amity.publishing import services
from amity.publishing.models import PressRelease, PressStatus

pytestmark = pytest.mark.django_db

AGENDA = [
    "Expanding the membership of the Group of Friends of Neutrality",
    "Global Security Strategy",
    "Institute of Neutrality and Security",
]


def _by_language(meeting):
    return {r.language: r for r in services.press_release_draft(actor=SYSTEM, meeting=meeting)}


def test_draft_in_six_languages_sharing_one_key(demo):
    """A draft is written in each of the six languages, tied by one translation key."""
    releases = _by_language(demo)
    assert sorted(releases) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert len({r.translation_key for r in releases.values()}) == 1
    assert all(r.status == PressStatus.DRAFT and r.meeting == demo for r in releases.values())


def test_english_release_carries_date_place_format_agenda_and_speakers(demo):
    """The English draft says when, where and how the meeting was held, who chaired, the three
    agenda items and the speakers with their titles and what they said."""
    en = _by_language(demo)["en"]
    assert en.headline == (
        "A ministerial meeting of the Group of Friends of Neutrality was held in Ashgabat"
    )
    body = en.body
    assert "11 December 2023" in body
    assert "Ministry of Foreign Affairs of Turkmenistan" in body
    assert "Ashgabat" in body
    assert "hybrid format" in body
    assert body.count("<li>") >= 3
    for item in AGENDA:
        assert item in body
    assert "M. Byashimova, Deputy Minister of Foreign Affairs of Turkmenistan" in body
    assert "Aksoltan Ataeva, Permanent Representative of Turkmenistan to the United Nations" in body
    assert "Alibek Bakayev, Deputy Minister of Foreign Affairs of Kazakhstan" in body
    assert "chaired by Ms. M. Byashimova" in body
    # The gist comes from the summary record.
    assert "vivid demonstration of the demand for this format" in body
    assert "member States" in body


def test_russian_release_in_russian(demo):
    """The Russian draft is written from the Russian template: date, format, city, titles and
    the three agenda items in Russian."""
    ru = _by_language(demo)["ru"]
    assert "11 декабря 2023" in ru.body
    assert "Гибридный".lower() in ru.body
    assert "Повестка дня" in ru.body
    assert "г. Ашхабад" in ru.body
    for item in (
        "Расширение состава Группы друзей нейтралитета",
        "Глобальной стратегии безопасности",
        "Института нейтралитета и безопасности",
    ):
        assert item in ru.body
    # The official titles the delegations gave in Russian (demo data).
    assert "M. Byashimova, Заместитель министра иностранных дел Туркменистана" in ru.body
    assert (
        "Aksoltan Ataeva, Постоянный представитель Туркменистана при Организации Объединенных "
        "Наций" in ru.body
    )
    assert "Bakayev, Заместитель министра иностранных дел Казахстана" in ru.body
    assert ru.headline.startswith("Состоялось заседание министров")


def test_arabic_release_in_arabic(demo):
    """The Arabic draft: date, format, city, titles and the three agenda items in Arabic."""
    ar = _by_language(demo)["ar"]
    assert "ديسمبر" in ar.body
    assert "2023" in ar.body
    assert "مختلط" in ar.body
    assert "جدول أعمال" in ar.body
    assert "عشق آباد" in ar.body
    for item in (
        "توسيع عضوية مجموعة أصدقاء الحياد",
        "استراتيجية للأمن العالمي",
        "معهد للحياد والأمن",
    ):
        assert item in ar.body
    assert "Byashimova، نائبة وزير خارجية تركمانستان" in ar.body
    assert "Ataeva، الممثلة الدائمة لتركمانستان لدى الأمم المتحدة" in ar.body
    assert "Bakayev، نائب وزير خارجية كازاخستان" in ar.body
    assert "تركمانستان" in ar.body
    assert "كازاخستان" in ar.body


def test_second_draft_for_the_same_meeting_is_a_conflict(demo):
    """One press release per meeting: drafting again is refused."""
    services.press_release_draft(actor=SYSTEM, meeting=demo)
    with pytest.raises(Conflict):
        services.press_release_draft(actor=SYSTEM, meeting=demo)


def test_only_the_coordinator_drafts(demo):
    """The focal point of Kazakhstan may not draft the group's press release."""
    from amity.accounts.models import User
    from amity.members.models import Role

    user = User.objects.get(username="kazakhstan")
    assert user.group_roles.filter(role=Role.FOCAL_POINT).exists()
    with pytest.raises(PermissionDenied):
        services.press_release_draft(actor=user, meeting=demo)
    assert not PressRelease.objects.exists()


def test_publishing_an_empty_version_is_refused(demo):
    """A language version without text cannot be published: the error says which."""
    en = _by_language(demo)["en"]
    en = services.press_release_update(
        actor=SYSTEM, release=en, headline="", body="", version=en.version
    )
    with pytest.raises(ValidationError) as exc:
        services.press_release_publish(actor=SYSTEM, release=en)
    assert "headline" in exc.value.message_dict
    assert "body" in exc.value.message_dict
    assert "English version is empty" in exc.value.message_dict["body"][0]


def test_edit_is_sanitized_and_stale_edits_conflict(demo):
    """Scripts are removed from the text; a save based on an old version is a conflict."""
    en = _by_language(demo)["en"]
    seen = en.version
    en = services.press_release_update(
        actor=SYSTEM,
        release=en,
        headline="Meeting held",
        body='<p onclick="x()">Text<script>alert(1)</script></p>',
        version=seen,
    )
    assert en.body == "<p>Text</p>"
    with pytest.raises(Conflict):
        services.press_release_update(
            actor=SYSTEM, release=en, headline="Other", body="<p>x</p>", version=seen
        )


def test_publish_then_withdraw(demo):
    """Publishing sets the date; publishing twice is a conflict; withdrawing makes a draft."""
    en = _by_language(demo)["en"]
    en = services.press_release_publish(actor=SYSTEM, release=en)
    assert en.published_at is not None
    assert en.status == PressStatus.PUBLISHED
    with pytest.raises(Conflict):
        services.press_release_publish(actor=SYSTEM, release=en)
    en = services.press_release_withdraw(actor=SYSTEM, release=en)
    assert en.status == PressStatus.DRAFT
    assert en.published_at is None
    assert PressRelease.objects.filter(translation_key=en.translation_key).count() == 6


def test_search_index_follows_drafts_and_publication(demo, django_capture_on_commit_callbacks):
    """After commit the index holds each version: drafts for the coordinator only, a published
    version for everyone."""
    from amity.search.models import Audience, SearchEntry

    with django_capture_on_commit_callbacks(execute=True):
        releases = {r.language: r for r in services.press_release_draft(actor=SYSTEM, meeting=demo)}
    key = releases["en"].translation_key
    rows = SearchEntry.objects.filter(key__startswith=f"press_release:{key}/")
    assert rows.count() == 6
    assert set(rows.values_list("audience", flat=True)) == {Audience.COORDINATOR}
    with django_capture_on_commit_callbacks(execute=True):
        services.press_release_publish(actor=SYSTEM, release=releases["en"])
    en = SearchEntry.objects.get(key=f"press_release:{key}/en")
    assert en.audience == Audience.PUBLIC
    assert not en.is_draft
    assert f"/en/groups/neutrality/news/{key}/" == en.url
