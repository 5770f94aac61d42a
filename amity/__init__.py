"""Amity: the working platform of a Group of Friends at the United Nations."""

from amity.celery_app import app as celery_app

__all__ = ["celery_app"]
