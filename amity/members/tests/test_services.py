import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from amity.core.errors import Conflict
from amity.members import selectors, services
from amity.members.models import (
    ApplicationStatus,
    AuditEntry,
    Membership,
    MembershipApplication,
    Person,
    Rank,
)
from conftest import state

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def record(group, actor, code="UGA", **kwargs):
    params: dict[str, Any] = {
        "note_reference": "No. 2023/45",
        "received_on": datetime.date(2023, 5, 2),
    }
    params.update(kwargs)
    return services.application_record(actor=actor, group=group, state=state(code), **params)


def test_admitting_creates_the_membership_with_its_accession_date(group, coordinator):
    """Admitting an application creates the membership, dated as the coordinator says."""
    application = record(
        group, coordinator, scan=SimpleUploadedFile("note.pdf", PDF, "application/pdf")
    )
    decided = services.application_decide(
        actor=coordinator,
        application=application,
        admit=True,
        decided_on=datetime.date(2023, 5, 10),
        accession_date=datetime.date(2023, 5, 10),
    )
    assert decided.status == ApplicationStatus.ADMITTED
    assert decided.membership.joined_on == datetime.date(2023, 5, 10)
    assert decided.scan.name.endswith(".pdf")
    assert selectors.current_memberships(group=group).filter(state__iso3="UGA").exists()
    actions = list(AuditEntry.objects.filter(group=group).values_list("action", flat=True))
    assert "application.recorded" in actions
    assert "application.admitted" in actions


def test_declining_creates_no_membership(group, coordinator):
    """A declined application leaves the member list as it was."""
    application = record(group, coordinator)
    services.application_decide(
        actor=coordinator, application=application, admit=False, note="Not now"
    )
    assert not Membership.objects.filter(group=group, state__iso3="UGA").exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED


def test_deciding_twice_is_a_conflict_and_changes_nothing(group, coordinator):
    """The second decision on one application is refused; the first stands."""
    application = record(group, coordinator)
    services.application_decide(actor=coordinator, application=application, admit=True)
    with pytest.raises(Conflict):
        services.application_decide(actor=coordinator, application=application, admit=False)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED
    assert Membership.objects.filter(group=group, state__iso3="UGA").count() == 1


def test_a_member_cannot_apply_or_be_admitted_again(group, coordinator):
    """Kazakhstan is already a member: its application is refused as a conflict."""
    with pytest.raises(Conflict):
        record(group, coordinator, code="KAZ")
    assert not MembershipApplication.objects.exists()


