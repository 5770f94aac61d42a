from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "amity.members"
    label = "members"
    verbose_name = "Groups and membership"
