"""Upload checks speak the language of the request (issue 12: no message fixed at import)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from amity.core.uploads import validate_upload


def test_the_kinds_named_in_a_refusal_are_in_the_request_language() -> None:
    pdf = SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        validate_upload(pdf, kinds=["text"], max_mb=1)
    assert refused.value.messages == ["Ce fichier n'est pas au format texte brut."]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        validate_upload(pdf, kinds=["text"], max_mb=1)
    assert refused.value.messages == ["This file is not a plain text file."]
