from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path

from amity.api.api import api, unknown_path
from amity.core import views as core_views
from amity.members import views as members_views
from amity.publishing.sitemaps import SITEMAPS

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", unknown_path),
    path("healthz", core_views.health, name="health"),
    path("readyz", core_views.ready, name="ready"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/", include("amity.meetings.calendar_urls")),
    path("sitemap.xml", sitemap_view, {"sitemaps": SITEMAPS}, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("", members_views.home, name="home"),
    path("accounts/", include("amity.accounts.urls")),
    path("groups/", include("amity.members.urls")),
    path("", include("amity.meetings.urls")),
    path("", include("amity.documents.urls")),
    path("", include("amity.circulation.urls")),
    path("", include("amity.live.urls")),
    path("", include("amity.search.urls")),
    path("", include("amity.publishing.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# The error pages in the site's layout and the reader's language (amity.core.views).
handler400 = "amity.core.views.bad_request"
handler403 = "amity.core.views.permission_denied"
handler404 = "amity.core.views.page_not_found"
handler500 = "amity.core.views.server_error"
