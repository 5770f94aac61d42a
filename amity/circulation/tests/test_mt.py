"""Machine translation through a LibreTranslate-compatible service: a real HTTP round trip to
a small fake server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError

from amity.circulation import mt, selectors, services
from amity.circulation.tests.factories import latest, make_document, translate_french
from amity.circulation.tests.fake_mt import RECEIVED, serve
from amity.core.errors import Conflict
from amity.documents.models import TextStatus


@pytest.fixture
def fake_mt() -> Iterator[str]:
    yield from serve()


def test_client_posts_libretranslate_requests(fake_mt):
    """The client sends q, source, target and format html, and returns translatedText."""
    client = mt.LibreTranslate(url=fake_mt)
    assert client.translate("<b>Agree</b>", source="en", target="fr") == "[fr] <b>Agree</b>"
    assert RECEIVED[-1] == {"q": "<b>Agree</b>", "source": "en", "target": "fr", "format": "html"}


def test_service_errors_are_reported_plainly(fake_mt):
    """A refusal and an unreachable service both raise MTError with a readable reason."""
    with pytest.raises(mt.MTError, match=r"400\. Cannot translate that"):
        mt.LibreTranslate(url=fake_mt).translate("fail", source="en", target="fr")
    with pytest.raises(mt.MTError, match="could not be reached"):
        mt.LibreTranslate(url="http://127.0.0.1:9", timeout=2).translate(
            "x", source="en", target="fr"
        )


def test_no_backend_without_setting(settings):
    """Without AMITY_MT_URL there is no backend, and proposing says so."""
    settings.AMITY_MT_URL = ""
    assert mt.backend() is None


@pytest.mark.django_db
def test_machine_proposals_are_drafts_never_final(group, coordinator, fake_mt, settings):
    """Proposals fill empty paragraphs as draft, marked as machine proposals; a final
    version is never touched."""
    settings.AMITY_MT_URL = fake_mt
    version = latest(make_document(group))
    assert (
        services.translation_machine_propose(actor=coordinator, version=version, language="ru") == 4
    )
    row = selectors.language_row(version, "ru")
    assert row.status == TextStatus.DRAFT
    assert sorted(row.machine_refs) == ["op1", "op2", "pp1", "pp2"]
    assert row.operative[0].startswith("[ru] ")
    translate_french(version)
    with pytest.raises(Conflict):
        services.translation_machine_propose(actor=coordinator, version=version, language="fr")
    settings.AMITY_MT_URL = ""
    with pytest.raises(ValidationError):
        services.translation_machine_propose(actor=coordinator, version=version, language="es")
