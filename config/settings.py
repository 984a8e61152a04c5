"""Tripdesk settings: every value comes from the environment, with an embedded default.

The README's configuration table documents each variable. The defaults run the whole
app on one machine with no server besides Python: SQLite under var/, Celery on kombu's
filesystem transport under var/, e-mail printed to the console (and kept in the mail log).
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
# A .env file beside manage.py is read when present (never committed); real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The key in this file is public, so it may sign nothing outside development: with DEBUG off
# the app refuses to start without SECRET_KEY. Test runs are development too: pytest sets
# PYTEST_VERSION for its session (and hands it to the processes it starts) before the
# settings load, so a plain `pytest` needs nothing set.
DEVELOPMENT_KEY = "insecure-development-key-set-SECRET_KEY-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or "PYTEST_VERSION" in os.environ):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off: set SECRET_KEY to a long random value, "
            "for example the output of "
            '`python -c "import secrets; print(secrets.token_urlsafe(50))"`, '
            "or set DEBUG=true on a development machine."
        )
    SECRET_KEY = DEVELOPMENT_KEY
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form gets the app's own page (translated, with the navigation).
CSRF_FAILURE_VIEW = "accounts.errors.csrf_failure"

# HTTPS=true behind TLS: secure cookies, redirect to https, HSTS. Off by default so the
# embedded server works over plain http on 127.0.0.1.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    # Lowest layer first (see ARCHITECTURE.md): each imports only from those above it here.
    "outbox",
    "accounts",
    "directory",
    "trips",
    "notices",
    "followups",
    "briefings",
    "logistics",
    "printing",
    "desk",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.sliding_session",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.vary_on_htmx",
    # A creating form sent twice makes one row (after messages and htmx: it answers with both).
    "accounts.submissions.SubmittedOnce",
    # Last: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
    {
        # Subjects and plain-text bodies of e-mails: no HTML escaping ("Talks <A & B>" is
        # written as typed). Only outbox.mail renders with it; HTML stays autoescaped.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tripdesk.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so a Celery worker started by a test sees the test database;
    # one per test process, so that two test runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:dashboard"
# Axes first: it refuses a locked-out username and address before any password is checked.
# Then Django's accounts, the signed-in user loaded with their profile (its name heads every page).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.ProfileBackend",
]

# Brute force: after AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that pair is refused for AXES_COOLOFF_MINUTES. By the pair, not the username alone, so
# that nobody can lock the leader out from everywhere; never for good.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The cool-off runs from the lock-out: more tries meanwhile do not push the end further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"

# Sessions end after SESSION_IDLE_HOURS without a request (config.middleware.sliding_session
# pushes the end on as the session is used) and when the browser closes; a password change
# ends the user's other sessions (Django's session auth hash).
SESSION_COOKIE_AGE = int(
    timedelta(hours=env.float("SESSION_IDLE_HOURS", default=8)).total_seconds()
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "config.sessions"

# The cache holds rate-limit counters only. Several web processes should share one (Redis):
# a local-memory cache counts per process.
CACHES = {
    "default": env.cache_url(
        "CACHE_URL", default=env.str("REDIS_URL", default="") or "locmemcache://"
    )
}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # An unreachable Redis must not hang a page; the throttle then lets the request through.
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=2, socket_timeout=2)
# Requests per hour: password resets per address and per e-mail; host units' messages per
# notice and per address.
PASSWORD_RESET_LIMIT = env.int("PASSWORD_RESET_LIMIT", default=5)
NOTICE_MESSAGE_LIMIT = env.int("NOTICE_MESSAGE_LIMIT", default=10)

# Content-Security-Policy: scripts and styles from our own origin only. Inline style
# attributes stay allowed (style-src-attr): the timeline and seating plan position their
# blocks with computed styles, which the printed trip pack reuses without JavaScript.
# Inline <style> elements and every inline script are refused.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        # The mail log shows an e-mail's HTML in a sandboxed srcdoc frame (no URL to load).
        "frame-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files (briefing attachments) live outside the web root and are served by views
# that check access; MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# E-mail: EMAIL_URL like smtp://user:pass@host:587/?tls=True; default prints to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tripdesk <tripdesk@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Domain in Message-IDs and in links inside e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The issuing office (发文机关) that signs the notices to host units (their 落款), per language.
OFFICE_NAME = env.str("OFFICE_NAME", default="办公室")
OFFICE_NAME_EN = env.str("OFFICE_NAME_EN", default="The Office")
# The office's 公函 numbers (发文字号) read PREFIX + [2026] + 15号, e.g. with "青政办函"
# (notices.letters).
OFFICE_LETTER_PREFIX = env.str("OFFICE_LETTER_PREFIX", default="")
# The office's licensed fonts for GB/T 9704 paper (方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312),
# used when present there instead of the shipped open stand-ins (printing.letters).
OFFICE_FONT_DIR = env.str("OFFICE_FONT_DIR", default="")

# What the party pays a host for meals and cars (财政部等《关于党政机关工作人员出差...》
# 2019: breakfast 20 % and lunch or dinner 40 % of the day's 伙食补助费; the host's cars 50 %
# of the day's 市内交通费 per half day, where the host has no price of its own), per person
# in yuan; the central standard (财行 2013 No. 531: 100 and 80 a day) by default.
RECEPTION_MEAL_ALLOWANCE = env.float("RECEPTION_MEAL_ALLOWANCE", default=100.0)
RECEPTION_TRANSPORT_ALLOWANCE = env.float("RECEPTION_TRANSPORT_ALLOWANCE", default=80.0)
# A calendar subscription address stops working this many days after it was made (the user
# makes a new one on the profile page); 0: it works until replaced.
CALENDAR_FEED_DAYS = env.int("CALENDAR_FEED_DAYS", default=0)
# The trip's own lodging estimate per person and night (yuan), within the office's cap under
# the travel rules (the caps differ by city and grade; the office sets its own).
TRIP_LODGING_PER_NIGHT = env.float("TRIP_LODGING_PER_NIGHT", default=450.0)
# The host's link opens its 接待清单 this many days after the trip's last day.
RECEPTION_LIST_DAYS = env.int("RECEPTION_LIST_DAYS", default=30)

# Outbox delivery: a claimed row is leased; temporary failures back off, doubling up to a cap,
# for OUTBOX_GIVE_UP_AFTER_HOURS after the first attempt; a 5xx refusal fails at once.
OUTBOX_RETRY_BASE = timedelta(seconds=env.int("OUTBOX_RETRY_BASE_SECONDS", default=30))
OUTBOX_RETRY_MAX = timedelta(seconds=env.int("OUTBOX_RETRY_MAX_SECONDS", default=600))
OUTBOX_GIVE_UP_AFTER = timedelta(hours=env.float("OUTBOX_GIVE_UP_AFTER_HOURS", default=48))
# Claims whose worker died (lease ran out) before an e-mail is given up as poisonous.
OUTBOX_MAX_CRASHES = env.int("OUTBOX_MAX_CRASHES", default=5)
# A dead worker's e-mail is taken again when its lease runs out: the lease is the recovery
# time after a crash, so short, but longer than any task may run (checked below).
OUTBOX_LEASE = timedelta(seconds=env.int("OUTBOX_LEASE_SECONDS", default=120))
# Room between the task's hard time limit and the lease's end (clock skew, the last write).
OUTBOX_LEASE_MARGIN = timedelta(seconds=env.int("OUTBOX_LEASE_MARGIN_SECONDS", default=10))
OUTBOX_SWEEP_SECONDS = env.float("OUTBOX_SWEEP_SECONDS", default=30.0)
# A new row's own task gets this long before the sweep queues it again.
OUTBOX_SWEEP_GRACE = timedelta(
    seconds=env.float("OUTBOX_SWEEP_GRACE_SECONDS", default=2 * OUTBOX_SWEEP_SECONDS)
)
# Publishing a task from the app (a web request) waits at most this long for the broker,
# once: the row is saved already and the sweep delivers it if the publish fails.
OUTBOX_PUBLISH_TIMEOUT = env.float("OUTBOX_PUBLISH_TIMEOUT_SECONDS", default=1.0)

# Notices to host units (the notices app): a unit that has not acknowledged within this many
# hours is reminded once and the secretaries alerted; every unit is reminded before its
# visit ("1d 09:00": the day before at 09:00 on the trip's clock); beat sweeps for due rows.
NOTICE_ACK_HOURS = env.int("NOTICE_ACK_HOURS", default=24)
NOTICE_VISIT_REMINDER = env.str("NOTICE_VISIT_REMINDER", default="1d 09:00")
NOTICE_SWEEP_SECONDS = env.float("NOTICE_SWEEP_SECONDS", default=60.0)

# Follow-up items (followups.reminders): the owner department is reminded this many days
# before the due date and daily once overdue, one digest per department, from this hour of
# the office's day; the leader's weekly digest goes on this weekday (0 = Monday), or at the
# first run after it when beat was down that day. A department's signed link to its items
# works this many days, until a new one replaces it.
FOLLOWUP_REMINDER_DAYS = env.int("FOLLOWUP_REMINDER_DAYS", default=3)
FOLLOWUP_DIGEST_HOUR = env.int("FOLLOWUP_DIGEST_HOUR", default=8)
FOLLOWUP_LEADER_WEEKDAY = env.int("FOLLOWUP_LEADER_WEEKDAY", default=0)
FOLLOWUP_LINK_DAYS = env.int("FOLLOWUP_LINK_DAYS", default=60)
# 督办 lights and 催办 (followups.urging): an open item turns yellow this many days before its
# due date (or once returned), red when overdue (or returned twice); after this many 催办
# rounds with no answer from the department, it goes to its leader (需领导协调).
DUBAN_WARN_DAYS = env.int("DUBAN_WARN_DAYS", default=3)
DUBAN_ESCALATE_ROUNDS = env.int("DUBAN_ESCALATE_ROUNDS", default=3)
# The hour of the office's day from which each person's checklist digest goes.
CHECKLIST_DIGEST_HOUR = env.int("CHECKLIST_DIGEST_HOUR", default=7)

# Notes written without signal (static/js/notes.js) wait on the phone to be sent; a note or
# a draft left unsent this many hours is dropped from the phone when the page next loads (a
# lost phone keeps them no longer). An internal trip's are kept for the session only.
NOTE_QUEUE_HOURS = env.int("NOTE_QUEUE_HOURS", default=72)

# Celery. REDIS_URL unset: kombu's filesystem transport under var/, so a real worker and
# beat run with no server at all. Set it in production.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_DATA_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task of a killed worker comes back after this; the outbox sweep (after
        # OUTBOX_LEASE_SECONDS) is what brings its e-mail back, long before.
        "visibility_timeout": 3600,
        # The worker's and beat's own connection: a frozen Redis makes them reconnect.
        # Publishing from the app uses OUTBOX_PUBLISH_TIMEOUT instead (outbox.mail), so a
        # web request never waits these 5 + 10 s.
        "socket_connect_timeout": 5,
        "socket_timeout": 10,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    for _sub in ("queue", "processed", "control"):
        (CELERY_DATA_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        # Broadcast (worker control) messages; kombu's default is ./control in the cwd.
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "polling_interval": 0.2,  # the default second per poll makes a fan-out crawl
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# A hung SMTP conversation must not hold a worker forever; the outbox lease must outlast both.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
_LONGEST_TASK = timedelta(seconds=CELERY_TASK_TIME_LIMIT) + OUTBOX_LEASE_MARGIN
if OUTBOX_LEASE <= _LONGEST_TASK:
    # Otherwise the sweep takes a row again while its first send is still going out.
    raise ImproperlyConfigured(
        f"OUTBOX_LEASE_SECONDS ({OUTBOX_LEASE.total_seconds():.0f}) must be longer than "
        f"CELERY_TASK_TIME_LIMIT ({CELERY_TASK_TIME_LIMIT}) plus OUTBOX_LEASE_MARGIN_SECONDS "
        f"({OUTBOX_LEASE_MARGIN.total_seconds():.0f}): set OUTBOX_LEASE_SECONDS higher or "
        "CELERY_TASK_TIME_LIMIT lower."
    )
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT must be below CELERY_TASK_TIME_LIMIT: set them so."
    )
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "outbox.tasks.sweep", "schedule": OUTBOX_SWEEP_SECONDS},
    # Hourly, so a trip starts within the hour after midnight even if beat was down then.
    "trips-start-due": {"task": "trips.tasks.start_due_trips", "schedule": 3600.0},
    # Hourly: the first run from CHECKLIST_DIGEST_HOUR sends; its claim (outbox.claims,
    # unique per person and day) makes every later run that day, a rerun or a second beat
    # a no-op.
    "logistics-checklist-digests": {
        "task": "logistics.tasks.send_checklist_digests",
        "schedule": 3600.0,
    },
    # Hourly: from FOLLOWUP_DIGEST_HOUR the day's reminders and digests go; each is claimed
    # by a conditional update or an outbox claim, so later runs that day send nothing.
    "followups-reminders": {"task": "followups.tasks.send_reminders", "schedule": 3600.0},
    "trips-notice-reminders": {
        "task": "trips.tasks.send_due_notice_reminders",
        "schedule": NOTICE_SWEEP_SECONDS,
    },
    # Daily: printed documents nobody downloaded for PDF_CACHE_DAYS leave the cache.
    "printing-sweep-cache": {"task": "printing.tasks.sweep_cache", "schedule": 86400.0},
    # Daily: the one-time keys of forms sent a week ago are forgotten.
    "accounts-sweep-submissions": {
        "task": "accounts.tasks.sweep_submissions",
        "schedule": 86400.0,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Signed tokens in URL paths (host units' links, calendar feeds, password resets) are
# credentials: the loggers that write request paths redact them (config/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "config.logging.RedactTokens"}},
    "formatters": {
        # Django's own runserver format; restated because configuring the logger resets it.
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["redact_tokens"],
        },
        "django.request": {"filters": ["redact_tokens"]},
        "django.security.csrf": {"filters": ["redact_tokens"]},
        # WeasyPrint narrates every step of every PDF at INFO, and fontTools (its fallback
        # subsetter without HarfBuzz-subset) every table: warnings are what matter.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Printed documents (printing.cache): each PDF is kept under a hash of all it shows, so an
# unchanged document is rendered once. Safe to empty at any time; a daily job removes the
# files nobody downloaded for PDF_CACHE_DAYS.
PDF_CACHE_DIR = Path(env.str("PDF_CACHE_DIR", default=str(VAR_DIR / "pdf-cache")))
PDF_CACHE_DAYS = env.int("PDF_CACHE_DAYS", default=30)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="tripdesk-demo")
