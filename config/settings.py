"""Settings for the SPIRIT portal: one file, driven by environment variables.

Development needs none of them: with DEBUG=true (``make run`` sets it) the portal uses an
embedded PostgreSQL, console email and a development secret key. Production sets
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and EMAIL_URL, and refuses to start without a
real SECRET_KEY.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from core.security import add_static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core -------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50 characters or more) in production, "
        "or set DEBUG=true for development."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PORT = env.int("PORT", default=8000)
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}")

INSTALLED_APPS = [
    # The portal, top layer first (docs/architecture.md): site and accounts, the three
    # domain apps, the easy-read toolkit, the infrastructure they all stand on.
    "spirit",
    "sitesearch",
    "experiences",
    "evidence",
    "meetings",
    "seminars",
    "easyread",
    "mail",
    "core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    # Two-factor log-in (an authenticator app, and recovery codes): facilitators must use it.
    "allauth.mfa",
    "csp",
    "reversion",
    "import_export",
    "django_filters",
    # The job queue in PostgreSQL: email sending and the daily jobs (docs/architecture.md).
    "procrastinate.contrib.django",
    # Django's own widget templates, for FORM_RENDERER (it draws through TEMPLATES).
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses answers that hold no secret (BREACH: core/compression.py), then ETags
    # every answer that may be kept, so an unchanged page, calendar or file answers 304.
    "core.compression.PublicGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Facilitators and superusers set up two-factor log-in before the admin opens.
    "spirit.middleware.StaffTwoFactorMiddleware",
    # Turns "the database went away" into the easy-read "Please try again" page (503).
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
SITE_ID = 1

# One template draws every form field on member pages (easyread/templates/easyread/field.html).
FORM_RENDERER = "easyread.forms.FormRenderer"
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
                "spirit.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# PostgreSQL only, from DATABASE_URL. Importing the settings never starts a server: with
# DATABASE_URL unset, `make` and manage.py start the embedded one first (core/embedded_db.py).
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "Set DATABASE_URL, or run the command through make or manage.py, which start the "
        "embedded PostgreSQL: python -m core.embedded_db run -- COMMAND"
    )
DATABASES = {"default": env.db("DATABASE_URL")}
# A socket folder as the host is written %-encoded in the URL (postgres://u@%2Fpath:5432/db).
DATABASES["default"]["HOST"] = unquote(DATABASES["default"].get("HOST", ""))
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("The SPIRIT portal runs on PostgreSQL only.")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A search ranks the first findings PostgreSQL finds (evidence.search.first_found). With
# synchronised scans, a scan of a big table starts where another one stopped, so the same
# search would find other findings each time; off, every scan starts at the beginning.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c synchronize_seqscans=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------
# Redis when REDIS_URL is set (several processes share it); local memory otherwise.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole pages for anonymous visitors are cached when the cache is shared by every app
# process (Redis), so that a change made through one process is seen by all at once.
PAGE_CACHE = env.bool("PAGE_CACHE", default=bool(env.str("REDIS_URL", default="")))
# Pages look different for each reading choice (bigger text...): one copy for each.
PAGE_CACHE_VARIANT = "easyread.choices.page_variant"
# Saving a row of these apps makes every cached page out of date (the content they show).
PAGE_CACHE_CONTENT_APPS = ["evidence", "meetings", "seminars", "easyread"]
# What people send is not content: a place moves only the "places" version (the pages that
# show places left: the home page and the seminar pages); an answer to a survey, or to "Was
# this page easy to understand?", moves nothing.
PAGE_CACHE_PLACES_MODELS = ["seminars.registration"]
PAGE_CACHE_PEOPLE_MODELS = [
    "seminars.surveyresponse",
    "seminars.surveyanswer",
    "easyread.pagefeedback",
]
PAGE_CACHE_PLACES_PAGES = ["/", "/seminars/"]
# A member's "this happens to me too" moves only the "marks" version, in the key of the pages
# that count them (every page under these paths).
PAGE_CACHE_MARKS_MODELS = ["evidence.sameforme"]
PAGE_CACHE_MARKS_PATHS = [
    "/findings/",
    "/themes/",
    "/tags/",
    "/sources/",
    "/evidence-map/",
    "/search/",
]

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "spirit.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the email logs you in (allauth does this only in the browser that signed up).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = True
# Emails that say "your password was changed" and "an email address was added" (or changed,
# or removed), so a person sees what an intruder did (spirit/accounts.py adds "added").
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Adding, removing or choosing an email address asks for the password again (and so does
# deleting the account: spirit/views.py). allauth asks again after 5 minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "SPIRIT: "
# Easy-read words for allauth's forms and messages (spirit/forms.py, spirit/adapter.py).
ACCOUNT_ADAPTER = "spirit.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "spirit.forms.LoginForm",
    "signup": "spirit.forms.SignupForm",
    "reset_password": "spirit.forms.ResetPasswordForm",
    "reset_password_from_key": "spirit.forms.ResetPasswordKeyForm",
    "change_password": "spirit.forms.ChangePasswordForm",
    "set_password": "spirit.forms.SetPasswordForm",
    "add_email": "spirit.forms.AddEmailForm",
    "reauthenticate": "spirit.forms.ReauthenticateForm",
}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind HTTPS proxies, the visitor's own address is in X-Forwarded-For: trust as many
# entries of it (counted from the right) as there are proxies of ours in front of the portal.
# 0 (the default) ignores the header, for a portal that people reach directly. Log-in limits
# and the seminar sign-up limit both key on this address (allauth's get_client_ip).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
# Two-factor log-in (allauth.mfa): a code from an authenticator app, or a recovery code.
# Required for staff and superusers (spirit/middleware.py); members may turn it on too.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SPIRIT"
MFA_ADAPTER = "spirit.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "spirit.forms.CodeAuthenticateForm",
    "reauthenticate": "spirit.forms.CodeReauthenticateForm",
    "activate_totp": "spirit.forms.ActivateTOTPForm",
}
# Members often need time: a login lasts 2 weeks (easy-read rule F6 asks for 20 hours or more).
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# People who use the admin see everyone's details: their login ends 12 hours after they log
# in, however busy they are (spirit/accounts.py sets it when they log in).
STAFF_SESSION_AGE = env.int("STAFF_SESSION_AGE", default=60 * 60 * 12)

# --- Email ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SPIRIT <spirit@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails are sent by the worker, never in a web request (mail/services.py). A mail server
# that does not answer in 10 seconds is given up on for this try; the worker tries again.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Days the email log keeps a sent or failed email (emails about a seminar sign-up go when
# its person's details are removed, SEMINARS_RETENTION_DAYS after the seminar).
EMAIL_LOG_RETENTION_DAYS = env.int("EMAIL_LOG_RETENTION_DAYS", default=365)

# --- Seminars ---------------------------------------------------------------------------
# Days after a seminar ends before `manage.py purge_registrations` anonymises its attendees.
SEMINARS_RETENTION_DAYS = env.int("SEMINARS_RETENTION_DAYS", default=90)
# Sign-ups allowed from one internet address per hour (no CAPTCHA: a honeypot and this).
# Counted in the cache: set REDIS_URL so that every app process shares the count.
SEMINARS_SIGNUPS_PER_HOUR = env.int("SEMINARS_SIGNUPS_PER_HOUR", default=10)
# Who people can phone or email about a seminar; shown on seminar pages and in emails.
SEMINARS_CONTACT_EMAIL = env.str("SEMINARS_CONTACT_EMAIL", default="spirit@localhost")

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "easyread.pictures.PictureFinder",
]
# No upload is kept past UPLOAD_MAX_BYTES (the biggest a podcast may be; core/uploads.py):
# each file field has its own, smaller limit too. Photos have at most UPLOAD_MAX_PIXELS dots.
UPLOAD_MAX_BYTES = 200 * 1024 * 1024
UPLOAD_MAX_PIXELS = 40_000_000
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Members' recordings (experiences/storage.py): outside MEDIA_ROOT and the static files, so
# no public URL reaches them; only the recording view, which checks who asks, reads them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and brotli/gzip copies, served by whitenoise. No CDN.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0
# Several app servers: uploads (speaker photos, podcasts) go to S3-compatible storage when a
# bucket is named (django-storages; keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
# Files are public (podcast apps fetch them), so links are plain unless AWS_QUERYSTRING_AUTH.
MEDIA_ORIGINS = []
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    _s3 = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3}
    # Pictures and sound come from there, so the Content Security Policy allows it.
    _endpoint = urlsplit(_s3["endpoint_url"] or "https://amazonaws.com")
    MEDIA_ORIGINS = [
        f"https://{_s3['custom_domain']}"
        if _s3["custom_domain"]
        else f"{_endpoint.scheme}://{_endpoint.netloc}",
        f"{_endpoint.scheme}://*.{_endpoint.netloc}",
    ]

# Exports never hold a live formula: our resources put a quote before =, +, -, @, tab and
# carriage return (core/spreadsheets.py); django-import-export's own check is kept on too.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# --- Security ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script of ours reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Browser features the portal never uses are switched off (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
} | {"fullscreen": ["self"]}
# Static files are answered by whitenoise before the other middleware: give them the same
# framing, CSP and Permissions-Policy headers (core/security.py).
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_file_headers
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content Security Policy: everything comes from the portal itself, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # WORKER_LOG_LEVEL=INFO (the Procfile) logs what the worker runs and the schedule.
    "loggers": {"procrastinate": {"level": env.str("WORKER_LOG_LEVEL", default="WARNING")}},
}
