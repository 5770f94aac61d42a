from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.search.models import EntryKind


class SearchForm(forms.Form):
    """The query and its filters, read from the address (GET). The query is not limited here:
    the selector cuts a long one short and says so."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    group = forms.ChoiceField(label=_("Group"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, years: list[int], groups: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *EntryKind.choices]
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]
        self.fields["group"].choices = [("", _("All groups")), *((g.slug, g.name) for g in groups)]
