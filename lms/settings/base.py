"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see docs/operations.md):
``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL``, ``CELERY_BROKER_URL``,
``SITE_URL`` and ``EMAIL_URL``. Unset, they fall back to a zero-set-up development site:
SQLite, tasks run in-process, e-mail printed to the console.
"""

import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

# The public base URL: used where a link must work outside a request
# (QR codes on certificates, e-mails, the Wagtail admin's notifications).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "core",
    "accounts",
    "notices",
    "regions",
    "organisations",
    "courses",
    "classes",
    "certificates",
    "participation",
    "cms_pages",
    "reports",
    "privacy",
    "demo",
    "lms",  # the operators' commands: backup, restore
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.users_app.UsersAppConfig",  # Wagtail's users app, with our user editor
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: every later middleware, view and error log runs with the request's id.
    "lms.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache, so that a cached page gets the policy too (see "Security headers").
    "lms.csp.ContentSecurityPolicyMiddleware",
    # Before CommonMiddleware's host check: load balancers ask by address (lms.health).
    "lms.health.HealthCheckMiddleware",
    # Before the page cache: its key holds the language (read from the cookie, not the session).
    "lms.middleware.ChosenLanguageMiddleware",
    # Above every middleware that may set a cookie (sessions, CSRF, messages): a response reaches
    # the cache only once they all have had their say, and one that sets a cookie is not kept.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "privacy.middleware.ConsentRenewalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
# Public form fields render through one template (core/forms/field.html): {{ form.name.as_field_group }}.
FORM_RENDERER = "core.forms.FormRenderer"

# SQLite needs no server, so a first run works anywhere; production and CI set DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time and formats -------------------------------------------------------
# Bahasa Indonesia first. English is offered, but only when the visitor chooses it:
# see lms.middleware.ChosenLanguageMiddleware for why the browser's header is ignored.
LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", _("Bahasa Indonesia")),
    ("en", _("English")),
]
# The Wagtail admin offers the same two languages; staff choose theirs in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia")]
# First our own strings (makemessages writes them to the first entry), then Indonesian for the
# Wagtail admin strings Wagtail leaves untranslated: a folder no source file lives under, so
# makemessages never touches it (see the header of its django.po).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail_admin"]
USE_I18N = True
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Asia/Makassar"  # WITA: Balikpapan is in Kalimantan Timur, UTC+8
USE_TZ = True
# The time zones staff may choose in their admin account: Indonesia's three, WITA first. Wagtail's
# default is every name in the system's zoneinfo, Debian's "localtime" among them, which the
# browser refuses (RangeError: Invalid time zone specified) on the account page.
WAGTAIL_USER_TIME_ZONES = ["Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura"]  # WITA, WIB, WIT

# --- Static and media files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Issued certificates are personal data: kept outside MEDIA_ROOT (which a web server may serve
# to anyone) and sent only by the owner's download view. Shared storage, like MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "certificates": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Overwrite: a version's file name is fixed (<code>-v<number>.pdf), so a retry after a crash
        # between writing the file and committing its row replaces the orphan instead of adding one.
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "allow_overwrite": True},
    },
    # Suara Warga photos may show people, houses and number plates: private too, shown only to the staff
    # who may triage the item (participation.feedback_admin).
    "feedback_photos": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.path.join(PRIVATE_MEDIA_ROOT, "suara-warga")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Caches ------------------------------------------------------------------------------
# CACHE_URL (e.g. redis://127.0.0.1:6379/1) shares the caches between processes and
# machines; without it each process keeps its own, which is right for one process only.
# PAGE_CACHE_URL (default: CACHE_URL) gives the page cache a Redis of its own: in production one
# with a maxmemory and `allkeys-lru`, so that a flood of pages evicts old pages, never sessions,
# the sign-up and look-up limits' counters or Celery's messages (docs/security.md).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://default"),
    "pages": {
        **env.cache("PAGE_CACHE_URL", default=env("CACHE_URL", default="locmemcache://pages")),
        "KEY_PREFIX": "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,  # for a key set without its own timeout: it still expires
    },
}
# The first level of what pages share (core.page_cache.remember): each process's own copy.
CACHES["pages-local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages-local",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# A Redis CACHE_URL gives django-redis (django-environ picks it when it is installed): one Redis
# client per process, and with IGNORE_EXCEPTIONS an unreachable Redis is a cache miss (None, or the
# default asked for), never an error, so the site keeps serving, only slower: pages are computed
# (core.page_cache), sessions read from the database. Each ignored error is logged, with its traceback.
# A Redis that hangs rather than refuses would otherwise cost redis-py's default wait on every call
# of every request: one second is far above a healthy Redis's answer and caps that.
for _cache in CACHES.values():
    if _cache["BACKEND"] in ("django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache"):
        _cache["BACKEND"] = "django_redis.cache.RedisCache"
        _cache["OPTIONS"] = {
            **_cache.get("OPTIONS", {}),
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions are read from the cache (every logged-in request reads one) and kept in the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages as anonymous visitors see them, and the routes and fragments that logged-in
# pages share (core.page_cache).
PAGE_CACHE_ENABLED = True
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_LOCAL_ALIAS = "pages-local"
# A visitor whose page another process is rendering waits at most this long for its copy, then renders it.
PAGE_CACHE_RENDER_WAIT_SECONDS = 2
# /kelas/ and Wagtail's /_util/ read their own query parameters (a class code, a return address).
PAGE_CACHE_EXCLUDED_PREFIXES = [
    "/admin/",
    "/akun/",
    "/saya/",
    "/bahasa/",
    "/documents/",
    "/sertifikat/",
    "/kelas/",
    "/_util/",
]
# The only query parameters that change a public page; a cached page is keyed on these and the
# page is rendered without any other (utm_*, fbclid, ?x=1 ...), so made-up addresses share one
# copy. A view reading one of these must answer a value it does not know with a redirect or a
# 404, not a page (every value kept would be a copy of its own), and say it reads them
# (core.page_cache.query_parameters_read): on any other page they are rendered but never kept.
PAGE_CACHE_QUERY_PARAMETERS = [
    "topik",  # /kursus/?topik=lingkungan: the course list of one topic (courses.models.CourseIndexPage)
    # /suara-warga/: the published feedback of one category (its id) and one kelurahan (its BPS code), a
    # page of it; ?kode= is a tracking code typed in its look-up form, answered with a redirect to the
    # item's page (participation.feedback_views).
    "halaman",
    "kategori",
    "kelurahan",
    "kode",
]

# --- E-mail ------------------------------------------------------------------------------
# EMAIL_URL becomes EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER ... (django-environ's idiom).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Sekolah Warga <noreply@localhost>")

# --- Background work ------------------------------------------------------------------------
# With no broker, tasks run in-process at once (eager): a first run needs no server.
# With a broker (Redis or RabbitMQ) a real worker runs them.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Even an eager task borrows a producer from Celery's pool, whose connection to no broker makes kombu warn
# "No hostname was supplied" (once per new connection: every certificate, in a busy server). Without a
# broker that producer is an in-memory one that never sends anything; with a broker this stays unset.
CELERY_BROKER_WRITE_URL = None if CELERY_BROKER_URL else "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# With late acknowledgement, a task whose worker process is killed (SIGKILL, out of memory) goes
# back to the queue instead of being acknowledged as failed: a killed bulk job resumes.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
# A message not acknowledged within this time goes back to the queue (Redis): tasks are acknowledged
# late, so a killed worker's task runs again. No task may be scheduled further ahead than this
# (a retry's countdown or an ETA), or Redis would hand it out twice: see TASK_RETRY_BACKOFF_MAX.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Our tasks' longest pause between retries, in seconds: well inside the visibility timeout
# (a system check, certificates.checks, says so if someone raises it past).
TASK_RETRY_BACKOFF_MAX = 600
# Celery beat (`celery -A lms beat`): the sweep that issues any certificate still missing, in case
# a completion's task was lost (broker down at that moment, say).
CELERY_BEAT_SCHEDULE = {
    "certificates-sweep": {"task": "certificates.sweep", "schedule": 15 * 60},
    "reports-expire-exports": {"task": "reports.expire_exports", "schedule": 60 * 60},
    "privacy-prune-access-log": {"task": "privacy.prune_access_log", "schedule": 24 * 60 * 60},
    # The day-before reminder of forum meetings (once per resident), and schedules' coming meetings as drafts.
    "participation-forum-reminders": {"task": "participation.forum_reminders_send", "schedule": 60 * 60},
    "participation-forum-schedules": {"task": "participation.forum_schedules_extend", "schedule": 24 * 60 * 60},
}
# How long a certificate that failed for good waits before the sweep tries it once more (a long
# storage outage should not leave every completion of that hour to be retried by hand).
CERTIFICATE_FAILED_RETRY_AFTER = env.int("CERTIFICATE_FAILED_RETRY_AFTER", default=6 * 60 * 60)
# Where the workers keep certificate logos and signatures prepared for print (certificates.pdf): a
# folder of their own, made when missing; its files can be deleted at any time. Empty: the system's
# temporary directory.
CERTIFICATE_IMAGE_DIR = env.str("CERTIFICATE_IMAGE_DIR", default="")
# A bulk job not finished this long after it was asked for is handed to a worker again by the sweep
# (its worker was lost); running it twice is harmless.
CERTIFICATE_BATCH_STALE_AFTER = 15 * 60
# Large report exports (XLSX built by a worker) hold personal data: they are deleted after this long.
REPORT_EXPORT_KEEP_SECONDS = env.int("REPORT_EXPORT_KEEP_SECONDS", default=24 * 60 * 60)
# An XLSX export of more rows than this is built by a worker; smaller ones are sent at once.
REPORT_XLSX_INLINE_MAX_ROWS = env.int("REPORT_XLSX_INLINE_MAX_ROWS", default=5000)
# The access log (who opened or exported a resident's record) is kept this many days, then deleted:
# long enough for a resident's question or a breach inquiry a year or two later, not for ever.
RECORD_ACCESS_KEEP_DAYS = env.int("RECORD_ACCESS_KEEP_DAYS", default=2 * 365)
if RECORD_ACCESS_KEEP_DAYS < 1:
    # 0 would delete the whole log, today's entries included, at the next daily run.
    raise ImproperlyConfigured(f"RECORD_ACCESS_KEEP_DAYS must be at least 1 (days), not {RECORD_ACCESS_KEEP_DAYS}.")
# How long /healthz waits for the broker before calling it unreachable.
HEALTHZ_BROKER_TIMEOUT = 2.0

# --- Logs and backups ------------------------------------------------------------------------
# One line per record on stderr with the id of the request (or Celery task) it belongs to
# (lms.request_id), plus one line per request; production writes them as JSON (lms.log_formats).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lms.request_id.RequestIdFilter"}},
    "formatters": {
        "text": {
            "()": "logging.Formatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            "defaults": {"request_id": "-"},
        },
        "json": {"()": "lms.log_formats.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "text"},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's default "django" handler would print its lines a second time in development.
        "django": {"level": "INFO"},
        # runserver's line per request (with the query string) is lms.requests' line's twin.
        "django.server": {"handlers": ["null"], "propagate": False},
        # Rendering one certificate logs dozens of progress and font-subsetting steps at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# Celery workers keep this configuration instead of replacing the root logger's handlers with
# their own format: their lines carry the task id and are JSON in production too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Where `manage.py backup` writes its archives (database dump plus media; see docs/operations.md).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Sekolah Warga"
# The admin's Help menu: our guides, one Markdown file per role in docs/panduan/ (core.admin_help).
ADMIN_GUIDES_DIR = BASE_DIR / "docs" / "panduan"
ADMIN_GUIDES = ["penulis", "fasilitator", "staf-kelurahan", "staf-pemerintah"]
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Uploaded documents are sent by Wagtail's view, which checks the collection's view restrictions;
# never a redirect to the storage's own address (the default for remote storage such as S3),
# which anyone with the link could open.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Only PDFs open in the browser; every other document is a download ("attachment"). Never list
# HTML or SVG here: opened inline on our own domain, they could run scripts as the site.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Complex pages (a module with a long quiz) exceed Django's default of 1,000 form fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security headers ------------------------------------------------------------------------
# A Content-Security-Policy on every response (django-csp). The public site runs no inline script
# and no inline style: everything comes from our own static files, so injected markup cannot run.
# Lesson videos are embedded from VIDEO_EMBED_ORIGINS (YouTube and Vimeo, what EmbedBlock offers);
# MEDIA_ORIGINS adds image hosts, e.g. when uploads are served from an S3-compatible store.
# (Not named CSP_...: django-csp's system check takes such names for its old 3.x settings.)
VIDEO_EMBED_ORIGINS = env.list(
    "VIDEO_EMBED_ORIGINS",
    default=["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
MEDIA_ORIGINS = env.list("MEDIA_ORIGINS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "frame-src": VIDEO_EMBED_ORIGINS or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin (lms.csp sends this under /admin/) has inline scripts of its own (inline
# panels, date pickers) and inline styles, and shows page previews in a frame of itself; staff
# upload images, shown as blob: previews. Still nothing from other sites but the video hosts.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF, *VIDEO_EMBED_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The admin asks nothing of other sites: no avatars from Gravatar (it would tell them the staff's
# e-mail addresses) and no check for new Wagtail releases (upgrades come through constraints.txt).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Accounts --------------------------------------------------------------------------------
LOGIN_URL = "accounts:login"
# Pages made private ("logged-in users only") send visitors to the site's own log-in, not Wagtail's.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Wagtail's admin log-in form, with its password field labelled in the staff's language.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
LOGIN_REDIRECT_URL = "/saya/"
# The version of the privacy notice residents agree to when signing up (its page is chosen in the
# admin: Settings → Privacy notice). Change the version with the notice: each consent records the
# version it was given to, and residents who agreed to an older one are asked to agree again at
# their next log-in (privacy.middleware).
PRIVACY_NOTICE_VERSION = env.str("PRIVACY_NOTICE_VERSION", default="2026-11")
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # django-axes: refuses a locked-out log-in before any other backend
    "accounts.backends.EmailPhoneUsernameBackend",  # residents log in with e-mail or phone
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection (django-axes), also on the Wagtail admin's log-in: 5 failures lock one
# account out from one client address for 15 minutes. Never an address alone: many phones share
# their carrier's addresses. Behind proxies that append to X-Forwarded-For, set
# AXES_IPWARE_PROXY_COUNT to their number (see core.client_address.client_ip_address).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: turns a lock-out into our lock-out page
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 0.25  # hours (axes reads a float as hours): 15 minutes
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.lockout.account_key"
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # minimal data: no record of every successful log-in
# Axes keeps each failure's form fields, masking these (and "password"): the admin account page's
# password fields are prefixed, and a wrong password typed there counts too (accounts.lockout).
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "name_email-password",
    "password-old_password",
    "password-new_password1",
    "password-new_password2",
]
# Rate limits per client address (django-ratelimit): sign-ups (accounts.sign_up_throttle),
# certificate look-ups (certificates.verification_throttle), wrong invitation codes
# (accounts.invitation_throttle), and Suara Warga feedback and wrong tracking codes
# (participation.feedback_throttle, which also counts per person). Counted in the shared cache,
# keyed on the address as core.client_address finds it behind proxies (each IPv6 address apart, as
# django-axes counts it).
# The app is installed for its system checks, which refuse a cache that processes do not share.
INSTALLED_APPS += ["django_ratelimit"]
RATELIMIT_USE_CACHE = "default"
# While the cache cannot be reached, requests go through uncounted (the library's default refuses
# every one of them: no one could sign up or check a certificate until the cache is back).
RATELIMIT_FAIL_OPEN = True
# Sign-ups sent from one client address: past this many within the window, the sign-up form
# answers 429 until the window closes.
SIGN_UP_LIMIT = env.int("SIGN_UP_LIMIT", default=20)
SIGN_UP_WINDOW_MINUTES = env.int("SIGN_UP_WINDOW_MINUTES", default=60)
# Suara Warga feedback (participation.feedback_throttle), per window: items one person may send (their
# account when signed in, else each e-mail address and phone number given), and forms sent from one
# client address, accepted or not. Five in an hour is more than a resident reporting what they saw on
# one walk needs, and stops one person from filling the kelurahan's queue; twenty per address, as for
# sign-ups, leaves room for a family or a kelurahan hall sharing one connection. Feedback received at
# the counter, on paper or by telephone is typed in by staff in the admin and is not counted.
FEEDBACK_PERSON_LIMIT = env.int("FEEDBACK_PERSON_LIMIT", default=5)
FEEDBACK_ADDRESS_LIMIT = env.int("FEEDBACK_ADDRESS_LIMIT", default=20)
FEEDBACK_WINDOW_MINUTES = env.int("FEEDBACK_WINDOW_MINUTES", default=60)

# seed_demo creates accounts whose password is published in the README.
DEMO_CONTENT_ALLOWED = True
