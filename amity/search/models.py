"""The search index: one row per object and language, fed by the services of every app.

The text index itself lives beside this table and is not a Django model: on SQLite an FTS5
virtual table ``search_fts`` (trigram tokenizer), on PostgreSQL a table ``search_pg`` with
``tsvector`` columns (see migrations 0002, 0003 and ``index.py``). Both hold the
normalised text (``text.normalise``) and are keyed by ``SearchEntry.id``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    AGENDA_ITEM = "agenda_item", _("Agenda item")
    STATEMENT = "statement", _("Statement")
    MEETING_DOCUMENT = "meeting_document", _("Meeting document")
    DOCUMENT = "document", _("Document")
    PRESS_RELEASE = "press_release", _("Press release")
    INITIATIVE = "initiative", _("Initiative")


class Audience(models.TextChoices):
    """Who may find an entry. Each level includes the ones below it in this list:
    the coordinator finds everything of the group, focal points all but ``coordinator``,
    observers ``participants`` and ``public``, everyone else ``public`` only."""

    PUBLIC = "public", _("Everyone")
    # Any role in the group: coordinator, focal points and observers (members-only meetings).
    PARTICIPANTS = "participants", _("Participants, observers included")
    # Coordinator and focal points of member states.
    MEMBERS = "members", _("Member states")
    # Only the coordinator (e.g. a meeting still in draft).
    COORDINATOR = "coordinator", _("Coordinator")


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    # The object's key, e.g. "meeting:12" or "meeting:12/statement:40"; one row per language.
    key = models.CharField(max_length=200)
    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="+")
    # One of the six content languages, or "" when unknown.
    language = models.CharField(max_length=2, blank=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    # Drafts are never found by the public, whatever the audience says.
    is_draft = models.BooleanField(default=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # When the object (not this row) last changed.
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="one_entry_per_key_language")
        ]
        indexes = [
            models.Index(fields=["group", "audience"]),
            models.Index(fields=["kind", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} [{self.language or '?'}]"
