import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from amity.members import services
from amity.members.models import ApplicationStatus, Membership, MembershipApplication, Person, Rank
from conftest import state

pytestmark = pytest.mark.django_db

LANGS = ["en", "fr", "es", "ru", "ar", "zh-hans"]
PDF = b"%PDF-1.4\n%%EOF\n"


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["home", "members:group", "members:members"])
def test_public_pages_render_in_six_languages(client, group, lang, name):
    """Every public page answers in each language, with the right lang and direction."""
    kwargs = {} if name == "home" else {"slug": group.slug}
    response = client.get(url(name, lang, **kwargs))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    expected_name = {
        "en": "Group of Friends of Neutrality",
        "ar": "مجموعة أصدقاء الحياد",
        "zh-hans": "中立之友小组",
        "fr": "Groupe des Amis",
        "ru": "Группа друзей",
        "es": "Grupo de Amigos",
    }[lang]
    assert expected_name in html


def test_member_list_names_states_in_the_page_language(client, group):
    """Kazakhstan appears under its Arabic, Chinese and Russian names."""
    for lang, name in [
        ("ar", "كازاخستان"),
        ("zh-hans", "哈萨克斯坦"),
        ("ru", "Казахстан"),
        ("en", "Kazakhstan"),
    ]:
        html = client.get(url("members:members", lang, slug=group.slug)).content.decode()
        assert name in html, lang


def test_member_list_filters_by_regional_group(client, group, coordinator):
    services.membership_add(
        actor=coordinator, group=group, state=state("UGA"), joined_on=datetime.date(2023, 5, 1)
    )
    html = client.get(
        url("members:members", slug=group.slug), {"region": "african"}
    ).content.decode()
    assert "Uganda" in html
    assert "Kazakhstan" not in html
    html = client.get(url("members:members", slug=group.slug), {"region": "bogus"}).content.decode()
    assert "Uganda" in html
    assert "Kazakhstan" in html


def test_member_list_shows_date_precision(client, group, coordinator):
    """A date known only to the month is shown as the month."""
    services.membership_add(
        actor=coordinator,
        group=group,
        state=state("UGA"),
        joined_on=datetime.date(2023, 5, 1),
        joined_precision="month",
    )
    html = client.get(url("members:members", slug=group.slug)).content.decode()
    assert "May 2023" in html
    assert "1 May 2023" not in html


def test_member_list_query_count_does_not_grow_with_members(
    client, group, coordinator, django_assert_max_num_queries
):
    """The member list costs a fixed number of queries, however many members."""
    for code in ["UGA", "BFA", "SYR", "TJK", "AZE", "SWZ", "IRN"]:
        services.membership_add(
            actor=coordinator, group=group, state=state(code), joined_on=datetime.date(2023, 5, 1)
        )
    with django_assert_max_num_queries(8):
        response = client.get(url("members:members", slug=group.slug))
    assert response.content.decode().count("<tr><td") >= 9


