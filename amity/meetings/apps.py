from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "amity.meetings"
    label = "meetings"
    verbose_name = "Meetings"
