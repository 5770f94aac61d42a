"""Participants and the statements index as CSV and Excel, read back with their own readers."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.test import Client

from amity.core.actors import SYSTEM
from amity.meetings import services
from amity.meetings.tests.factories import add_items, convened_meeting, person
from amity.members.models import Rank, State


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _registered(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    for code, family, rank, head in (
        ("KAZ", "Seitkali", Rank.COUNSELLOR, False),
        ("TKM", "Ataeva", Rank.AMBASSADOR, True),
        ("KAZ", "Bakayev", Rank.DEPUTY_MINISTER, True),
        ("TKM", "Meredov", Rank.MINISTER, False),
    ):
        services.registration_submit(
            actor=SYSTEM,
            meeting=meeting,
            person=person(group, code, family, rank=rank),
            attendance_mode="in_room",
            is_head=head,
        )
    return meeting


def test_participants_by_delegation_in_protocol_order(group, coordinator, focal_client):
    meeting = _registered(group, coordinator)
    rows = _rows(focal_client.get(f"/fr/meetings/{meeting.pk}/participants.csv"))
    assert len(rows[0]) == 6
    # Turkmenistan first (its minister outranks Kazakhstan's deputy minister); each delegation
    # together, its people in protocol order.
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("Turkménistan", "Meredov"),
        ("Turkménistan", "Ataeva"),
        ("Kazakhstan", "Bakayev"),
        ("Kazakhstan", "Seitkali"),
    ]


def test_participants_are_for_participants_only(group, coordinator):
    meeting = _registered(group, coordinator)
    assert Client().get(f"/en/meetings/{meeting.pk}/participants.csv").status_code == 403


def test_participants_excel_empty_list_has_headers(group, coordinator, coordinator_client):
    meeting = convened_meeting(group, actor=coordinator)
    response = coordinator_client.get(f"/en/meetings/{meeting.pk}/participants.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1
    assert [c.value for c in sheet[1]][:2] == ["Delegation", "Name"]


def test_statements_index_csv_and_excel(group, coordinator, focal_point):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Membership")
    services.statement_upload(
        actor=focal_point,
        meeting=meeting,
        agenda_item=item,
        state=State.objects.get(iso3="KAZ"),
        title="=Statement of Kazakhstan",
        original_language="ru",
        file=SimpleUploadedFile("s.txt", b"Statement text", content_type="text/plain"),
    )
    rows = _rows(Client().get(f"/en/meetings/{meeting.pk}/statements.csv"))
    assert rows[0][0] == "Item"
    assert len(rows) == 2
    assert rows[1][2] == "Kazakhstan"
    assert rows[1][3] == "'=Statement of Kazakhstan"  # no formula smuggled into a spreadsheet
    assert rows[1][6].startswith("http://testserver/en/meetings/")
    sheet = openpyxl.load_workbook(
        io.BytesIO(Client().get(f"/en/meetings/{meeting.pk}/statements.xlsx").content)
    ).active
    assert sheet.cell(2, 3).value == "Kazakhstan"
    assert sheet.cell(2, 6).is_date


def test_unknown_format_is_not_found(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    assert Client().get(f"/en/meetings/{meeting.pk}/statements.ods").status_code == 404