def test_admitting_a_state_that_became_member_meanwhile_writes_nothing(group, coordinator):
    """If the state became a member after applying, admission is refused and the application
    stays pending: nothing is half-written."""
    application = record(group, coordinator)
    services.membership_add(
        actor=coordinator, group=group, state=state("UGA"), joined_on=datetime.date(2023, 5, 3)
    )
    with pytest.raises(Conflict):
        services.application_decide(actor=coordinator, application=application, admit=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert Membership.objects.filter(group=group, state__iso3="UGA").count() == 1


@pytest.mark.parametrize(
    ("accession", "message"),
    [
        (datetime.date(2020, 1, 1), "founded"),
        (timezone.localdate() + datetime.timedelta(days=3), "future"),
    ],
)
def test_accession_dates_must_fall_between_founding_and_today(
    group, coordinator, accession, message
):
    """A join date before the group was founded or in the future is refused, and the
    application stays pending."""
    application = record(group, coordinator)
    with pytest.raises(ValidationError) as excinfo:
        services.application_decide(
            actor=coordinator, application=application, admit=True, accession_date=accession
        )
    assert message in str(excinfo.value)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert not Membership.objects.filter(state__iso3="UGA").exists()


def test_scan_must_be_a_pdf(group, coordinator):
    """A scan that is not a PDF is refused with a clear message, and nothing is recorded."""
    with pytest.raises(ValidationError) as excinfo:
        record(
            group,
            coordinator,
            scan=SimpleUploadedFile("note.pdf", b"GIF89a....", "application/pdf"),
        )
    assert "PDF" in str(excinfo.value)
    assert not MembershipApplication.objects.exists()


def test_scan_over_ten_megabytes_is_refused(group, coordinator):
    """The scan limit is 10 MB."""
    big = SimpleUploadedFile("note.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        record(group, coordinator, scan=big)
    assert "10 MB" in str(excinfo.value)


def test_only_the_coordinator_records_and_decides(group, coordinator, focal_point):
    """A focal point can neither record an application nor admit one."""
    with pytest.raises(PermissionDenied):
        record(group, focal_point)
    application = record(group, coordinator)
    with pytest.raises(PermissionDenied):
        services.application_decide(actor=focal_point, application=application, admit=True)


def test_leaving_keeps_history(group, coordinator):
    """A state that leaves is no longer current, but was a member on earlier dates."""
    membership = Membership.objects.get(group=group, state__iso3="KAZ")
    services.membership_end(
        actor=coordinator, membership=membership, left_on=datetime.date(2024, 1, 15)
    )
    assert not selectors.current_memberships(group=group).filter(state__iso3="KAZ").exists()
    on_2023 = {
        m.state.iso3 for m in selectors.members_on(group=group, day=datetime.date(2023, 6, 1))
    }
    on_2024 = {
        m.state.iso3 for m in selectors.members_on(group=group, day=datetime.date(2024, 6, 1))
    }
    assert on_2023 == {"TKM", "KAZ"}
    assert on_2024 == {"TKM"}
    with pytest.raises(Conflict):
        services.membership_end(
            actor=coordinator, membership=membership, left_on=datetime.date(2024, 2, 1)
        )


def test_leaving_before_joining_is_refused(group, coordinator):
    membership = Membership.objects.get(group=group, state__iso3="KAZ")
    with pytest.raises(ValidationError):
        services.membership_end(
            actor=coordinator, membership=membership, left_on=datetime.date(2020, 8, 30)
        )
    membership.refresh_from_db()
    assert membership.left_on is None


def test_a_state_may_rejoin_after_leaving(group, coordinator):
    """History has two periods for a state that left and came back."""
    membership = Membership.objects.get(group=group, state__iso3="KAZ")
    services.membership_end(
        actor=coordinator, membership=membership, left_on=datetime.date(2022, 1, 1)
    )
    services.membership_add(
        actor=coordinator, group=group, state=state("KAZ"), joined_on=datetime.date(2023, 1, 1)
    )
    assert Membership.objects.filter(group=group, state__iso3="KAZ").count() == 2
    steps, undated = selectors.membership_history(group=group)
    assert [(s.day, s.count) for s in steps] == [
        (datetime.date(2020, 8, 27), 1),
        (datetime.date(2020, 9, 1), 2),
        (datetime.date(2022, 1, 1), 1),
        (datetime.date(2023, 1, 1), 2),
    ]
    assert undated == 0


def test_cochair_terms(group, coordinator):
    """Co-chairs are members with terms; a term cannot end before it starts."""
    cochair = services.cochair_add(
        actor=coordinator,
        group=group,
        state=state("TKM"),
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    assert cochair.is_current_on(datetime.date(2023, 6, 1))
    assert not cochair.is_current_on(datetime.date(2024, 6, 1))
    with pytest.raises(ValidationError):
        services.cochair_add(
            actor=coordinator,
            group=group,
            state=state("KAZ"),
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2023, 1, 1),
        )
    with pytest.raises(ValidationError):
        services.cochair_add(actor=coordinator, group=group, state=state("UGA"), starts_on=None)


def test_focal_point_manages_only_its_own_people(group, coordinator, focal_point):
    """Kazakhstan's focal point adds Kazakhstan's people, not Turkmenistan's."""
    person = services.person_create(
        actor=focal_point,
        group=group,
        state=state("KAZ"),
        family_name="Bakayev",
        given_name="Alibek",
        rank=Rank.DEPUTY_MINISTER,
        title="Deputy Minister of Foreign Affairs",
    )
    assert person.state.iso3 == "KAZ"
    with pytest.raises(PermissionDenied):
        services.person_create(
            actor=focal_point, group=group, state=state("TKM"), family_name="X", rank=Rank.ADVISER
        )
    tkm = services.person_create(
        actor=coordinator,
        group=group,
        state=state("TKM"),
        family_name="Ataeva",
        rank=Rank.AMBASSADOR,
    )
    with pytest.raises(PermissionDenied):
        services.person_update(actor=focal_point, person=tkm, version=tkm.version, title="changed")
    with pytest.raises(PermissionDenied):
        services.person_delete(actor=focal_point, person=tkm)


def test_a_stale_edit_of_a_person_is_a_conflict(group, coordinator):
    """Two editors open the same person; the second save is refused, not written over the first."""
    person = services.person_create(
        actor=coordinator,
        group=group,
        state=state("TKM"),
        family_name="Ataeva",
        rank=Rank.AMBASSADOR,
    )
    seen = person.version
    services.person_update(
        actor=coordinator, person=person, version=seen, title="Permanent Representative"
    )
    with pytest.raises(Conflict):
        services.person_update(actor=coordinator, person=person, version=seen, title="Ambassador")
    assert Person.objects.get(pk=person.pk).title == {"en": "Permanent Representative"}


def test_members_without_known_dates_are_counted_but_not_placed(group, coordinator):
    services.membership_add(
        actor=coordinator, group=group, state=state("IRN"), joined_on=None, joined_note="by 2023"
    )
    assert selectors.current_member_count(group=group) == 3
    _steps, undated = selectors.membership_history(group=group)
    assert undated == 1
    assert "IRN" not in {
        m.state.iso3 for m in selectors.members_on(group=group, day=datetime.date(2025, 1, 1))
    }


def test_profile_texts_in_six_languages_and_a_stale_edit_is_a_conflict(group, coordinator):
    """Two coordinators edit the profile side by side: the second save, based on the version
    both saw, is refused (409) rather than written over the first; each save is audited."""
    seen = group.version
    updated = services.group_update(
        actor=coordinator,
        group=group,
        founded_note={"en": "First meeting.", "fr": "Première réunion.", "xx": "dropped"},
        version=seen,
    )
    assert updated.version == seen + 1
    assert updated.founded_note == {"en": "First meeting.", "fr": "Première réunion."}
    with pytest.raises(Conflict):
        services.group_update(
            actor=coordinator, group=group, founded_note={"en": "Other."}, version=seen
        )
    group.refresh_from_db()
    assert group.founded_note["en"] == "First meeting."
    entry = group.audit_entries.filter(action="group.updated").latest("id")
    assert entry.data == {"fields": ["founded_note"]}


def test_a_plain_note_is_the_original_language_version(group, coordinator):
    """Older callers pass a string: it becomes the text in the group's original language."""
    membership = services.membership_add(
        actor=coordinator,
        group=group,
        state=state("UGA"),
        joined_on=None,
        joined_note="Joined in 2020",
    )
    assert membership.joined_note == {group.original_language: "Joined in 2020"}
