from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "amity.publishing"
    label = "publishing"
    verbose_name = "Publishing: resolutions, initiatives, road maps, news"
