from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amity.core.languages import Language, translated


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "grulac", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHERS = "weog", _("Western European and other States")
    NONE = "none", _("No regional group")


class StateStatus(models.TextChoices):
    MEMBER = "member", _("Member State")
    OBSERVER = "observer", _("Observer State")


class State(models.Model):
    """A Member State or observer State of the United Nations (reference data)."""

    iso3 = models.CharField(max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, unique=True)
    m49 = models.CharField(max_length=3, unique=True)
    status = models.CharField(
        max_length=10, choices=StateStatus.choices, default=StateStatus.MEMBER
    )
    regional_group = models.CharField(max_length=20, choices=RegionalGroup.choices)
    # {"ar": ..., "zh": ..., "en": ..., "fr": ..., "ru": ..., "es": ...}
    names = models.JSONField(default=dict)

    class Meta:
        ordering = ["iso3"]
        verbose_name = _("state")

    def __str__(self) -> str:
        return self.names.get("en") or self.iso3

    @property
    def name(self) -> str:
        """The UN name in the active interface language (the UN English name when missing)."""
        return translated(self.names)

    def name_in(self, language: str) -> tuple[str, str]:
        """The UN name in ``language`` and the language it is in: the UN English name stands in
        for a missing one, and says so, so that a page can mark it (``lang="en"``)."""
        text = (self.names or {}).get(language)
        if text:
            return text, language
        return (self.names or {}).get("en") or self.iso3, "en"


