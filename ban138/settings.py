"""Settings for the Ban chỉ đạo 138 site, read from the environment (see README, "Production").

``DJANGO_ENV`` picks the mode: ``development`` (default: SQLite, DEBUG on, a throw-away key),
or ``production`` (no default secret, explicit hosts, HTTPS-only cookies and HSTS).
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured

from ban138.env import env_bool, env_choice, env_int, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
# BAN138_ENV_FILE=/etc/ban138.env: read it here, and be production unless it says otherwise.
ENV_FILE = load_env_file()

DJANGO_ENV = env_choice("DJANGO_ENV", "development", ("development", "production"))
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG không được bật khi DJANGO_ENV=production.")

if PRODUCTION:
    # No fallback: a production site signing sessions with a known key is an open door.
    SECRET_KEY = env_str("SECRET_KEY")
else:
    # A fresh random key per process is enough for development and tests.
    SECRET_KEY = env_str("SECRET_KEY", "dev-" + secrets.token_urlsafe(48))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS phải liệt kê tên miền của máy chủ (không dùng '*') khi chạy production."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Order matters for seed_demo: each app's demo data may use what the apps before it made.
LOCAL_APPS = ["ban138", "tips", "models_registry", "campaigns", "reports"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    # django-axes and django-otp's TOTP plugin under Vietnamese names (ban138/vendor_apps.py).
    "ban138.vendor_apps.AxesConfig",
    "django_otp",
    "ban138.vendor_apps.TOTPConfig",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    *LOCAL_APPS,
    "bench",  # generate_data and bench: tooling that reads every app, outside the core
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ban138.security.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ban138.committees.CommitteeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ban138.security.SessionTimeoutMiddleware",
    "ban138.otp.OTPRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ban138.urls"
WSGI_APPLICATION = "ban138.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ban138.context_processors.navigation",
                "ban138.context_processors.committee",
            ],
        },
    },
]

# SQLite by default so a fresh checkout just runs; DATABASE_URL selects PostgreSQL. Production
# has no default: a missing DATABASE_URL stops the process instead of opening an empty SQLite
# file (which is how a backup once saved 0 bytes with exit code 0).
_SQLITE_DEFAULT = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_DATABASE_URL = env_str("DATABASE_URL", "" if PRODUCTION else _SQLITE_DEFAULT)
if not _DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL là bắt buộc khi chạy production (ví dụ postgres://ban138@/ban138)."
    )
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0, minimum=0),
        conn_health_checks=True,
    )
}
# A streaming replica for report reads (ban138/routers.py); tests mirror it onto the default.
_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if _REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        _REPLICA_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0, minimum=0),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ban138.routers.ReportReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ban138.security.LocalWordsValidator"},
    # Issue 15.10: the username inside the password, and "aaaa…", "abcabc…", "123456…".
    {"NAME": "ban138.security.UsernameInPasswordValidator"},
    {"NAME": "ban138.security.RepetitivePasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username + address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads the request's user with its roles and commune in one query.
    "ban138.auth.AccessLoadingBackend",
]
# Brute force: 5 failures for one username lock it for 15 minutes — from that address, and from
# every other one too (issue 15.9: a guesser spread over many addresses is stopped as well). A try
# while locked does not restart the cool-off, so the lock does end; an administrator lifts it
# earlier with `manage.py axes_reset_username <name>`.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_CLIENT_IP_CALLABLE = "ban138.security.axes_client_ip"
AXES_VERBOSE = False

# Sessions: a new key at login and a flush at logout are Django's own; on top, an idle limit
# and an absolute limit enforced by ban138.security.SessionTimeoutMiddleware.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600, minimum=60)

# Two-factor sign-in (ban138/otp.py): in production police leaders, the chairman and
# administrators must use it; OTP_REQUIRED=false hands the choice to the committee profile's
# flags (admin, "Bảo mật đăng nhập").
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=PRODUCTION)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "ban138" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese conventions: 1.234,5 and dates as dd/mm/yyyy.
USE_THOUSAND_SEPARATOR = True
# Dates typed or picked are day/month/year whatever the browser's language, in the product's
# forms (ban138/fields.py) and in the admin alike: "04/01/2027" is 4 January. Django's "vi" format
# module leaves the input formats unset, so these lists are what every form reads; the first is
# the one fields display and the pickers write. ISO stays last for links that carry 2027-01-04.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
# 24-hour clock only.
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M"]
FIRST_DAY_OF_WEEK = 1

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
# Uploads (attachments, status-check photos) go through Django's storage API only — the views
# that serve them, the backup and the restore (ban138/backup.py) — so where they live is this
# one setting. Default: files under MEDIA_ROOT on this host. Several app hosts need one store
# they all see: S3_BUCKET selects django-storages' S3 backend (any S3-compatible object store,
# S3_ENDPOINT_URL for one that is not Amazon's), which needs the "s3" extra (boto3) installed.
# Objects are private (no ACL grant, signed URLs only) and the app never links to them: every
# file is streamed by a view that checks access (docs/DEPLOY.md, "Scale-out").
_S3_BUCKET = env_str("S3_BUCKET", "")
if _S3_BUCKET:
    try:
        import boto3  # noqa: F401 — the S3 backend needs it: say so at start, not at an upload
    except ImportError as exc:
        raise ImproperlyConfigured(
            "S3_BUCKET đã đặt nhưng chưa cài boto3: cài thêm gói tùy chọn s3 "
            "(pip install -e \".[s3]\" với requirements.lock làm ràng buộc)."
        ) from exc
    _UPLOADS = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "location": env_str("S3_PREFIX", "media"),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            # Empty: boto3 finds its own credentials (instance role, ~/.aws of the service user).
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            # Never overwrite: two hosts saving the same name keep both files.
            "file_overwrite": False,
        },
    }
else:
    _UPLOADS = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _UPLOADS,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from the apps and packages (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
# Uploads and backups: no other local user may read them (the service user alone).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
# /suc-khoe/ reports the backup as stale when the last good one is older than this.
BACKUP_MAX_AGE_HOURS = env_int("BACKUP_MAX_AGE_HOURS", 26, minimum=1)

# Background tasks (report files): django-tasks with its database backend — the queue is a
# table, the worker is `manage.py db_worker` (make run; ban138-worker.service in DEPLOY.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "bcd138@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Quản trị", addr) for addr in env_list("ADMIN_EMAILS", [])]
# The address mails link to (send_reminders runs outside a request, so it cannot ask the host).
SITE_URL = env_str(
    "SITE_URL", f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")

# --- Cache (ban138/caching.py) -------------------------------------------------------------------
# Badges, landing panels, register pages and filter choices, each dropped by the next write.
# The cache holds per-user pages and panels keyed by a data generation (ban138/caching.py), so
# every process that serves pages must see the same cache, or a write in one worker leaves the
# others serving stale pages. REDIS_URL=redis://127.0.0.1:6379/0 (Django's Redis backend) is shared
# by every worker and every host; CACHE_DIR shares a file cache among the workers of one host.
# Local memory is per process and only for development's one-process runserver: production
# refuses to start without one of the shared two (docs/DEPLOY.md, "Cache").
_REDIS_URL = env_str("REDIS_URL", "")
_CACHE_DIR = env_str("CACHE_DIR", "")
if _REDIS_URL:
    _CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ban138"),
    }
elif _CACHE_DIR:
    _CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": _CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
elif PRODUCTION:
    raise ImproperlyConfigured(
        "Khi chạy production cần bộ nhớ đệm dùng chung cho mọi tiến trình: đặt REDIS_URL "
        "(ví dụ redis://127.0.0.1:6379/0) hoặc CACHE_DIR (chỉ khi một máy chủ)."
    )
else:
    _CACHE = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    }
CACHES = {"default": _CACHE}

# --- Security: on in production, where the site sits behind HTTPS -----------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
CSRF_COOKIE_HTTPONLY = False  # forms post the token from the page; no script reads the cookie
# Behind exactly one reverse proxy (nginx) that sets X-Forwarded-Proto and appends the client's
# address to X-Forwarded-For. Set BEHIND_PROXY=false when the app faces clients directly.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=PRODUCTION)

# Content-Security-Policy (django-csp 4): scripts and styles only from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws its form and menu icons as data: SVG backgrounds.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"one_line_for_403": {"()": "ban138.logfilters.OneLineFor403"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["one_line_for_403"]},
    },
}

# --- Domain settings ---------------------------------------------------------------------------
# Self-managed security models with no status check for this many days are flagged "gone quiet".
MODELS_QUIET_DAYS = env_int("MODELS_QUIET_DAYS", 90, minimum=1)
# Largest attachment (tip scans, model photos) accepted, in bytes.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024, minimum=1024)
# Largest photo accepted, in pixels: a 50-megapixel phone camera fits; a decompression bomb
# (a tiny file that decodes into gigabytes) does not (ban138/uploads.py).
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 60_000_000, minimum=1_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440


# --- tips: informant encryption keys -----------------------------------------------------------
# Informants' identities are encrypted with keys of their own (never SECRET_KEY), each with an id
# stored in the ciphertext so keys can rotate: INFORMANT_KEYS="kid:base64-32-bytes[,kid2:...]",
# INFORMANT_ACTIVE_KEY_ID=kid (the key new ciphertext uses). Production must set both. Elsewhere,
# when unset, tips.crypto creates var/informant-keys.json (mode 0600) on first use.
def _informant_keys(raw: str | None) -> dict[str, bytes] | None:
    import base64

    if not raw:
        return None
    keys = {}
    for item in raw.split(","):
        kid, sep, encoded = item.strip().partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError:
            key = b""
        if not sep or not kid or len(key) != 32:
            raise ImproperlyConfigured(
                "INFORMANT_KEYS không hợp lệ: cần dạng kid:khoá-base64-32-byte[,kid2:...]."
            )
        keys[kid] = key
    return keys


INFORMANT_KEYS = _informant_keys(env_str("INFORMANT_KEYS", "") or None)
INFORMANT_ACTIVE_KEY_ID = env_str("INFORMANT_ACTIVE_KEY_ID", "") or None
INFORMANT_KEY_FILE = BASE_DIR / "var" / "informant-keys.json"
if PRODUCTION and not INFORMANT_KEYS:
    # Never fall back to a key file on a server: the keys are configured, or nothing starts.
    raise ImproperlyConfigured(
        "INFORMANT_KEYS và INFORMANT_ACTIVE_KEY_ID là bắt buộc khi chạy production."
    )
if INFORMANT_KEYS and INFORMANT_ACTIVE_KEY_ID not in INFORMANT_KEYS:
    if INFORMANT_ACTIVE_KEY_ID or PRODUCTION or len(INFORMANT_KEYS) != 1:
        raise ImproperlyConfigured(
            "INFORMANT_ACTIVE_KEY_ID phải là một kid có trong INFORMANT_KEYS."
        )
    INFORMANT_ACTIVE_KEY_ID = next(iter(INFORMANT_KEYS))
# Tips due within this many days are listed first and reminded of.
TIPS_DUE_SOON_DAYS = 5
