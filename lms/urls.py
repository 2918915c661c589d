from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminLogoutView, admin_account
from cms_pages.views import choose_language
from core import page_routing
from courses.page_permissions import explorer_urls, page_chooser_urls, page_types_usage_urls
from lms.views import favicon

urlpatterns = [
    # /healthz is answered by lms.health.HealthCheckMiddleware, before the host check.
    # Wagtail's page types report, with other organisations' page titles left out (courses.page_permissions).
    path("admin/reports/page-types-usage/", include(page_types_usage_urls)),
    # Wagtail's explorer, refusing other organisations' courses named by id (courses.page_permissions).
    path("admin/pages/", include(explorer_urls)),
    # Wagtail's page chooser, refusing other organisations' courses named by id (courses.page_permissions).
    path("admin/choose-page/", include(page_chooser_urls)),
    # Wagtail's log-out, by POST only: a GET shows a button instead of pretending to log out.
    path("admin/logout/", AdminLogoutView.as_view()),
    # Wagtail's account page, where a new e-mail or password needs the current one (accounts.views).
    path("admin/account/", admin_account),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("bahasa/<str:language>/", choose_language, name="choose_language"),
    path("akun/", include("accounts.urls")),
    path("saya/profil/", include("accounts.profile_urls")),
    path("saya/", include("privacy.urls")),
    path("saya/", include("courses.urls")),
    path("kelas/", include("classes.urls")),
    path("sertifikat/", include("certificates.urls")),
    path("data/", include("reports.open_data_urls")),
    path("favicon.ico", favicon),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything else is a Wagtail page: /kursus/, /forum/, /penganggaran/ ... Wagtail's own URL
# patterns, with its serve view swapped for the one that remembers routes (core.page_routing).
wagtail_utility_urls = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"]
urlpatterns += [
    *wagtail_utility_urls,
    re_path(wagtail_urls.serve_pattern, page_routing.serve, name="wagtail_serve"),
]
