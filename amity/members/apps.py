from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "amity.members"
    label = "members"
    verbose_name = "Groups and membership"

    def ready(self) -> None:
        from amity.core.registry import demo_loaders, holds_data, renamed_models
        from amity.members import demo
        from amity.members.models import Group

        demo_loaders.register(self.label, demo.load)
        # An installation's data hangs from its groups (the states are reference data).
        holds_data.register(self.label, Group.objects.exists)
        # Moved here with their tables (migrations members 0005, accounts 0003, core 0003):
        # backups taken before name them by their old app.
        renamed_models.register(
            self.label,
            {"accounts.grouprole": "members.grouprole", "core.auditentry": "members.auditentry"},
        )
