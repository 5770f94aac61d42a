from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.collation import sorted_by
from amity.core.forms import translation_fields, translations_of
from amity.members.models import Person, State
from amity.members.services import NOTE_SCAN_MAX_MB


class DateInput(forms.DateInput):
    input_type = "date"


class StateChoiceField(forms.ModelChoiceField):
    """States named in the page's language."""

    def label_from_instance(self, obj: State) -> str:
        return obj.name


def state_field(**kwargs: object) -> StateChoiceField:
    return StateChoiceField(queryset=State.objects.all(), **kwargs)  # type: ignore[arg-type]


def sort_state_choices(field: forms.ModelChoiceField) -> None:
    """Order the state options in the page's language's collation."""
    states = sorted_by(field.queryset or [], lambda s: s.name)
    field.choices = [("", "---------")] + [(s.pk, s.name) for s in states]


class ApplicationForm(forms.Form):
    state = state_field(label=_("State"))
    note_reference = forms.CharField(label=_("Reference of the note verbale"), max_length=120)
    note_date = forms.DateField(label=_("Date of the note"), required=False, widget=DateInput)
    received_on = forms.DateField(label=_("Date received"), widget=DateInput)
    scan = forms.FileField(
        label=_("Scanned note (PDF, at most %(mb)s MB)") % {"mb": NOTE_SCAN_MAX_MB}, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        sort_state_choices(self.fields["state"])  # type: ignore[arg-type]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("admit", _("Admit")), ("decline", _("Decline"))])
    decided_on = forms.DateField(label=_("Date of the decision"), required=False, widget=DateInput)
    accession_date = forms.DateField(label=_("Date of accession"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Date of leaving"), widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class CoChairForm(forms.Form):
    state = state_field(label=_("State"))
    starts_on = forms.DateField(label=_("Term starts"), required=False, widget=DateInput)
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=DateInput)

    def __init__(self, *args: object, original: str = "en", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        sort_state_choices(self.fields["state"])  # type: ignore[arg-type]
        translation_fields(self, "note", _("Note"), None, original=original)


# The scripts in which a delegation may give a person's name besides the one entered (Latin):
# letters and documents in Arabic, Chinese and Russian then name the person in that script.
NAME_SCRIPTS = (
    ("ar", _("Name in Arabic script")),
    ("zh", _("Name in Chinese characters")),
    ("ru", _("Name in Cyrillic")),
)


class PersonForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name_ar = forms.CharField(
        label=NAME_SCRIPTS[0][1],
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
    )
    name_zh = forms.CharField(
        label=NAME_SCRIPTS[1][1],
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "zh-Hans"}),
    )
    name_ru = forms.CharField(
        label=NAME_SCRIPTS[2][1],
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ru"}),
    )

    class Meta:
        model = Person
        fields = [
            "state",
            "honorific",
            "given_name",
            "family_name",
            "rank",
            "role",
            "email",
            "is_focal_point",
        ]

    def __init__(self, *args: object, states: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["state"]
        if states is not None:
            field.queryset = states  # type: ignore[attr-defined]
        field.label_from_instance = lambda obj: obj.name  # type: ignore[attr-defined]
        group = getattr(self.instance, "group", None) if self.instance.group_id else None
        translation_fields(
            self,
            "title",
            _("Official title"),
            self.instance.title or None,
            original=getattr(group, "original_language", "en"),
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["state"].disabled = True
            for code, _label in NAME_SCRIPTS:
                self.fields[f"name_{code}"].initial = (self.instance.names or {}).get(code, "")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        names = dict(self.instance.names or {}) if self.instance.pk else {}
        for code, _label in NAME_SCRIPTS:
            value = (cleaned.pop(f"name_{code}", "") or "").strip()
            if value:
                names[code] = value
            else:
                names.pop(code, None)
        cleaned["names"] = names
        cleaned["title"] = translations_of(self, "title")
        for key in [k for k in cleaned if k.startswith("title_")]:
            del cleaned[key]
        return cleaned


class GroupForm(forms.Form):
    """The group's profile: its texts in each of the six languages."""

    founded_on = forms.DateField(label=_("Founded on"), required=False, widget=DateInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, group: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["version"].initial = getattr(group, "version", None)
        original = getattr(group, "original_language", "en")
        for field, label, rows in (
            ("names", _("Name"), 0),
            ("short_names", _("Short name"), 0),
            ("cause", _("Cause"), 3),
            ("working_methods", _("Working methods"), 3),
            ("founded_note", _("Note on the founding"), 0),
        ):
            translation_fields(
                self, field, label, getattr(group, field, None), original=original, rows=rows
            )
        if group is not None:
            self.fields["founded_on"].initial = group.founded_on  # type: ignore[attr-defined]

    def translations(self, field: str) -> dict[str, str]:
        return translations_of(self, field)
