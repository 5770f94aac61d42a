from django.contrib import admin

from amity.members.models import CoChair, Group, Membership, MembershipApplication, Person, State


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
