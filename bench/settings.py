"""Settings for `make bench`: the portal's own, plus the bench app (``make_bench_data``) and
a bare view to compare pages with. Never used in production; the product knows nothing of it."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
