"""Flat settings, read from environment variables (Healthchecks style): each once, strictly (a wrong
value stops start-up with a Chinese message naming the variable). The README's Configuration table
lists every variable with its default and meaning; keep the two together."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from fanzha.dburl import parse_database_url

BASE_DIR = Path(__file__).resolve().parent


def _data_dir() -> Path:
    explicit = os.environ.get("FANZHA_DATA_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "fanzha"


def _positive_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
        raise ImproperlyConfigured(f"环境变量 {name} 应为不小于 {minimum} 的整数，实际为「{raw}」")
    return int(raw)


def _flag(name: str) -> bool:
    raw = os.environ.get(name, "").strip()
    if raw not in ("", "0", "1"):
        raise ImproperlyConfigured(f"环境变量 {name} 应为 0 或 1，实际为「{raw}」")
    return raw == "1"


def _host_names(name: str, default: str) -> list[str]:
    raw = os.environ.get(name, default)
    hosts = [host.strip() for host in raw.split(",") if host.strip()]
    if not hosts:
        raise ImproperlyConfigured(f"环境变量 {name} 应为逗号分隔的主机名，实际为「{raw}」")
    return hosts


DATA_DIR = _data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    explicit = os.environ.get("FANZHA_SECRET_KEY")
    if explicit:
        return explicit
    key_file = DATA_DIR / "secret.key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("FANZHA_DEBUG")
ALLOWED_HOSTS = _host_names("FANZHA_ALLOWED_HOSTS", "127.0.0.1,localhost")  # tests add "testserver"


def _origins(name: str) -> list[str]:
    origins = [o.strip() for o in os.environ.get(name, "").split(",") if o.strip()]
    wrong = [o for o in origins if not o.startswith(("http://", "https://"))]
    if wrong:
        raise ImproperlyConfigured(
            f"环境变量 {name} 应为以 http:// 或 https:// 开头的地址，实际有「{wrong[0]}」"
        )
    return origins


CSRF_TRUSTED_ORIGINS = _origins("FANZHA_CSRF_TRUSTED_ORIGINS")  # the HTTPS address behind a proxy

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "fanzha.core",
    "fanzha.accounts",
    "fanzha.audit",
    "fanzha.parameters",
    "fanzha.orgs",
    "fanzha.ledger",
    "fanzha.cases",
    "fanzha.imports",
    "fanzha.demo",
    "fanzha.assessment",
    "fanzha.reports",
    "fanzha.screening",
    "fanzha.prevention",
    "fanzha.warnings",
    "fanzha.keypersons",
    "fanzha.directory",
    "fanzha.series",
    "fanzha.clues",
    "fanzha.strike",
    "fanzha.funds",
    "fanzha.inspections",
    "fanzha.backup",
    "fanzha.meetings",
    "fanzha.campaigns",
    "fanzha.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fanzha.accounts.security_headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fanzha.audit.middleware.RequestIdMiddleware",
    "fanzha.accounts.security_headers.PrivateNoStoreMiddleware",
]

ROOT_URLCONF = "fanzha.urls"
WSGI_APPLICATION = "fanzha.wsgi.application"

FORM_RENDERER = "fanzha.web.forms_renderer.FormRenderer"
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
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'fanzha.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # a file, not memory, so that a test can watch a second process (an interrupted import) use it
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-fanzha.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (accounts.throttle): LOGIN_FAILURE_LIMIT failures for one user name from one
# address within the window lock that pair; LOGIN_ADDRESS_FAILURE_LIMIT over all names lock the address.
AUTHENTICATION_BACKENDS = ["fanzha.accounts.backends.ThrottledModelBackend"]
LOGIN_FAILURE_LIMIT = _positive_int("FANZHA_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = _positive_int("FANZHA_LOGIN_ADDRESS_FAILURE_LIMIT", 50)
LOGIN_FAILURE_WINDOW_SECONDS = _positive_int("FANZHA_LOGIN_FAILURE_WINDOW", 900)
API_TOKEN_DAYS = _positive_int("FANZHA_API_TOKEN_DAYS", 90)  # a token's life (accounts.api_tokens)

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: nothing to collect on an offline PC
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = _positive_int("FANZHA_IMPORT_MAX_BYTES", 500 * 1024 * 1024)

# Uploads and evidence are personal data: this account's only (the process also runs with umask 077,
# fanzha/cli.py). An import upload never confirmed, and its preview's error workbook, are removed after
# FANZHA_UPLOAD_RETENTION_HOURS (default 24; `fanzha prune-uploads`, and at each new upload).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
IMPORT_UPLOAD_RETENTION_HOURS = _positive_int("FANZHA_UPLOAD_RETENTION_HOURS", 24)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Served over HTTPS (a reverse proxy): FANZHA_SECURE_COOKIES=1 sends the cookies over HTTPS only;
# FANZHA_HSTS_SECONDS > 0 tells browsers to use nothing but HTTPS for that long (off by default).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("FANZHA_SECURE_COOKIES")
SECURE_HSTS_SECONDS = _positive_int("FANZHA_HSTS_SECONDS", 0, minimum=0)
# Content-Security-Policy and no-store for signed-in users: fanzha.accounts.security_headers

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "fanzha.accounts.api_tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["fanzha.core.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "fanzha.core.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fanzha 反诈中心平台 API",
    "DESCRIPTION": "案件台账、组织机构等接口。使用 `Authorization: Token <令牌>` 认证（令牌由 `fanzha token 用户名` 生成）。",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # one name for a choice set that two serializers use (the request's state and the 未成功 form)
    "ENUM_NAME_OVERRIDES": {
        "FailureReasonEnum": "fanzha.strike.models.FailureReason",
        "MeetingKindEnum": "fanzha.meetings.models.MeetingKind",
    },
}


def _log_level(name: str) -> str:
    raw = os.environ.get(name, "").strip().upper() or "WARNING"
    if raw not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ImproperlyConfigured(
            f"环境变量 {name} 应为 DEBUG、INFO、WARNING、ERROR 或 CRITICAL，实际为「{raw}」"
        )
    return raw


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _log_level("FANZHA_LOG_LEVEL")},
}
