"""The search page and the API endpoint: results the visitor may see, filters, friendly
answers to bad input, bounded queries."""

from __future__ import annotations

import pytest
from django.db import connection

from amity.search.tests.helpers import ARABIC_RECORD, CHINESE_RECORD, recorded_meeting, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(group, django_capture_on_commit_callbacks):
    """A public meeting in three languages with a statement, a members-only one and a draft."""
    with django_capture_on_commit_callbacks(execute=True):
        public = recorded_meeting(
            group,
            summary={
                "en": "The <b>Institute</b> of Neutrality was discussed.",
                "zh": CHINESE_RECORD,
                "ar": ARABIC_RECORD,
            },
        )
        statement(public, "Support for the Institute of Neutrality in Ashgabat.")
        private = recorded_meeting(
            group, summary={"en": "Institute budget, members only."}, visibility="members"
        )
        draft = recorded_meeting(group, summary={"en": "Institute draft."}, draft=True)
    return {"public": public, "private": private, "draft": draft}


def test_search_box_is_in_every_page_header(client):
    page = client.get("/fr/").content.decode()
    assert 'role="search"' in page
    assert 'action="/fr/search"' in page


def test_empty_search_shows_a_prompt(client):
    for url in ("/en/search", "/en/search?q=", "/en/search?q=%22*%28"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Type a few words" in response.content.decode()


def test_results_are_marked_and_escaped(client, archive):
    """The record's own markup is shown as text; the found word is marked."""
    page = client.get("/en/search?q=institute").content.decode()
    assert "&lt;b&gt;<mark>Institute</mark>&lt;/b&gt;" in page
    assert "<b>Institute</b>" not in page
    assert f'href="/en/meetings/{archive["public"].pk}/"' in page
    assert "members only" not in page
    assert "Institute draft" not in page


def test_chinese_and_arabic_from_the_page(client, archive):
    page = client.get("/zh-hans/search?q=中立").content.decode()
    assert "<mark>中立</mark>" in page
    assert 'lang="zh"' in page
    page = client.get("/ar/search?q=الحياد").content.decode()
    assert "<mark>حِيَادِ</mark>" in page
    assert 'dir="rtl"' in page


def test_member_sees_members_only_results(observer_client, archive):
    page = observer_client.get("/en/search?q=institute").content.decode()
    assert "members only" in page
    assert "Institute draft" not in page


def test_filters_narrow_the_results(client, archive):
    page = client.get("/en/search?q=institute&kind=statement").content.decode()
    assert "Ashgabat" in page
    assert "was discussed" not in page
    page = client.get("/en/search?q=institute&year=2030").content.decode()
    assert "was discussed" in page
    page = client.get("/en/search?q=institute&kind=initiative").content.decode()
    assert "Nothing found" in page
    page = client.get("/en/search?q=institute&group=neutrality").content.decode()
    assert "was discussed" in page


def test_bad_filters_are_answered_on_the_page(client, archive):
    for query in ("kind=nonsense", "year=abc", "year=2001", "group=nowhere", "page=-3"):
        response = client.get(f"/en/search?q=institute&{query}")
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    "q", ["x" * 10_000, '"', "*", "NEAR", "-", "((", "a)b(", "'", "%", "中", "\x00"]
)
def test_bad_queries_never_error(client, archive, q):
    response = client.get("/en/search", {"q": q})
    assert response.status_code == 200


def test_long_query_says_it_was_cut(client, archive):
    page = client.get("/en/search", {"q": "institute " * 1000}).content.decode()
    assert "only its first 200 characters" in page
    assert "<mark>Institute</mark>" in page


def test_page_query_count_is_bounded(
    group,
    coordinator_client,
    archive,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            recorded_meeting(group, summary={"en": f"Institute meeting {n}"})
    # PostgreSQL: two more, setting and resetting the planner's choices around the search.
    with django_assert_max_num_queries(11 if connection.vendor == "postgresql" else 9):
        response = coordinator_client.get("/en/search?q=institute")
    assert response.content.decode().count("<li lang") >= 8


def test_api_search(client, archive):
    data = client.get("/api/v1/search", {"q": "中立"}).json()
    assert [r["kind"] for r in data["results"]] == ["meeting"]
    assert "<mark>中立</mark>" in data["results"][0]["snippet_html"]
    data = client.get("/api/v1/search", {"q": "institute"}).json()
    assert {r["public"] for r in data["results"]} == {True}
    assert not any("draft" in r["snippet_html"] for r in data["results"])
    data = client.get("/api/v1/search", {"q": "institute", "kind": "statement"}).json()
    assert [r["kind"] for r in data["results"]] == ["statement"]
    assert data["results"][0]["url"].startswith("http://testserver/en/meetings/")


def test_api_members_find_more(observer_client, archive):
    data = observer_client.get("/api/v1/search", {"q": "institute"}).json()
    assert {r["public"] for r in data["results"]} == {True, False}


def test_api_bad_input(client, archive):
    assert client.get("/api/v1/search", {"q": ""}).json()["results"] == []
    long = client.get("/api/v1/search", {"q": "x" * 10_000}).json()
    assert long["truncated"] is True
    assert client.get("/api/v1/search", {"q": 'NEAR("*-'}).status_code == 200
    response = client.get("/api/v1/search", {"q": "a", "kind": "nonsense"})
    assert response.status_code == 400
    assert "kind" in response.json()["fields"]
    response = client.get("/api/v1/search", {"q": "a", "group": "nowhere"})
    assert response.status_code == 400
    assert "group" in response.json()["fields"]
    assert client.get("/api/v1/search", {"q": "a", "year": "abc"}).status_code == 400
