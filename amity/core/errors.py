"""Errors that services raise and that views and the API turn into messages and status codes.

Django's ``ValidationError`` (400) and ``PermissionDenied`` (403) are used as they are; this
module adds the two that Django lacks.
"""

from django.http import Http404


class Conflict(Exception):
    """The request is valid but clashes with the current state (HTTP 409): already decided,
    already a member, edited by someone else meanwhile."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Http404):
    """The object does not exist or the user may not know that it exists (HTTP 404). A
    subclass of Django's ``Http404``, so a view that lets it through answers 404."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooManyRequests(Conflict):
    """Too many requests of one kind in a short time (HTTP 429); ``retry_after`` in seconds. A
    ``Conflict`` for the views that flash service errors; the API answers 429."""

    def __init__(self, message: str, retry_after: float = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
