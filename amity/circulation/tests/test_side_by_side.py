"""The side-by-side editor of the lower layers' {lang: text} fields proposes the translation
memory's exact matches for a missing language (issue 15, item 3)."""

from amity.circulation import memory
from amity.circulation.models import TMUnit
from amity.members.forms import GroupForm


def _remember(source: str, target_language: str, target: str) -> None:
    text = memory.normalise(source)
    TMUnit.objects.create(
        source_language="en",
        target_language=target_language,
        source_text=text,
        source_hash=memory.digest(text),
        source_prefix=memory.prefix(text),
        length_bucket=memory.length_bucket(text),
        target_text=f"<p>{target}</p>",
    )


def test_group_form_marks_original_missing_and_proposes_from_memory(group):
    group.cause = {"en": "Neutrality for peace.", "fr": "La neutralité pour la paix."}
    group.names = {"en": "Group of Friends of Neutrality", "ar": "Group of Friends"}
    _remember("Neutrality for peace.", "es", "La neutralidad para la paz.")
    form = GroupForm(group=group)
    en, fr, es, ru = (form.fields[f"cause_{code}"] for code in ("en", "fr", "es", "ru"))
    assert "original" in str(en.label)
    assert "original" in en.widget.attrs["class"]
    assert "missing" not in fr.widget.attrs["class"]
    assert not fr.help_text
    assert "missing" in es.widget.attrs["class"]
    assert "La neutralidad para la paz." in str(es.help_text)  # proposal, plain text
    assert "<p>" not in str(es.help_text)
    assert "missing" in ru.widget.attrs["class"]
    assert not ru.help_text  # nothing remembered
    assert form.fields["cause_ar"].widget.attrs["dir"] == "rtl"
    assert form.fields["cause_zh"].widget.attrs["lang"] == "zh-Hans"
    # Latin text saved as the Arabic name is flagged, not refused.
    assert "wrong-script" in form.fields["names_ar"].widget.attrs["class"]
