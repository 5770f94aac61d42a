"""Forms of the meeting pages. They parse and present; the services decide."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amity.core.formatting import in_zone
from amity.core.forms import translation_fields, translations_of
from amity.core.languages import CONTENT_LANGUAGES, Language, translated
from amity.core.timezones import TimeZoneField
from amity.meetings.models import (
    AgendaItemKind,
    AttendanceMode,
    Meeting,
    MeetingFormat,
    MeetingLevel,
    Visibility,
)
from amity.meetings.services import UPLOAD_MAX_MB
from amity.members.forms import sort_state_choices, state_field

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=LOCAL_FORMAT, **kwargs)


def _local_field(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
    )


class TranslationsMixin:
    """Adds one field per official language for a ``{lang: text}`` value (``core.forms``)."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_translations(
        self,
        name: str,
        label: Any,
        initial: dict[str, str] | None,
        textarea: bool = False,
        original: str = "en",
    ) -> None:
        translation_fields(self, name, label, initial, original=original, rows=4 if textarea else 0)  # type: ignore[arg-type]

    def translations(self, name: str) -> dict[str, str]:
        return translations_of(self, name)  # type: ignore[arg-type]


class MeetingForm(TranslationsMixin, forms.Form):
    """Times are entered as read at the venue, in the venue's zone."""

    level = forms.ChoiceField(label=_("Level"), choices=MeetingLevel.choices)
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices)
    venue_country = state_field(label=_("Country"), required=False)
    time_zone = TimeZoneField(
        label=_("Time zone of the venue (by country and city)"),
        help_text=_("Offsets from UTC are those of today."),
    )
    starts_at = _local_field(_("Starts (venue time)"))
    ends_at = _local_field(_("Ends (venue time)"))
    online_url = forms.CharField(
        label=_("Online link for remote participants (https)"), required=False, max_length=500
    )
    ga_session = forms.IntegerField(
        label=_("General Assembly session"), required=False, min_value=1
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    registration_deadline = _local_field(_("Registration deadline (venue time)"), required=False)
    original_language = forms.ChoiceField(
        label=_("Original language of the title"), choices=Language.choices
    )
    invitation_language = forms.ChoiceField(
        label=_("Language of the invitations"), choices=Language.choices
    )
    # The version of the meeting the form was filled in from (optimistic concurrency).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self, *args: Any, meeting: Meeting | None = None, group: Any = None, **kwargs: Any
    ) -> None:
        initial = kwargs.pop("initial", None) or {}
        if meeting is not None:
            zone = meeting.zone
            initial.update(
                {
                    field: getattr(meeting, field)
                    for field in (
                        "level",
                        "format",
                        "venue_country",
                        "time_zone",
                        "online_url",
                        "ga_session",
                        "visibility",
                        "original_language",
                        "invitation_language",
                    )
                }
            )
            initial["version"] = meeting.version
            initial["starts_at"] = in_zone(meeting.starts_at, zone).replace(tzinfo=None)
            initial["ends_at"] = in_zone(meeting.ends_at, zone).replace(tzinfo=None)
            if meeting.registration_deadline:
                initial["registration_deadline"] = in_zone(
                    meeting.registration_deadline, zone
                ).replace(tzinfo=None)
        elif group is not None:
            initial.setdefault("original_language", group.original_language)
            initial.setdefault("invitation_language", group.original_language)
        super().__init__(*args, initial=initial, **kwargs)
        original = initial.get("original_language") or "en"
        self.add_translations(
            "titles", _("Title"), meeting.titles if meeting else None, original=original
        )
        self.add_translations(
            "venue_name", _("Venue"), meeting.venue_name if meeting else None, original=original
        )
        self.add_translations(
            "venue_city", _("City"), meeting.venue_city if meeting else None, original=original
        )
        self.add_translations(
            "notes", _("Notes"), meeting.notes if meeting else None, True, original=original
        )
        sort_state_choices(self.fields["venue_country"])  # type: ignore[arg-type]
        # Titles first, then the facts, the venue and its city before the country, the notes
        # last.
        order = [f"titles_{c}" for c in CONTENT_LANGUAGES]
        venue = [f"{name}_{c}" for name in ("venue_name", "venue_city") for c in CONTENT_LANGUAGES]
        notes = [f"notes_{c}" for c in CONTENT_LANGUAGES]
        rest = [f for f in self.fields if f not in order + venue + notes]
        at = rest.index("venue_country")
        self.order_fields(order + rest[:at] + venue + rest[at:] + notes)

    def _aware(self, value: datetime.datetime | None) -> datetime.datetime | None:
        """The wall time entered, read in the venue's zone (UTC if the zone is unknown: the
        service then reports the zone)."""
        if value is None:
            return None
        try:
            zone: datetime.tzinfo = zoneinfo.ZoneInfo(
                self.cleaned_data.get("time_zone", "").strip()
            )
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = datetime.UTC
        return value.replace(tzinfo=None).replace(tzinfo=zone)

    def seen_version(self) -> int | None:
        """The version of the meeting the editor saw (None on a new meeting's form)."""
        value = self.cleaned_data.get("version")
        return int(value) if value is not None else None

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "titles": self.translations("titles"),
            "level": data["level"],
            "format": data["format"],
            "venue_name": self.translations("venue_name"),
            "venue_city": self.translations("venue_city"),
            "venue_country": data["venue_country"],
            "time_zone": data["time_zone"].strip(),
            "starts_at": self._aware(data["starts_at"]),
            "ends_at": self._aware(data["ends_at"]),
            "online_url": data["online_url"].strip(),
            "ga_session": data["ga_session"],
            "visibility": data["visibility"],
            "registration_deadline": self._aware(data.get("registration_deadline")),
            "original_language": data["original_language"],
            "invitation_language": data["invitation_language"],
            "notes": self.translations("notes"),
        }


