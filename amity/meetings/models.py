"""Meetings of a group: the meeting, its agenda, registered delegations, statements.

Texts a meeting shows in several languages (title, agenda item titles, summary record,
decisions) are ``{language: text}`` JSON fields read with ``amity.core.languages.translated``,
falling back to the meeting's original language.
"""

from __future__ import annotations

import uuid
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amity.core.languages import Language, translated
from amity.members import permissions
from amity.members.permissions import Standing


class MeetingLevel(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial (high-level)")
    AMBASSADORIAL = "ambassadorial", _("Ambassadorial")
    EXPERT = "expert", _("Expert")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONVENED = "convened", _("Convened")
    CANCELLED = "cancelled", _("Cancelled")


def new_ical_uid() -> str:
    return f"{uuid.uuid4()}@amity"


# Who may see a meeting, written once: the least standing in its group (members.permissions.
# Standing) that sees it. The first rule that matches decides; a meeting no rule matches (a
# convened or cancelled members-only one) is for the participants. A draft is for the
# coordinator alone, whatever its visibility. ``Meeting.audience`` reads this for one meeting,
# ``MeetingQuerySet.visible_to`` for a query, the search index for who may find it, the live
# views, API and WebSocket for who may follow it.
AUDIENCE_RULES: tuple[tuple[str, str, Standing], ...] = (
    ("status", MeetingStatus.DRAFT, Standing.COORDINATOR),
    ("visibility", Visibility.PUBLIC, Standing.PUBLIC),
)
AUDIENCE_OTHERWISE = Standing.PARTICIPANT


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        """The meetings ``user`` may see (``AUDIENCE_RULES``): the public, public meetings once
        convened (or cancelled); participants, also their groups' members-only ones; a
        coordinator, also their groups' drafts."""
        if permissions.sees_everything(user):
            return self.all()
        audience = Case(
            *(
                When(**{field: value}, then=Value(int(least)))
                for field, value, least in AUDIENCE_RULES
            ),
            default=Value(int(AUDIENCE_OTHERWISE)),
        )
        visible = Q(audience_rank=int(Standing.PUBLIC))
        for standing, group_ids in permissions.groups_by_standing(user).items():
            if group_ids:
                visible |= Q(group_id__in=group_ids, audience_rank__lte=int(standing))
        return self.alias(audience_rank=audience).filter(visible)


class Meeting(models.Model):
    """A meeting of a group, from draft through invitation to record."""

    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="meetings")
    titles = models.JSONField(default=dict)
    original_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    level = models.CharField(max_length=20, choices=MeetingLevel.choices)
    format = models.CharField(max_length=20, choices=MeetingFormat.choices)
    venue_name = models.JSONField(default=dict, blank=True)  # {lang: text}
    venue_city = models.JSONField(default=dict, blank=True)  # {lang: text}
    venue_country = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    time_zone = models.CharField(
        max_length=64, help_text=_("IANA zone of the venue, e.g. Asia/Ashgabat")
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    online_url = models.URLField(max_length=500, blank=True)
    ga_session = models.PositiveSmallIntegerField(null=True, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    registration_deadline = models.DateTimeField(null=True, blank=True)
    # The language of the invitations (a note verbale per focal point); the group's original
    # language unless the coordinator chooses another.
    invitation_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # The state that convenes (the coordinator's), named in the note verbale.
    convened_by_state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invited_observers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    # Optimistic concurrency of the agenda: every agenda write names the version it saw.
    agenda_version = models.PositiveIntegerField(default=1)
    # Optimistic concurrency of the meeting's own fields (the edit form, the API's PATCH):
    # raised by every change; a write naming an older version is refused (409).
    version = models.PositiveIntegerField(default=1)
    agenda_adopted_at = models.DateTimeField(null=True, blank=True)
    # RFC 5545: one UID for the life of the meeting, SEQUENCE raised on each change sent out.
    ical_uid = models.CharField(max_length=100, unique=True, default=new_ical_uid)
    ical_sequence = models.PositiveIntegerField(default=0)
    summary_record = models.JSONField(default=dict, blank=True)
    notes = models.JSONField(default=dict, blank=True)  # {lang: text}
    convened_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.JSONField(default=dict, blank=True)  # {lang: text}
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{translated(self.titles, 'en', fallback=self.original_language)} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return translated(self.titles, fallback=self.original_language)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def audience(self) -> Standing:
        """The least standing in the group that may see this meeting (``AUDIENCE_RULES``)."""
        for field, value, least in AUDIENCE_RULES:
            if getattr(self, field) == value:
                return least
        return AUDIENCE_OTHERWISE

    def is_visible_to(self, user: Any) -> bool:
        """Whether ``user`` may see this meeting: the same rule as ``visible_to``."""
        return permissions.standing(user, self.group) >= self.audience

    @property
    def has_remote_part(self) -> bool:
        return self.format in (MeetingFormat.VIRTUAL, MeetingFormat.HYBRID)

    @property
    def has_room(self) -> bool:
        return self.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)


class AgendaItemKind(models.TextChoices):
    DISCUSSION = "discussion", _("For discussion")
    DECISION = "decision", _("For decision")
    INFORMATION = "information", _("For information")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    titles = models.JSONField(default=dict)
    kind = models.CharField(
        max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.DISCUSSION
    )
    speaking_time_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Seconds per intervention; empty for no limit")
    )
    # What the meeting decided on this item, in the six languages.
    decision = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {translated(self.titles, 'en', fallback=self.meeting.original_language)}"

    @property
    def title(self) -> str:
        return translated(self.titles, fallback=self.meeting.original_language)

    @property
    def decision_text(self) -> str:
        return translated(self.decision, fallback=self.meeting.original_language)


