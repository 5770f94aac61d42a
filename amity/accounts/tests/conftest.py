import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2(Argon2PasswordHasher):
    """Argon2 still, with tiny costs: these tests try many passwords, and the real costs take
    about a second each on a busy two-core machine."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1


@pytest.fixture(autouse=True)
def _cheap_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["amity.accounts.tests.conftest.CheapArgon2"]
