from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from amity.accounts.models import ApiToken, Invitation, User
from amity.members.models import GroupRole


class GroupRoleInline(admin.TabularInline):
    model = GroupRole
    extra = 0
    autocomplete_fields = ["state"]


@admin.register(User)
class AmityUserAdmin(UserAdmin):
    inlines = [GroupRoleInline]
    fieldsets = (*UserAdmin.fieldsets, ("Amity", {"fields": ("display_name", "time_zone")}))  # type: ignore[misc]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "user",
        "name",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "group", "role", "state", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["key", "created_at", "accepted_at", "accepted_by", "invited_by"]
