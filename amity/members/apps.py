from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "amity.members"
    label = "members"
    verbose_name = "Groups and membership"

    def ready(self) -> None:
        from amity.core.registry import (
            content_versions,
            demo_loaders,
            holds_data,
            renamed_models,
        )
        from amity.members import demo
        from amity.members.cache import group_public_version, site_public_version
        from amity.members.models import Group

        demo_loaders.register(self.label, demo.load)
        # Kept pages (core.cache, core.edge): a group's pages, and those listing every group's.
        content_versions.register("group", group_public_version)
        content_versions.register("site", site_public_version)
        # An installation's data hangs from its groups (the states are reference data).
        holds_data.register(self.label, Group.objects.exists)
        # Moved here with their tables (migrations members 0005, accounts 0003, core 0003):
        # backups taken before name them by their old app.
        renamed_models.register(
            self.label,
            {"accounts.grouprole": "members.grouprole", "core.auditentry": "members.auditentry"},
        )
