from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amity.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from amity.accounts import demo, signals
        from amity.accounts.auth import token_user
        from amity.core.api import token_lookup
        from amity.core.registry import demo_loaders, demo_present

        demo_loaders.register(self.label, demo.load)
        demo_present.register(self.label, demo.present)
        token_lookup.register(self.label, token_user)
        signals.connect()
        # Register this app's outbox handlers (amity.core.outbox).
        from amity.accounts import handlers  # noqa: F401
