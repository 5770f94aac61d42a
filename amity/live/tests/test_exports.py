"""The list of speakers as CSV and Excel, read back with their own readers."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.test import Client

from amity.live import services


def _speak(session, coordinator):
    m = session.meeting
    for n, reg in enumerate((session.ataeva, session.bakayev)):
        services.speaker_add(actor=coordinator, meeting=m, registration=reg, version=1 + 4 * n)
        services.floor_give(actor=coordinator, meeting=m, version=2 + 4 * n)
        services.timer_start(actor=coordinator, meeting=m, version=3 + 4 * n)
        services.timer_stop(actor=coordinator, meeting=m, version=4 + 4 * n)


def test_speakers_csv_in_order_with_times_in_the_page_language(session, coordinator):
    _speak(session, coordinator)
    response = Client().get(f"/ru/meetings/{session.meeting.pk}/speakers.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "#"
    assert len(rows) == 3
    assert [r[2] for r in rows[1:]] == ["Ataeva", "Bakayev"]
    assert rows[1][4] == "Туркменистан"
    assert rows[2][4] == "Казахстан"
    assert rows[1][6].count(":") == 1
    assert rows[1][8].count(":") == 1


def test_speakers_excel_and_an_empty_list_is_a_valid_file(session, coordinator):
    empty = Client().get(f"/ar/meetings/{session.meeting.pk}/speakers.xlsx")
    assert empty.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(empty.content))
    sheet = book.active
    assert sheet.max_row == 1
    assert sheet.cell(1, 1).value == "#"
    assert sheet.sheet_view.rightToLeft is True  # Arabic reads right to left
    _speak(session, coordinator)
    full = Client().get(f"/en/meetings/{session.meeting.pk}/speakers.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(full.content)).active
    assert [sheet.cell(r, 3).value for r in (2, 3)] == ["Ataeva", "Bakayev"]
    assert sheet.cell(2, 5).value == "Turkmenistan"


def test_speakers_of_a_members_only_meeting_are_not_for_the_public(session):
    m = session.meeting
    m.visibility = "members"
    m.save()
    assert Client().get(f"/en/meetings/{m.pk}/speakers.csv").status_code == 404
