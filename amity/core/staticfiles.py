"""Static files storage for production (AMITY_STATIC_ROOT): WhiteNoise's compressed manifest
storage (hashed names, gzip and Brotli copies), except that a source map named by a vendored
file but not shipped with it (Quill's ``sourceMappingURL=quill.js.map``) is left as written
instead of failing ``collectstatic``: browsers only fetch it with their developer tools open."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url_converter(
        self, name: str, hashed_files: dict[str, Any], template: str | None = None
    ) -> Callable[[re.Match[str]], str]:
        convert = super().url_converter(name, hashed_files, template)

        def converter(match: re.Match[str]) -> str:
            try:
                return convert(match)
            except ValueError:
                if match.groupdict().get("url", "").endswith(".map"):
                    return match.group(0)
                raise

        return converter
