from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amity.core.models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """Read-only: the outbox for the site's administrators, across groups (a coordinator
    retries their group's failures from Manage → Deliveries)."""

    list_display = ["created_at", "handler", "subject", "group_pk", "status", "attempts", "due_at"]
    list_filter = ["status", "handler"]
    readonly_fields = [f.name for f in OutboxEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
