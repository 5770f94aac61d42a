from django.core.management.base import CommandError

from amity.documents.models import OutcomeDocument


def find_document(value: str) -> OutcomeDocument:
    """A document by id, or by slug (which must then be unambiguous across groups)."""
    found = list(
        OutcomeDocument.objects.filter(pk=int(value))
        if value.isdigit()
        else OutcomeDocument.objects.filter(slug=value)
    )
    if not found:
        raise CommandError(f"No outcome document {value}.")
    if len(found) > 1:
        raise CommandError(f"{value} names documents of several groups: give the id.")
    return found[0]
