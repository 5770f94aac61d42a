from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amity.members.models import (
    AuditEntry,
    CoChair,
    Group,
    Membership,
    MembershipApplication,
    Person,
    State,
)


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["iso3", "iso2", "m49", "__str__", "status", "regional_group"]
    list_filter = ["status", "regional_group"]
    search_fields = ["iso3", "iso2", "names"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "founded_on"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["group", "state", "joined_on", "left_on"]
    list_filter = ["group"]
    # Writes go through services: the admin reads.
    readonly_fields = [
        "group",
        "state",
        "joined_on",
        "joined_precision",
        "joined_note",
        "left_on",
        "left_note",
    ]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["group", "state", "note_reference", "received_on", "status"]
    list_filter = ["group", "status"]


admin.site.register(CoChair)
admin.site.register(Person)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "group", "source", "ip_address"]
    list_filter = ["action", "source", "group"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