def document_upload_to(instance: AgendaDocument, filename: str) -> str:
    return f"meetings/{instance.item.meeting_id}/agenda/{uuid.uuid4().hex[:8]}-{filename}"


class AgendaDocument(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.JSONField(default=dict, blank=True)  # {lang: text}, original: the meeting's
    file = models.FileField(upload_to=document_upload_to)
    kind = models.CharField(max_length=10)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "uploaded_at", "id"]

    def __str__(self) -> str:
        return translated(self.title, "en")


class AttendanceMode(models.TextChoices):
    IN_ROOM = "in_room", _("In the room")
    REMOTE = "remote", _("Remotely")


class Presence(models.TextChoices):
    IN_ROOM = "in_room", _("Present in the room")
    ONLINE = "online", _("Present online")
    ABSENT = "absent", _("Absent")


class Registration(models.Model):
    """One person of a delegation registered for a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    state = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "members.Person", on_delete=models.PROTECT, related_name="registrations"
    )
    attendance_mode = models.CharField(max_length=10, choices=AttendanceMode.choices)
    is_head = models.BooleanField(default=False)
    # Recorded during or after the meeting; empty until then.
    presence = models.CharField(max_length=10, choices=Presence.choices, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "state__iso3", "person__rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_registration_per_person"
            ),
            models.UniqueConstraint(
                fields=["meeting", "state"],
                condition=Q(is_head=True),
                name="one_head_per_delegation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.state}) at meeting {self.meeting_id}"


def statement_upload_to(instance: Statement, filename: str) -> str:
    return f"meetings/{instance.meeting_id}/statements/{uuid.uuid4().hex[:8]}-{filename}"


class Statement(models.Model):
    """A statement a delegation delivered (or circulated) on an agenda item. The text is
    extracted from the file and kept for search."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="statements")
    state = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="+")
    title = models.JSONField(default=dict, blank=True)  # {lang: text}, original: its own
    file = models.FileField(upload_to=statement_upload_to)
    kind = models.CharField(max_length=10)
    original_language = models.CharField(max_length=2, choices=Language.choices)
    text = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item__position", "uploaded_at", "id"]

    def __str__(self) -> str:
        return translated(self.title, "en", fallback=self.original_language) or (
            f"Statement of {self.state}"
        )


# --- Finding a date (issue 16) -------------------------------------------------------------


class PollStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PollAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    IF_NEED_BE = "if_need_be", _("If need be")
    NO = "no", _("No")


class DatePoll(models.Model):
    """The coordinator proposes times for a meeting; the focal points answer for their
    delegation; the chosen time becomes a (draft) meeting with the details kept here."""

    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="date_polls")
    title = models.CharField(max_length=300)
    original_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    level = models.CharField(max_length=20, choices=MeetingLevel.choices)
    format = models.CharField(max_length=20, choices=MeetingFormat.choices)
    venue_name = models.CharField(max_length=200, blank=True)
    venue_city = models.CharField(max_length=120, blank=True)
    online_url = models.URLField(max_length=500, blank=True)
    time_zone = models.CharField(max_length=64)
    duration_minutes = models.PositiveIntegerField(default=120)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PollStatus.choices, default=PollStatus.OPEN)
    chosen = models.ForeignKey(
        "DatePollOption", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="date_polls"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:poll", kwargs={"pk": self.pk})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_open(self) -> bool:
        return self.status == PollStatus.OPEN


class DatePollOption(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "starts_at"], name="one_option_per_time"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id} {self.starts_at:%Y-%m-%d %H:%M}"


class DatePollVote(models.Model):
    """A delegation's answer to one proposed time (its focal point answers for it)."""

    option = models.ForeignKey(DatePollOption, on_delete=models.CASCADE, related_name="votes")
    state = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=12, choices=PollAnswer.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "state"], name="one_vote_per_delegation"),
        ]

    def __str__(self) -> str:
        return f"{self.option_id} {self.state_id} {self.answer}"
