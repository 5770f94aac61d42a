"""Public pages, the Atom feed, the press desk, the sitemap, the world map and the API."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from amity.accounts.models import User
from amity.core.actors import SYSTEM
from amity.publishing import services
from amity.publishing.models import PressRelease, PressStatus, Resolution
from amity.publishing.worldmap import world_map_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(demo):
    releases = {r.language: r for r in services.press_release_draft(actor=SYSTEM, meeting=demo)}
    for code in ("en", "zh"):
        services.press_release_publish(actor=SYSTEM, release=releases[code])
    return releases


@pytest.fixture
def coordinator_client_demo(demo):
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    return client


def test_atom_feed_parses_and_lists_published_news_in_its_language(published):
    """The feed of a language lists the versions published in it, and parses as Atom."""
    response = Client().get("/en/groups/neutrality/news.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == [published["en"].headline]
    assert "/en/groups/neutrality/news/" in feed.entries[0].link
    zh = feedparser.parse(Client().get("/zh-hans/groups/neutrality/news.atom").content)
    assert [e.title for e in zh.entries] == [published["zh"].headline]
    ru = feedparser.parse(Client().get("/ru/groups/neutrality/news.atom").content)
    assert ru.entries == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/groups/nowhere/news.atom",
        "/xx/groups/neutrality/news.atom",
        "/en/groups/neutrality/news/not-a-key/",
    ],
)
def test_unknown_group_or_language_is_404(demo, path):
    """A feed of an unknown group or language is a 404, never a server error."""
    assert Client().get(path).status_code == 404


def test_public_reads_published_not_drafts(published):
    """The public reads a published version; a draft version of the same release is a 404."""
    key = published["en"].translation_key
    page = Client().get(f"/en/groups/neutrality/news/{key}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert published["en"].headline in body
    assert 'property="og:title"' in body
    assert 'property="og:type" content="article"' in body
    assert Client().get(f"/ru/groups/neutrality/news/{key}/").status_code == 404
    listing = Client().get("/en/groups/neutrality/news/").content.decode()
    assert published["en"].headline in listing


def test_group_home_shows_news_resolutions_and_map(published):
    """The group page shows the latest news, the resolutions with their co-authors (or that they
    are not recorded), links to initiatives and the road map, and the world map."""
    body = Client().get("/en/groups/neutrality/").content.decode()
    assert published["en"].headline in body
    assert "https://undocs.org/A/RES/71/275" in body
    assert "Co-sponsors not recorded." in body
    assert "/en/groups/neutrality/map.svg" in body
    assert "/en/groups/neutrality/initiatives/" in body
    assert "/en/groups/neutrality/road-map/" in body


def test_members_that_co_authored_a_resolution(demo):
    """When co-sponsors are recorded, the page names the members among them."""
    from amity.members.models import Group, State

    group = Group.objects.get(slug="neutrality")
    resolution = Resolution.objects.get(symbol="A/RES/71/275")
    services.resolution_cosponsors_set(
        actor=SYSTEM,
        group=group,
        resolution=resolution,
        states=State.objects.filter(iso3__in=["TKM", "KAZ", "FRA"]),
    )
    body = Client().get("/en/groups/neutrality/resolutions/").content.decode()
    assert "Members that co-authored resolution 71/275: Kazakhstan and Turkmenistan" in body


@pytest.mark.parametrize("symbol", ["71/275", "A/RES/71", "A/RES/71/275 AB", "S/RES/2334"])
def test_invalid_resolution_symbols_are_refused(demo, symbol):
    """A symbol not of the form A/RES/<session>/<number> is refused with a clear message."""
    from amity.members.models import Group

    with pytest.raises(ValidationError) as exc:
        services.resolution_create(
            actor=SYSTEM,
            group=Group.objects.get(slug="neutrality"),
            symbol=symbol,
            adopted_on=datetime.date(2017, 2, 2),
            titles={"en": "x"},
            ga_session=71,
        )
    assert "A/RES/71/275" in exc.value.message_dict["symbol"][0]


def test_initiatives_and_road_map_pages(demo):
    """Initiatives show their history with the meeting and agenda item; the road map of 2023
    shows the meeting of 11 December 2023 as done."""
    body = Client().get("/en/groups/neutrality/initiatives/").content.decode()
    assert "Global Security Strategy" in body
    assert "Institute of Neutrality and Security" in body
    assert "agenda item 2" in body
    assert "agenda item 3" in body
    assert "Under discussion" in body
    body = Client().get("/en/groups/neutrality/road-map/").content.decode()
    assert "International Year of Dialogue as a Guarantee of Peace, 2023" in body
    assert "11 December 2023" in body
    assert "A/RES/77/32" in body


def test_year_report_page_and_pdf(demo):
    """The report of 2023 lists the meeting held, the members that joined, the activity done;
    the PDF is a PDF, in Arabic too."""
    body = Client().get("/en/groups/neutrality/report/2023/").content.decode()
    assert "Burkina Faso" in body
    assert "May 2023" in body
    assert "Meeting of the Group of Friends of Neutrality" in body
    response = Client().get("/ar/groups/neutrality/report/2023.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert Client().get("/en/groups/neutrality/report/1900/").status_code == 404


def test_world_map_has_a_member_path_per_member_state(demo):
    """Every current member state is drawn as a shape marked as member; others are not."""
    response = Client().get("/en/groups/neutrality/map.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    ns = "{http://www.w3.org/2000/svg}"
    members = {
        p.get("data-state")
        for p in root.iter(f"{ns}path")
        if "member" in p.get("class", "").split()
    }
    assert members == {"TKM", "KAZ", "BFA", "SYR", "UGA", "IRN", "TJK", "AZE", "SWZ"}
    assert len(list(root.iter(f"{ns}path"))) > 190


def test_world_map_marks_tiny_states():
    """A state too small to draw at this scale still gets a mark."""
    svg = world_map_svg(members={"VAT": "Holy See", "MCO": "Monaco"}, title="t")
    assert 'data-state="VAT"' in svg
    assert 'data-state="MCO"' in svg


def test_sitemap_lists_pages_in_six_languages(published):
    body = Client().get("/sitemap.xml").content.decode()
    for prefix in ("en", "fr", "es", "ru", "ar", "zh-hans"):
        assert f"/{prefix}/groups/neutrality/news/" in body
    assert f"/zh-hans/groups/neutrality/news/{published['zh'].translation_key}/" in body
    assert f"/ru/groups/neutrality/news/{published['zh'].translation_key}/" not in body


def test_coordinator_drafts_from_the_meeting_page_and_edits(demo, coordinator_client_demo):
    """The meeting page offers the coordinator a draft; the draft opens for editing; an empty
    version cannot be published and the page says why."""
    client = coordinator_client_demo
    page = client.get(f"/en/meetings/{demo.pk}/").content.decode()
    assert "Draft a press release" in page
    response = client.post(f"/en/meetings/{demo.pk}/press-release/")
    assert response.status_code == 302
    release = PressRelease.objects.get(meeting=demo, language="fr")
    url = f"/en/groups/neutrality/press/{release.translation_key}/fr/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"headline": "", "body": "", "version": release.version})
    assert response.status_code == 302
    response = client.post(url + "publish/", {"confirm": "1"}, follow=True)
    assert "French version has no headline" in response.content.decode()
    release.refresh_from_db()
    assert release.status == PressStatus.DRAFT
    # Drafting again leads to the same release.
    again = client.post(f"/en/meetings/{demo.pk}/press-release/")
    assert str(release.translation_key) in again["Location"]


def test_press_desk_is_for_the_coordinator_only(demo):
    client = Client()
    client.force_login(User.objects.get(username="kazakhstan"))
    assert client.get("/en/groups/neutrality/press/").status_code == 403
    assert "Draft a press release" not in client.get(f"/en/meetings/{demo.pk}/").content.decode()


def test_api_reads(published):
    """The API lists resolutions, initiatives, road maps and published news of a language."""
    client = Client()
    resolutions = client.get("/api/v1/groups/neutrality/resolutions").json()
    assert [r["symbol"] for r in resolutions][:3] == [
        "A/RES/50/80 A",
        "A/RES/69/285",
        "A/RES/71/275",
    ]
    assert next(r for r in resolutions if r["symbol"] == "A/RES/75/28")["symbol_verified"] is False
    initiatives = client.get("/api/v1/groups/neutrality/initiatives").json()
    assert {i["proposed_by"] for i in initiatives} == {"TKM"}
    assert [h["agenda_item_position"] for h in initiatives[0]["history"]] == [2, 2]
    road_maps = client.get("/api/v1/groups/neutrality/road-maps").json()
    assert road_maps[0]["resolution"] == "A/RES/77/32"
    assert road_maps[0]["activities"][0]["status"] == "done"
    news = client.get("/api/v1/groups/neutrality/news?language=zh").json()
    assert [n["headline"] for n in news] == [published["zh"].headline]
    assert client.get("/api/v1/groups/neutrality/news?language=xx").status_code == 400
    assert client.get("/api/v1/groups/nowhere/news").status_code == 404


def test_list_pages_cost_a_fixed_number_of_queries(published, django_assert_max_num_queries):
    client = Client()
    for path in (
        "/en/groups/neutrality/",
        "/en/groups/neutrality/news/",
        "/en/groups/neutrality/resolutions/",
        "/en/groups/neutrality/initiatives/",
        "/en/groups/neutrality/road-map/",
        "/en/groups/neutrality/news.atom",
    ):
        with django_assert_max_num_queries(14):
            assert client.get(path).status_code == 200


def test_publishing_asks_first_then_publishes(demo, coordinator_client_demo):
    """Publishing a language version shows what will happen (news page, feed) and acts only
    on the confirmed POST."""
    client = coordinator_client_demo
    client.post(f"/en/meetings/{demo.pk}/press-release/")
    release = PressRelease.objects.get(meeting=demo, language="en")
    url = f"/en/groups/neutrality/press/{release.translation_key}/en/publish/"
    first = client.post(url)
    assert first.status_code == 200
    page = first.content.decode()
    assert 'data-testid="confirm-page"' in page
    assert "news feed" in page
    release.refresh_from_db()
    assert release.status == PressStatus.DRAFT
    client.post(url, {"confirm": "1"})
    release.refresh_from_db()
    assert release.status == PressStatus.PUBLISHED


def test_world_map_is_small_and_served_gzipped(demo, client):
    """Issue 17 (first view ≤ 100 KB): the map is under 100 KB as written and about a third of
    that gzipped, to browsers that accept it; the cache keeps one copy for both."""
    import gzip

    path = "/en/groups/neutrality/map.svg"
    plain = client.get(path)
    assert "Content-Encoding" not in plain
    assert len(plain.content) < 100_000
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < 40_000
    assert gzip.decompress(packed.content) == plain.content
    again = client.get(path)
    assert "Content-Encoding" not in again
    assert again.content == plain.content
