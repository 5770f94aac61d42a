"""The error pages (400, 403, 404, 500, CSRF failure): in the site's layout, in the page's
language and direction, with a way back; the 500 page renders with no database."""

import re
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from amity.core import views

LANGS = ["en", "fr", "es", "ru", "ar", "zh-hans"]


def _lang_and_dir(html: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', html)
    assert found, html[:300]
    return found.group(1), found.group(2)


@pytest.mark.parametrize("lang", LANGS)
def test_404_in_each_language_in_the_layout_with_a_way_home(db, lang):
    response = Client().get(f"/{lang}/no-such-page/at-all/")
    assert response.status_code == 404
    html = response.content.decode()
    assert _lang_and_dir(html) == (lang, "rtl" if lang == "ar" else "ltr")
    assert '<header class="site">' in html  # base.html's header: the site's layout
    assert 'data-status="404"' in html
    assert f'href="/{lang}/" data-testid="error-home"' in html
    assert "<h1>" in html
    assert html.count("<h1>") == 1


def test_404_for_an_unknown_group_is_the_layout_page(db):
    response = Client().get("/fr/groups/nobody-here/")
    assert response.status_code == 404
    assert 'data-status="404"' in response.content.decode()


def test_403_for_an_outsider_offers_the_home_page(outsider, group):
    client = Client()
    client.force_login(outsider)
    response = client.get("/es/groups/neutrality/manage/")
    assert response.status_code == 403
    html = response.content.decode()
    assert _lang_and_dir(html) == ("es", "ltr")
    assert 'data-status="403"' in html
    assert 'href="/es/" data-testid="error-home"' in html
    assert "outsider" in html  # still the signed-in header


def test_403_page_for_an_anonymous_reader_offers_sign_in(db):
    request = RequestFactory().get("/ar/groups/neutrality/manage/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("ar"):
        response = views.permission_denied(request)
    html = response.content.decode()
    assert response.status_code == 403
    assert _lang_and_dir(html) == ("ar", "rtl")
    assert "/ar/accounts/login/?next=/ar/groups/neutrality/manage/" in html


def test_400_for_a_bad_host_is_the_layout_page(db):
    response = Client().get("/ru/", HTTP_HOST="not-ours.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-status="400"' in html
    assert 'data-testid="error-home"' in html


def test_csrf_failure_says_nothing_was_saved_and_keeps_the_layout(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post("/zh-hans/accounts/logout/")
    assert response.status_code == 403
    html = response.content.decode()
    assert _lang_and_dir(html) == ("zh-hans", "ltr")
    assert 'data-status="403"' in html
    assert "Nothing was saved" in html
    assert 'href="/zh-hans/accounts/logout/"' in html  # open the page again


def test_500_renders_without_database_or_context_processors():
    """No ``db`` fixture: any query would fail the test. The context processors are made to
    fail too: the 500 page does not run them."""
    request = RequestFactory().get("/ar/groups/neutrality/")
    with (
        mock.patch("amity.core.context_processors.languages", side_effect=RuntimeError("broken")),
        translation.override("ar"),
    ):
        response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert _lang_and_dir(html) == ("ar", "rtl")
    assert 'data-status="500"' in html
    assert 'href="/ar/" data-testid="error-home"' in html


def test_500_through_the_stack_when_a_view_breaks(db):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "amity.members.selectors.group_list", side_effect=RuntimeError("database gone")
    ):
        response = client.get("/fr/")
    assert response.status_code == 500
    html = response.content.decode()
    assert _lang_and_dir(html) == ("fr", "ltr")
    assert 'data-status="500"' in html
