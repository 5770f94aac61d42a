"""Forms of the document pages. They parse and present; the services decide."""

from __future__ import annotations

import html
import re
from typing import Any

import lxml.html
from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.languages import Language
from amity.documents.docx_import import MAX_MB
from amity.documents.models import DocumentKind, ProposalAction
from amity.meetings.forms import LOCAL_FORMAT, LocalDateTimeInput

_BLOCKS = re.compile(r"^\s*<(p|ul|ol)[\s>]", re.I)


def paragraphs(value: str) -> list[str]:
    """Paragraphs from the editor (``<p>`` blocks; a list belongs to the paragraph before it)
    or typed in a plain textarea, separated by a blank line."""
    value = value or ""
    if _BLOCKS.match(value):
        found: list[str] = []
        for block in lxml.html.fragments_fromstring(value):
            if isinstance(block, str):
                text = block.strip()
                if text:
                    found.append(html.escape(text))
                continue
            if block.tag in ("ul", "ol") and found:
                found[-1] += lxml.html.tostring(block, encoding="unicode")
                continue
            inner = (
                lxml.html.tostring(block, encoding="unicode")
                if block.tag in ("ul", "ol")
                else (html.escape(block.text or ""))
                + "".join(lxml.html.tostring(child, encoding="unicode") for child in block)
            )
            if inner.strip() and inner.strip() != "<br>":
                found.append(inner.strip())
        return found
    return [p.strip() for p in re.split(r"\n\s*\n", value.replace("\r\n", "\n")) if p.strip()]


PARAGRAPHS_HELP = _(
    "One paragraph per line in the editor (without JavaScript: separated by a blank line). "
    "Bold, italics and lists are kept; other formatting is removed."
)
EDITOR = {"data-editor": "text"}


class TextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    preamble = forms.CharField(
        label=_("Preambular paragraphs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, **EDITOR}),
        help_text=PARAGRAPHS_HELP,
    )
    operative = forms.CharField(
        label=_("Operative paragraphs (numbered on display)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, **EDITOR}),
        help_text=PARAGRAPHS_HELP,
    )
    note = forms.CharField(label=_("Note on this version"), max_length=500, required=False)

    def __init__(self, *args: Any, language: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if language:
            # The text is written in the document's original language, whatever the page's.
            for name in ("title", "preamble", "operative"):
                attrs = self.fields[name].widget.attrs
                attrs["lang"] = "zh-Hans" if language == "zh" else language
                attrs["dir"] = "rtl" if language == "ar" else "ltr"

    def text_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "preamble": [_br(p) for p in paragraphs(data["preamble"])],
            "operative": [_br(p) for p in paragraphs(data["operative"])],
        }


def _br(value: str) -> str:
    return value.replace("\n", "<br>")


class DocumentForm(TextForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    original_language = forms.ChoiceField(
        label=_("Original language"), choices=Language.choices, initial="en"
    )
    slug = forms.SlugField(
        label=_("Short name for the address"),
        required=False,
        help_text=_("Latin letters, digits and hyphens; made from the title if left empty."),
    )
    meeting = forms.TypedChoiceField(
        label=_("Meeting"), required=False, coerce=int, empty_value=None
    )
    shared_with_observers = forms.BooleanField(
        label=_("Share the negotiation with observers"), required=False
    )
    file = forms.FileField(
        label=_("Or import the zero draft from Word (.docx)"),
        required=False,
        help_text=_(
            "Up to %(mb)s MB. The title, preambular and numbered operative paragraphs are recognised."
        )
        % {"mb": MAX_MB},
    )
    field_order = ["kind", "original_language", "slug", "meeting", "shared_with_observers", "file"]

    def __init__(self, *args: Any, meetings: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "—")] + [(m.pk, str(m)) for m in meetings]


class ProposalForm(forms.Form):
    paragraph = forms.CharField(label=_("Paragraph (e.g. PP3, OP2)"), max_length=10)
    action = forms.ChoiceField(label=_("Proposal"), choices=ProposalAction.choices)
    new_text = forms.CharField(
        label=_("Proposed wording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, **EDITOR}),
    )
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_new_text(self) -> str:
        """One paragraph: the editor's paragraphs joined by line breaks."""
        return "<br>".join(paragraphs(self.cleaned_data.get("new_text", "")))


class CommentForm(forms.Form):
    paragraph = forms.CharField(label=_("Paragraph (e.g. PP3, OP2)"), max_length=10)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class SilenceForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline (your time zone)"),
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
    )
    override_short = forms.BooleanField(
        label=_("Shorter than 72 hours (exceptional)"), required=False
    )
    override_reason = forms.CharField(label=_("Reason for the shorter silence"), required=False)


class BreakForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    state = forms.CharField(required=False, widget=forms.HiddenInput)


class AdoptForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Meeting"), coerce=int)
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, meetings: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [(m.pk, str(m)) for m in meetings]
        self.fields["agenda_item"].choices = [("", "—")] + [
            (i.pk, f"{m} — {i}") for m in meetings for i in m.agenda_items.all()
        ]
