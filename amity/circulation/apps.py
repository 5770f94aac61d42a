from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "amity.circulation"
    label = "circulation"
    verbose_name = _("Six languages and UN circulation")