def test_home_query_count(client, group, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(url("home")).status_code == 200


def test_chart_is_svg_with_dated_points(client, group):
    response = client.get(url("members:chart", slug=group.slug))
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert svg.count("<circle") == 2
    assert "2021" in svg


def test_unknown_group_is_404(client, db):
    assert client.get(url("members:group", slug="nope")).status_code == 404


@pytest.mark.parametrize(
    "name", ["members:manage", "members:application_new", "members:group_edit"]
)
def test_coordinator_pages_are_closed_to_others(
    client, group, focal_client, observer_client, coordinator_client, name
):
    """The coordinator's pages: the public is sent to sign in, members are refused."""
    target = url(name, slug=group.slug)
    assert client.get(target).status_code == 302
    assert focal_client.get(target).status_code == 403
    assert observer_client.get(target).status_code == 403
    assert coordinator_client.get(target).status_code == 200


def test_coordinator_records_and_admits_through_the_forms(coordinator_client, group):
    response = coordinator_client.post(
        url("members:application_new", slug=group.slug),
        {
            "state": state("UGA").pk,
            "note_reference": "NV/2023/45",
            "note_date": "2023-05-01",
            "received_on": "2023-05-02",
            "scan": SimpleUploadedFile("nv.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    manage = coordinator_client.get(url("members:manage", slug=group.slug)).content.decode()
    assert "NV/2023/45" in manage
    assert 'data-testid="pending-UGA"' in manage
    response = coordinator_client.post(
        url("members:application_decide", slug=group.slug, pk=application.pk),
        {"decision": "admit", "accession_date": "2023-05-10"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED
    assert Membership.objects.get(group=group, state__iso3="UGA").joined_on == datetime.date(
        2023, 5, 10
    )
    scan = coordinator_client.get(
        url("members:application_scan", slug=group.slug, pk=application.pk)
    )
    assert scan.status_code == 200
    assert b"".join(scan.streaming_content).startswith(b"%PDF")


def test_application_form_shows_what_is_wrong_and_records_nothing(coordinator_client, group):
    response = coordinator_client.post(
        url("members:application_new", slug=group.slug),
        {"state": state("KAZ").pk, "note_reference": "NV/1", "received_on": "2023-05-02"},
    )
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    response = coordinator_client.post(
        url("members:application_new", slug=group.slug),
        {
            "state": state("UGA").pk,
            "note_reference": "NV/1",
            "received_on": "2023-05-02",
            "scan": SimpleUploadedFile("nv.pdf", b"not a pdf at all", "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_deciding_twice_through_the_page_says_so(coordinator_client, coordinator, group):
    application = services.application_record(
        actor=coordinator,
        group=group,
        state=state("UGA"),
        note_reference="NV/2",
        received_on=datetime.date(2023, 5, 2),
    )
    target = url("members:application_decide", slug=group.slug, pk=application.pk)
    coordinator_client.post(target, {"decision": "decline"})
    response = coordinator_client.post(target, {"decision": "admit"}, follow=True)
    assert "already decided" in response.content.decode()
    assert not Membership.objects.filter(state__iso3="UGA").exists()


def test_coordinator_records_leaving(coordinator_client, group):
    membership = Membership.objects.get(group=group, state__iso3="KAZ")
    coordinator_client.post(
        url("members:membership_end", slug=group.slug, pk=membership.pk), {"left_on": "2024-01-01"}
    )
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2024, 1, 1)


def test_focal_point_sees_its_own_state_only(focal_client, coordinator, group):
    services.person_create(
        actor=coordinator,
        group=group,
        state=state("TKM"),
        family_name="Ataeva",
        rank=Rank.AMBASSADOR,
    )
    services.person_create(
        actor=coordinator,
        group=group,
        state=state("KAZ"),
        family_name="Bakayev",
        rank=Rank.DEPUTY_MINISTER,
    )
    html = focal_client.get(url("members:people", slug=group.slug)).content.decode()
    assert "Bakayev" in html
    assert "Ataeva" not in html
    page = focal_client.get(url("members:my_state", slug=group.slug))
    assert page.status_code == 200
    assert "Bakayev" in page.content.decode()


def test_focal_point_cannot_edit_another_states_person(focal_client, coordinator, group):
    tkm = services.person_create(
        actor=coordinator,
        group=group,
        state=state("TKM"),
        family_name="Ataeva",
        rank=Rank.AMBASSADOR,
    )
    assert (
        focal_client.get(url("members:person_edit", slug=group.slug, pk=tkm.pk)).status_code == 403
    )
    assert (
        focal_client.post(url("members:person_delete", slug=group.slug, pk=tkm.pk)).status_code
        == 403
    )
    assert Person.objects.filter(pk=tkm.pk).exists()


def test_focal_point_adds_a_person_of_its_state(focal_client, group):
    response = focal_client.post(
        url("members:person_new", slug=group.slug),
        {
            "state": state("KAZ").pk,
            "family_name": "Bakayev",
            "given_name": "Alibek",
            "rank": Rank.DEPUTY_MINISTER,
            "role": "deputy_mfa",
            "title": "Deputy Minister of Foreign Affairs of Kazakhstan",
        },
    )
    assert response.status_code == 302
    assert Person.objects.get().state.iso3 == "KAZ"
    # Choosing another state is not offered, and forging it is refused.
    response = focal_client.post(
        url("members:person_new", slug=group.slug),
        {
            "state": state("TKM").pk,
            "family_name": "X",
            "rank": Rank.ADVISER,
            "role": "delegate",
        },
    )
    assert response.status_code == 400
    assert Person.objects.count() == 1


def test_person_edit_conflict_is_reported(coordinator_client, coordinator, group):
    person = services.person_create(
        actor=coordinator,
        group=group,
        state=state("TKM"),
        family_name="Ataeva",
        rank=Rank.AMBASSADOR,
    )
    data = {
        "family_name": "Ataeva",
        "rank": Rank.AMBASSADOR,
        "role": "pr",
        "version": person.version,
    }
    services.person_update(actor=coordinator, person=person, version=person.version, title="PR")
    response = coordinator_client.post(
        url("members:person_edit", slug=group.slug, pk=person.pk), data
    )
    assert response.status_code == 400
    assert "changed this person meanwhile" in response.content.decode()


def test_people_pages_are_closed_to_the_public_and_observers(client, observer_client, group):
    assert client.get(url("members:people", slug=group.slug)).status_code == 302
    assert observer_client.get(url("members:people", slug=group.slug)).status_code == 403
    assert observer_client.get(url("members:my_state", slug=group.slug)).status_code == 403


def test_coordinator_edits_the_profile_in_six_languages(coordinator_client, group):
    data = {f"names_{code}": f"Name {code}" for code in ["ar", "zh", "en", "fr", "ru", "es"]}
    data["names_ar"] = "مجموعة"
    data["cause_en"] = "A cause"
    data["founded_on"] = "2020-08-27"
    assert (
        coordinator_client.post(url("members:group_edit", slug=group.slug), data).status_code == 302
    )
    group.refresh_from_db()
    assert group.names["ar"] == "مجموعة"
    assert group.cause == {"en": "A cause"}


def test_member_list_answers_members_on_a_date(client, group, coordinator):
    """'Who was a member on date D': Kazakhstan left in 2024, so it shows for 2023 only."""
    membership = Membership.objects.get(group=group, state__iso3="KAZ")
    services.membership_end(
        actor=coordinator, membership=membership, left_on=datetime.date(2024, 1, 1)
    )
    before = client.get(
        url("members:members", slug=group.slug), {"on": "2023-06-01"}
    ).content.decode()
    after = client.get(
        url("members:members", slug=group.slug), {"on": "2024-06-01"}
    ).content.decode()
    assert "Kazakhstan" in before.split("Former members")[0]
    assert "Kazakhstan" not in after.split("Former members")[0]
    assert client.get(url("members:members", slug=group.slug), {"on": "garbage"}).status_code == 200


def test_a_co_chairs_note_is_entered_in_six_languages_and_marked_where_missing(
    group, coordinator_client
):
    """The note is entered side by side; the group's page in a language without a version
    shows the original marked with its language."""
    from amity.members.models import CoChair

    page = coordinator_client.get("/en/groups/neutrality/manage/").content.decode()
    assert 'name="note_zh"' in page
    response = coordinator_client.post(
        "/en/groups/neutrality/manage/co-chairs/new/",
        {
            "state": state("TKM").pk,
            "starts_on": "2020-08-27",
            "ends_on": "",
            "note_en": "Initiator",
            "note_ru": "Инициатор",
        },
    )
    assert response.status_code == 302
    assert CoChair.objects.get().note == {"en": "Initiator", "ru": "Инициатор"}
    russian = Client().get("/ru/groups/neutrality/").content.decode()
    assert "<bdi>Инициатор</bdi>" in russian
    french = Client().get("/fr/groups/neutrality/").content.decode()
    assert '<bdi lang="en" dir="ltr">Initiator</bdi>' in french