# How the fields of a meeting are named where a conflict shows what someone else changed.
CHANGED_FIELD_LABELS: dict[str, Any] = {
    "titles": _("Title"),
    "venue_name": _("Venue"),
    "venue_city": _("City"),
    "notes": _("Notes"),
    "status": _("Status"),
}


def changed_values(meeting: Meeting, fields: list[str]) -> list[dict[str, Any]]:
    """What ``fields`` of ``meeting`` hold now, for the page that shows an editor the
    changes someone else saved meanwhile: a label, and the text (or each language's)."""
    from amity.core.languages import bcp47_tag, is_rtl
    from amity.meetings.times import zoned_moment

    form_fields = MeetingForm.base_fields
    rows = []
    for name in dict.fromkeys(fields):
        label = CHANGED_FIELD_LABELS.get(name) or (
            form_fields[name].label if name in form_fields else name
        )
        value = getattr(meeting, name, None)
        row: dict[str, Any] = {"label": label, "texts": [], "value": ""}
        if isinstance(value, dict):
            row["texts"] = [
                {
                    "lang": bcp47_tag(code),
                    "dir": "rtl" if is_rtl(code) else "ltr",
                    "text": value[code],
                }
                for code in CONTENT_LANGUAGES
                if value.get(code)
            ]
            row["value"] = "" if row["texts"] else "—"
        elif isinstance(value, datetime.datetime):
            row["value"] = zoned_moment(value, meeting.zone)
        elif hasattr(meeting, f"get_{name}_display"):
            row["value"] = str(getattr(meeting, f"get_{name}_display")())
        elif value is None or value == "":
            row["value"] = "—"
        else:
            row["value"] = str(getattr(value, "name", value))
        rows.append(row)
    return rows


