"""The coordinator's pages for the group's records: resolutions, initiatives with their status
history, road maps with their activities. Only the coordinator may use them; bad input is
explained on the page and writes nothing; an edit based on an old version is a conflict."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from amity.core.actors import SYSTEM
from amity.core.languages import CONTENT_LANGUAGES
from amity.meetings.tests.factories import add_items, convened_meeting
from amity.publishing import services
from amity.publishing.models import (
    Activity,
    ActivityStatus,
    Initiative,
    InitiativeStatus,
    InitiativeStatusChange,
    Resolution,
    RoadMap,
)
from conftest import state

pytestmark = pytest.mark.django_db

BASE = "/en/groups/neutrality"


def texts(name: str, **values: str) -> dict[str, str]:
    """The six language fields of a multilingual value, as the page posts them."""
    return {f"{name}_{code}": values.get(code, "") for code in CONTENT_LANGUAGES}


def resolution_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "symbol": "A/RES/71/275",
        "symbol_verified": "on",
        "adopted_on": "2017-02-02",
        "ga_session": "71",
        "agenda_item": "35",
        "adoption": "vote",
        "cosponsor_count": "40",
        "cosponsors": [state("TKM").pk, state("KAZ").pk, state("FRA").pk],
        **texts("note"),
        **texts(
            "titles",
            en="The role and importance of a policy of neutrality",
            ar="دور وأهمية سياسة الحياد",
        ),
        **texts("agenda_item_titles", en="Maintenance of international peace and security"),
    }
    data.update(overrides)
    return data


@pytest.fixture
def resolution(group: Any) -> Resolution:
    return services.resolution_create(
        actor=SYSTEM,
        group=group,
        symbol="A/RES/71/275",
        adopted_on=datetime.date(2017, 2, 2),
        titles={"en": "The role and importance of a policy of neutrality"},
        ga_session=71,
        adoption="without_vote",
    )


@pytest.fixture
def initiative(group: Any) -> Initiative:
    return services.initiative_create(
        actor=SYSTEM,
        group=group,
        titles={"en": "Global Security Strategy"},
        proposed_by=state("TKM"),
        proposed_on=datetime.date(2023, 6, 1),
    )


@pytest.fixture
def road_map(group: Any, resolution: Resolution) -> RoadMap:
    return services.road_map_create(
        actor=SYSTEM,
        group=group,
        titles={"en": "Year of Dialogue, 2023"},
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
        resolution=resolution,
    )


@pytest.fixture
def activity(road_map: RoadMap) -> Activity:
    return services.activity_add(
        actor=SYSTEM,
        road_map=road_map,
        titles={"en": "Meeting in Ashgabat"},
        on=datetime.date(2023, 12, 11),
        lead_states=[state("TKM")],
    )


def page(response: Any) -> str:
    return response.content.decode()


# --- resolutions --------------------------------------------------------------------------


def test_coordinator_records_a_resolution_through_the_page(group, coordinator_client):
    """The new resolution belongs to the group, carries the six-language title, the vote, the
    reported count and the co-sponsors chosen; the list names the members among them."""
    response = coordinator_client.post(f"{BASE}/resolutions/new/", resolution_data())
    assert response.status_code == 302
    resolution = Resolution.objects.get(symbol="A/RES/71/275")
    assert list(resolution.groups.all()) == [group]
    assert resolution.titles["ar"] == "دور وأهمية سياسة الحياد"
    assert (resolution.ga_session, resolution.agenda_item) == (71, 35)
    assert resolution.adoption == "vote"
    assert resolution.cosponsor_count == 40
    assert resolution.agenda_item_titles == {
        "en": "Maintenance of international peace and security"
    }
    assert {s.iso3 for s in resolution.cosponsors.all()} == {"TKM", "KAZ", "FRA"}
    listing = page(coordinator_client.get(response["Location"]))
    assert "Members that co-authored resolution 71/275: Kazakhstan and Turkmenistan" in listing


def test_resolution_form_writes_arabic_right_to_left_and_sorts_states_by_local_name(
    group, coordinator_client
):
    """Each language has its own title box, the Arabic one right to left; the co-sponsors are
    a multiple choice of the registry's states named and sorted in the page's language."""
    body = page(coordinator_client.get("/fr/groups/neutrality/resolutions/new/"))
    assert 'name="titles_ar"' in body
    assert 'lang="ar"' in body
    assert 'dir="rtl"' in body
    assert "<textarea" in body
    assert 'name="titles_zh"' in body
    assert 'name="cosponsors"' in body
    assert "multiple" in body
    select = body[body.index('name="cosponsors"') :]
    assert select.index(">Allemagne<") < select.index(">Belgique<")
    assert ">Germany<" not in select


def test_coordinator_edits_a_resolution(group, coordinator_client, resolution):
    """Saving the edit form changes the record and raises its version."""
    url = f"{BASE}/resolutions/{resolution.pk}/edit/"
    form = page(coordinator_client.get(url))
    assert 'name="version" value="1"' in form
    assert "The role and importance of a policy of neutrality" in form
    response = coordinator_client.post(
        url,
        resolution_data(
            version="1",
            cosponsors=[state("UGA").pk],
            adoption="without_vote",
            **texts("titles", en="Neutrality", ru="Нейтралитет"),
        ),
    )
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.titles == {"en": "Neutrality", "ru": "Нейтралитет"}
    assert resolution.adoption == "without_vote"
    assert resolution.version == 2
    assert [s.iso3 for s in resolution.cosponsors.all()] == ["UGA"]


@pytest.mark.parametrize("symbol", ["71/275", "A/RES/71", "S/RES/2334"])
def test_a_bad_symbol_is_explained_and_nothing_is_recorded(group, coordinator_client, symbol):
    """A symbol not of the form A/RES/<session>/<number> is refused on the page, with the
    expected form as example."""
    response = coordinator_client.post(f"{BASE}/resolutions/new/", resolution_data(symbol=symbol))
    assert response.status_code == 400
    assert "is not a General Assembly resolution symbol" in page(response)
    assert "A/RES/71/275" in page(response)
    assert not Resolution.objects.exists()


def test_a_session_that_contradicts_the_symbol_is_refused(group, coordinator_client):
    response = coordinator_client.post(f"{BASE}/resolutions/new/", resolution_data(ga_session="72"))
    assert response.status_code == 400
    assert "The symbol says session 71, not 72." in page(response)
    assert not Resolution.objects.exists()


def test_a_stale_resolution_edit_is_a_conflict(group, coordinator_client, resolution):
    """Two people open the form; the second save, based on the first version, is refused and
    the first person's change stays."""
    url = f"{BASE}/resolutions/{resolution.pk}/edit/"
    first = coordinator_client.post(
        url, resolution_data(version="1", **texts("titles", en="First save"))
    )
    assert first.status_code == 302
    second = coordinator_client.post(
        url, resolution_data(version="1", **texts("titles", en="Second save"))
    )
    assert second.status_code == 400
    assert "Someone else saved this record meanwhile" in page(second)
    resolution.refresh_from_db()
    assert resolution.titles == {"en": "First save"}
    assert resolution.version == 2


