"""Static files in production (issue 13): with AMITY_STATIC_ROOT, `collectstatic` writes hashed,
compressed copies; pages link the hashed names, served with a year's cache."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from amity.core.tests.processes import ROOT

PAGE = """
import django; django.setup()
from django.templatetags.static import static
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
# A page in the site's layout that asks nothing of the database (this process has no migrated
# database): the 404 page.
page = Client().get("/en/no-such-page/")
assert page.status_code == 404, page.status_code
import re
css = re.search(r'href="(/static/amity/amity\\.[0-9a-f]{12}\\.css)"', page.content.decode()).group(1)
asset = Client().get(css, HTTP_ACCEPT_ENCODING="gzip")
print(css, asset.status_code, asset["Cache-Control"], asset.get("Content-Encoding", ""), sep="|")
"""


def test_collectstatic_hashes_compresses_and_serves_with_a_year_of_cache(tmp_path: Path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "AMITY_VAR_DIR": str(tmp_path / "var"),
        "AMITY_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "amity.settings",
    }
    run = subprocess.run(
        [sys.executable, "-m", "amity.manage", "collectstatic", "--no-input", "-v", "0"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    # A vendored file naming a source map it does not ship is hashed all the same.
    assert manifest["vendor/quill-2.0.3/quill.js"].startswith("vendor/quill-2.0.3/quill.")
    hashed = list((static / "amity").glob("amity.*.css*"))
    assert any(p.suffix == ".css" for p in hashed)
    assert any(p.name.endswith(".css.gz") for p in hashed)

    page = subprocess.run(
        [sys.executable, "-c", PAGE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert page.returncode == 0, page.stderr[-3000:]
    url, status, cache, encoding = page.stdout.strip().split("|")
    assert re.fullmatch(r"/static/amity/amity\.[0-9a-f]{12}\.css", url), url
    assert status == "200"
    assert "max-age=315360000" in cache or "max-age=31536000" in cache, cache
    assert "immutable" in cache
    assert encoding == "gzip"


def test_source_tree_static_files_are_served_gzipped_to_who_accepts_it(client):
    """Without AMITY_STATIC_ROOT (demo, tests, embedded without collectstatic) the files come
    from the source tree; a gzipped copy is served all the same (issue 17: a first view of
    htmx alone would be 52 KB instead of 16 KB), and the file as it is to a client that does
    not accept gzip."""
    import gzip

    from django.contrib.staticfiles import finders

    found = finders.find("amity/htmx.min.js")
    assert isinstance(found, str)
    source = Path(found).read_bytes()
    packed = client.get("/static/amity/htmx.min.js", HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = b"".join(packed.streaming_content)
    assert len(body) < len(source) / 2
    assert gzip.decompress(body) == source
    plain = client.get("/static/amity/htmx.min.js")
    assert "Content-Encoding" not in plain
    assert b"".join(plain.streaming_content) == source
