"""Celery application. Used only in scale mode (``REDIS_URL`` set); in the embedded default
tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

app = Celery("amity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
