"""One settings module for both modes, driven by environment variables.

Embedded default: SQLite under ``var/``, in-memory channel layer, local-memory cache, tasks run
in-process. Scale: ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` (cache, channel layer,
Celery broker).
"""

import hashlib
import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

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


class SettingError(ImproperlyConfigured):
    """A setting missing, malformed or contradicting another: the server does not start, and
    the message names the setting."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem} (see docs/operations.md)")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(name, f"{value!r} is not a whole number") from None


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise SettingError(name, f"{value!r} is not a number") from None


def _env_networks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for item in _env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise SettingError(name, f"{item!r} is not an address or a network") from None
    return networks


DEBUG = _env_bool("AMITY_DEBUG")

_DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'amity.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL") or _DEFAULT_DATABASE_URL
EMBEDDED = DATABASE_URL.startswith("sqlite")
if not DATABASE_URL.startswith(("sqlite://", "postgres://", "postgresql://")):
    raise SettingError(
        "DATABASE_URL",
        # The scheme only: the rest may hold a password.
        f"{(urlsplit(DATABASE_URL).scheme or 'an address without a scheme')!r} is not supported: "
        "postgres://user:password@host:port/name, or sqlite:////path for the embedded mode",
    )
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise SettingError(
        "REDIS_URL",
        "is not a Redis address: it begins with redis://, rediss:// or unix:// "
        "(redis://host:6379/0)",
    )


def _secret_key() -> str:
    key = os.environ.get("AMITY_SECRET_KEY")
    if key:
        return key
    if not DEBUG and DATABASE_URL != _DEFAULT_DATABASE_URL and not os.environ.get("PYTEST_VERSION"):
        raise SettingError(
            "AMITY_SECRET_KEY",
            "must be set when AMITY_DEBUG is off and DATABASE_URL is not the embedded default",
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
    "csp",
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
    # Accounts (issue 14): allauth for sign-in, invitations' acceptance, password reset,
    # e-mail verification, the second factor and OpenID Connect; axes for fair lockout.
    "django.contrib.humanize",  # allauth's second-factor pages load it
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
]

MIDDLEWARE = [
    "amity.core.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "amity.core.staticfiles.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "amity.core.audit.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Sends a user who must have a second factor and has none to set one up.
    "amity.accounts.middleware.SecondFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout into its answer.
    "axes.middleware.AxesMiddleware",
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
AMITY_DB_POOL_MAX = _env_int("AMITY_DB_POOL_MAX", 8)
AMITY_DB_POOL_TIMEOUT = _env_float("AMITY_DB_POOL_TIMEOUT", 20.0)
if AMITY_DB_POOL_MAX < 1:
    raise SettingError("AMITY_DB_POOL_MAX", f"{AMITY_DB_POOL_MAX} connections: at least 1")
if AMITY_DB_POOL_TIMEOUT <= 0:
    raise SettingError("AMITY_DB_POOL_TIMEOUT", f"{AMITY_DB_POOL_TIMEOUT} seconds: more than 0")
if not EMBEDDED and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # With a pool, Django turns this into the pool's check on each checkout: a connection the
    # server closed (a restart, a failover, an administrator) is replaced, not handed out.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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


def _installation_prefix() -> str:
    """The default prefix of Redis keys and channels: one per database, so that two
    installations sharing a Redis never read each other's cache or live messages."""
    db = DATABASES["default"]
    where = f"{db['ENGINE']}|{db.get('HOST') or ''}|{db.get('PORT') or ''}|{db['NAME']}"
    return "amity-" + hashlib.sha256(where.encode()).hexdigest()[:12]


AMITY_CACHE_PREFIX = os.environ.get("AMITY_CACHE_PREFIX", "").strip() or _installation_prefix()

