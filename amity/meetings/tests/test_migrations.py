"""The last single-language texts of meetings, co-chairs, resolutions and activities become
``{lang: text}`` fields (issue 15): a database migrated before keeps each text, now the
version in its original language; the way back keeps the text too."""

import datetime

import pytest

from amity.core.tests.migrating import latest, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("meetings", "0003_merge_0002_date_polls_0002_texts_in_six_languages"),
    ("members", "0008_merge_20261130_0129"),
    ("publishing", "0002_edit_versions"),
]
AFTER = [
    ("meetings", "0004_more_texts_in_six_languages"),
    ("members", "0009_cochair_note_in_six_languages"),
    ("publishing", "0003_more_texts_in_six_languages"),
]


def test_existing_texts_become_the_version_in_their_original_language():
    try:
        old = migrate_to(BEFORE)
        State = old.get_model("members", "State")
        Group = old.get_model("members", "Group")
        tkm = State.objects.filter(iso3="TKM").first() or State.objects.create(
            iso3="TKM", iso2="TM", m49="795", regional_group="asia_pacific", names={"en": "TM"}
        )
        group = Group.objects.create(slug="neutrality", names={"en": "N"}, original_language="ru")
        cochair = old.get_model("members", "CoChair").objects.create(
            group=group, state=tkm, note="Инициатор"
        )
        Meeting = old.get_model("meetings", "Meeting")
        when = datetime.datetime(2030, 12, 11, 10, tzinfo=datetime.UTC)
        meeting = Meeting.objects.create(
            group=group,
            titles={"fr": "Réunion"},
            original_language="fr",
            level="ministerial",
            format="in_person",
            venue_city="Achgabat",
            time_zone="Asia/Ashgabat",
            starts_at=when,
            ends_at=when + datetime.timedelta(hours=2),
            cancel_reason="Reportée",
            ical_uid="uid-migration-test",
        )
        item = old.get_model("meetings", "AgendaItem").objects.create(
            meeting=meeting, position=1, titles={"fr": "Ouverture"}
        )
        document = old.get_model("meetings", "AgendaDocument").objects.create(
            item=item, title="Note conceptuelle", file="x.pdf", kind="pdf"
        )
        statement = old.get_model("meetings", "Statement").objects.create(
            meeting=meeting,
            agenda_item=item,
            state=tkm,
            title="Заявление",
            file="s.pdf",
            kind="pdf",
            original_language="ru",
        )
        resolution = old.get_model("publishing", "Resolution").objects.create(
            symbol="A/RES/71/275", adopted_on=datetime.date(2017, 2, 2), ga_session=71, note="N."
        )

        new = migrate_to(AFTER)
        NewMeeting = new.get_model("meetings", "Meeting")
        moved = NewMeeting.objects.get(pk=meeting.pk)
        assert moved.venue_city == {"fr": "Achgabat"}
        assert moved.cancel_reason == {"fr": "Reportée"}
        assert new.get_model("meetings", "AgendaDocument").objects.get(pk=document.pk).title == {
            "fr": "Note conceptuelle"
        }
        assert new.get_model("meetings", "Statement").objects.get(pk=statement.pk).title == {
            "ru": "Заявление"
        }
        assert new.get_model("members", "CoChair").objects.get(pk=cochair.pk).note == {
            "ru": "Инициатор"
        }
        assert new.get_model("publishing", "Resolution").objects.get(pk=resolution.pk).note == {
            "en": "N."
        }

        back = migrate_to(BEFORE)
        assert back.get_model("meetings", "Meeting").objects.get(pk=meeting.pk).venue_city == (
            "Achgabat"
        )
    finally:
        migrate_to(latest())
