from django.core.management.base import BaseCommand

from amity.accounts.demo import DEMO_LOGINS


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write("\nAmity demo — http://127.0.0.1:8000/en/\n")
        self.stdout.write("Demo logins (username / password):")
        for username, password, who in DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} / {password:<18} {who}")
        self.stdout.write("")
