"""The Makefile's entries (issue 13): `make serve` is a server's node — runtime dependencies
only, bound to HOST/PORT from the environment, proxy headers believed from
AMITY_TRUSTED_PROXIES — while `make demo` keeps the development install and 127.0.0.1:8000.
Read with `make -n` (nothing is run)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from amity.core.tests.processes import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def _dry(target: str, tmp_path, **env: str) -> str:
    # Run by `make test`, a make inside make would print "Entering/Leaving directory" lines.
    drop = ("HOST", "PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    base = {k: v for k, v in os.environ.items() if k not in drop}
    result = subprocess.run(
        [str(MAKE), "-n", "--no-print-directory", target, f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_serve_installs_no_development_tools_and_binds_from_the_environment(tmp_path):
    out = _dry("serve", tmp_path, HOST="192.0.2.10", PORT="8123")
    install = [line for line in out.splitlines() if "pip install" in line and " -e " in line]
    assert install, out
    assert all("[dev]" not in line and "-c requirements.lock" in line for line in install)
    server = out.strip().splitlines()[-1]
    assert "--host 192.0.2.10 --port 8123" in server
    assert "--proxy-headers --forwarded-allow-ips" in server
    assert "AMITY_TRUSTED_PROXIES" in server


def test_demo_keeps_the_development_install_and_its_address(tmp_path):
    out = _dry("demo", tmp_path)
    assert "-e '.[dev]' -c requirements.lock" in out
    assert "--host 127.0.0.1 --port 8000" in out.strip().splitlines()[-1]
