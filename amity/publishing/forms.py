from django import forms
from django.utils.translation import gettext_lazy as _


class PressReleaseForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "HTML: paragraphs, bold, italics, lists and links are kept; the rest is removed."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
