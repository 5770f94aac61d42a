"""Services of outcome documents: drafting, proposals, revisions, silence, adoption, joining,
visibility for each role."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from amity.core.errors import Conflict
from amity.documents import access, selectors, services
from amity.documents.models import (
    Adoption,
    AmendmentProposal,
    DocumentVersion,
    OutcomeDocument,
    SilenceProcedure,
    VersionText,
)
from amity.documents.services import Decision
from amity.documents.tests.factories import latest, make_document
from amity.meetings.tests.factories import make_meeting
from conftest import state

H = datetime.timedelta(hours=1)


@pytest.fixture
def tkm_focal(group, make_user):
    return make_user("tkm", group=group, role="focal_point", state_code="TKM")


@pytest.fixture
def doc(group, coordinator):
    return make_document(group, actor=coordinator)


def _propose(
    doc, user, ref="op1", action="replace", text="<b>Agree</b> to meet every three months;"
):
    return services.proposal_create(
        actor=user,
        document=doc,
        base_version=latest(doc),
        paragraph=ref,
        action=action,
        new_text=text,
    )


def _silence(doc, coordinator, hours=80, now=None):
    now = now or timezone.now()
    return services.silence_start(
        actor=coordinator, document=doc, version=latest(doc), deadline=now + hours * H, now=now
    )


# --- drafting ------------------------------------------------------------------------------


def test_zero_draft_is_sanitized_and_original(group, coordinator):
    """The zero draft keeps bold/italic/lists and drops scripts and attributes; its text row is
    the original language's."""
    doc = make_document(
        group,
        actor=coordinator,
        operative=[
            '<b onclick="x()">Agree</b><script>alert(1)</script> <a href="http://x">to</a> <ul><li>meet</li></ul>'
        ],
    )
    row = VersionText.objects.get(version__document=doc)
    assert row.operative == ["<b>Agree</b> to <ul><li>meet</li></ul>"]
    assert row.status == "original"
    assert row.language == "en"
    assert latest(doc).label == "Zero draft"


@pytest.mark.parametrize("who", ["focal_point", "observer", "outsider"])
def test_only_the_coordinator_creates_documents(request, group, who):
    """Focal points, observers and others may not create a document."""
    with pytest.raises(PermissionDenied):
        make_document(group, actor=request.getfixturevalue(who))


def test_bad_input_is_reported_per_field(group, coordinator):
    """An unknown kind and a text without paragraphs are reported on their fields."""
    with pytest.raises(ValidationError) as exc:
        make_document(group, actor=coordinator, kind="treaty", preamble=[], operative=["  "])
    assert {"kind", "operative"} <= set(exc.value.message_dict)
    assert not OutcomeDocument.objects.exists()


def test_versions_are_never_updated(doc, coordinator):
    """A new revision is a new row; the zero draft's text stays as it was."""
    zero = latest(doc)
    before = list(VersionText.objects.filter(version=zero).values())
    services.version_create(
        actor=coordinator,
        document=doc,
        based_on_version=zero,
        title="New title",
        preamble=["Recalling,"],
        operative=["Agree."],
    )
    assert list(VersionText.objects.filter(version=zero).values()) == before
    assert [v.label_en for v in doc.versions.order_by("id")] == ["Zero draft", "Rev.1"]


# --- proposals and revisions ---------------------------------------------------------------


def test_focal_point_proposes_and_others_see_it(doc, focal_point, tkm_focal):
    """A focal point's proposal records its state; another member's page shows it."""
    p = _propose(doc, focal_point)
    assert p.state.iso3 == "KAZ"
    assert p.status == "open"
    shown = selectors.negotiation(document=doc).proposals
    assert [x.pk for x in shown] == [p.pk]
    assert access.can_see_drafts(tkm_focal, doc)


def test_observer_and_public_may_not_propose(doc, observer, outsider):
    """Observers and outsiders cannot propose amendments."""
    for user in (observer, outsider):
        with pytest.raises(PermissionDenied):
            _propose(doc, user)


def test_proposal_on_a_missing_paragraph_is_refused(doc, focal_point):
    """OP9 does not exist; 'xx' is not a reference."""
    for ref in ("op9", "xx", "pp0"):
        with pytest.raises(ValidationError) as exc:
            _propose(doc, focal_point, ref=ref)
        assert "paragraph" in exc.value.message_dict


