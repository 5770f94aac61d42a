from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from amity.accounts.models import ApiToken, User
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
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]
