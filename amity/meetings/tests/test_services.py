"""The meeting services: who may do what, what bad input is refused, and that nothing is
half-written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amity.core.actors import SYSTEM
from amity.core.errors import Conflict
from amity.meetings import selectors, services
from amity.meetings.models import AgendaItem, Meeting, MeetingStatus, Registration, Statement
from amity.meetings.tests.factories import (
    DAY,
    add_items,
    at,
    convened_meeting,
    docx_bytes,
    make_meeting,
    meeting_kwargs,
    pdf_bytes,
    person,
    upload,
)
from amity.members import services as member_services
from amity.members.models import AuditEntry, Membership, Rank, State

pytestmark = pytest.mark.django_db


def test_coordinator_creates_a_hybrid_meeting_stored_timezone_aware(group, coordinator):
    """The meeting is stored in draft with aware times, its title falls back to the original
    language, and the creation is audited."""
    meeting = make_meeting(
        group, actor=coordinator, titles={"ru": "Заседание Группы"}, original_language="ru"
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    assert timezone.is_aware(meeting.starts_at)
    assert meeting.starts_at == datetime.datetime(2030, 12, 11, 10, 0, tzinfo=datetime.UTC)
    assert meeting.title == "Заседание Группы"
    assert meeting.invitation_language == "en"  # the group's original language
    assert AuditEntry.objects.filter(
        action="meeting.created", object_id=str(meeting.pk), actor=coordinator
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": at(14)}, "ends_at", "must end after it starts"),
        ({"ends_at": at(15)}, "ends_at", "must end after it starts"),
        ({"format": "virtual", "online_url": ""}, "online_url", "needs the online link"),
        ({"format": "hybrid", "online_url": ""}, "online_url", "needs the online link"),
        ({"online_url": "http://meet.example.org/x"}, "online_url", "https://"),
        ({"online_url": "https://"}, "online_url", "https://"),
        ({"time_zone": "Asia/Atlantis"}, "time_zone", "Unknown time zone Asia/Atlantis"),
        ({"time_zone": ""}, "time_zone", "time zone"),
        ({"starts_at": datetime.datetime(2030, 12, 11, 15, 0)}, "starts_at", "which zone"),  # noqa: DTZ001 (naive on purpose)
        ({"titles": {"en": "  "}}, "titles", "at least one language"),
        ({"level": "summit"}, "level", "level"),
        ({"registration_deadline": at(18)}, "registration_deadline", "after the meeting ends"),
    ],
)
def test_bad_meeting_input_is_refused_with_a_clear_message_and_nothing_written(
    group, coordinator, overrides, field, message
):
    """Each bad input names its field and says what is wrong; no meeting is created."""
    with pytest.raises(ValidationError) as caught:
        services.meeting_create(actor=coordinator, group=group, **meeting_kwargs(**overrides))
    assert message in " ".join(caught.value.message_dict[field])
    assert Meeting.objects.count() == 0
    assert not AuditEntry.objects.filter(action="meeting.created").exists()


def test_in_person_meeting_needs_no_link(group, coordinator):
    meeting = make_meeting(group, actor=coordinator, format="in_person", online_url="")
    assert meeting.online_url == ""


@pytest.mark.parametrize("role", ["focal_point", "observer", "outsider"])
def test_only_the_coordinator_creates_convenes_and_cancels(
    group, coordinator, focal_point, observer, outsider, role
):
    """Focal points, observers and strangers may not create, convene or cancel a meeting."""
    actor = {"focal_point": focal_point, "observer": observer, "outsider": outsider}[role]
    with pytest.raises(PermissionDenied):
        make_meeting(group, actor=actor)
    meeting = make_meeting(group, actor=coordinator)
    with pytest.raises(PermissionDenied):
        services.meeting_convene(actor=actor, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=actor, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_agenda_items_are_added_reordered_and_adopted_each_raising_the_version(group, coordinator):
    meeting = make_meeting(group, actor=coordinator)
    assert meeting.agenda_version == 1
    first = services.agenda_item_add(
        actor=coordinator,
        meeting=meeting,
        version=1,
        titles={"en": "Membership", "fr": "Composition"},
        kind="decision",
        speaking_time_limit=180,
    )
    second = services.agenda_item_add(
        actor=coordinator, meeting=meeting, version=2, titles={"en": "Strategy"}
    )
    services.agenda_reorder(
        actor=coordinator, meeting=meeting, version=3, order=[second.pk, first.pk]
    )
    assert list(meeting.agenda_items.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    adopted = services.agenda_adopt(actor=coordinator, meeting=meeting, version=4)
    assert adopted.agenda_adopted_at is not None
    assert adopted.agenda_version == 5
    with pytest.raises(Conflict, match="adopted"):
        services.agenda_item_add(
            actor=coordinator, meeting=meeting, version=5, titles={"en": "Late item"}
        )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_two_coordinators_editing_the_agenda_the_second_is_told_of_the_conflict(
    group, coordinator, make_user
):
    """Both open version 1; the first adds an item; the second's save on version 1 is refused
    with a Conflict naming the versions, and the first's item stays alone."""
    co_chair = make_user("cochair", group=group, role="coordinator", state_code="KAZ")
    meeting = make_meeting(group, actor=coordinator)
    seen_by_both = meeting.agenda_version
    services.agenda_item_add(
        actor=coordinator, meeting=meeting, version=seen_by_both, titles={"en": "Membership"}
    )
    with pytest.raises(Conflict, match="Someone else changed the agenda") as caught:
        services.agenda_item_add(
            actor=co_chair, meeting=meeting, version=seen_by_both, titles={"en": "Other"}
        )
    assert "version 1" in caught.value.message
    assert "version 2" in caught.value.message
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("titles", flat=True)) == [
        {"en": "Membership"}
    ]
    item = AgendaItem.objects.get(meeting=meeting)
    with pytest.raises(Conflict):
        services.agenda_item_update(
            actor=co_chair, item=item, version=seen_by_both, titles={"en": "X"}, kind="discussion"
        )
    with pytest.raises(Conflict):
        services.agenda_reorder(
            actor=co_chair, meeting=meeting, version=seen_by_both, order=[item.pk]
        )
    item.refresh_from_db()
    assert item.titles == {"en": "Membership"}


