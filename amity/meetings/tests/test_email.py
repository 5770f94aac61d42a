"""The note verbale by email: one message per invitee in the meeting's invitation language,
with the times in both zones and the iCalendar attached; updates and cancellations."""

from __future__ import annotations

import pytest

from amity.meetings import ical, services
from amity.meetings.tests.factories import add_items, at, make_meeting, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitees(group):
    person(group, "TKM", "Ataeva", focal=True, email="tkm@example.org")
    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")


def _convene(group, coordinator, capture, language):
    meeting = make_meeting(
        group,
        actor=coordinator,
        invitation_language=language,
        titles={"en": "Meeting of the Group", "ar": "اجتماع المجموعة", "zh": "小组会议"},
        registration_deadline=at(9),
    )
    add_items(meeting, "Expanding the membership")
    with capture(execute=True):
        services.meeting_convene(actor=coordinator, meeting=meeting)
    return meeting


def _calendar(message):
    (name, content, mimetype) = message.attachments[0]
    assert name == "invitation.ics"
    return mimetype, ical.parse(content.encode() if isinstance(content, str) else content)


def test_english_invitation_is_a_note_verbale_with_both_zones_and_an_ics(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = _convene(group, coordinator, django_capture_on_commit_callbacks, "en")
    assert sorted(m.to[0] for m in mailoutbox) == ["kaz@example.org", "tkm@example.org"]
    message = mailoutbox[0]
    assert message.subject.startswith("Invitation: Meeting of the Group")
    body = message.body
    assert "The Permanent Mission of Turkmenistan to the United Nations" in body
    assert "presents its compliments" in body
    assert "has the honour to invite" in body
    assert "ministerial (high-level)" in body
    assert "hybrid format" in body
    assert "Ashgabat 11 December 2030, 15:00–17:00 (UTC+5)" in body
    assert "New York 11 December 2030, 05:00–07:00 (UTC-5)" in body
    assert "Ministry of Foreign Affairs, Ashgabat, Turkmenistan" in body
    assert "https://meet.example.org/neutrality" in body
    assert "1. Expanding the membership" in body
    assert f"/meetings/{meeting.pk}/" in body
    assert "highest consideration" in body
    mimetype, cal = _calendar(message)
    assert mimetype.startswith("text/calendar; method=REQUEST")
    assert cal["METHOD"] == "REQUEST"


def test_arabic_invitation(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox
):
    _convene(group, coordinator, django_capture_on_commit_callbacks, "ar")
    message = mailoutbox[0]
    assert message.subject.startswith("دعوة: اجتماع المجموعة")
    body = message.body
    assert "تهدي البعثة الدائمة لـتركمانستان لدى الأمم المتحدة" in body
    assert "وتتشرف بدعوتها إلى الاجتماع الوزاري" in body
    assert "عشق آباد" in body
    assert "15:00" in body
    assert "05:00" in body
    assert "أسمى آيات تقديرها" in body
    assert "1. Expanding the membership" in body  # the item has only its English title


def test_chinese_invitation(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox
):
    _convene(group, coordinator, django_capture_on_commit_callbacks, "zh")
    body = mailoutbox[0].body
    assert mailoutbox[0].subject.startswith("邀请：小组会议")
    assert "土库曼斯坦常驻联合国代表团" in body
    assert "谨邀请各代表团出席小组部长级（高级别）会议" in body
    assert "纽约" in body
    assert "05:00" in body
    assert "15:00" in body
    assert "最崇高的敬意" in body


@pytest.mark.parametrize("language", ["fr", "ru", "es"])
def test_french_russian_and_spanish_templates_render(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox, language
):
    _convene(group, coordinator, django_capture_on_commit_callbacks, language)
    body = mailoutbox[0].body
    assert {
        "fr": "haute considération",
        "ru": "самом высоком уважении",
        "es": "más alta consideración",
    }[language] in body


def test_reschedule_sends_an_update_and_cancel_a_cancellation(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = _convene(group, coordinator, django_capture_on_commit_callbacks, "en")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_update(
            actor=coordinator, meeting=meeting, starts_at=at(16), ends_at=at(18)
        )
    assert len(mailoutbox) == 2
    assert mailoutbox[0].subject.startswith("Change: ")
    assert "has been changed" in mailoutbox[0].body
    assert "16:00–18:00" in mailoutbox[0].body
    _, cal = _calendar(mailoutbox[0])
    (event,) = cal.walk("VEVENT")
    assert (cal["METHOD"], event["SEQUENCE"], event["UID"]) == ("REQUEST", 1, meeting.ical_uid)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Postponed to next year")
    assert mailoutbox[0].subject.startswith("Cancelled: ")
    assert "has been cancelled" in mailoutbox[0].body
    assert "Postponed to next year" in mailoutbox[0].body
    mimetype, cal = _calendar(mailoutbox[0])
    (event,) = cal.walk("VEVENT")
    assert mimetype.startswith("text/calendar; method=CANCEL")
    assert (cal["METHOD"], event["SEQUENCE"], event["STATUS"]) == ("CANCEL", 2, "CANCELLED")


def test_a_draft_is_cancelled_without_telling_anyone(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = make_meeting(group, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=coordinator, meeting=meeting)
    assert mailoutbox == []


def test_a_rolled_back_convene_sends_nothing(
    group, coordinator, invitees, django_capture_on_commit_callbacks, mailoutbox
):
    """The emails are enqueued on commit: if the transaction fails, nobody is invited."""
    from django.db import transaction

    meeting = make_meeting(group, actor=coordinator)
    with (  # noqa: PT012 - the raise inside rolls back the transaction under test
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.meeting_convene(actor=coordinator, meeting=meeting)
        raise RuntimeError("boom")
    assert mailoutbox == []
    meeting.refresh_from_db()
    assert meeting.status == "draft"
