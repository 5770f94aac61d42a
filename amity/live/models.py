"""The live session of a meeting: one ``LiveState`` row per meeting (what is on the floor now,
with a version every change raises), the speakers' list (``SpeakerEntry``, one per request for
the floor on an agenda item) and the record of interventions (``Intervention``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_SPEAKING_TIME = 180  # seconds, when the agenda item sets no limit


class SpeechKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    POINT_OF_ORDER = "point_of_order", _("Point of order")
    RIGHT_OF_REPLY = "right_of_reply", _("Right of reply")


class EntryStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")  # asked for the floor; the chair has not accepted
    LISTED = "listed", _("On the list")
    SPEAKING = "speaking", _("Has the floor")
    DONE = "done", _("Spoke")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Level(models.IntegerChoices):
    """Level of representation, as the speakers' list orders it (lower speaks first)."""

    HEAD_OF_STATE = 1, _("Head of State")
    VICE_PRESIDENT = 2, _("Vice-President or Crown Prince")
    HEAD_OF_GOVERNMENT = 3, _("Head of Government")
    MINISTER = 4, _("Minister")
    DEPUTY_MINISTER = 5, _("Deputy Minister")
    HEAD_OF_DELEGATION = 6, _("Head of delegation")
    DELEGATE = 7, _("Delegate")


class LiveState(models.Model):
    """What is on the floor of one meeting. Every change raises ``version`` by one, and names
    the version it was made on."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="live_state"
    )
    version = models.PositiveIntegerField(default=1)
    current_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The entry that has the floor (its timer may not have started yet).
    current_entry = models.ForeignKey(
        "live.SpeakerEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The running intervention; its start is the server's time every client counts down from.
    current_intervention = models.ForeignKey(
        "live.Intervention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Agenda items whose speakers' list the chair closed (ids).
    closed_items = models.JSONField(default=list, blank=True)
    # A closing time the chair announced for the list of the item on the floor ("the list
    # closes at 11:30"): from then on it is closed as if the chair had closed it.
    list_closes_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Live state of meeting {self.meeting_id} (v{self.version})"


class SpeakerEntry(models.Model):
    """A request for the floor on an agenda item: a registered participant (speaking for a
    state) or an observer."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="speaker_entries"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="speaker_entries"
    )
    kind = models.CharField(max_length=20, choices=SpeechKind.choices)
    status = models.CharField(max_length=10, choices=EntryStatus.choices)
    registration = models.ForeignKey(
        "meetings.Registration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_entries",
    )
    state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # An observer who is not registered for a state speaks as themselves.
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copied when the entry is made, so the list and the record read as they were announced.
    name = models.CharField(max_length=300)
    title = models.CharField(max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    is_observer = models.BooleanField(default=False)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    remote = models.BooleanField(default=False)
    # Set by the chair's manual move: the entry's place among the waiting statements (0 first).
    manual_position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["agenda_item", "requested_at", "id"]
        indexes = [models.Index(fields=["meeting", "agenda_item", "status"])]
        verbose_name_plural = _("speaker entries")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Intervention(models.Model):
    """One intervention, as the record keeps it. ``started_at``/``ended_at`` are empty when the
    times are not known (a meeting recorded after the fact); ``note`` then says so."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="interventions"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="interventions"
    )
    entry = models.ForeignKey(
        SpeakerEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sequence = models.PositiveIntegerField(help_text=_("Order of speaking within the meeting"))
    kind = models.CharField(max_length=20, choices=SpeechKind.choices)
    state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=300)
    title = models.CharField(max_length=300, blank=True)
    time_limit = models.PositiveIntegerField(default=DEFAULT_SPEAKING_TIME)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    statement = models.ForeignKey(
        "meetings.Statement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "sequence", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "sequence"], name="one_intervention_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sequence}. {self.name}"
