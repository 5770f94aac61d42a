"""One settings module for both modes, driven by environment variables.

Embedded default: SQLite under ``var/``, in-memory channel layer, local-memory cache, tasks run
in-process. Scale: ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` (cache, channel layer,
Celery broker).
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("AMITY_VAR_DIR", BASE_DIR.parent / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("AMITY_DEBUG")

_DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'amity.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL") or _DEFAULT_DATABASE_URL
EMBEDDED = DATABASE_URL.startswith("sqlite")
REDIS_URL = os.environ.get("REDIS_URL", "")


def _secret_key() -> str:
    key = os.environ.get("AMITY_SECRET_KEY")
    if key:
        return key
    if not DEBUG and DATABASE_URL != _DEFAULT_DATABASE_URL and not os.environ.get("PYTEST_VERSION"):
        raise RuntimeError(
            "AMITY_SECRET_KEY must be set when DEBUG is off and a non-default database is used."
        )
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("AMITY_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list(
    "AMITY_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000"
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.sitemaps",
    "channels",
    # In the order of the layers (docs/architecture.md), which is also the order of the apps'
    # hooks (amity.core.registry): the demo loaders run bottom up.
    "amity.core",
    "amity.members",
    "amity.accounts",
    "amity.meetings",
    "amity.live",
    "amity.documents",
    "amity.circulation",
    "amity.publishing",
    # Last among the domain apps: its demo loader indexes what the others loaded.
    "amity.search",
    "amity.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "amity.core.audit.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "amity.urls"
ASGI_APPLICATION = "amity.asgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amity.core.context_processors.languages",
            ],
        },
    },
]

# Connections are kept between requests (with a health check): opening one per request costs
# more than most of Amity's queries.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
# PostgreSQL: each process holds at most AMITY_DB_POOL_MAX connections, in psycopg's pool
# (Django 5.2 OPTIONS["pool"]); a request waits up to AMITY_DB_POOL_TIMEOUT seconds for one
# rather than opening more, and idle ones beyond the minimum close after a minute. Pooled
# connections are not persistent ones: CONN_MAX_AGE is 0 (docs/decisions.md, issue 11).
AMITY_DB_POOL_MAX = int(os.environ.get("AMITY_DB_POOL_MAX", "8"))
AMITY_DB_POOL_TIMEOUT = float(os.environ.get("AMITY_DB_POOL_TIMEOUT", "20"))
if not EMBEDDED and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, AMITY_DB_POOL_MAX),
        "max_size": AMITY_DB_POOL_MAX,
        "timeout": AMITY_DB_POOL_TIMEOUT,
        "max_idle": 60.0,
    }
if EMBEDDED:
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    # A file, not memory, so that the live server of the browser tests (another thread)
    # sees the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            # Redis away: reads miss, writes are skipped (amity.core.redis_cache).
            "BACKEND": "amity.core.redis_cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("AMITY_CACHE_PREFIX", "amity"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": os.environ.get("AMITY_CACHE_PREFIX", "amity"),
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = _env_bool("AMITY_TASKS_EAGER")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Worker tasks run in threads; package rendering has its own processes (amity.celery_app).
CELERY_WORKER_POOL = "threads"
# Public pages of a group (home, meeting, map, chart) are kept for anonymous readers at most
# this many seconds, and dropped at once when the group's public content changes
# (amity.core.cache). 0 turns the cache off.
AMITY_PUBLIC_PAGE_SECONDS = int(os.environ.get("AMITY_PUBLIC_PAGE_SECONDS", "60"))
CELERY_TASK_SERIALIZER = "json"
# Periodic jobs (celery beat, scale mode). A silence procedure whose deadline passed unbroken is
# also settled on the next page or API read, whichever comes first.
# The outbox (amity.core.outbox): side effects of committed writes, delivered at least once.
# A failed delivery is tried again after RETRY seconds, doubling up to RETRY_MAX, at most
# MAX_ATTEMPTS times, then shown to the group's coordinator as failed. A process delivering
# an entry holds it for LEASE seconds; after that it is presumed dead and the entry is taken
# again. The sweep (Celery beat in scale mode, a thread of the server in the embedded default)
# runs every SWEEP seconds; delivered entries are kept KEEP_DAYS days.
AMITY_OUTBOX_RETRY_SECONDS = float(os.environ.get("AMITY_OUTBOX_RETRY_SECONDS", "15"))
AMITY_OUTBOX_RETRY_MAX_SECONDS = float(os.environ.get("AMITY_OUTBOX_RETRY_MAX_SECONDS", "1800"))
AMITY_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("AMITY_OUTBOX_MAX_ATTEMPTS", "10"))
AMITY_OUTBOX_LEASE_SECONDS = float(os.environ.get("AMITY_OUTBOX_LEASE_SECONDS", "120"))
AMITY_OUTBOX_SWEEP_SECONDS = float(os.environ.get("AMITY_OUTBOX_SWEEP_SECONDS", "10"))
AMITY_OUTBOX_KEEP_DAYS = int(os.environ.get("AMITY_OUTBOX_KEEP_DAYS", "7"))
# A rendition job whose process shows no sign of life for this long is taken as abandoned
# (amity.circulation.jobs.recover): resumed, or failed after JOB_MAX_STARTS starts.
AMITY_JOB_STALE_SECONDS = float(os.environ.get("AMITY_JOB_STALE_SECONDS", "120"))
AMITY_JOB_MAX_STARTS = int(os.environ.get("AMITY_JOB_MAX_STARTS", "2"))
# Live clients receive the current version every AMITY_LIVE_HEARTBEAT_SECONDS and resync
# when they hold an older one, so that a lost broadcast heals (amity.live.fanout).
AMITY_LIVE_HEARTBEAT_SECONDS = float(os.environ.get("AMITY_LIVE_HEARTBEAT_SECONDS", "15"))
# The worker and beat note a heartbeat every AMITY_HEARTBEAT_SECONDS; /readyz reports one
# older than three intervals (amity.core.health).
AMITY_HEARTBEAT_SECONDS = float(os.environ.get("AMITY_HEARTBEAT_SECONDS", "15"))
CELERY_BEAT_SCHEDULER = "amity.celery_app:HeartbeatScheduler"
CELERY_BEAT_SCHEDULE = {
    "documents-settle-silence": {
        "task": "amity.documents.tasks.settle_silence",
        "schedule": 60.0,
    },
    "core-outbox-sweep": {
        "task": "amity.core.tasks.outbox_sweep",
        "schedule": AMITY_OUTBOX_SWEEP_SECONDS,
    },
    "circulation-recover-jobs": {
        "task": "amity.circulation.tasks.recover_jobs",
        "schedule": 60.0,
    },
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Login throttling: this many failures for one username or one address within the window
# lock further attempts until the window has passed.
AMITY_LOGIN_MAX_FAILURES = int(os.environ.get("AMITY_LOGIN_MAX_FAILURES", "5"))
AMITY_LOGIN_WINDOW_SECONDS = int(os.environ.get("AMITY_LOGIN_WINDOW_SECONDS", "900"))

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("zh-hans", "中文"),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["amity.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# The zone used to show times to a viewer who has not chosen one: New York, where missions sit.
AMITY_DEFAULT_VIEWER_TIME_ZONE = os.environ.get("AMITY_VIEWER_TIME_ZONE", "America/New_York")

STATIC_URL = "/static/"
# Only needed for `collectstatic` behind a proxy; WhiteNoise serves from the finders otherwise.
STATIC_ROOT = os.environ.get("AMITY_STATIC_ROOT") or None
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("AMITY_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "AMITY_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("AMITY_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("AMITY_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("AMITY_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("AMITY_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("AMITY_EMAIL_TLS")
# A mail server that does not answer fails the attempt (retried by the outbox), rather than
# holding a thread for ever.
EMAIL_TIMEOUT = float(os.environ.get("AMITY_EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = os.environ.get("AMITY_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# The public address of the site, for links in e-mail and calendar files.
AMITY_SITE_URL = os.environ.get("AMITY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("AMITY_FROM_EMAIL", "amity@localhost")

# Machine translation (optional): a LibreTranslate-compatible service proposes draft translations.
AMITY_MT_URL = os.environ.get("AMITY_MT_URL", "").strip()
AMITY_MT_API_KEY = os.environ.get("AMITY_MT_API_KEY", "")

# State names are the UN's in six languages (amity/members/data); an installation may override them:
# AMITY_STATE_NAME_OVERRIDES="IRN=Iran (Islamic Republic of);IRN:fr=Iran (République islamique d')"
# (a bare ISO3 code overrides the English name, ISO3:lang the name in that language)
AMITY_STATE_NAME_OVERRIDES = {
    code.strip().upper(): name.strip()
    for code, _sep, name in (
        item.partition("=")
        for item in os.environ.get("AMITY_STATE_NAME_OVERRIDES", "").split(";")
        if "=" in item
    )
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "amity.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("AMITY_LOG_LEVEL", "WARNING")},
}