def test_renaming_to_a_symbol_already_recorded_is_refused(group, coordinator_client, resolution):
    other = services.resolution_create(
        actor=SYSTEM,
        group=group,
        symbol="A/RES/77/32",
        adopted_on=datetime.date(2022, 12, 7),
        titles={"en": "Year of Dialogue"},
        ga_session=77,
    )
    response = coordinator_client.post(
        f"{BASE}/resolutions/{other.pk}/edit/", resolution_data(version="1")
    )
    assert response.status_code == 400
    assert "Resolution A/RES/71/275 is already recorded." in page(response)
    other.refresh_from_db()
    assert other.symbol == "A/RES/77/32"


# --- initiatives --------------------------------------------------------------------------


def test_coordinator_adds_and_edits_an_initiative(
    group, coordinator_client, django_capture_on_commit_callbacks
):
    """A new initiative starts its history as proposed on the date given; the edit changes
    its texts and proposing state, and the search index follows."""
    from amity.search.models import SearchEntry

    data = {
        "proposed_by": state("TKM").pk,
        "original_language": "en",
        "proposed_on": "2023-06-01",
        **texts("titles", en="Institute of Neutrality and Security", zh="中立与安全研究所"),
        **texts("descriptions", en="A research institute."),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"{BASE}/initiatives/new/", data)
    assert response.status_code == 302
    initiative = Initiative.objects.get(group=group)
    assert initiative.titles["zh"] == "中立与安全研究所"
    assert initiative.proposed_by.iso3 == "TKM"
    assert [(h.status, h.on) for h in initiative.history.all()] == [
        (InitiativeStatus.PROPOSED, datetime.date(2023, 6, 1))
    ]

    url = f"{BASE}/initiatives/{initiative.pk}/edit/"
    assert 'name="proposed_on"' not in page(coordinator_client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url,
            {
                "proposed_by": state("KAZ").pk,
                "original_language": "ru",
                "version": "1",
                **texts("titles", en="Neutrality Institute", ru="Институт нейтралитета"),
                **texts("descriptions"),
            },
        )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.titles == {"en": "Neutrality Institute", "ru": "Институт нейтралитета"}
    assert initiative.descriptions == {}
    assert (initiative.proposed_by.iso3, initiative.version) == ("KAZ", 2)
    entry = SearchEntry.objects.get(key=f"initiative:{initiative.pk}/ru")
    assert entry.title == "Институт нейтралитета"


