from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from amity.api.api import api, unknown_path
from amity.core import views as core_views
from amity.core.metrics import metrics_view
from amity.members import views as members_views
from amity.publishing.sitemaps import sitemap

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/v1/<path:rest>", unknown_path),
    path("healthz", core_views.health, name="health"),
    path("readyz", core_views.ready, name="ready"),
    path("metrics", metrics_view, name="metrics"),
    path("upload-too-large", core_views.upload_too_large, name="upload_too_large"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/", include("amity.meetings.calendar_urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("", members_views.home, name="home"),
    path("accounts/", include("amity.accounts.urls")),
    # django-allauth: password reset, e-mail addresses, second factor, single sign-on.
    path("accounts/", include("allauth.urls")),
    path("groups/", include("amity.members.urls")),
    path("", include("amity.meetings.urls")),
    path("", include("amity.documents.urls")),
    path("", include("amity.circulation.urls")),
    path("", include("amity.live.urls")),
    path("", include("amity.search.urls")),
    path("", include("amity.publishing.urls")),
    prefix_default_language=True,
)
if settings.AMITY_ADMIN_ENABLED:
    # The admin signs in through the site's sign-in (throttled, second factor), not its own form.
    admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
    urlpatterns += i18n_patterns(path("admin/", admin.site.urls), prefix_default_language=True)

# The error pages in the site's layout and the reader's language (amity.core.views).
handler400 = "amity.core.views.bad_request"
handler403 = "amity.core.views.permission_denied"
handler404 = "amity.core.views.page_not_found"
handler500 = "amity.core.views.server_error"
