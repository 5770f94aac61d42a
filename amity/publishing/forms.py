"""Forms of the publishing pages: the press desk and the coordinator's records (resolutions,
initiatives and their status history, road maps and their activities). They parse and
present; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.forms import translation_fields
from amity.core.languages import CONTENT_LANGUAGES, Language
from amity.meetings.models import AgendaItem, Meeting
from amity.members.forms import sort_state_choices, state_field
from amity.members.models import Group, State
from amity.publishing import selectors
from amity.publishing.models import (
    Activity,
    ActivityStatus,
    Adoption,
    Initiative,
    InitiativeStatus,
    Resolution,
    RoadMap,
)

ISO_DATE = "%Y-%m-%d"


class PressReleaseForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "data-editor": "links"}),
        help_text=_("Paragraphs, bold, italics, lists and links are kept; the rest is removed."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- shared pieces ------------------------------------------------------------------------


class IsoDateInput(forms.DateInput):
    """The browser's date picker, which always sends ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=ISO_DATE, **kwargs)


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=IsoDateInput(), input_formats=[ISO_DATE]
    )


class StatesField(forms.ModelMultipleChoiceField):
    """Several states of the registry, named in the page's language."""

    def label_from_instance(self, obj: State) -> str:
        return obj.name


def states_field(label: Any) -> StatesField:
    return StatesField(
        label=label,
        queryset=State.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )


def sort_states(field: forms.ModelMultipleChoiceField) -> None:
    """Order the options alphabetically in the page's language."""
    field.choices = [(s.pk, s.name) for s in selectors.states_by_name()]


class MeetingField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.starts_at:%Y-%m-%d} — {obj.title}"


class AgendaItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        return f"{obj.meeting.starts_at:%Y-%m-%d} — {obj.position}. {obj.title}"


class ResolutionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Resolution) -> str:
        return obj.symbol