class Group(models.Model):
    """A Group of Friends: informal, open-ended, around one cause."""

    slug = models.SlugField(max_length=80, unique=True)
    names = models.JSONField(default=dict)
    short_names = models.JSONField(default=dict, blank=True)
    cause = models.JSONField(default=dict, blank=True)
    working_methods = models.JSONField(default=dict, blank=True)
    original_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    founded_on = models.DateField(null=True, blank=True)
    founded_note = models.JSONField(default=dict, blank=True)  # {lang: text}
    initiated_by = models.ForeignKey(
        State, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # How many members the group itself reported (a press release, a letter), when, and where:
    # often more than the members whose names are public, which the member list holds.
    reported_member_count = models.PositiveSmallIntegerField(null=True, blank=True)
    reported_member_on = models.DateField(null=True, blank=True)
    reported_member_source = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The group's coordinators must sign in with a second factor (issue 14).
    coordinators_need_second_factor = models.BooleanField(default=False)
    # Raised on every edit of the profile: a save based on an older one is refused (409).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("group")

    def __str__(self) -> str:
        return self.names.get("en") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("members:group", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return translated(self.names, fallback=self.original_language)


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class MembershipQuerySet(models.QuerySet["Membership"]):
    """The rules "a member now" and "a member on date D", written once."""

    @staticmethod
    def current_condition(prefix: str = "") -> Q:
        """The condition of ``current()`` seen from another model (``prefix="memberships__"``),
        for annotations and joins."""
        return Q(**{f"{prefix}left_on__isnull": True})

    def current(self) -> MembershipQuerySet:
        """Periods still open: the state is a member now."""
        return self.filter(self.current_condition())

    def former(self) -> MembershipQuerySet:
        """Periods closed: the state left (and may have rejoined since)."""
        return self.filter(left_on__isnull=False)

    def on(self, day: datetime.date) -> MembershipQuerySet:
        """Periods in force on ``day``: joined on or before it and not left by then. A period
        whose date of accession is unknown cannot be placed in time and is left out."""
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class Membership(models.Model):
    """A state's membership of a group over a period. Leaving closes the period; the row stays,
    so that "who was a member on date D" can always be answered."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="memberships")
    # Null when the date of accession is not known (the demo leaves unknown facts empty).
    joined_on = models.DateField(null=True, blank=True)
    joined_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    joined_note = models.JSONField(default=dict, blank=True)  # {lang: text}
    left_on = models.DateField(null=True, blank=True)
    left_note = models.JSONField(default=dict, blank=True)  # {lang: text}

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "joined_on", "state__iso3"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "state"],
                condition=Q(left_on__isnull=True),
                name="one_current_membership_per_state",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} in {self.group}"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")


def application_upload_to(instance: MembershipApplication, filename: str) -> str:
    return f"notes-verbales/{instance.group.slug}/{instance.state.iso3.lower()}-{filename}"


class MembershipApplication(models.Model):
    """A state's request to join, received by note verbale, and the coordinator's decision."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="applications")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="applications")
    note_reference = models.CharField(max_length=120)
    note_date = models.DateField(null=True, blank=True)
    received_on = models.DateField()
    scan = models.FileField(upload_to=application_upload_to, blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    membership = models.OneToOneField(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "state"],
                condition=Q(status="pending"),
                name="one_pending_application_per_state",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} → {self.group} ({self.note_reference})"


class CoChair(models.Model):
    """A state co-chairing the group for a term."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="co_chairs")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.JSONField(default=dict, blank=True)  # {lang: text}, original: the group's

    class Meta:
        ordering = ["group", "-starts_on", "state__iso3"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="cochair_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} co-chair of {self.group}"

    def is_current_on(self, day: datetime.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or self.ends_on >= day
        )


class Rank(models.IntegerChoices):
    """The protocol ladder, highest first. The value orders precedence (lower speaks first)."""

    HEAD_OF_STATE = 10, _("Head of State")
    VICE_PRESIDENT = 20, _("Vice-President or Crown Prince")
    HEAD_OF_GOVERNMENT = 30, _("Head of Government")
    MINISTER = 40, _("Minister")
    DEPUTY_MINISTER = 50, _("Deputy Minister")
    AMBASSADOR = 60, _("Ambassador")
    MINISTER_COUNSELLOR = 70, _("Minister-Counsellor")
    COUNSELLOR = 80, _("Counsellor")
    FIRST_SECRETARY = 90, _("First Secretary")
    SECOND_SECRETARY = 100, _("Second Secretary")
    THIRD_SECRETARY = 110, _("Third Secretary")
    ATTACHE = 120, _("Attaché")
    ADVISER = 130, _("Adviser")


class PersonRole(models.TextChoices):
    MINISTER_FOREIGN_AFFAIRS = "mfa", _("Minister for Foreign Affairs")
    DEPUTY_MINISTER_FOREIGN_AFFAIRS = "deputy_mfa", _("Deputy Minister for Foreign Affairs")
    PERMANENT_REPRESENTATIVE = "pr", _("Permanent Representative")
    DEPUTY_PERMANENT_REPRESENTATIVE = "dpr", _("Deputy Permanent Representative")
    DELEGATE = "delegate", _("Delegate")
    EXPERT = "expert", _("Expert")
    OTHER = "other", _("Other")


class Person(models.Model):
    """Someone of a state's delegation to the group: a diplomat or an official."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="people")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="people")
    honorific = models.CharField(max_length=40, blank=True, help_text=_("e.g. H.E. Ms., Mr."))
    given_name = models.CharField(max_length=120, blank=True)
    family_name = models.CharField(max_length=120)
    # The full name in the scripts the delegation gives, by language: {"ru": "Аксолтан Атаева",
    # "ar": …, "zh": …}; letters and documents in that language use it.
    names = models.JSONField(default=dict, blank=True)
    # The official title as it should be read out, by language: {"en": "Minister …", "ru": …}.
    title = models.JSONField(default=dict, blank=True)
    rank = models.PositiveSmallIntegerField(choices=Rank.choices)
    role = models.CharField(max_length=20, choices=PersonRole.choices, default=PersonRole.DELEGATE)
    email = models.EmailField(blank=True)
    is_focal_point = models.BooleanField(default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["state__iso3", "rank", "family_name"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def name_in(self, language: str) -> tuple[str, str]:
        """The full name as written in ``language``'s script when the delegation gave it,
        else the name as entered; and the language the returned name is in ("" when it is the
        name as entered, whose language is not known)."""
        given = (self.names or {}).get(language, "").strip()
        return (given, language) if given else (self.full_name, "")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    FOCAL_POINT = "focal_point", _("Focal point")
    OBSERVER = "observer", _("Observer")


class GroupRole(models.Model):
    """What a user is in one group: its coordinator (for the chair's state), the focal point of
    a member state, or an observer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_roles"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    # The state the user acts for. Required for focal points; the chair's state for coordinators.
    state = models.ForeignKey(
        State, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.CharField(
        max_length=200, blank=True, help_text=_("For observers that are not states")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group", "role"], name="one_role_of_a_kind_per_group"
            ),
            models.CheckConstraint(
                condition=~Q(role="focal_point") | Q(state__isnull=False),
                name="focal_point_has_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.group}"


class AuditEntry(models.Model):
    """One write done by a service: who, when, from where, what, on which object."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # The group the object belongs to, so a coordinator can read the group's history.
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    data = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=20, blank=True, help_text=_("web, api, cli or task"))
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="members_audit_object"),
            # The group's latest entry is its public content version (members.selectors.
            # group_public_version, read by the page cache).
            models.Index(fields=["group", "id"], name="members_audit_group_latest"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def actor_label(self) -> str:
        """Who wrote: the user, or the name the system acted under (``core.actors``)."""
        if self.actor_id is not None:
            return str(self.actor)
        return str(self.data.get("system_actor", "")) if isinstance(self.data, dict) else ""
