from django.contrib import admin

from amity.meetings.models import AgendaItem, Meeting, Registration, Statement


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "level", "format", "status", "starts_at"]
    list_filter = ["group", "status", "level"]
    # Writes go through services (they send invitations and keep the audit log): the admin reads.
    readonly_fields = [f.name for f in Meeting._meta.fields]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "kind"]
    readonly_fields = [f.name for f in AgendaItem._meta.fields]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "state", "meeting", "attendance_mode", "is_head", "presence"]
    readonly_fields = [f.name for f in Registration._meta.fields]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "state", "original_language", "kind"]
    search_fields = ["text"]
    readonly_fields = [f.name for f in Statement._meta.fields]