def test_an_initiative_without_a_title_is_refused(group, coordinator_client):
    response = coordinator_client.post(
        f"{BASE}/initiatives/new/",
        {"original_language": "en", "proposed_on": "2023-06-01", **texts("titles")},
    )
    assert response.status_code == 400
    assert "Give the initiative&#x27;s title in at least one language." in page(response)
    assert not Initiative.objects.exists()


def test_a_stale_initiative_edit_is_a_conflict(group, coordinator_client, initiative):
    services.initiative_update(
        actor=SYSTEM, initiative=initiative, version=1, titles={"en": "Changed meanwhile"}
    )
    response = coordinator_client.post(
        f"{BASE}/initiatives/{initiative.pk}/edit/",
        {"original_language": "en", "version": "1", **texts("titles", en="Mine")},
    )
    assert response.status_code == 400
    assert "Someone else saved this record meanwhile" in page(response)
    initiative.refresh_from_db()
    assert initiative.titles == {"en": "Changed meanwhile"}


def test_coordinator_records_a_status_change_at_a_meeting(group, coordinator_client, initiative):
    """The change is appended to the history with the meeting and the agenda item where it was
    discussed; the initiative takes the new status; the page shows the history so far."""
    meeting = convened_meeting(group)
    _first, second = add_items(meeting, "Enlargement", "Global Security Strategy")
    url = f"{BASE}/initiatives/{initiative.pk}/status/"
    form = page(coordinator_client.get(url))
    assert "Proposed" in form
    assert "2. Global Security Strategy" in form
    response = coordinator_client.post(
        url,
        {
            "status": "endorsed",
            "on": "2030-12-11",
            "meeting": meeting.pk,
            "agenda_item": second.pk,
            **texts("note", en="Endorsed by all members present."),
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ENDORSED
    latest = initiative.history.order_by("-on", "-id").first()
    assert (latest.meeting, latest.agenda_item) == (meeting, second)
    assert latest.note == {"en": "Endorsed by all members present."}
    listing = page(coordinator_client.get(f"{BASE}/initiatives/"))
    assert "Endorsed by all members present." in listing
    assert "agenda item 2" in listing


def test_a_status_change_dated_before_the_previous_one_is_refused(
    group, coordinator_client, initiative
):
    """The history runs forward: a change dated before the last one is explained on the page
    and neither the history nor the status moves."""
    response = coordinator_client.post(
        f"{BASE}/initiatives/{initiative.pk}/status/",
        {"status": "shelved", "on": "2023-05-31", **texts("note")},
    )
    assert response.status_code == 400
    assert "cannot be dated before the previous one (2023-06-01)" in page(response)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PROPOSED
    assert InitiativeStatusChange.objects.filter(initiative=initiative).count() == 1


def test_an_agenda_item_of_another_meeting_is_refused(group, coordinator_client, initiative):
    first = convened_meeting(group)
    second = convened_meeting(
        group,
        starts_at=datetime.datetime(2031, 1, 5, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 1, 5, 12, tzinfo=datetime.UTC),
    )
    (item,) = add_items(second, "Global Security Strategy")
    response = coordinator_client.post(
        f"{BASE}/initiatives/{initiative.pk}/status/",
        {"status": "endorsed", "on": "2030-12-11", "meeting": first.pk, "agenda_item": item.pk},
    )
    assert response.status_code == 400
    assert "Choose an item of the agenda of that meeting." in page(response)
    assert initiative.history.count() == 1


# --- road maps and activities -------------------------------------------------------------


def test_coordinator_adds_and_edits_a_road_map(group, coordinator_client, resolution):
    response = coordinator_client.post(
        f"{BASE}/road-map/new/",
        {
            "starts_on": "2023-01-01",
            "ends_on": "2023-12-31",
            "resolution": resolution.pk,
            **texts("titles", en="Year of Dialogue, 2023", ar="سنة الحوار، 2023"),
            **texts("note"),
        },
    )
    assert response.status_code == 302
    road_map = RoadMap.objects.get(group=group)
    assert road_map.resolution == resolution
    assert road_map.titles["ar"] == "سنة الحوار، 2023"
    response = coordinator_client.post(
        f"{BASE}/road-map/{road_map.pk}/edit/",
        {
            "starts_on": "2023-01-01",
            "ends_on": "2024-03-31",
            "resolution": "",
            "version": "1",
            **texts("titles", en="Year of Dialogue, extended"),
            **texts("note", en="Extended by the Group."),
        },
    )
    assert response.status_code == 302
    road_map.refresh_from_db()
    assert road_map.ends_on == datetime.date(2024, 3, 31)
    assert road_map.resolution is None
    assert road_map.note == {"en": "Extended by the Group."}
    assert road_map.version == 2


def test_a_period_ending_before_it_starts_is_refused(group, coordinator_client, road_map):
    """On adding and on editing, the end before the start is explained; nothing changes."""
    bad = {
        "starts_on": "2023-12-31",
        "ends_on": "2023-01-01",
        **texts("titles", en="Backwards"),
        **texts("note"),
    }
    response = coordinator_client.post(f"{BASE}/road-map/new/", bad)
    assert response.status_code == 400
    assert "The period must end after it starts." in page(response)
    response = coordinator_client.post(
        f"{BASE}/road-map/{road_map.pk}/edit/", {**bad, "version": "1"}
    )
    assert response.status_code == 400
    assert "The period must end after it starts." in page(response)
    assert list(RoadMap.objects.values_list("titles", "ends_on", "version")) == [
        ({"en": "Year of Dialogue, 2023"}, datetime.date(2023, 12, 31), 1)
    ]


def test_a_stale_road_map_edit_is_a_conflict(group, coordinator_client, road_map):
    data = {
        "starts_on": "2023-01-01",
        "ends_on": "2023-12-31",
        "version": "1",
        **texts("titles", en="Renamed"),
        **texts("note"),
    }
    assert coordinator_client.post(f"{BASE}/road-map/{road_map.pk}/edit/", data).status_code == 302
    response = coordinator_client.post(
        f"{BASE}/road-map/{road_map.pk}/edit/", {**data, **texts("titles", en="Again")}
    )
    assert response.status_code == 400
    assert "Someone else saved this record meanwhile" in page(response)
    road_map.refresh_from_db()
    assert road_map.titles == {"en": "Renamed"}


def test_coordinator_adds_edits_and_removes_an_activity(group, coordinator_client, road_map):
    """What, when, where, lead states, status and outcome go in through the page; the activity
    is corrected later, then removed."""
    response = coordinator_client.post(
        f"{BASE}/road-map/{road_map.pk}/activities/new/",
        {
            "on": "2023-09-20",
            **texts("place", en="United Nations Headquarters, New York"),
            "lead_states": [state("TKM").pk, state("KAZ").pk],
            "status": "planned",
            "meeting": "",
            **texts("titles", en="High-level event", fr="Manifestation de haut niveau"),
            **texts("outcome"),
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(road_map=road_map)
    assert activity.place == {"en": "United Nations Headquarters, New York"}
    assert {s.iso3 for s in activity.lead_states.all()} == {"TKM", "KAZ"}
    url = f"{BASE}/road-map/activities/{activity.pk}/edit/"
    response = coordinator_client.post(
        url,
        {
            "on": "2023-09-21",
            **texts("place", en="New York", fr="New York"),
            "lead_states": [state("TKM").pk],
            "status": "done",
            "version": "1",
            **texts("titles", en="High-level event"),
            **texts("outcome", en="A joint statement was read."),
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE
    assert activity.on == datetime.date(2023, 9, 21)
    assert activity.outcome == {"en": "A joint statement was read."}
    assert [s.iso3 for s in activity.lead_states.all()] == ["TKM"]
    assert "Remove this activity" in page(coordinator_client.get(url))
    # A removal based on the old version is refused; on the current one it goes through.
    stale = coordinator_client.post(
        f"{BASE}/road-map/activities/{activity.pk}/remove/", {"version": "1"}, follow=True
    )
    assert "Someone else saved this record meanwhile" in page(stale)
    assert Activity.objects.filter(pk=activity.pk).exists()
    response = coordinator_client.post(
        f"{BASE}/road-map/activities/{activity.pk}/remove/", {"version": "2"}
    )
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_an_activity_without_a_date_or_title_is_refused(group, coordinator_client, road_map):
    response = coordinator_client.post(
        f"{BASE}/road-map/{road_map.pk}/activities/new/",
        {"on": "", "status": "planned", **texts("titles"), **texts("outcome")},
    )
    assert response.status_code == 400
    body = page(response)
    assert "This field is required." in body
    assert not Activity.objects.exists()


def test_a_stale_activity_edit_is_a_conflict(group, coordinator_client, activity):
    data = {"on": "2023-12-11", "status": "done", "version": "1", **texts("titles", en="X")}
    assert (
        coordinator_client.post(f"{BASE}/road-map/activities/{activity.pk}/edit/", data).status_code
        == 302
    )
    response = coordinator_client.post(
        f"{BASE}/road-map/activities/{activity.pk}/edit/", {**data, "status": "cancelled"}
    )
    assert response.status_code == 400
    assert "Someone else saved this record meanwhile" in page(response)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE


# --- who may use the forms ----------------------------------------------------------------


def _form_paths(resolution: Resolution, initiative: Initiative, activity: Activity) -> list[str]:
    road_map = activity.road_map_id
    return [
        f"{BASE}/resolutions/new/",
        f"{BASE}/resolutions/{resolution.pk}/edit/",
        f"{BASE}/initiatives/new/",
        f"{BASE}/initiatives/{initiative.pk}/edit/",
        f"{BASE}/initiatives/{initiative.pk}/status/",
        f"{BASE}/road-map/new/",
        f"{BASE}/road-map/{road_map}/edit/",
        f"{BASE}/road-map/{road_map}/activities/new/",
        f"{BASE}/road-map/activities/{activity.pk}/edit/",
    ]


def test_every_form_opens_for_the_coordinator_in_arabic(
    coordinator_client, resolution, initiative, activity
):
    """Each form page renders in an interface language written right to left."""
    for path in _form_paths(resolution, initiative, activity):
        response = coordinator_client.get(path.replace("/en/", "/ar/", 1))
        assert response.status_code == 200, path
        assert 'name="titles_ar"' in page(response) or "status" in path, path


def test_a_focal_point_gets_403_and_writes_nothing(focal_client, resolution, initiative, activity):
    """Reading or posting any of the forms as a focal point is forbidden."""
    for path in _form_paths(resolution, initiative, activity):
        assert focal_client.get(path).status_code == 403, path
        assert focal_client.post(path, {"version": "1"}).status_code == 403, path
    remove = f"{BASE}/road-map/activities/{activity.pk}/remove/"
    assert focal_client.post(remove, {"version": "1"}).status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert Resolution.objects.count() == 1
    assert Initiative.objects.count() == 1


def test_the_public_is_sent_to_sign_in(resolution, initiative, activity):
    client = Client()
    paths = _form_paths(resolution, initiative, activity)
    paths.append(f"{BASE}/road-map/activities/{activity.pk}/remove/")
    for path in paths:
        response = client.post(path) if path.endswith("remove/") else client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/login/" in response["Location"]
        assert "next=" in response["Location"]


def test_list_pages_link_to_the_forms_for_the_coordinator_only(
    coordinator_client, focal_client, resolution, initiative, activity
):
    links = {
        "/resolutions/": [
            f"{BASE}/resolutions/new/",
            f"{BASE}/resolutions/{resolution.pk}/edit/",
        ],
        "/initiatives/": [
            f"{BASE}/initiatives/new/",
            f"{BASE}/initiatives/{initiative.pk}/edit/",
            f"{BASE}/initiatives/{initiative.pk}/status/",
        ],
        "/road-map/": [
            f"{BASE}/road-map/new/",
            f"{BASE}/road-map/{activity.road_map_id}/edit/",
            f"{BASE}/road-map/{activity.road_map_id}/activities/new/",
            f"{BASE}/road-map/activities/{activity.pk}/edit/",
        ],
    }
    for path, hrefs in links.items():
        as_coordinator = page(coordinator_client.get(BASE + path))
        for client in (focal_client, Client()):
            other = page(client.get(BASE + path))
            for href in hrefs:
                assert f'href="{href}' in as_coordinator, href
                assert href not in other, href


def test_road_map_page_for_the_coordinator_costs_a_fixed_number_of_queries(
    group, coordinator_client, road_map, django_assert_max_num_queries
):
    """More activities with their lead states and edit links add no query."""
    for day in range(1, 11):
        services.activity_add(
            actor=SYSTEM,
            road_map=road_map,
            titles={"en": f"Activity {day}"},
            on=datetime.date(2023, 3, day),
            lead_states=[state("TKM"), state("KAZ")],
        )
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(f"{BASE}/road-map/")
    assert response.status_code == 200
    assert page(response).count("/road-map/activities/") == 10


def test_a_resolutions_note_and_an_activitys_place_are_in_six_languages(
    group, coordinator_client, road_map
):
    """Entered side by side; a page in a language without a version shows the original,
    marked with its language and "original in …"."""
    response = coordinator_client.post(
        f"{BASE}/resolutions/new/",
        resolution_data(
            symbol="A/RES/77/32",
            ga_session="77",
            **texts("note", en="Proclaims the Year.", fr="Proclame l’Année."),
        ),
    )
    assert response.status_code == 302, page(response)
    recorded = Resolution.objects.get(symbol="A/RES/77/32")
    assert recorded.note == {"en": "Proclaims the Year.", "fr": "Proclame l’Année."}
    french = page(coordinator_client.get("/fr/groups/neutrality/resolutions/"))
    assert "<bdi>Proclame l’Année.</bdi>" in french
    russian = page(coordinator_client.get("/ru/groups/neutrality/resolutions/"))
    assert '<bdi lang="en" dir="ltr">Proclaims the Year.</bdi>' in russian
    activity = services.activity_add(
        actor=SYSTEM,
        road_map=road_map,
        titles={"en": "Event"},
        on=datetime.date(2023, 9, 20),
        place="New York",
    )
    assert activity.place == {"en": "New York"}
    arabic = page(coordinator_client.get("/ar/groups/neutrality/road-map/"))
    assert '<bdi lang="en" dir="ltr">New York</bdi>' in arabic