if REDIS_URL:
    CACHES = {
        "default": {
            # Redis away: reads miss, writes are skipped (amity.core.redis_cache).
            "BACKEND": "amity.core.redis_cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": AMITY_CACHE_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": AMITY_CACHE_PREFIX,
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
AMITY_PUBLIC_PAGE_SECONDS = _env_int("AMITY_PUBLIC_PAGE_SECONDS", 60)
CELERY_TASK_SERIALIZER = "json"
# Periodic jobs (celery beat, scale mode). A silence procedure whose deadline passed unbroken is
# also settled on the next page or API read, whichever comes first.
# The outbox (amity.core.outbox): side effects of committed writes, delivered at least once.
# A failed delivery is tried again after RETRY seconds, doubling up to RETRY_MAX, at most
# MAX_ATTEMPTS times, then shown to the group's coordinator as failed. A process delivering
# an entry holds it for LEASE seconds; after that it is presumed dead and the entry is taken
# again. The sweep (Celery beat in scale mode, a thread of the server in the embedded default)
# runs every SWEEP seconds; delivered entries are kept KEEP_DAYS days.
AMITY_OUTBOX_RETRY_SECONDS = _env_float("AMITY_OUTBOX_RETRY_SECONDS", 15.0)
AMITY_OUTBOX_RETRY_MAX_SECONDS = _env_float("AMITY_OUTBOX_RETRY_MAX_SECONDS", 1800.0)
AMITY_OUTBOX_MAX_ATTEMPTS = _env_int("AMITY_OUTBOX_MAX_ATTEMPTS", 10)
AMITY_OUTBOX_LEASE_SECONDS = _env_float("AMITY_OUTBOX_LEASE_SECONDS", 120.0)
AMITY_OUTBOX_SWEEP_SECONDS = _env_float("AMITY_OUTBOX_SWEEP_SECONDS", 10.0)
AMITY_OUTBOX_KEEP_DAYS = _env_int("AMITY_OUTBOX_KEEP_DAYS", 7)
# A rendition job whose process shows no sign of life for this long is taken as abandoned
# (amity.circulation.jobs.recover): resumed, or failed after JOB_MAX_STARTS starts.
AMITY_JOB_STALE_SECONDS = _env_float("AMITY_JOB_STALE_SECONDS", 120.0)
AMITY_JOB_MAX_STARTS = _env_int("AMITY_JOB_MAX_STARTS", 2)
# Live clients receive the current version every AMITY_LIVE_HEARTBEAT_SECONDS and resync
# when they hold an older one, so that a lost broadcast heals (amity.live.fanout).
AMITY_LIVE_HEARTBEAT_SECONDS = _env_float("AMITY_LIVE_HEARTBEAT_SECONDS", 15.0)
# A live client whose socket has not drained for this long (it stopped reading) is dropped; it
# reconnects and receives the whole state (amity.live.consumers).
AMITY_LIVE_STALLED_SECONDS = _env_float("AMITY_LIVE_STALLED_SECONDS", 30.0)
# Diagnostics for bench/live_fanout.py: the stage times of each live change (amity.live.trace).
AMITY_LIVE_TRACE_FILE = os.environ.get("AMITY_LIVE_TRACE_FILE", "")
# The worker and beat note a heartbeat every AMITY_HEARTBEAT_SECONDS; /readyz reports one
# older than three intervals (amity.core.health).
AMITY_HEARTBEAT_SECONDS = _env_float("AMITY_HEARTBEAT_SECONDS", 15.0)
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
# Login throttling (django-axes, amity.accounts.lockout): failures are counted per username
# and client address together, so someone elsewhere cannot lock a user out. After
# AMITY_LOGIN_MAX_FAILURES failures that pair waits AMITY_LOGIN_WINDOW_SECONDS, and the wait
# doubles with each further failure (at most a day).
AMITY_LOGIN_MAX_FAILURES = _env_int("AMITY_LOGIN_MAX_FAILURES", 5)
AMITY_LOGIN_WINDOW_SECONDS = _env_int("AMITY_LOGIN_WINDOW_SECONDS", 900)

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
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
WHITENOISE_AUTOREFRESH = DEBUG
# With AMITY_STATIC_ROOT (production: `amity collectstatic` first, docs/operations.md) the files
# get hashed names and compressed copies, and are served with a year's cache (WhiteNoise, or
# nginx from that folder). Without it (development, tests, the demo) they are served as they
# are from the source tree.
if STATIC_ROOT:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "amity.core.staticfiles.StaticFilesStorage"},
    }
    WHITENOISE_MAX_AGE = 365 * 24 * 3600
