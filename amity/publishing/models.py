"""What a group makes public beyond its meetings: the General Assembly resolutions it builds on,
its initiatives and their history, its road maps, and its press releases.

Short multilingual fields are ``{language: text}`` JSON; a press release, whose language versions
are each drafted, reviewed and published on their own, is a row per language tied to its
siblings by a shared ``translation_key``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amity.core.languages import Language, translated


class Adoption(models.TextChoices):
    WITHOUT_VOTE = "without_vote", _("Adopted without a vote")
    CONSENSUS = "consensus", _("Adopted by consensus")
    VOTE = "vote", _("Adopted by a recorded vote")
    UNKNOWN = "unknown", _("Not recorded")


class Resolution(models.Model):
    """A General Assembly resolution that one or more groups build on."""

    symbol = models.CharField(max_length=40, unique=True)
    # The symbol is reported by secondary sources only and not yet checked against the UN's
    # documents system.
    symbol_verified = models.BooleanField(default=True)
    adopted_on = models.DateField()
    titles = models.JSONField(default=dict)
    ga_session = models.PositiveSmallIntegerField()
    agenda_item = models.PositiveSmallIntegerField(null=True, blank=True)
    agenda_item_titles = models.JSONField(default=dict, blank=True)
    adoption = models.CharField(max_length=20, choices=Adoption.choices, default=Adoption.UNKNOWN)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    # The number of co-sponsors as reported, when the list itself is not recorded.
    cosponsor_count = models.PositiveSmallIntegerField(null=True, blank=True)
    cosponsors = models.ManyToManyField("members.State", blank=True, related_name="+")
    groups = models.ManyToManyField("members.Group", blank=True, related_name="resolutions")
    note = models.JSONField(default=dict, blank=True)  # {lang: text}, original: English
    # Raised on every edit; an edit based on an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["adopted_on", "symbol"]

    def __str__(self) -> str:
        return self.symbol

    @property
    def title(self) -> str:
        return translated(self.titles)

    @property
    def short_symbol(self) -> str:
        """'71/275' for 'A/RES/71/275'."""
        return self.symbol.removeprefix("A/RES/")

    @property
    def ods_url(self) -> str:
        return f"https://undocs.org/{self.symbol}"


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    ENDORSED = "endorsed", _("Endorsed")
    BEING_IMPLEMENTED = "being_implemented", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    SHELVED = "shelved", _("Shelved")


class Initiative(models.Model):
    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="initiatives")
    titles = models.JSONField(default=dict)
    descriptions = models.JSONField(default=dict, blank=True)
    original_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    proposed_by = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The latest status, kept with the history rows so lists need no subquery.
    status = models.CharField(
        max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group", "created_at", "id"]

    def __str__(self) -> str:
        return translated(self.titles, "en", fallback=self.original_language)

    @property
    def title(self) -> str:
        return translated(self.titles, fallback=self.original_language)

    @property
    def description(self) -> str:
        return translated(self.descriptions, fallback=self.original_language)


class InitiativeStatusChange(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=InitiativeStatus.choices)
    on = models.DateField()
    note = models.JSONField(default=dict, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "on", "id"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.status} on {self.on}"


class RoadMap(models.Model):
    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="road_maps")
    titles = models.JSONField(default=dict)
    starts_on = models.DateField()
    ends_on = models.DateField()
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="road_maps"
    )
    note = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group", "-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="road_map_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return translated(self.titles, "en")

    @property
    def title(self) -> str:
        return translated(self.titles)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(models.Model):
    """An activity or event of a road map: what, when, where, who leads it, what came of it."""

    road_map = models.ForeignKey(RoadMap, on_delete=models.CASCADE, related_name="activities")
    titles = models.JSONField(default=dict)
    on = models.DateField()
    place = models.JSONField(default=dict, blank=True)  # {lang: text}, original: the group's
    lead_states = models.ManyToManyField("members.State", blank=True, related_name="+")
    status = models.CharField(
        max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    outcome = models.JSONField(default=dict, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["road_map", "on", "id"]
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return translated(self.titles, "en")

    @property
    def title(self) -> str:
        return translated(self.titles)


class PressStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PressRelease(models.Model):
    """One language version of a press release; its siblings share the ``translation_key``."""

    translation_key = models.UUIDField(default=uuid.uuid4, db_index=True)
    language = models.CharField(max_length=2, choices=Language.choices)
    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="news")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )
    status = models.CharField(max_length=10, choices=PressStatus.choices, default=PressStatus.DRAFT)
    headline = models.CharField(max_length=300, blank=True)
    # Sanitized HTML (nh3), never raw input.
    body = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "language"]
        indexes = [models.Index(fields=["group", "language", "status", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="one_press_release_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"[{self.language}] {self.headline or self.translation_key}"

    def get_absolute_url(self) -> str:
        return reverse(
            "publishing:news_detail",
            kwargs={"slug": self.group.slug, "key": self.translation_key},
        )

    @property
    def is_published(self) -> bool:
        return self.status == PressStatus.PUBLISHED