def test_accepting_proposals_builds_the_next_revision(doc, coordinator, focal_point, tkm_focal):
    """Accepted, accepted-with-changes and rejected proposals: Rev.1 holds the accepted
    wording, the inserted paragraph and the deletion; statuses are marked."""
    replace = _propose(doc, focal_point)
    insert = _propose(
        doc, tkm_focal, ref="op2", action="insert", text="<i>Invite</i> all States to join."
    )
    delete = _propose(doc, tkm_focal, ref="pp2", action="delete", text="")
    rejected = _propose(doc, focal_point, ref="op2", text="Something else")
    rev1 = services.version_create_from_proposals(
        actor=coordinator,
        document=doc,
        based_on_version=latest(doc),
        decisions=[
            Decision(replace.pk, "accept_with_changes", "<b>Agree</b> to meet every four months;"),
            Decision(insert.pk, "accept"),
            Decision(delete.pk, "accept"),
            Decision(rejected.pk, "reject"),
        ],
    )
    assert rev1.label_en == "Rev.1"
    text = selectors.text_of(rev1)
    assert text.preamble == ["<i>Recalling</i> the Charter of the United Nations,"]
    assert text.operative == [
        "<b>Agree</b> to meet every four months;",
        "<b>Decide</b> to meet once a year at ministerial level;",
        "<i>Invite</i> all States to join.",
    ]
    statuses = {p.pk: (p.status, p.accepted_into_id) for p in AmendmentProposal.objects.all()}
    assert statuses[replace.pk] == ("accepted_with_changes", rev1.pk)
    assert statuses[insert.pk] == ("accepted", rev1.pk)
    assert statuses[rejected.pk] == ("rejected", None)
    assert (
        AmendmentProposal.objects.get(pk=replace.pk).final_text
        == "<b>Agree</b> to meet every four months;"
    )


def test_second_coordinator_on_the_same_revision_is_told(
    doc, coordinator, make_user, group, focal_point
):
    """Two coordinators decide against the zero draft: the first makes Rev.1, the second gets
    a Conflict and nothing of theirs is written."""
    other = make_user("coord2", group=group, role="coordinator", state_code="TKM")
    a = _propose(doc, focal_point)
    b = _propose(doc, focal_point, ref="op2", text="Decide to meet twice a year;")
    zero = latest(doc)
    services.version_create_from_proposals(
        actor=coordinator, document=doc, based_on_version=zero, decisions=[Decision(a.pk, "accept")]
    )
    with pytest.raises(Conflict):
        services.version_create_from_proposals(
            actor=other, document=doc, based_on_version=zero, decisions=[Decision(b.pk, "accept")]
        )
    assert DocumentVersion.objects.filter(document=doc).count() == 2
    assert AmendmentProposal.objects.get(pk=b.pk).status == "open"


def test_clashing_accepted_proposals_are_refused_whole(doc, coordinator, focal_point, tkm_focal):
    """Two accepted rewordings of one paragraph: refused, no version, proposals still open."""
    a = _propose(doc, focal_point)
    b = _propose(doc, tkm_focal)
    with pytest.raises(ValidationError):
        services.version_create_from_proposals(
            actor=coordinator,
            document=doc,
            based_on_version=latest(doc),
            decisions=[Decision(a.pk, "accept"), Decision(b.pk, "accept")],
        )
    assert doc.versions.count() == 1
    assert set(AmendmentProposal.objects.values_list("status", flat=True)) == {"open"}


def test_only_the_coordinator_accepts(doc, focal_point):
    """A focal point cannot decide proposals."""
    p = _propose(doc, focal_point)
    with pytest.raises(PermissionDenied):
        services.version_create_from_proposals(
            actor=focal_point,
            document=doc,
            based_on_version=latest(doc),
            decisions=[Decision(p.pk, "accept")],
        )


def test_withdraw_by_proposer_only(doc, focal_point, tkm_focal):
    """Another delegation cannot withdraw a proposal; its proposer can."""
    p = _propose(doc, focal_point)
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(actor=tkm_focal, proposal=p)
    assert services.proposal_withdraw(actor=focal_point, proposal=p).status == "withdrawn"
    with pytest.raises(Conflict):
        services.proposal_withdraw(actor=focal_point, proposal=p)


def test_comment_on_paragraph(doc, focal_point, observer):
    """A focal point comments on OP2; an observer cannot."""
    c = services.comment_add(
        actor=focal_point, version=latest(doc), paragraph="OP2", text="Too vague."
    )
    assert c.paragraph == "op2"
    assert c.state.iso3 == "KAZ"
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=observer, version=latest(doc), paragraph="op2", text="x")


# --- silence procedure ---------------------------------------------------------------------


def test_silence_needs_72_hours_unless_overridden(doc, coordinator):
    """48 hours is refused; with the override and a reason it is accepted and recorded."""
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.silence_start(
            actor=coordinator, document=doc, version=latest(doc), deadline=now + 48 * H, now=now
        )
    assert "deadline" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.silence_start(
            actor=coordinator,
            document=doc,
            version=latest(doc),
            deadline=now + 48 * H,
            now=now,
            override_short=True,
        )
    assert "override_reason" in exc.value.message_dict
    proc = services.silence_start(
        actor=coordinator,
        document=doc,
        version=latest(doc),
        deadline=now + 48 * H,
        now=now,
        override_short=True,
        override_reason="The ministerial meeting is in two days.",
    )
    assert proc.override_short
    assert proc.override_reason
    doc.refresh_from_db()
    assert doc.status == "under_silence"


