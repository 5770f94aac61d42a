from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from amity.core.errors import Conflict
from amity.core.formatting import separated


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


def flash_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """For small forms posted from a list page that redirects back: say what was wrong there."""
    for error in form.non_field_errors():
        messages.error(request, str(error))
    for field, errors in form.errors.items():
        if field != "__all__":
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")


def service_error_message(exc: Exception) -> str:
    """What a service refused, as one sentence for a flash message or an error line."""
    if isinstance(exc, Conflict):
        return exc.message
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return " ".join(m for ms in exc.message_dict.values() for m in ms)
        return " ".join(exc.messages)
    return str(exc) or _("You may not do this.")


def flash_service_error(request: HttpRequest, exc: Exception) -> None:
    """For actions posted from a page that redirects back: say there what the service
    refused (the one helper every app's views use)."""
    messages.error(request, service_error_message(exc))


def translation_fields(
    form: forms.BaseForm,
    name: str,
    label: object,
    initial: dict[str, str] | None,
    *,
    original: str = "en",
    rows: int = 0,
) -> list[str]:
    """Add one input per official language for a ``{lang: text}`` value, side by side in the
    UN's order (one form per object, issue 15): the original language's input says it is the
    original, an empty one says it is missing (class ``missing``), and a version in another
    script than its language's is flagged (``core.scripts``), not refused. The other inputs
    carry ``translation_source`` (the original's key, its language, theirs), for the button
    that asks a proposal on request (``core.proposals``). Returns the keys."""
    from amity.core.languages import CONTENT_LANGUAGES, Language, bcp47_tag
    from amity.core.scripts import in_wrong_script

    labels = dict(Language.choices)
    keys = []
    source = (initial or {}).get(original, "")
    for code in CONTENT_LANGUAGES:
        value = (initial or {}).get(code, "")
        classes = []
        notes = []
        help_text = ""
        if source and not value and code != original:
            proposal = translation_proposal(source, original, code)
            if proposal:
                help_text = _("Proposal from the translation memory: %(text)s") % {"text": proposal}
        if code == original:
            classes.append("original")
            notes.append(_("original"))
        if not value:
            classes.append("missing")
            notes.append(_("missing"))
        elif in_wrong_script([value], code):
            classes.append("wrong-script")
            notes.append(_("not in this language's script?"))
        attrs = {
            "lang": bcp47_tag(code),
            "dir": "rtl" if code == "ar" else "ltr",
            "class": " ".join(classes),
        }
        widget: forms.Widget = (
            forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs)
        )
        key = f"{name}_{code}"
        suffix = f" — {separated(str(n) for n in notes)}" if notes else ""
        field = forms.CharField(
            label=f"{label} ({labels[code]}){suffix}",
            required=False,
            widget=widget,
            initial=value,
            help_text=help_text,
        )
        if code != original:
            # Where a proposal for this language is translated from (``core.proposals``:
            # ``form_fields.html`` offers the coordinator a button on an empty input).
            field.translation_source = (f"{name}_{original}", original, code)  # type: ignore[attr-defined]
        form.fields[key] = field
        keys.append(key)
    return keys


def translations_of(form: forms.BaseForm, name: str) -> dict[str, str]:
    """The ``{lang: text}`` value entered in the inputs ``translation_fields`` added."""
    from amity.core.languages import CONTENT_LANGUAGES

    data = getattr(form, "cleaned_data", {})
    return {code: data.get(f"{name}_{code}", "") for code in CONTENT_LANGUAGES}


def translation_proposal(text: str, source: str, target: str) -> str | None:
    """The first proposal a registered proposer (``core.registry.translation_proposers``)
    makes for ``text`` in ``target``, as plain text."""
    from django.utils.html import strip_tags

    from amity.core.registry import translation_proposers

    for proposer in translation_proposers:
        proposal = proposer(text, source, target)
        if proposal:
            return strip_tags(proposal).strip()
    return None