def test_bad_agenda_input(group, coordinator):
    meeting = make_meeting(group, actor=coordinator)
    with pytest.raises(ValidationError) as caught:
        services.agenda_item_add(
            actor=coordinator,
            meeting=meeting,
            version=1,
            titles={},
            kind="vote",
            speaking_time_limit=5,
        )
    assert set(caught.value.message_dict) == {"titles", "kind", "speaking_time_limit"}
    with pytest.raises(ValidationError, match="empty agenda"):
        services.agenda_adopt(actor=coordinator, meeting=meeting, version=1)
    (item,) = add_items(meeting, "One")
    with pytest.raises(ValidationError):
        services.agenda_reorder(
            actor=coordinator, meeting=meeting, version=meeting.agenda_version, order=[item.pk, 999]
        )
    meeting.refresh_from_db()
    assert meeting.agenda_version == 2


def test_agenda_documents_accept_pdf_docx_text_and_refuse_others(group, coordinator):
    meeting = make_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    for name, content in (
        ("a.pdf", pdf_bytes("x")),
        ("b.docx", docx_bytes("x")),
        ("c.txt", b"text"),
    ):
        services.agenda_document_attach(actor=coordinator, item=item, file=upload(name, content))
    with pytest.raises(ValidationError) as caught:
        services.agenda_document_attach(
            actor=coordinator, item=item, file=upload("d.png", b"\x89PNG\r\n\x1a\n\x00\x00")
        )
    assert "not a PDF" in caught.value.message_dict["file"][0]
    assert item.documents.count() == 3


