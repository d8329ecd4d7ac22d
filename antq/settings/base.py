"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The development key only ever serves a local embedded database; production refuses it.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # django-ninja's own static files: the API docs page serves Swagger UI from the site,
    # never from a CDN.
    "ninja",
    "simple_history",
    "axes",
    "huey.contrib.djhuey",
    "antq.core",
    "antq.units",
    "antq.accounts",
    "antq.models",
    "antq.forces",
    "antq.directives",
    "antq.campaigns",
    "antq.funding",
    "antq.tips",
    "antq.evaluation",
    "antq.reports",
    "antq.targets",
    "antq.awards",
    "antq.documents",
    "antq.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "antq.core.middleware.LanguageMiddleware",
    # A database that cannot be reached (a restart, a fail-over) answers 503, never 500.
    "antq.core.dbdown.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Per-address limits on the log-in and the public pages (antq.accounts.throttle).
    "antq.accounts.throttle.PublicRateLimitMiddleware",
    # Text, dates and years of every written form and JSON body, checked before any view.
    "antq.core.middleware.InputBoundsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it answers a locked-out log-in before any view runs.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy: every script, style, font and frame from the site itself; no inline
# code (HTMX and the vendored files need none). Images also as data: URIs, which Pico's CSS
# uses for its icons (chevrons, check marks).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The years any date or year of the system may fall in (provisional: no rule sets them;
# antq.core.bounds). 1945: the founding of the state.
ANTQ_YEAR_MIN = int(os.environ.get("ANTQ_YEAR_MIN", "1945"))
ANTQ_YEAR_MAX = int(os.environ.get("ANTQ_YEAR_MAX", "2100"))

ROOT_URLCONF = "antq.urls"
WSGI_APPLICATION = "antq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "antq" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "antq.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'antq.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; IMMEDIATE avoids "database is locked"
    # when two requests upgrade a read transaction to a write at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # Writers queue for the one write lock instead of failing after the default 5 s.
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# A read replica for the dashboards (antq.core.dbrouter), only when one is given.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["antq.core.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(-1, "antq.core.dbrouter.ReplicaPagesMiddleware")  # Axes stays last

if DEBUG:
    # `make run` shows the site's own error pages, never Django's URL map (after the CSP).
    MIDDLEWARE.insert(2, "antq.web.errors.OwnErrorPagesMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.Account"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A reason for a change is as long as the official needs (the default column holds 100).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out: five failed log-ins for one user name lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking by IP address too would lock out a whole commune office, which shares one public
# address behind its router, whenever one officer mistypes; so the lock is per user name.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Axes keeps no visitor's address in its tables; the per-address throttle of the log-in
# (antq.accounts.throttle) counts failures in the cache under a keyed hash of the address,
# with a higher limit than the per-user-name lock-out. Provisional defaults: no rule sets them.
AXES_CLIENT_IP_CALLABLE = "antq.accounts.throttle.no_address"
ANTQ_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("ANTQ_LOGIN_FAILURES_PER_ADDRESS", "30"))
ANTQ_LOGIN_FAILURE_MINUTES = int(os.environ.get("ANTQ_LOGIN_FAILURE_MINUTES", "15"))
# The request header a trusted reverse proxy sets to the visitor's address, e.g.
# "HTTP_X_REAL_IP"; empty: REMOTE_ADDR. Behind a proxy it must be set, or every visitor
# shares the proxy's counter.
ANTQ_CLIENT_ADDRESS_META = os.environ.get("ANTQ_CLIENT_ADDRESS_META", "")
# A cache that cannot be reached lets requests through (axes still locks per user name).
RATELIMIT_FAIL_OPEN = True
# How many days an API token works: the province's choice (provisional default).
ANTQ_API_TOKEN_DAYS = int(os.environ.get("ANTQ_API_TOKEN_DAYS", "90"))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "antq" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["antq.formats"]

# Uploaded dossiers and evidence; served only through views that check the reader's scope.
# Keys that encrypt the contact details citizens leave with a tip (Fernet, comma-separated;
# the first encrypts, all decrypt, so a key can be rotated).
TIPS_CONTACT_KEYS = os.environ.get("TIPS_CONTACT_KEYS", "")

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# var/ holds the embedded database and collected static files; WhiteNoise expects the latter.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "antq" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Uploads: a unit sheet of 100,000 rows is about 6 MB; larger files are refused with a message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ANTQ_IMPORT_MAX_BYTES = int(os.environ.get("ANTQ_IMPORT_MAX_BYTES", str(40 * 1024 * 1024)))

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work (large exports, reminders, year-end rollups) runs on Huey: an SQLite file
# by default, so nothing extra is needed; Redis when REDIS_URL is set. `manage.py run_huey`
# is the worker and also fires the periodic tasks (reminders).
HUEY = {
    "name": "antq",
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "results": True,
    "utc": False,
    **(
        {"huey_class": "huey.RedisHuey", "connection": {"url": os.environ["REDIS_URL"]}}
        if os.environ.get("REDIS_URL")
        else {"huey_class": "huey.SqliteHuey", "filename": str(BASE_DIR / "var" / "huey.sqlite3")}
    ),
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ANTQ <antq@localhost>")
# The SMTP relay, when EMAIL_BACKEND is Django's smtp backend (Django's defaults otherwise).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# The province `make run` loads by default (Thanh Hóa).
ANTQ_DEFAULT_PROVINCE = os.environ.get("ANTQ_PROVINCE", "38")
ANTQ_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
