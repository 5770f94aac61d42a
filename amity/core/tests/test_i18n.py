from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation

from amity.core.languages import content_language, translated

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "ar", "zh_Hans"])
def test_every_interface_string_is_translated(lang):
    """The catalogs of the five languages other than English have no untranslated or fuzzy
    message, and their compiled file is there."""
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert missing == []
    assert (path.with_suffix(".mo")).stat().st_size > 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "word"),
    [
        ("ar", "الأعضاء"),
        ("zh-hans", "成员"),
        ("fr", "Membres"),
        ("es", "Miembros"),
        ("ru", "Члены"),
    ],
)
def test_pages_speak_the_language_of_their_url(client, group, lang, word):
    with translation.override(lang):
        path = reverse("members:members", kwargs={"slug": group.slug})
    assert word in client.get(path).content.decode()


def test_content_language_codes():
    assert content_language("zh-hans") == "zh"
    assert content_language("ar") == "ar"
    assert content_language("de") == "en"


def test_translated_falls_back_to_the_original_then_any():
    assert translated({"ru": "Текст", "en": "Text"}, "ar", fallback="ru") == "Текст"
    assert translated({"fr": "Texte"}, "zh-hans") == "Texte"
    assert translated({}, "en") == ""
