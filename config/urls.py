from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import site_files
from spirit import start_page, views
from spirit.sitemaps import SITEMAPS

admin.site.site_header = "SPIRIT: facilitators"
admin.site.site_title = "SPIRIT facilitators"
admin.site.index_title = "What would you like to do?"
# The index leads with the facilitators' jobs and what needs doing (spirit/start_page.py).
admin.site.index = start_page.index_with_jobs(admin.site.index)
# The admin has no log-in page of its own: allauth's (rate limits, two-factor codes) is used.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("robots.txt", site_files.robots_txt, name="robots"),
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("manifest.webmanifest", site_files.manifest, name="manifest"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("your-information/", views.your_data, name="your_data"),
    path("your-information/download/", views.download_your_data, name="download_your_data"),
    path("your-information/delete/", views.delete_your_account, name="delete_account"),
    path("your-information/deleted/", views.account_deleted, name="account_deleted"),
    path("", include("easyread.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("evidence.urls")),
    path("", include("experiences.urls")),
    path("search/", include("sitesearch.urls")),
    path("meetings/", include("meetings.urls")),
    path("seminars/", include("seminars.urls")),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
