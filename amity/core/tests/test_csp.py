"""Content-Security-Policy (issue 13): every page carries it; no template holds an inline
script, an inline style or an event-handler attribute, which the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

AMITY = Path(__file__).resolve().parents[2]
# Rendered by WeasyPrint into a PDF, never served to a browser.
NOT_SERVED = {"publishing/templates/publishing/report_pdf.html"}

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def _templates() -> list[Path]:
    found = [
        p
        for p in AMITY.rglob("*.html")
        if "locale" not in p.parts and str(p.relative_to(AMITY)) not in NOT_SERVED
    ]
    assert len(found) > 50
    return found


def test_pages_carry_the_policy(client, group):
    for url in (reverse("home"), reverse("accounts:login")):
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_script_style_or_handler():
    problems = []
    for path in _templates():
        text = path.read_text()
        name = path.relative_to(AMITY)
        for attrs, body in SCRIPT.findall(text):
            data_only = "application/json" in attrs or "application/ld+json" in attrs
            if body.strip() and not data_only:
                problems.append(f"{name}: inline <script>")
            if "src=" not in attrs and not body.strip():
                problems.append(f"{name}: <script> without src")
        if re.search(r"<style\b", text, re.I):
            problems.append(f"{name}: <style> element")
        if re.search(r"\sstyle\s*=", text, re.I):
            problems.append(f"{name}: style= attribute")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text, re.I):
            problems.append(f"{name}: event-handler attribute")
    assert problems == []


def test_the_scan_finds_what_it_forbids(tmp_path):
    """The patterns above catch each kind of inline code (the scan is not vacuous)."""
    samples = [
        "<script>alert(1)</script>",
        '<p style="color:red">x</p>',
        "<style>p{}</style>",
        '<select onchange="go()">',
    ]
    for sample in samples:
        hit = (
            any(body.strip() for _a, body in SCRIPT.findall(sample))
            or re.search(r"<style\b", sample)
            or re.search(r"\sstyle\s*=", sample)
            or re.search(r"\son[a-z]+\s*=\s*[\"']", sample)
        )
        assert hit, sample
