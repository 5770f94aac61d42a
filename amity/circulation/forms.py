from django import forms
from django.utils.translation import gettext_lazy as _

from amity.circulation.models import GAAgendaItem, GASession
from amity.members.models import Person


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
    representative = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Signatory from the delegation"),
        help_text=_(
            "The letter then gives the name in each language's script as the delegation "
            "recorded it."
        ),
    )
    representative_name = forms.CharField(
        label=_("Permanent Representative"), max_length=200, required=False
    )
    representative_feminine = forms.BooleanField(
        label=_(
            "Title in the feminine (Représentante permanente, la Representante Permanente, "
            "الممثلة الدائمة)"
        ),
        required=False,
    )
    security_council = forms.BooleanField(
        label=_("Also circulate as a document of the Security Council"), required=False
    )

    def __init__(self, *args: object, group: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if group is not None:
            self.fields["representative"].queryset = Person.objects.filter(
                group=group
            ).select_related("state")


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(
        choices=[("submitted", "submitted"), ("issued", "issued"), ("published", "published")]
    )
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    symbol = forms.CharField(required=False, max_length=60, label=_("UN document symbol"))
