"""Printable PDFs of the lists (WeasyPrint), read back with pypdf: the names are there, in the
page's language; the print stylesheet hides the site's chrome."""

from __future__ import annotations

import io
from pathlib import Path

from django.test import Client
from pypdf import PdfReader

from amity.core.actors import SYSTEM
from amity.live import services as live_services
from amity.meetings import services
from amity.meetings.tests.factories import add_items, convened_meeting, person
from amity.members.models import Rank

CSS = Path(__file__).resolve().parents[2] / "static" / "amity" / "amity.css"


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_member_list_pdf_in_french_and_russian(group):
    text = _text(Client().get("/fr/groups/neutrality/members.pdf"))
    assert "Turkménistan" in text
    assert "Kazakhstan" in text
    text = _text(Client().get("/ru/groups/neutrality/members.pdf"))
    assert "Туркменистан" in text
    assert "Казахстан" in text


def test_participants_pdf_by_delegation_in_protocol_order(group, coordinator, focal_client):
    meeting = convened_meeting(group, actor=coordinator)
    for code, family, rank, head in (
        ("KAZ", "Seitkali", Rank.COUNSELLOR, False),
        ("TKM", "Ataeva", Rank.AMBASSADOR, True),
        ("TKM", "Meredov", Rank.MINISTER, False),
    ):
        services.registration_submit(
            actor=SYSTEM,
            meeting=meeting,
            person=person(group, code, family, rank=rank),
            attendance_mode="in_room",
            is_head=head,
        )
    text = _text(focal_client.get(f"/en/meetings/{meeting.pk}/participants.pdf"))
    assert "List of participants" in text
    order = [
        text.index(name) for name in ("Turkmenistan", "Meredov", "Ataeva", "Kazakhstan", "Seitkali")
    ]
    assert order == sorted(order)


def test_speakers_pdf_with_times(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    add_items(meeting, "Membership")
    reg = services.registration_submit(
        actor=SYSTEM,
        meeting=meeting,
        person=person(group, "TKM", "Ataeva", rank=Rank.AMBASSADOR),
        attendance_mode="in_room",
        is_head=True,
    )
    live_services.speaker_add(actor=coordinator, meeting=meeting, registration=reg, version=1)
    live_services.floor_give(actor=coordinator, meeting=meeting, version=2)
    live_services.timer_start(actor=coordinator, meeting=meeting, version=3)
    live_services.timer_stop(actor=coordinator, meeting=meeting, version=4)
    text = _text(Client().get(f"/en/meetings/{meeting.pk}/speakers.pdf"))
    assert "List of speakers" in text
    assert "Ataeva" in text
    assert "Turkmenistan" in text
    assert "Asia/Ashgabat" in text  # the times are the venue's


def test_empty_member_list_pdf_is_still_a_document(group):
    text = _text(Client().get("/en/groups/neutrality/members.pdf?on=2019-01-01"))
    assert "Members of Group of Friends of Neutrality" in text


def test_print_stylesheet_hides_the_site_chrome_and_shows_link_addresses():
    css = CSS.read_text()
    assert "@media print" in css
    block = css[css.index("@media print") :]
    for selector in ("header.site", ".site-search", "nav", "footer.site"):
        assert selector in block
    assert "attr(href)" in block
