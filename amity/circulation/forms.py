from django import forms
from django.utils.translation import gettext_lazy as _

from amity.circulation.models import GAAgendaItem, GASession


class CirculationForm(forms.Form):
    session = forms.ModelChoiceField(
        queryset=GASession.objects.all(), label=_("General Assembly session")
    )
    agenda_item = forms.ModelChoiceField(
        queryset=GAAgendaItem.objects.select_related("session"), label=_("Agenda item")
    )
    letter_date = forms.DateField(
        label=_("Date of the letter"), widget=forms.DateInput(attrs={"type": "date"})
    )
    representative_name = forms.CharField(label=_("Permanent Representative"), max_length=200)
    security_council = forms.BooleanField(
        label=_("Also circulate as a document of the Security Council"), required=False
    )


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(
        choices=[("submitted", "submitted"), ("issued", "issued"), ("published", "published")]
    )
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    symbol = forms.CharField(required=False, max_length=60, label=_("UN document symbol"))