MEDIA_ROOT = Path(os.environ.get("AMITY_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# Bounded uploads (issue 14): size of one file, files per request, what a zip (.docx) may
# unpack to, paragraphs and pages read, and the wall time of reading one file. nginx's
# client_max_body_size is AMITY_REQUEST_MAX_MB (deploy/nginx-amity.conf).
AMITY_UPLOAD_MAX_MB = _env_int("AMITY_UPLOAD_MAX_MB", 20)
AMITY_UPLOAD_SCAN_MAX_MB = _env_int("AMITY_UPLOAD_SCAN_MAX_MB", 10)
DATA_UPLOAD_MAX_NUMBER_FILES = _env_int("AMITY_UPLOAD_MAX_FILES", 5)
AMITY_UPLOAD_ZIP_MAX_MB = _env_int("AMITY_UPLOAD_ZIP_MAX_MB", 100)
AMITY_UPLOAD_ZIP_MAX_ENTRIES = _env_int("AMITY_UPLOAD_ZIP_MAX_ENTRIES", 2000)
AMITY_UPLOAD_ZIP_MAX_RATIO = _env_int("AMITY_UPLOAD_ZIP_MAX_RATIO", 200)
AMITY_DOCX_MAX_PARAGRAPHS = _env_int("AMITY_DOCX_MAX_PARAGRAPHS", 5000)
AMITY_PDF_MAX_PAGES = _env_int("AMITY_PDF_MAX_PAGES", 1000)
AMITY_UPLOAD_READ_SECONDS = _env_float("AMITY_UPLOAD_READ_SECONDS", 20.0)
AMITY_UPLOAD_MAX_PER_ITEM = _env_int("AMITY_UPLOAD_MAX_PER_ITEM", 30)
AMITY_REQUEST_MAX_MB = _env_float("AMITY_REQUEST_MAX_MB", 30.0)
AMITY_REQUEST_BODY_SECONDS = _env_float("AMITY_REQUEST_BODY_SECONDS", 300.0)
# Live session (issue 14): token buckets for resync requests over the WebSocket (per
# connection, and per user across connections) and for requests for the floor (per user).
AMITY_LIVE_RESYNC_BURST = _env_float("AMITY_LIVE_RESYNC_BURST", 5.0)
AMITY_LIVE_RESYNC_PER_MINUTE = _env_float("AMITY_LIVE_RESYNC_PER_MINUTE", 30.0)
AMITY_LIVE_RESYNC_USER_BURST = _env_float("AMITY_LIVE_RESYNC_USER_BURST", 20.0)
AMITY_LIVE_RESYNC_USER_PER_MINUTE = _env_float("AMITY_LIVE_RESYNC_USER_PER_MINUTE", 120.0)
AMITY_LIVE_FLOOR_BURST = _env_float("AMITY_LIVE_FLOOR_BURST", 5.0)
AMITY_LIVE_FLOOR_PER_MINUTE = _env_float("AMITY_LIVE_FLOOR_PER_MINUTE", 6.0)

EMAIL_BACKEND = os.environ.get(
    "AMITY_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("AMITY_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("AMITY_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("AMITY_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("AMITY_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("AMITY_EMAIL_TLS")
# A mail server that does not answer fails the attempt (retried by the outbox), rather than
# holding a thread for ever.
EMAIL_TIMEOUT = _env_float("AMITY_EMAIL_TIMEOUT", 20.0)
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

# Logs on standard error (journald keeps them), one JSON object a line by default
# (python-json-logger; AMITY_LOG_FORMAT=text for people reading a terminal), each with the
# request id of the request or task it belongs to (amity.core.observability). One line per
# request at INFO on the "amity.request" logger unless AMITY_REQUEST_LOG=0. WeasyPrint and
# fontTools report every font and CSS quirk at INFO: kept at WARNING.
AMITY_LOG_FORMAT = os.environ.get("AMITY_LOG_FORMAT", "json").strip().lower()
if AMITY_LOG_FORMAT not in {"json", "text"}:
    raise SettingError("AMITY_LOG_FORMAT", f"{AMITY_LOG_FORMAT!r} is neither 'json' nor 'text'")
AMITY_LOG_LEVEL = os.environ.get("AMITY_LOG_LEVEL", "").strip().upper() or "WARNING"
if AMITY_LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise SettingError(
        "AMITY_LOG_LEVEL", f"{AMITY_LOG_LEVEL!r} is not DEBUG, INFO, WARNING, ERROR or CRITICAL"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "amity.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": AMITY_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": AMITY_LOG_LEVEL},
    "loggers": {
        "amity.request": {"level": "INFO" if _env_bool("AMITY_REQUEST_LOG", True) else "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The Celery worker logs through the same configuration (JSON, request ids).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Operations (issue 13, docs/operations.md) ------------------------------------------------

# HTTPS behind a proxy: one setting switches on secure cookies, HSTS, the redirect to https and
# trust in the proxy's X-Forwarded-Proto (the proxy must set it; deploy/nginx-amity.conf does).
AMITY_HTTPS = _env_bool("AMITY_HTTPS")
if AMITY_HTTPS:
    if not AMITY_SITE_URL.startswith("https://"):
        raise SettingError(
            "AMITY_SITE_URL",
            f"must be the https:// address of the site when AMITY_HTTPS is on, not {AMITY_SITE_URL!r}",
        )
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _env_int("AMITY_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The health checks answer over plain HTTP to the machine's own probes.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    # Preloading is a promise to browsers' built-in lists that an installation makes on purpose
    # (AMITY_HSTS_PRELOAD=1), not a default; the check that asks for it is silenced until then.
    SECURE_HSTS_PRELOAD = _env_bool("AMITY_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
elif AMITY_SITE_URL.startswith("https://") and not DEBUG:
    raise SettingError(
        "AMITY_HTTPS",
        f"AMITY_SITE_URL is {AMITY_SITE_URL!r}: set AMITY_HTTPS=1 so that cookies are sent over https only",
    )
_site_host = urlsplit(AMITY_SITE_URL).hostname or ""
if not _site_host:
    raise SettingError("AMITY_SITE_URL", f"{AMITY_SITE_URL!r} is not an address (https://host)")
if "*" not in ALLOWED_HOSTS and not any(
    _site_host == host or (host.startswith(".") and _site_host.endswith(host))
    for host in ALLOWED_HOSTS
):
    raise SettingError(
        "AMITY_ALLOWED_HOSTS",
        f"does not include {_site_host!r}, the host of AMITY_SITE_URL: every page would answer 400",
    )

# The reverse proxies in front of the server: their X-Forwarded-For is believed (audit log,
# login throttling: amity.core.audit.client_ip), anyone else's is ignored. The same list goes
# to uvicorn's --forwarded-allow-ips in deploy/.
AMITY_TRUSTED_PROXIES = _env_networks("AMITY_TRUSTED_PROXIES", "127.0.0.1,::1")

# Content-Security-Policy (django-csp): scripts, styles, fonts and pictures from the site's own
# files only; no inline script or style anywhere (a test reads every template); WebSockets to
# the same host ('self' covers ws:/wss: there).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Prometheus metrics at /metrics (amity.core.metrics): for a bearer token, or for the listed
# addresses or networks (the client's address as amity.core.audit.client_ip finds it). With
# neither, /metrics answers 404.
AMITY_METRICS_TOKEN = os.environ.get("AMITY_METRICS_TOKEN", "").strip()
AMITY_METRICS_ALLOW = _env_networks("AMITY_METRICS_ALLOW", "")

# A demo installation (`make demo`): `amity loaddemo` may load the demo, whose users have
# published passwords, even into a database that holds other data. Elsewhere it is refused
# unless the database is empty or forced (amity.core.management.commands.loaddemo).
AMITY_DEMO = _env_bool("AMITY_DEMO")

# The render processes that build packages (amity.circulation.package; about 150 MB each):
# how many (0: one per core), when they start ("eager": with the server or worker, warmed so
# the first package is fast; "lazy": with the first package), and how long they stay without a
# package before they stop (0: for ever). A small embedded server starts them lazily and lets
# them go after ten minutes; a scale-mode worker keeps them warm.
AMITY_RENDER_PROCESSES = _env_int("AMITY_RENDER_PROCESSES", 0)
AMITY_RENDER_START = os.environ.get("AMITY_RENDER_START", "eager" if REDIS_URL else "lazy").strip()
if AMITY_RENDER_START not in {"eager", "lazy"}:
    raise SettingError(
        "AMITY_RENDER_START", f"{AMITY_RENDER_START!r} is neither 'eager' nor 'lazy'"
    )
AMITY_RENDER_IDLE_SECONDS = _env_int("AMITY_RENDER_IDLE_SECONDS", 0 if REDIS_URL else 600)
for _name, _value in (
    ("AMITY_RENDER_PROCESSES", AMITY_RENDER_PROCESSES),
    ("AMITY_RENDER_IDLE_SECONDS", AMITY_RENDER_IDLE_SECONDS),
):
    if _value < 0:
        raise SettingError(_name, f"{_value} is below 0 (0 means the default)")

# --- accounts (issue 14): django-allauth, django-axes -----------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked username and address before any check.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "amity.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "amity.accounts.adapters.SocialAccountAdapter"
MFA_ADAPTER = "amity.accounts.adapters.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Demo and older accounts have no address yet: verification is asked, not required to sign in.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Sessions last SESSION_COOKIE_AGE as before allauth (no "remember me" box).
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Amity] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if AMITY_SITE_URL.startswith("https") else "http"
# Failures per username are counted by django-axes with the address (fair lockout); allauth
# keeps its per-address limits only, roomier, as a mission's staff share one address.
ACCOUNT_RATE_LIMITS = {"login_failed": "50/10m/ip", "login": "60/m/ip"}
# An invitation's link is valid this many days (amity.accounts.invitations).
AMITY_INVITATION_DAYS = _env_int("AMITY_INVITATION_DAYS", 14)

MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Amity"

SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Single sign-on with the missions' identity provider (OpenID Connect, code flow with PKCE):
# AMITY_OIDC_ISSUER, AMITY_OIDC_CLIENT_ID, AMITY_OIDC_CLIENT_SECRET, AMITY_OIDC_NAME (the
# button's label) and AMITY_OIDC_DOMAINS="mfa.gov.tm=TKM,mfa.kz=KAZ" (which e-mail domains
# speak for which state; ISO 3166 alpha-2 or alpha-3).
AMITY_OIDC_ISSUER = os.environ.get("AMITY_OIDC_ISSUER", "").strip().rstrip("/")
AMITY_OIDC_DOMAINS = {
    domain.strip().lower(): code.strip().upper()
    for domain, _sep, code in (
        item.partition("=") for item in os.environ.get("AMITY_OIDC_DOMAINS", "").split(",")
    )
    if domain.strip() and code.strip()
}
for _domain, _code in AMITY_OIDC_DOMAINS.items():
    if not (_code.isalpha() and len(_code) in (2, 3)):
        raise SettingError(
            "AMITY_OIDC_DOMAINS",
            f"{_domain}={_code}: a state is its ISO 3166 code of 2 or 3 letters (mfa.gov.tm=TKM)",
        )
if AMITY_OIDC_ISSUER and not os.environ.get("AMITY_OIDC_CLIENT_ID", "").strip():
    raise SettingError(
        "AMITY_OIDC_CLIENT_ID",
        "must be set when AMITY_OIDC_ISSUER is: the client registered at the identity provider",
    )
SOCIALACCOUNT_PROVIDERS: dict = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
if AMITY_OIDC_ISSUER:
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"] = [
        {
            "provider_id": "sso",
            "name": os.environ.get("AMITY_OIDC_NAME", "Single sign-on"),
            "client_id": os.environ.get("AMITY_OIDC_CLIENT_ID", ""),
            "secret": os.environ.get("AMITY_OIDC_CLIENT_SECRET", ""),
            "settings": {"server_url": AMITY_OIDC_ISSUER, "oauth_pkce_enabled": True},
        }
    ]

AXES_FAILURE_LIMIT = "amity.accounts.lockout.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = "amity.accounts.lockout.cooloff"
AXES_CLIENT_IP_CALLABLE = "amity.accounts.lockout.client_address"
AXES_USERNAME_CALLABLE = "amity.accounts.lockout.username_of"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "amity.accounts.lockout.locked_out"
AXES_VERBOSE = False
# The admin is reachable only when enabled; it signs in through the same throttled form.
AMITY_ADMIN_ENABLED = _env_bool("AMITY_ADMIN_ENABLED", True)
# Single sign-on (issue 14): the sign-in form posts to the site, which redirects to the identity
# provider; browsers apply form-action to that redirect, so the provider's origin is allowed.
if AMITY_OIDC_ISSUER:
    from urllib.parse import urlsplit as _urlsplit

    _issuer = _urlsplit(AMITY_OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_issuer.scheme}://{_issuer.netloc}"
    )