def test_convene_twice_and_convene_after_cancel_are_conflicts(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    with pytest.raises(Conflict, match="already convened"):
        services.meeting_convene(actor=coordinator, meeting=meeting)
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Postponed")
    with pytest.raises(Conflict, match="cancelled"):
        services.meeting_convene(actor=coordinator, meeting=meeting)
    with pytest.raises(Conflict, match="cancelled"):
        services.meeting_update(actor=coordinator, meeting=meeting, venue_city="Geneva")


def test_reschedule_of_a_convened_meeting_raises_sequence_and_keeps_uid(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    uid = meeting.ical_uid
    moved = services.meeting_update(
        actor=coordinator, meeting=meeting, starts_at=at(16), ends_at=at(18)
    )
    assert (moved.ical_uid, moved.ical_sequence) == (uid, 1)
    again = services.meeting_update(actor=coordinator, meeting=moved, notes="Only a note")
    assert again.ical_sequence == 1  # not sent out: nothing the invitees see changed
    cancelled = services.meeting_cancel(actor=coordinator, meeting=again)
    assert (cancelled.ical_uid, cancelled.ical_sequence) == (uid, 2)


def test_invitations_go_after_commit(
    group, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    """Convening enqueues the emails on commit: none is sent inside the transaction."""
    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")
    meeting = make_meeting(group, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.meeting_convene(actor=coordinator, meeting=meeting)
    # Two callbacks: the emails and the search index update.
    assert len(callbacks) == 2
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["kaz@example.org"]]


def test_recipients_are_focal_points_of_current_members_and_invited_observers(
    group, coordinator, observer
):
    person(group, "TKM", "Ataeva", focal=True, email="tkm@example.org")
    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")
    person(group, "KAZ", "Noemail", focal=True)
    person(group, "KAZ", "Notfocal", email="other@example.org")
    member_services.membership_add(
        actor=SYSTEM,
        group=group,
        state=State.objects.get(iso3="UGA"),
        joined_on=datetime.date(2023, 5, 1),
    )
    person(group, "UGA", "Former", focal=True, email="uga@example.org")
    membership = Membership.objects.get(group=group, state__iso3="UGA")
    member_services.membership_end(
        actor=SYSTEM, membership=membership, left_on=datetime.date(2024, 1, 1)
    )
    meeting = make_meeting(group, actor=coordinator, invited_observers=[observer])
    emails = [r.email for r in selectors.invitation_recipients(meeting=meeting)]
    assert emails == ["kaz@example.org", "tkm@example.org", observer.email]


def test_inviting_a_non_observer_is_refused(group, coordinator, outsider):
    with pytest.raises(ValidationError, match="not an observer"):
        make_meeting(group, actor=coordinator, invited_observers=[outsider])
    assert Meeting.objects.count() == 0


# --- registration --------------------------------------------------------------------------


@pytest.fixture
def kazakh_delegation(group):
    return (
        person(
            group,
            "KAZ",
            "Bakayev",
            given="Alibek",
            rank=Rank.DEPUTY_MINISTER,
            title="Deputy Minister of Foreign Affairs of Kazakhstan",
        ),
        person(group, "KAZ", "Seitkali", rank=Rank.COUNSELLOR),
    )


def test_focal_point_registers_its_delegation_in_the_room_and_remotely(
    group, coordinator, focal_point, kazakh_delegation
):
    minister, counsellor = kazakh_delegation
    meeting = convened_meeting(group, actor=coordinator)
    head = services.registration_submit(
        actor=focal_point, meeting=meeting, person=minister, attendance_mode="in_room", is_head=True
    )
    services.registration_submit(
        actor=focal_point, meeting=meeting, person=counsellor, attendance_mode="remote"
    )
    regs = list(selectors.registrations(meeting=meeting))
    counts = selectors.registration_counts(regs)
    assert (counts.in_room, counts.remote, counts.delegations) == (1, 1, 1)
    assert head.is_head
    assert head.state.iso3 == "KAZ"
    # Moving the head mark to the counsellor takes it from the minister.
    other = Registration.objects.get(person=counsellor)
    services.registration_update(
        actor=focal_point, registration=other, attendance_mode="remote", is_head=True
    )
    assert list(Registration.objects.filter(is_head=True).values_list("person", flat=True)) == [
        counsellor.pk
    ]


def test_a_focal_point_cannot_register_a_person_of_another_state(group, coordinator, focal_point):
    ataeva = person(group, "TKM", "Ataeva", rank=Rank.AMBASSADOR)
    meeting = convened_meeting(group, actor=coordinator)
    with pytest.raises(ValidationError) as caught:
        services.registration_submit(
            actor=focal_point, meeting=meeting, person=ataeva, attendance_mode="in_room"
        )
    assert "delegation of Turkmenistan" in caught.value.message_dict["person"][0]
    assert not Registration.objects.exists()


def test_registering_twice_is_a_conflict(group, coordinator, focal_point, kazakh_delegation):
    minister, _ = kazakh_delegation
    meeting = convened_meeting(group, actor=coordinator)
    services.registration_submit(
        actor=focal_point, meeting=meeting, person=minister, attendance_mode="in_room"
    )
    with pytest.raises(Conflict, match="already registered"):
        services.registration_submit(
            actor=focal_point, meeting=meeting, person=minister, attendance_mode="remote"
        )
    assert Registration.objects.count() == 1


def test_registration_after_the_deadline_is_closed(
    group, coordinator, focal_point, kazakh_delegation
):
    minister, _ = kazakh_delegation
    meeting = convened_meeting(group, actor=coordinator)
    Meeting.objects.filter(pk=meeting.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    meeting.refresh_from_db()
    with pytest.raises(Conflict, match="Registration closed"):
        services.registration_submit(
            actor=focal_point, meeting=meeting, person=minister, attendance_mode="in_room"
        )
    assert not Registration.objects.exists()


def test_registration_for_a_cancelled_or_draft_meeting_is_refused(
    group, coordinator, focal_point, kazakh_delegation
):
    minister, _ = kazakh_delegation
    draft = make_meeting(group, actor=coordinator)
    with pytest.raises(Conflict, match="opens when the meeting is convened"):
        services.registration_submit(
            actor=focal_point, meeting=draft, person=minister, attendance_mode="in_room"
        )
    cancelled = services.meeting_cancel(
        actor=coordinator, meeting=convened_meeting(group, actor=coordinator)
    )
    with pytest.raises(Conflict, match="cancelled"):
        services.registration_submit(
            actor=focal_point, meeting=cancelled, person=minister, attendance_mode="in_room"
        )
    assert not Registration.objects.exists()


def test_remote_attendance_of_an_in_person_meeting_is_refused(
    group, coordinator, focal_point, kazakh_delegation
):
    minister, _ = kazakh_delegation
    meeting = convened_meeting(group, actor=coordinator, format="in_person", online_url="")
    with pytest.raises(ValidationError, match="in person only"):
        services.registration_submit(
            actor=focal_point, meeting=meeting, person=minister, attendance_mode="remote"
        )


def test_observers_do_not_register_delegations(group, coordinator, observer, kazakh_delegation):
    meeting = convened_meeting(group, actor=coordinator)
    with pytest.raises(PermissionDenied):
        services.registration_submit(
            actor=observer, meeting=meeting, person=kazakh_delegation[0], attendance_mode="in_room"
        )


def test_protocol_order_ranks_first_and_members_before_observers(group):
    """Deputy ministers before ambassadors, heads before others of their rank, member States
    before observer States whatever the rank."""
    tkm, kaz, vat = (State.objects.get(iso3=c) for c in ("TKM", "KAZ", "VAT"))
    from amity.members.models import Person

    def reg(state, family, rank, head=False):
        return Registration(
            state=state,
            person=Person(state=state, family_name=family, rank=rank),
            is_head=head,
            attendance_mode="in_room",
        )

    ordered = selectors.protocol_order(
        [
            reg(vat, "Nuncio", Rank.MINISTER),
            reg(tkm, "Ataeva", Rank.AMBASSADOR),
            reg(kaz, "Seitkali", Rank.DEPUTY_MINISTER),
            reg(tkm, "Byashimova", Rank.DEPUTY_MINISTER, head=True),
        ]
    )
    assert [r.person.family_name for r in ordered] == ["Byashimova", "Seitkali", "Ataeva", "Nuncio"]


# --- attendance, record, statements --------------------------------------------------------


def test_attendance_summary_and_decisions_are_recorded_by_the_coordinator(
    group, coordinator, focal_point, kazakh_delegation
):
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Membership")
    registration = services.registration_submit(
        actor=focal_point, meeting=meeting, person=kazakh_delegation[0], attendance_mode="remote"
    )
    services.attendance_record(actor=coordinator, registration=registration, presence="online")
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=focal_point, registration=registration, presence="in_room")
    with pytest.raises(ValidationError):
        services.attendance_record(actor=coordinator, registration=registration, presence="maybe")
    services.summary_record_update(
        actor=coordinator,
        meeting=meeting,
        summary={"en": "The Group met.", "ar": "اجتمعت المجموعة.", "xx": "dropped"},
    )
    services.decision_record(actor=coordinator, item=item, decision={"en": "Uganda is welcomed."})
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert Registration.objects.get().presence == "online"
    assert meeting.summary_record == {"ar": "اجتمعت المجموعة.", "en": "The Group met."}
    assert item.decision_text == "Uganda is welcomed."


def test_the_record_is_saved_whole_or_not_at_all(group, coordinator):
    """Saving the record page is one intent: the summary and each item's decision are saved
    together, and when a decision is refused (an item of another meeting) the summary is not
    saved either."""
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Membership")
    other = convened_meeting(group, actor=coordinator)
    (stranger,) = add_items(other, "Elsewhere")
    with pytest.raises(ValidationError):
        services.meeting_record_save(
            actor=coordinator,
            meeting=meeting,
            summary={"en": "The Group met."},
            decisions=[(item, {"en": "Agreed."}), (stranger, {"en": "Not ours."})],
        )
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.summary_record == {}
    assert item.decision == {}
    services.meeting_record_save(
        actor=coordinator,
        meeting=meeting,
        summary={"en": "The Group met."},
        decisions=[(item, {"en": "Agreed."})],
    )
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.summary_record == {"en": "The Group met."}
    assert item.decision == {"en": "Agreed."}


@pytest.mark.parametrize(
    ("name", "content", "kind", "text"),
    [
        ("statement.pdf", pdf_bytes("Neutrality for peace"), "pdf", "Neutrality for peace"),
        (
            "statement.docx",
            docx_bytes("Нейтралитет во имя мира"),
            "docx",
            "Нейтралитет во имя мира",
        ),
        ("statement.txt", "中立促进和平".encode(), "text", "中立促进和平"),
    ],
)
def test_statements_keep_their_extracted_text_and_language(
    group, coordinator, focal_point, name, content, kind, text
):
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    statement = services.statement_upload(
        actor=focal_point,
        meeting=meeting,
        agenda_item=item,
        state=State.objects.get(iso3="KAZ"),
        file=upload(name, content),
        original_language="ru",
    )
    assert (statement.kind, statement.text, statement.original_language) == (kind, text, "ru")
    assert Statement.objects.filter(text__contains=text).count() == 1


def test_bad_statement_uploads_are_refused_and_nothing_is_stored(group, coordinator, focal_point):
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    kaz = State.objects.get(iso3="KAZ")
    png = upload("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ValidationError) as caught:
        services.statement_upload(
            actor=focal_point,
            meeting=meeting,
            agenda_item=item,
            state=kaz,
            file=png,
            original_language="en",
        )
    assert "not a PDF / Word (.docx) / plain text file" in caught.value.message_dict["file"][0]
    big = upload("big.txt", b"a" * (20 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as caught:
        services.statement_upload(
            actor=focal_point,
            meeting=meeting,
            agenda_item=item,
            state=kaz,
            file=big,
            original_language="en",
        )
    assert "the limit is 20 MB" in caught.value.message_dict["file"][0]
    with pytest.raises(PermissionDenied):
        services.statement_upload(
            actor=focal_point,
            meeting=meeting,
            agenda_item=item,
            state=State.objects.get(iso3="TKM"),
            file=upload("a.txt", b"x"),
            original_language="en",
        )
    assert not Statement.objects.exists()


def test_demo_loads_the_two_meetings_idempotently(db):
    from amity.meetings import demo as meetings_demo
    from amity.members import demo as members_demo

    members_demo.load()
    meetings_demo.load()
    meetings_demo.load()
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert [m.starts_at.astimezone(m.zone).date() for m in meetings] == [
        datetime.date(2022, 12, 10),
        DAY.replace(year=2023),
    ]
    second = meetings[1]
    assert second.venue_name["en"] == "Ministry of Foreign Affairs of Turkmenistan"
    assert second.format == "hybrid"
    assert second.agenda_items.count() == 3
    assert {r.person.family_name for r in second.registrations.select_related("person")} == {
        "Ataeva",
        "Byashimova",
        "Bakayev",
    }
    assert "not reported" in second.notes["en"]
    assert "example.org" in second.online_url
    assert "Ataeva" in second.summary_record["en"]
    # Six languages, the translations said to be illustrative, in each language.
    for texts in (second.titles, second.venue_name, second.notes, second.summary_record):
        assert sorted(texts) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert "illustrative" in second.notes["en"]
    assert "示意性译文" in second.notes["zh"]
    assert "Атаева" in second.summary_record["ru"]
    # A demo meeting loaded before the translations gains the missing languages; the English
    # stays as it was, and the invitations are not sent again.
    sequence = second.ical_sequence
    Meeting.objects.filter(pk=second.pk).update(
        venue_name={"en": "Ministry of Foreign Affairs of Turkmenistan"},
        summary_record={"en": "Kept as it was."},
    )
    meetings_demo.load()
    second.refresh_from_db()
    assert second.summary_record["en"] == "Kept as it was."
    assert second.summary_record["ar"].startswith("عُقد الاجتماع")
    assert second.venue_name["zh"] == "土库曼斯坦外交部"
    assert second.ical_sequence == sequence
