"""Machine translation, optional. A backend proposes drafts; it never writes final text.

The only backend is a LibreTranslate-compatible HTTP service, used when ``AMITY_MT_URL`` is
set: POST ``{q, source, target, format: "html"}`` to ``<url>/translate``, answer
``{"translatedText": ...}``. With no URL there is no backend and pages say so.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from amity.core.proposals import MachineTranslationError

TIMEOUT_SECONDS = 10
# LibreTranslate names Chinese "zh"; the rest are the ISO 639-1 codes Amity uses.
LANGUAGE_CODES = {"zh": "zh"}


class MTError(MachineTranslationError):
    """The backend could not translate; ``str()`` says why, plainly (the core's error, so that
    the side-by-side editor's proposals report it as it is)."""


@dataclass(frozen=True)
class LibreTranslate:
    url: str
    api_key: str = ""
    timeout: float = TIMEOUT_SECONDS

    def translate(self, text: str, *, source: str, target: str) -> str:
        payload = {
            "q": text,
            "source": LANGUAGE_CODES.get(source, source),
            "target": LANGUAGE_CODES.get(target, target),
            "format": "html",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(  # noqa: S310 - the operator's configured service URL (settings), not user input
            self.url.rstrip("/") + "/translate",
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - the operator's configured service URL (settings), not user input
                body = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = ""
            with contextlib.suppress(ValueError, AttributeError):
                detail = json.loads(exc.read().decode("utf-8")).get("error", "")
            raise MTError(
                _("The translation service answered %(status)s. %(detail)s")
                % {"status": exc.code, "detail": detail}
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise MTError(
                _("The translation service at %(url)s could not be reached: %(reason)s")
                % {"url": self.url, "reason": getattr(exc, "reason", exc)}
            ) from exc
        except ValueError as exc:
            raise MTError(_("The translation service did not answer in JSON.")) from exc
        translated = body.get("translatedText") if isinstance(body, dict) else None
        if not isinstance(translated, str):
            raise MTError(_("The translation service's answer has no translatedText."))
        return translated


def backend() -> LibreTranslate | None:
    """The configured backend, or None when machine translation is not set up."""
    url = (getattr(settings, "AMITY_MT_URL", "") or "").strip()
    if not url:
        return None
    return LibreTranslate(url=url, api_key=getattr(settings, "AMITY_MT_API_KEY", ""))


def machine_translator() -> Callable[[str, str, str], str] | None:
    """The backend as the side-by-side editor of ``{lang: text}`` fields asks it
    (``core.registry.machine_translators``), or None when it is not set up."""
    client = backend()
    if client is None:
        return None
    return lambda text, source, target: client.translate(text, source=source, target=target)
