from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from amity.core.errors import Conflict


def add_service_error(form: forms.BaseForm, exc: Exception) -> None:
    """Show what a service refused on the form: field errors on their fields, the rest on top."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    elif isinstance(exc, Conflict):
        form.add_error(None, exc.message)
    elif isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
    else:
        raise exc


SERVICE_ERRORS = (ValidationError, Conflict, PermissionDenied)
