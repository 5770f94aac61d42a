"""Static files storage for production (AMITY_STATIC_ROOT): WhiteNoise's compressed manifest
storage (hashed names, gzip and Brotli copies), except that a source map named by a vendored
file but not shipped with it (Quill's ``sourceMappingURL=quill.js.map``) is left as written
instead of failing ``collectstatic``: browsers only fetch it with their developer tools open.
Also WhiteNoise's middleware, serving gzipped copies when there is no ``collectstatic``."""

from __future__ import annotations

import gzip
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from wsgiref.headers import Headers

import whitenoise.middleware
from django.conf import settings
from whitenoise.compress import Compressor
from whitenoise.responders import StaticFile
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


class WhiteNoiseMiddleware(whitenoise.middleware.WhiteNoiseMiddleware):
    """WhiteNoise that also serves gzipped copies where files come from the source tree (no
    ``AMITY_STATIC_ROOT``: the demo, development, tests and the embedded mode without
    ``collectstatic``). There WhiteNoise serves each file as it is, and ``htmx.min.js`` alone
    would weigh 52 KB instead of 16 KB in every first view (issue 17). The copy is written once
    under ``var/static-gzip/`` (again when the source is newer), only where gzip saves at least
    a twentieth, as ``collectstatic`` would; with ``AMITY_STATIC_ROOT`` nothing changes."""

    def get_static_file(self, path: str, url: str, stat_cache: Any = None) -> Any:
        static_file = super().get_static_file(path, url, stat_cache=stat_cache)
        compressed = _gzipped_copy(Path(path), url) if self.use_finders else None
        if compressed is None:
            return static_file
        headers = Headers([])
        self.add_mime_headers(headers, path, url)
        self.add_cache_headers(headers, path, url)
        if self.allow_all_origins:
            headers["Access-Control-Allow-Origin"] = "*"
        if self.add_headers_function is not None:
            self.add_headers_function(headers, path, url)
        return StaticFile(path, headers.items(), encodings={"gzip": str(compressed)})


_COMPRESSOR = Compressor(quiet=True)


def _gzipped_copy(source: Path, url: str) -> Path | None:
    if not _COMPRESSOR.should_compress(source.name):
        return None
    target = Path(settings.VAR_DIR) / "static-gzip" / (url.lstrip("/") + ".gz")
    try:
        stat = source.stat()
        if target.exists() and target.stat().st_mtime >= stat.st_mtime:
            return target
        data = source.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) > len(data) * 0.95:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(packed)
        partial.replace(target)
    except OSError:
        return None
    return target
