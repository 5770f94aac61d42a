"""The member list as CSV and Excel, in the page's language, read back with their readers."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.test import Client


def test_member_list_csv_has_un_names_in_the_page_language(group):
    response = Client().get("/ar/groups/neutrality/members.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="neutrality-members-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert len(rows[0]) == 4
    assert {r[1] for r in rows[1:]} == {"TKM", "KAZ"}
    names = {r[1]: r[0] for r in rows[1:]}
    assert names["TKM"] == "تركمانستان"
    assert names["KAZ"] == "كازاخستان"


def test_member_list_excel_follows_the_date_filter_and_empty_is_valid(group):
    response = Client().get("/zh-hans/groups/neutrality/members.xlsx?on=2020-08-30")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2  # only Turkmenistan had joined by then
    assert sheet.cell(2, 2).value == "TKM"
    assert sheet.cell(2, 1).value == "土库曼斯坦"
    before = Client().get("/en/groups/neutrality/members.xlsx?on=2019-01-01")
    sheet = openpyxl.load_workbook(io.BytesIO(before.content)).active
    assert sheet.max_row == 1
    assert [c.value for c in sheet[1]] == ["State", "ISO code", "Regional group", "Joined"]
    empty_csv = Client().get("/en/groups/neutrality/members.csv?on=2019-01-01")
    rows = list(csv.reader(io.StringIO(empty_csv.content.decode("utf-8-sig"))))
    assert rows == [["State", "ISO code", "Regional group", "Joined"]]


def test_member_page_links_the_exports_with_its_filters(group):
    page = Client().get("/en/groups/neutrality/members/?region=asia_pacific").content.decode()
    assert "/en/groups/neutrality/members.csv?region=asia_pacific" in page
    assert "/en/groups/neutrality/members.xlsx?region=asia_pacific" in page
