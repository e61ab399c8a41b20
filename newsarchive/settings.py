"""Django settings for the 江南晚报 archive.

Everything the site writes (database, collected static files, search index, secret key,
first admin password) lives under DATA_DIR, so one folder is the whole state of a
deployment. Behaviour is configured through environment variables, listed in README.md.
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from newsarchive.client import trusted_proxies_from_env
from newsarchive.private_files import create_private_file

BASE_DIR = Path(__file__).resolve().parent.parent

DATA_DIR = Path(os.environ.get("NEWSARCHIVE_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def load_secret_key(path: Path) -> str:
    """Read the secret key from `path`, generating it on first use."""
    if not path.exists():
        # If another process wins the race, its key is the one we read back below.
        create_private_file(path, secrets.token_urlsafe(50))
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise ImproperlyConfigured(
            f"{path} is empty: delete it to generate a new key, or set DJANGO_SECRET_KEY"
        )
    return key


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or load_secret_key(DATA_DIR / "secret_key")

DEBUG = env_flag("DJANGO_DEBUG")

# The test client's "testserver" is added by Django's test setup (pytest-django calls it).
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

NEWSARCHIVE_PAPER = "江南晚报"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "simple_history",
    "articles.apps.AxesConfig",  # django-axes, under a Chinese name in the admin
    "csp",
    "articles",
    # After "articles": our rebuild_index (build aside, then swap) replaces haystack's.
    "haystack",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag + 304 for unchanged pages; PublicSiteMiddleware sets how long caches keep them.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Robots, cache and search-503 policy by URL; after auth, so it sees the logged-in user.
    "newsarchive.middleware.PublicSiteMiddleware",
    # At most NEWSARCHIVE_SEARCHES_PER_CLIENT searches at once per client, else 429.
    "newsarchive.search_limit.SearchConcurrencyMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsarchive.urls"
WSGI_APPLICATION = "newsarchive.wsgi.application"

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

if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            # Several gunicorn workers share one file: WAL lets readers run beside a
            # writer, and IMMEDIATE takes the write lock at BEGIN so a second writer
            # waits up to `timeout` seconds instead of failing with "database is locked".
            "OPTIONS": {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "admin:login"

# Staff login is rate-limited by django-axes: after AXES_FAILURE_LIMIT wrong passwords for one
# user name from one address, that pair is locked for AXES_COOLOFF_TIME. Locking the pair (not
# the address alone) keeps one guesser from locking out every editor behind the same proxy.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
# The address is the client's, not the same-host proxy's (newsarchive/client.py): the proxy's
# X-Forwarded-For is believed only from NEWSARCHIVE_TRUSTED_PROXIES (default: none).
AXES_CLIENT_IP_CALLABLE = "newsarchive.client.client_address"
NEWSARCHIVE_TRUSTED_PROXIES = trusted_proxies_from_env()
# Searches one client may run at once (newsarchive/search_limit.py); 0 turns the limit off.
NEWSARCHIVE_SEARCHES_PER_CLIENT = int(os.environ.get("NEWSARCHIVE_SEARCHES_PER_CLIENT", "2"))

LANGUAGE_CODE = "zh-hans"
# Chinese for the admin strings Django, django-axes and simple-history leave in English.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Needs `manage.py collectstatic` (make run does it); tests swap in the plain storage.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The live Whoosh index (a symlink to the current build: see articles/search/indexing.py).
SEARCH_INDEX_DIR = DATA_DIR / "whoosh_index"
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "articles.search.backend.ChineseWhooshEngine",
        "PATH": str(SEARCH_INDEX_DIR),
    },
}
# NEWSARCHIVE_SEARCH_ENGINE=xapian: the Xapian engine instead (docs/search.md), embedded under the
# data folder, or on xapian-tcpsrv shards with NEWSARCHIVE_XAPIAN_SHARDS=host:port,host:port
# (README, "Scaling out"). Both give the same results.
# (The tests accept a list, "whoosh,xapian", and run the engine-neutral modules on each; the site
# serves on the first.)
SEARCH_ENGINE = (os.environ.get("NEWSARCHIVE_SEARCH_ENGINE", "").split(",")[0].strip().lower()) or "whoosh"
if SEARCH_ENGINE not in ("whoosh", "xapian"):
    raise ImproperlyConfigured(f"NEWSARCHIVE_SEARCH_ENGINE must be whoosh or xapian, not {SEARCH_ENGINE!r}")
if SEARCH_ENGINE == "xapian":
    SEARCH_INDEX_DIR = DATA_DIR / "xapian_index"
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "articles.search.xapian_backend.XapianEngine",
            "PATH": str(SEARCH_INDEX_DIR),
            "SHARDS": [s.strip() for s in os.environ.get("NEWSARCHIVE_XAPIAN_SHARDS", "").split(",") if s.strip()],
        },
    }
# Nothing that serves a request writes to the index: ingest and the index commands do.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# Safe on plain-HTTP localhost; several of these restate Django's defaults on purpose.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# DJANGO_SECURE_HTTPS=1 when the site is reached over HTTPS through a reverse proxy on the
# same host. The proxy must send "X-Forwarded-Proto: https"; gunicorn trusts that header
# from 127.0.0.1 only (its forwarded_allow_ips default), so Django sees the request as secure.
if env_flag("DJANGO_SECURE_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    # Whether every subdomain is HTTPS too, and whether to ask browsers to preload the
    # domain, are the domain owner's promises, not this app's: opt in via the environment.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD")

CSRF_COOKIE_HTTPONLY = True  # no page script reads the token from the cookie
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# django-csp: everything from this origin only, and no inline script or style anywhere
# (templates load /static/ files instead), so injected markup cannot run.
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own handlers (console only under DEBUG, mail_admins) so each
        # record is printed once, whatever DEBUG is.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
