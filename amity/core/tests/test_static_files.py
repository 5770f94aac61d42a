"""Static files in production (issue 13): with AMITY_STATIC_ROOT, `collectstatic` writes hashed,
compressed copies; pages link the hashed names, served with a year's cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from amity.core.tests.processes import ROOT

PAGE = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
page = Client().get("/accounts/login/", follow=True)
assert page.status_code == 200, page.status_code
import re
css = re.search(r'href="(/static/amity/amity\\.[0-9a-f]{12}\\.css)"', page.content.decode()).group(1)
asset = Client().get(css, HTTP_ACCEPT_ENCODING="gzip")
print(css, asset.status_code, asset["Cache-Control"], asset.get("Content-Encoding", ""), sep="|")
"""


def test_collectstatic_hashes_compresses_and_serves_with_a_year_of_cache(tmp_path: Path):
    env = {
        **os.environ,
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
    assert (static / "staticfiles.json").exists()
    hashed = list((static / "amity").glob("amity.*.css*"))
    assert any(p.suffix == ".css" for p in hashed)
    assert any(p.name.endswith(".css.gz") for p in hashed)

    page = subprocess.run(
        [sys.executable, "-c", PAGE], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert page.returncode == 0, page.stderr[-3000:]
    _url, status, cache, encoding = page.stdout.strip().split("|")
    assert status == "200"
    assert "max-age=315360000" in cache or "max-age=31536000" in cache, cache
    assert "immutable" in cache
    assert encoding == "gzip"