class RecordForm(forms.Form):
    """A form of one record, with its texts in the six languages and, when it edits a stored
    record, the version the editor saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["version"].required = True
        else:
            del self.fields["version"]

    def add_translations(
        self,
        name: str,
        label: Any,
        initial: dict[str, str] | None,
        *,
        rows: int = 0,
        after: str | None = None,
        original: str = "en",
    ) -> None:
        """One field per official language side by side (``core.forms.translation_fields``: a
        textarea if ``rows``, the original and the missing ones marked, Arabic right to left);
        placed after the field ``after``, else at the start."""
        added = translation_fields(self, name, label, initial, original=original, rows=rows)
        rest = [f for f in self.fields if f not in added]
        position = rest.index(after) + 1 if after in rest else 0
        self.order_fields(rest[:position] + added + rest[position:])

    def translations(self, name: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{name}_{code}", "") for code in CONTENT_LANGUAGES}

    def version_kwargs(self) -> dict[str, Any]:
        return {"version": self.cleaned_data["version"]} if "version" in self.fields else {}


# --- resolutions --------------------------------------------------------------------------


class ResolutionForm(RecordForm):
    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=40,
        help_text=_("As the United Nations writes it, e.g. A/RES/71/275."),
    )
    symbol_verified = forms.BooleanField(
        label=_("Symbol checked against the United Nations Official Document System"),
        required=False,
        initial=True,
    )
    adopted_on = date_field(_("Date of adoption"))
    ga_session = forms.IntegerField(label=_("General Assembly session"), min_value=1)
    agenda_item = forms.IntegerField(label=_("Agenda item (number)"), required=False, min_value=1)
    adoption = forms.ChoiceField(label=_("Adoption"), choices=Adoption.choices)
    cosponsor_count = forms.IntegerField(
        label=_("Number of co-sponsors, as reported"), required=False, min_value=0
    )
    cosponsors = states_field(_("Co-sponsoring States"))

    def __init__(self, *args: Any, resolution: Resolution | None = None, **kwargs: Any) -> None:
        initial = kwargs.pop("initial", None) or {}
        if resolution is not None:
            initial.update(
                {
                    "symbol": resolution.symbol,
                    "symbol_verified": resolution.symbol_verified,
                    "adopted_on": resolution.adopted_on,
                    "ga_session": resolution.ga_session,
                    "agenda_item": resolution.agenda_item,
                    "adoption": resolution.adoption,
                    "cosponsor_count": resolution.cosponsor_count,
                    "cosponsors": [s.pk for s in resolution.cosponsors.all()],
                    "version": resolution.version,
                }
            )
        super().__init__(*args, initial=initial, editing=resolution is not None, **kwargs)
        self.add_translations(
            "titles", _("Title"), resolution.titles if resolution else None, rows=3
        )
        self.add_translations(
            "agenda_item_titles",
            _("Title of the agenda item"),
            resolution.agenda_item_titles if resolution else None,
            after="agenda_item",
        )
        self.add_translations(
            "note", _("Note"), resolution.note if resolution else None, after="cosponsors"
        )
        sort_states(self.fields["cosponsors"])  # type: ignore[arg-type]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "symbol": data["symbol"],
            "symbol_verified": data["symbol_verified"],
            "adopted_on": data["adopted_on"],
            "titles": self.translations("titles"),
            "ga_session": data["ga_session"],
            "agenda_item": data["agenda_item"],
            "agenda_item_titles": self.translations("agenda_item_titles"),
            "adoption": data["adoption"],
            "cosponsor_count": data["cosponsor_count"],
            "cosponsors": list(data["cosponsors"]),
            "note": self.translations("note"),
            **self.version_kwargs(),
        }


# --- initiatives --------------------------------------------------------------------------


class InitiativeForm(RecordForm):
    proposed_by = state_field(label=_("Proposed by"), required=False)
    original_language = forms.ChoiceField(
        label=_("Language it was first written in"), choices=Language.choices
    )
    proposed_on = date_field(_("Proposed on"))

    def __init__(
        self,
        *args: Any,
        initiative: Initiative | None = None,
        group: Group | None = None,
        **kwargs: Any,
    ) -> None:
        initial = kwargs.pop("initial", None) or {}
        if initiative is not None:
            initial.update(
                {
                    "proposed_by": initiative.proposed_by_id,
                    "original_language": initiative.original_language,
                    "version": initiative.version,
                }
            )
        elif group is not None:
            initial.setdefault("original_language", group.original_language)
        super().__init__(*args, initial=initial, editing=initiative is not None, **kwargs)
        if initiative is not None:
            # The date it was proposed is the start of the history, which is not rewritten.
            del self.fields["proposed_on"]
        original = initiative.original_language if initiative else "en"
        self.add_translations(
            "titles",
            _("Title"),
            initiative.titles if initiative else None,
            original=original,
        )
        self.add_translations(
            "descriptions",
            _("Description"),
            initiative.descriptions if initiative else None,
            rows=4,
            after="titles_es",
            original=original,
        )
        sort_state_choices(self.fields["proposed_by"])  # type: ignore[arg-type]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "titles": self.translations("titles"),
            "descriptions": self.translations("descriptions"),
            "proposed_by": data["proposed_by"],
            "original_language": data["original_language"],
            **self.version_kwargs(),
        }
        if "proposed_on" in self.fields:
            kwargs["proposed_on"] = data["proposed_on"]
        return kwargs


class StatusChangeForm(RecordForm):
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    on = date_field(_("Date"))
    meeting = MeetingField(
        label=_("Meeting where it was discussed"), queryset=Meeting.objects.none(), required=False
    )
    agenda_item = AgendaItemField(
        label=_("Agenda item of that meeting"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.group_meetings(group=group)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = selectors.group_agenda_items(group=group)  # type: ignore[attr-defined]
        self.add_translations("note", _("Note"), None, rows=2, after="agenda_item")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "on": data["on"],
            "meeting": data["meeting"],
            "agenda_item": data["agenda_item"],
            "note": self.translations("note"),
        }


# --- road maps ----------------------------------------------------------------------------


class RoadMapForm(RecordForm):
    starts_on = date_field(_("First day of the period"))
    ends_on = date_field(_("Last day of the period"))
    resolution = ResolutionField(
        label=_("Under resolution"), queryset=Resolution.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, group: Group, road_map: RoadMap | None = None, **kwargs: Any
    ) -> None:
        initial = kwargs.pop("initial", None) or {}
        if road_map is not None:
            initial.update(
                {
                    "starts_on": road_map.starts_on,
                    "ends_on": road_map.ends_on,
                    "resolution": road_map.resolution_id,
                    "version": road_map.version,
                }
            )
        super().__init__(*args, initial=initial, editing=road_map is not None, **kwargs)
        self.fields["resolution"].queryset = selectors.resolutions(group=group)  # type: ignore[attr-defined]
        self.add_translations("titles", _("Title"), road_map.titles if road_map else None)
        self.add_translations(
            "note", _("Note"), road_map.note if road_map else None, rows=2, after="resolution"
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "titles": self.translations("titles"),
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "resolution": data["resolution"],
            "note": self.translations("note"),
            **self.version_kwargs(),
        }


class ActivityForm(RecordForm):
    on = date_field(_("Date"))
    lead_states = states_field(_("Led by"))
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    meeting = MeetingField(
        label=_("Meeting of the group"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, group: Group, activity: Activity | None = None, **kwargs: Any
    ) -> None:
        initial = kwargs.pop("initial", None) or {}
        if activity is not None:
            initial.update(
                {
                    "on": activity.on,
                    "lead_states": [s.pk for s in activity.lead_states.all()],
                    "status": activity.status,
                    "meeting": activity.meeting_id,
                    "version": activity.version,
                }
            )
        super().__init__(*args, initial=initial, editing=activity is not None, **kwargs)
        self.fields["meeting"].queryset = selectors.group_meetings(group=group)  # type: ignore[attr-defined]
        sort_states(self.fields["lead_states"])  # type: ignore[arg-type]
        self.add_translations("titles", _("What"), activity.titles if activity else None)
        self.add_translations(
            "place",
            _("Place"),
            activity.place if activity else None,
            original=group.original_language,
        )
        self.add_translations(
            "outcome", _("Outcome"), activity.outcome if activity else None, rows=2
        )
        # What, when, where, who, status, then what came of it.
        self.order_fields(
            [f"titles_{c}" for c in CONTENT_LANGUAGES]
            + ["on"]
            + [f"place_{c}" for c in CONTENT_LANGUAGES]
            + ["lead_states", "status", "meeting"]
            + [f"outcome_{c}" for c in CONTENT_LANGUAGES]
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "titles": self.translations("titles"),
            "on": data["on"],
            "place": self.translations("place"),
            "lead_states": list(data["lead_states"]),
            "status": data["status"],
            "outcome": self.translations("outcome"),
            "meeting": data["meeting"],
            **self.version_kwargs(),
        }


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
