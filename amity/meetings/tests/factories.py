"""Small builders for the meeting tests, on top of the root conftest's fixtures."""

from __future__ import annotations

import datetime
import io
import zoneinfo
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from amity.core.actors import SYSTEM, Actor
from amity.meetings import services
from amity.meetings.models import Meeting
from amity.members import services as member_services
from amity.members.models import Rank, State

ASHGABAT = zoneinfo.ZoneInfo("Asia/Ashgabat")
# A December day in the future: Ashgabat is UTC+5 and New York UTC-5 (no summer time).
DAY = datetime.date(2030, 12, 11)


def at(
    hour: int, day: datetime.date = DAY, zone: zoneinfo.ZoneInfo = ASHGABAT
) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)


def person(
    group: Any,
    code: str,
    family: str,
    *,
    rank: int = Rank.COUNSELLOR,
    focal: bool = False,
    email: str = "",
    given: str = "",
    title: str = "",
) -> Any:
    return member_services.person_create(
        actor=SYSTEM,
        group=group,
        state=State.objects.get(iso3=code),
        family_name=family,
        given_name=given,
        rank=rank,
        is_focal_point=focal,
        email=email,
        title=title,
    )


def meeting_kwargs(**overrides: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "titles": {"en": "Meeting of the Group", "ru": "Заседание Группы"},
        "level": "ministerial",
        "format": "hybrid",
        "venue_name": "Ministry of Foreign Affairs",
        "venue_city": "Ashgabat",
        "venue_country": State.objects.get(iso3="TKM"),
        "time_zone": "Asia/Ashgabat",
        "starts_at": at(15),
        "ends_at": at(17),
        "online_url": "https://meet.example.org/neutrality",
        "ga_session": 85,
    }
    kwargs.update(overrides)
    return kwargs


def make_meeting(group: Any, *, actor: Actor = SYSTEM, **overrides: Any) -> Meeting:
    return services.meeting_create(actor=actor, group=group, **meeting_kwargs(**overrides))


def convened_meeting(group: Any, *, actor: Actor = SYSTEM, **overrides: Any) -> Meeting:
    meeting = make_meeting(group, actor=actor, **overrides)
    return services.meeting_convene(actor=actor, meeting=meeting, notify=False)


def add_items(meeting: Meeting, *titles: str) -> list[Any]:
    items = []
    for title in titles:
        meeting.refresh_from_db()
        items.append(
            services.agenda_item_add(
                actor=SYSTEM, meeting=meeting, version=meeting.agenda_version, titles={"en": title}
            )
        )
    meeting.refresh_from_db()
    return items


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF whose text pypdf can extract."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(
    name: str, content: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
