"""The permission matrix (issue 14): every cell of ``amity.core.permission_matrix`` performed
through each channel it lists, as each role, on the objects of group X and state A.

One set of objects for the whole module (made once inside a transaction that is rolled back
at the end); each case runs in its own savepoint, so a write allowed in one case is undone
before the next.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.db import transaction
from django.test import Client

from amity.core import permission_matrix as matrix
from amity.core.actors import SYSTEM

A, B, X_SLUG, Y_SLUG = "KAZ", "UZB", "neutrality", "peace"
REFUSED_PAGE = {302, 400, 403, 404, 405}
REFUSED_API = {401, 403, 404}


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)


def _build() -> World:
    from django.contrib.auth import get_user_model

    from amity.accounts.services import user_create
    from amity.documents.tests.factories import make_document
    from amity.meetings import services as meeting_services
    from amity.meetings.models import Meeting, Visibility
    from amity.meetings.tests.factories import (
        add_items,
        convened_meeting,
        make_meeting,
        person,
        upload,
    )
    from amity.members import services as member_services
    from amity.members.models import State
    from amity.members.reference import states_sync

    if not State.objects.exists():
        states_sync()

    def state(code: str) -> Any:
        return State.objects.get(iso3=code)

    x = member_services.group_create(
        actor=SYSTEM,
        slug=X_SLUG,
        names={"en": "Group X"},
        founded_on=datetime.date(2020, 8, 27),
        initiated_by=state("TKM"),
    )
    y = member_services.group_create(
        actor=SYSTEM, slug=Y_SLUG, names={"en": "Group Y"}, founded_on=datetime.date(2021, 1, 1)
    )
    for group, codes in ((x, ("TKM", A, B)), (y, ("FRA",))):
        for iso in codes:
            member_services.membership_add(
                actor=SYSTEM, group=group, state=state(iso), joined_on=datetime.date(2021, 2, 1)
            )
    world = World()
    people: list[tuple[str, Any, str, str | None]] = [
        ("signed_in", None, "", None),
        ("focal_a", x, "focal_point", A),
        ("focal_b", x, "focal_point", B),
        ("observer", x, "observer", None),
        ("coord_x", x, "coordinator", "TKM"),
        ("coord_y", y, "coordinator", "FRA"),
    ]
    for key, group, role, code in people:
        user = user_create(username=key, password="a-long-test-password", email=f"{key}@ex.org")
        if group is not None:
            member_services.group_role_assign(
                actor=SYSTEM, user=user, group=group, role=role, state=state(code) if code else None
            )
        world.users[key] = user
    world.users["superuser"] = get_user_model().objects.create_superuser(
        username="root", password="a-long-test-password", email="root@ex.org"
    )
    world.users["anonymous"] = None

    draft = make_meeting(x, visibility=Visibility.MEMBERS)
    live = convened_meeting(x, visibility=Visibility.MEMBERS)
    add_items(live, "Strategy")
    delegate_a = person(x, A, "Bakayev")
    registration_a = meeting_services.registration_submit(
        actor=SYSTEM, meeting=live, person=delegate_a, attendance_mode="in_room", is_head=True
    )
    statement_a = meeting_services.statement_upload(
        actor=SYSTEM,
        meeting=live,
        agenda_item=live.agenda_items.get(),
        state=state(A),
        file=upload("statement.txt", b"We support the strategy."),
        original_language="en",
        title={"en": "Statement of A"},
    )
    held = convened_meeting(x, visibility=Visibility.MEMBERS)
    Meeting.objects.filter(pk=held.pk).update(
        starts_at=datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC),
    )
    document = make_document(x)
    from amity.circulation.tests.factories import adopted_document, ga_references

    adopted = adopted_document(x, slug="adopted")
    session77, item58, _item61 = ga_references()
    application_c = member_services.application_record(
        actor=SYSTEM,
        group=x,
        state=state("AUT"),
        note_reference="NV/0",
        received_on=datetime.date(2024, 1, 2),
    )
    world.objects.update(
        x=x,
        draft=draft,
        live=live,
        registration_a=registration_a,
        statement_a=statement_a,
        person_a=delegate_a,
        held=held,
        document=document,
        adopted=adopted,
        ga_session=session77,
        ga_item=item58,
        application_c=application_c,
        version=document.versions.order_by("-id").first(),
    )
    return world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- how each cell is performed: True when the action happened (or the thing was shown) -----


def _page_read(client: Client, url: str) -> bool:
    status = client.get(url).status_code
    assert status == 200 or status in REFUSED_PAGE, (url, status)
    return status == 200


def _api_read(client: Client, url: str, shows: int | None = None) -> bool:
    """200, and when ``shows`` is given, an item with that id in the answer."""
    response = client.get(url)
    assert response.status_code == 200 or response.status_code in REFUSED_API, (
        url,
        response.status_code,
    )
    if response.status_code != 200 or shows is None:
        return response.status_code == 200
    return shows in {item["id"] for item in response.json()}


def _page_ask(client: Client, url: str, data: dict[str, Any]) -> bool:
    """A POST that writes nothing (a proposal): answered, or refused."""
    status = client.post(url, data).status_code
    assert status == 200 or status in REFUSED_PAGE, (url, status)
    return status == 200


def _same(*outcomes: bool) -> bool:
    """One answer for several ways of doing the same thing."""
    assert len(set(outcomes)) == 1, outcomes
    return outcomes[0]


def _page_write(client: Client, url: str, data: dict[str, Any], count: Callable[[], int]) -> bool:
    before = count()
    status = client.post(url, data).status_code
    assert status in REFUSED_PAGE | {200}, (url, status)
    return count() > before


def _api_write(client: Client, url: str, data: dict[str, Any], count: Callable[[], int]) -> bool:
    before = count()
    response = client.post(url, data, content_type="application/json")
    done = count() > before
    expected = {200, 201} if done else REFUSED_API | {400, 409}
    assert response.status_code in expected, (url, response.status_code, response.content[:200])
    return done


def _ws_connect(user: Any, meeting: Any, monkeypatch: pytest.MonkeyPatch) -> bool:
    import channels.db
    from channels.routing import URLRouter
    from channels.testing import WebsocketCommunicator
    from django.contrib.auth.models import AnonymousUser

    from amity.live.routing import websocket_urlpatterns

    # The consumer's database work runs in this thread (async_to_sync from the test), inside
    # the module's transaction; closing "old" connections there would end it.
    monkeypatch.setattr(channels.db, "close_old_connections", lambda: None)

    async def scenario() -> bool:
        comm = WebsocketCommunicator(
            URLRouter(websocket_urlpatterns), f"/ws/meetings/{meeting.pk}/live/"
        )
        comm.scope["user"] = user or AnonymousUser()
        connected, _ = await comm.connect()
        if connected:
            await comm.receive_json_from(timeout=5)
        await comm.disconnect()
        return bool(connected)

    return bool(async_to_sync(scenario)())


def _perform(world: World, key: str, channel: str, role: str, monkeypatch: Any) -> bool:
    from amity.circulation.models import Circulation
    from amity.documents.models import AmendmentProposal, DocumentStatus, OutcomeDocument
    from amity.live.models import SpeakerEntry
    from amity.meetings.models import AgendaItem, Meeting, Statement
    from amity.members.models import MembershipApplication

    o, user = world.objects, world.users[role]
    client = Client()
    if user is not None:
        client.force_login(user)
        # Signed in with the second factor that superusers must have (accounts.middleware).
        from amity.accounts.middleware import SESSION_FLAG

        session = client.session
        session[SESSION_FLAG] = True
        session.save()
    doc = o["document"]
    doc_page = f"/en/groups/{X_SLUG}/documents/{doc.slug}/"
    draft_version = Meeting.objects.get(pk=o["draft"].pk).agenda_version
    proposals = AmendmentProposal.objects.filter(document=doc).count
    speakers = SpeakerEntry.objects.filter(meeting=o["live"]).count
    items = AgendaItem.objects.filter(meeting=o["draft"]).count
    applications = MembershipApplication.objects.filter(group=o["x"]).count

    def adopted() -> int:
        return int(OutcomeDocument.objects.get(pk=doc.pk).status == DocumentStatus.ADOPTED)

    cells: dict[tuple[str, str], Callable[[], bool]] = {
        ("view_draft_meeting", "page"): lambda: _page_read(
            client, f"/en/meetings/{o['draft'].pk}/"
        ),
        ("view_draft_meeting", "api"): lambda: _api_read(
            client, f"/api/v1/meetings/{o['draft'].pk}"
        ),
        ("view_live", "page"): lambda: _page_read(client, f"/en/meetings/{o['live'].pk}/live/"),
        ("view_live", "api"): lambda: _api_read(client, f"/api/v1/meetings/{o['live'].pk}/live"),
        ("view_live", "ws"): lambda: _ws_connect(user, o["live"], monkeypatch),
        ("request_floor", "page"): lambda: _page_write(
            client,
            f"/en/meetings/{o['live'].pk}/live/request/",
            {"registration": o["registration_a"].pk, "kind": "statement"},
            speakers,
        ),
        ("request_floor", "api"): lambda: _api_write(
            client,
            f"/api/v1/meetings/{o['live'].pk}/live/speakers",
            {"registration": o["registration_a"].pk},
            speakers,
        ),
        ("edit_agenda", "page"): lambda: _page_write(
            client,
            f"/en/meetings/{o['draft'].pk}/agenda/",
            {"titles_en": "New item", "kind": "discussion", "version": draft_version},
            items,
        ),
        ("edit_agenda", "api"): lambda: _api_write(
            client,
            f"/api/v1/meetings/{o['draft'].pk}/agenda",
            {"titles": {"en": "New item"}, "version": draft_version},
            items,
        ),
        ("read_draft_document", "page"): lambda: _page_read(client, doc_page),
        ("read_draft_document", "api"): lambda: _api_read(client, f"/api/v1/documents/{doc.pk}"),
        ("propose_amendment", "page"): lambda: _page_write(
            client,
            doc_page + "propose/",
            {"paragraph": "OP1", "action": "replace", "new_text": "Agree to meet yearly;"},
            proposals,
        ),
        ("propose_amendment", "api"): lambda: _api_write(
            client,
            f"/api/v1/documents/{doc.pk}/proposals",
            {
                "base_version": o["version"].pk,
                "paragraph": "OP1",
                "action": "replace",
                "new_text": "Agree to meet yearly;",
            },
            proposals,
        ),
        ("adopt", "page"): lambda: _page_write(
            client,
            doc_page + "adopt/",
            {"meeting": o["held"].pk, "agenda_item": "", "confirm": "1"},
            adopted,
        ),
        ("export_draft", "page"): lambda: _same(
            _page_read(client, doc_page + "en.akn.xml"), _page_read(client, doc_page + "en.docx")
        ),
        ("circulate", "page"): lambda: _page_write(
            client,
            f"/en/groups/{X_SLUG}/documents/{o['adopted'].slug}/circulation/",
            {
                "session": o["ga_session"].pk,
                "agenda_item": o["ga_item"].pk,
                "letter_date": "2024-06-01",
                "representative_name": "Aksoltan Ataeva",
            },
            Circulation.objects.filter(document=o["adopted"]).count,
        ),
        ("circulation_overview", "page"): lambda: _page_read(client, doc_page + "languages/"),
        ("manage_members", "page"): lambda: _page_read(client, f"/en/groups/{X_SLUG}/manage/"),
        ("read_applications", "api"): lambda: _api_read(
            client, f"/api/v1/groups/{X_SLUG}/applications", shows=o["application_c"].pk
        ),
        ("record_application", "api"): lambda: _api_write(
            client,
            f"/api/v1/groups/{X_SLUG}/applications",
            {"state": "BEL", "note_reference": "NV/1", "received_on": "2024-01-02"},
            applications,
        ),
        ("edit_state_people", "page"): lambda: _page_read(
            client, f"/en/groups/{X_SLUG}/people/{o['person_a'].pk}/"
        ),
        ("retitle_statement", "page"): lambda: _page_write(
            client,
            f"/en/meetings/{o['live'].pk}/statements/{o['statement_a'].pk}/title/",
            {"title_en": "Statement of A", "title_fr": "Déclaration de A"},
            lambda: len(Statement.objects.get(pk=o["statement_a"].pk).title),
        ),
        ("machine_proposal", "page"): lambda: _page_ask(
            client,
            f"/en/groups/{X_SLUG}/manage/machine-proposal/",
            {
                "source_field": "names_en",
                "names_en": "Group X",
                "source_language": "en",
                "target_language": "fr",
                "input": "id_names_fr",
            },
        ),
    }
    assert set(cells) == {(a.key, c) for a in matrix.ACTIONS for c in a.channels}, (
        "every cell of the table is performed, and nothing else"
    )
    return cells[(key, channel)]()


@pytest.mark.parametrize(
    ("key", "channel", "role", "allowed"),
    [pytest.param(*case, id="-".join(case[:3])) for case in matrix.cases()],
)
def test_matrix(world, db, monkeypatch, key, channel, role, allowed):
    assert _perform(world, key, channel, role, monkeypatch) is allowed


def test_docs_permissions_md_is_generated_from_the_table():
    assert matrix.DOC.read_text(encoding="utf-8") == matrix.markdown(), (
        "docs/permissions.md is out of date: run `python -m amity.core.permission_matrix`"
    )