def test_silence_on_an_older_version_is_refused(doc, coordinator):
    """Only the latest version can be put under silence."""
    zero = latest(doc)
    services.version_create(
        actor=coordinator,
        document=doc,
        based_on_version=zero,
        title="T",
        operative=["Agree."],
        preamble=[],
    )
    with pytest.raises(Conflict):
        services.silence_start(
            actor=coordinator, document=doc, version=zero, deadline=timezone.now() + 80 * H
        )
    assert not SilenceProcedure.objects.exists()


def test_silence_notifies_every_member_focal_point(
    doc, coordinator, focal_point, tkm_focal, django_capture_on_commit_callbacks
):
    """Each focal point of a member state receives one e-mail, after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        _silence(doc, coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == ["kaz@example.org", "tkm@example.org"]
    assert "Silence procedure" in mail.outbox[0].subject


def test_under_silence_the_text_is_frozen(doc, coordinator, focal_point):
    """No proposal and no new version while under silence."""
    _silence(doc, coordinator)
    with pytest.raises(Conflict):
        _propose(doc, focal_point)
    with pytest.raises(Conflict):
        services.version_create(
            actor=coordinator,
            document=doc,
            based_on_version=latest(doc),
            title="T",
            preamble=[],
            operative=["x"],
        )


def test_break_returns_to_negotiation_and_cannot_repeat(doc, coordinator, focal_point, tkm_focal):
    """KAZ breaks silence: the draft is negotiable again; a second break is a Conflict;
    the coordinator may revise and start a new silence."""
    proc = _silence(doc, coordinator)
    services.silence_break(
        actor=focal_point, procedure=proc, state=state("KAZ"), reason="OP1 needs work."
    )
    doc.refresh_from_db()
    assert doc.status == "drafting"
    with pytest.raises(Conflict):
        services.silence_break(actor=tkm_focal, procedure=proc, state=state("TKM"), reason="Again")
    with pytest.raises(Conflict):
        services.silence_break(
            actor=focal_point, procedure=proc, state=state("KAZ"), reason="Twice"
        )
    services.version_create(
        actor=coordinator,
        document=doc,
        based_on_version=latest(doc),
        title="T",
        preamble=[],
        operative=["Agree."],
    )
    assert _silence(doc, coordinator).outcome == "pending"


def test_break_after_the_deadline_is_refused(doc, coordinator, focal_point):
    """After the deadline silence can no longer be broken."""
    start = timezone.now() - 100 * H
    proc = _silence(doc, coordinator, hours=80, now=start)
    with pytest.raises(Conflict):
        services.silence_break(actor=focal_point, procedure=proc, state=state("KAZ"), reason="late")
    assert not proc.breaks.exists()


def test_non_member_and_other_state_cannot_break(doc, coordinator, focal_point, make_user, group):
    """A focal point cannot break for another state; a state that is not a member cannot
    break at all."""
    proc = _silence(doc, coordinator)
    with pytest.raises(PermissionDenied):
        services.silence_break(actor=focal_point, procedure=proc, state=state("TKM"), reason="x")
    stranger = make_user("fra", group=group, role="focal_point", state_code="FRA")
    with pytest.raises(ValidationError) as exc:
        services.silence_break(actor=stranger, procedure=proc, state=state("FRA"), reason="x")
    assert "state" in exc.value.message_dict
    assert SilenceProcedure.objects.get().outcome == "pending"


def test_settle_writes_the_adoption_once_dated_at_the_deadline(doc, coordinator):
    """Past an unbroken deadline, settle adopts, dated at the deadline; settling again writes
    nothing more; before the deadline it writes nothing."""
    start = timezone.now() - 100 * H
    proc = _silence(doc, coordinator, hours=80, now=start)
    assert services.silence_settle(procedure=proc, now=start + 79 * H).outcome == "pending"
    assert not Adoption.objects.exists()
    services.silence_settle(procedure=proc)
    services.silence_settle(procedure=proc)
    assert services.silence_settle_due() == 0
    adoption = Adoption.objects.get()
    assert adoption.adopted_at == proc.deadline
    assert adoption.method == "silence"
    doc.refresh_from_db()
    assert doc.status == "adopted"
    assert doc.adopted_at == proc.deadline


def test_database_refuses_a_second_adoption(doc, coordinator):
    """Even bypassing the services, a document cannot hold two adoption records."""
    proc = _silence(doc, coordinator, hours=80, now=timezone.now() - 100 * H)
    services.silence_settle(procedure=proc)
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(
            document=doc, version=latest(doc), method="silence", adopted_at=timezone.now()
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_settles_write_one_adoption(group, coordinator):
    """Two workers settle the same due procedure at once: one adoption record, one audit
    entry."""
    doc = make_document(group, actor=coordinator)
    proc = _silence(doc, coordinator, hours=80, now=timezone.now() - 100 * H)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            services.silence_settle(procedure=SilenceProcedure.objects.get(pk=proc.pk))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Adoption.objects.filter(document=doc).count() == 1
    assert selectors.history(document=doc).filter(action="document.adopted").count() == 1


def test_periodic_task_settles_due_procedures(doc, coordinator):
    """The beat task adopts a text whose deadline passed."""
    from amity.documents.tasks import settle_silence

    _silence(doc, coordinator, hours=80, now=timezone.now() - 100 * H)
    assert settle_silence.delay().get() == 1
    assert Adoption.objects.count() == 1


# --- adoption, joining, publication, visibility --------------------------------------------


@pytest.fixture
def adopted(doc, coordinator, group):
    meeting = make_meeting(group, starts_at=timezone.now() - 3 * H, ends_at=timezone.now() - 1 * H)
    item = None
    services.document_adopt_consensus(
        actor=coordinator, document=doc, meeting=meeting, agenda_item=item
    )
    doc.refresh_from_db()
    return doc


def test_consensus_adoption_is_recorded_with_the_meeting(adopted):
    """The adoption names the meeting and is dated at its start."""
    adoption = Adoption.objects.get(document=adopted)
    assert adoption.method == "consensus"
    assert adoption.meeting is not None
    assert adoption.adopted_at == adoption.meeting.starts_at


def test_adopted_text_is_locked(adopted, coordinator, focal_point):
    """No amendment, no draft revision after adoption; only a corrigendum."""
    with pytest.raises(Conflict):
        _propose(adopted, focal_point)
    corr = services.version_create(
        actor=coordinator,
        document=adopted,
        based_on_version=latest(adopted),
        title="T",
        preamble=[],
        operative=["Agree."],
    )
    assert corr.label_en == "Corr.1"


def test_joining(adopted, focal_point, coordinator, make_user, group):
    """A focal point joins for its state, once; the coordinator records another member; a
    non-member cannot join."""
    services.document_join(actor=focal_point, document=adopted, state=state("KAZ"))
    with pytest.raises(Conflict):
        services.document_join(actor=focal_point, document=adopted, state=state("KAZ"))
    with pytest.raises(PermissionDenied):
        services.document_join(actor=focal_point, document=adopted, state=state("TKM"))
    services.document_join(actor=coordinator, document=adopted, state=state("TKM"))
    with pytest.raises(ValidationError):
        services.document_join(actor=coordinator, document=adopted, state=state("FRA"))
    assert [j.state.iso3 for j in selectors.joinings(document=adopted)] == ["KAZ", "TKM"]


def test_joining_before_adoption_is_refused(doc, focal_point):
    """States join at or after adoption."""
    with pytest.raises(Conflict):
        services.document_join(actor=focal_point, document=doc, state=state("KAZ"))


def test_visibility_for_each_role(doc, coordinator, focal_point, observer, outsider):
    """Drafts: coordinator and focal points; observers once shared; the public only once
    adopted and published."""
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    assert access.can_see(coordinator, doc)
    assert access.can_see(focal_point, doc)
    assert not access.can_see(observer, doc)
    assert not access.can_see(outsider, doc)
    assert not access.can_see(anon, doc)
    services.document_share(actor=coordinator, document=doc, shared=True)
    doc.refresh_from_db()
    assert access.can_see(observer, doc)
    with pytest.raises(Conflict):
        services.document_publish(actor=coordinator, document=doc)


def test_public_sees_only_the_published_adopted_version(adopted, coordinator, outsider):
    """After publication the public reads the adopted version, not the drafts."""
    services.version_create  # noqa: B018 - documents the locked state
    assert not access.can_see(outsider, adopted)
    services.document_publish(actor=coordinator, document=adopted)
    adopted.refresh_from_db()
    assert access.can_see(outsider, adopted)
    assert [v.label_en for v in selectors.readable_versions(user=outsider, document=adopted)] == [
        "Zero draft"
    ]


def test_every_action_is_in_the_history(doc, coordinator, focal_point):
    """Creation, proposal and revision are recorded with who and from where."""
    p = _propose(doc, focal_point)
    services.version_create_from_proposals(
        actor=coordinator,
        document=doc,
        based_on_version=latest(doc),
        decisions=[Decision(p.pk, "accept")],
    )
    actions = list(selectors.history(document=doc).values_list("action", "actor__username"))
    assert ("document.created", "coord") in actions
    assert ("document.proposal_created", "kaz") in actions
    assert ("document.revision_from_proposals", "coord") in actions