class AgendaItemForm(TranslationsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItemKind.choices)
    speaking_time_limit = forms.IntegerField(
        label=_("Speaking-time limit (seconds)"), required=False, min_value=10, max_value=3600
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, item: Any = None, version: int | None = None, **kwargs: Any
    ) -> None:
        initial = kwargs.pop("initial", None) or {}
        if item is not None:
            initial.update({"kind": item.kind, "speaking_time_limit": item.speaking_time_limit})
        if version is not None:
            initial["version"] = version
        super().__init__(*args, initial=initial, **kwargs)
        self.add_translations("titles", _("Title"), item.titles if item else None)
        order = [f"titles_{c}" for c in CONTENT_LANGUAGES]
        self.order_fields(order + [f for f in self.fields if f not in order])


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentForm(TranslationsMixin, forms.Form):
    """A document attached to an agenda item: its title in the six languages (none: the
    file's name), the file."""

    file = forms.FileField(
        label=_("Document (PDF, DOCX or text, at most %(mb)s MB)") % {"mb": UPLOAD_MAX_MB}
    )

    def __init__(self, *args: Any, original: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations("title", _("Title"), None, original=original)
        order = [f"title_{c}" for c in CONTENT_LANGUAGES]
        self.order_fields([*order, "file"])


class TitleForm(TranslationsMixin, forms.Form):
    """A title in the six languages, given after the upload (an attached document's, a
    statement's)."""

    def __init__(self, *args: Any, title: dict[str, str], original: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations("title", _("Title"), title, original=original)


class CancelForm(TranslationsMixin, forms.Form):
    """Why a meeting is cancelled, in the six languages (optional)."""

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations(
            "reason", _("Reason (optional)"), None, original=meeting.original_language
        )


class RegistrationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)  # type: ignore[arg-type]
    attendance_mode = forms.ChoiceField(
        label=_("Attends"), choices=AttendanceMode.choices, widget=forms.RadioSelect
    )
    is_head = forms.BooleanField(label=_("Head of delegation"), required=False)

    def __init__(self, *args: Any, people: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: (
            f"{p.honorific} {p.full_name} — {translated(p.title) or p.get_rank_display()}".strip()
        )  # type: ignore[attr-defined]
        if not meeting.has_remote_part:
            self.fields["attendance_mode"].choices = [
                (AttendanceMode.IN_ROOM, AttendanceMode.IN_ROOM.label)
            ]  # type: ignore[attr-defined]
        elif not meeting.has_room:
            self.fields["attendance_mode"].choices = [
                (AttendanceMode.REMOTE, AttendanceMode.REMOTE.label)
            ]  # type: ignore[attr-defined]


class RecordForm(TranslationsMixin, forms.Form):
    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations("summary", _("Summary record"), meeting.summary_record, textarea=True)


class DecisionForm(TranslationsMixin, forms.Form):
    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_translations("decision", _("Decision"), item.decision, textarea=True)


class StatementForm(TranslationsMixin, forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=None)  # type: ignore[arg-type]
    state = state_field(label=_("Delegation"))
    original_language = forms.ChoiceField(
        label=_("Language delivered in"), choices=Language.choices
    )
    file = forms.FileField(
        label=_("Statement (PDF, DOCX or text, at most %(mb)s MB)") % {"mb": UPLOAD_MAX_MB}
    )

    def __init__(self, *args: Any, meeting: Meeting, states: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset = meeting.agenda_items.order_by("position")  # type: ignore[attr-defined]
        field.label_from_instance = lambda i: f"{i.position}. {i.title}"  # type: ignore[attr-defined]
        self.fields["state"].queryset = states  # type: ignore[attr-defined]
        sort_state_choices(self.fields["state"])  # type: ignore[arg-type]
        original = self.data.get("original_language") or self.initial.get("original_language")
        self.add_translations("title", _("Title"), None, original=str(original or "en"))
        titles = [f"title_{c}" for c in CONTENT_LANGUAGES]
        rest = [f for f in self.fields if f not in [*titles, "file"]]
        self.order_fields([*rest, *titles, "file"])


POLL_OPTION_FIELDS = 6


class PollForm(forms.Form):
    """Propose times, entered as read at the venue, in the venue's zone."""

    title = forms.CharField(label=_("Title of the meeting"), max_length=300)
    level = forms.ChoiceField(label=_("Level"), choices=MeetingLevel.choices)
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices)
    venue_name = forms.CharField(label=_("Venue"), required=False, max_length=200)
    venue_city = forms.CharField(label=_("City"), required=False, max_length=120)
    online_url = forms.CharField(
        label=_("Online link for remote participants (https)"), required=False, max_length=500
    )
    time_zone = TimeZoneField(label=_("Time zone of the venue (by country and city)"))
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), initial=120, min_value=15, max_value=24 * 60
    )
    note = forms.CharField(
        label=_("Note to the delegations"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, POLL_OPTION_FIELDS + 1):
            self.fields[f"option_{n}"] = _local_field(
                _("Proposed time %(n)s (venue time)") % {"n": n}, required=n == 1
            )

    def starts(self) -> list[datetime.datetime]:
        zone = zoneinfo.ZoneInfo(self.cleaned_data["time_zone"])
        return [
            value.replace(tzinfo=zone)
            for n in range(1, POLL_OPTION_FIELDS + 1)
            if (value := self.cleaned_data.get(f"option_{n}")) is not None
        ]
