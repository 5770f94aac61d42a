"""Services: language versions, translation memory, circulation, renditions, permissions."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amity.circulation import memory, selectors, services
from amity.circulation.models import Circulation, JobStatus, TMUnit
from amity.circulation.tests.factories import (
    FRENCH,
    adopted_document,
    circulated_document,
    ga_references,
    latest,
    make_document,
    translate_french,
)
from amity.core.errors import Conflict
from amity.documents.models import TextStatus, VersionText

pytestmark = pytest.mark.django_db


def test_paragraph_count_mismatch_names_the_paragraphs(group, coordinator):
    """A translation with fewer operative paragraphs than the original is refused, naming the
    paragraphs that have no translation; nothing is written."""
    version = latest(make_document(group))
    with pytest.raises(ValidationError) as exc:
        services.translation_update(
            actor=coordinator,
            version=version,
            language="fr",
            title="T",
            preamble=FRENCH["preamble"],
            operative=FRENCH["operative"][:1],
        )
    assert "OP2" in exc.value.message_dict["operative"][0]
    assert not VersionText.objects.filter(version=version, language="fr").exists()


def test_a_stale_revision_is_a_conflict(group, coordinator):
    """Two editors: the second save, started from the old revision, is told of the first."""
    version = latest(make_document(group))
    services.translation_update(actor=coordinator, version=version, language="fr", **FRENCH)
    start = selectors.language_row(version, "fr").revision
    services.translation_update(
        actor=coordinator, version=version, language="fr", revision=start, **FRENCH
    )
    with pytest.raises(Conflict):
        services.translation_update(
            actor=coordinator, version=version, language="fr", revision=start, **FRENCH
        )


def test_empty_or_partial_versions_cannot_be_final(group, coordinator):
    """An empty language version, or one with an untranslated paragraph, is not final."""
    version = latest(make_document(group))
    with pytest.raises(ValidationError):
        services.translation_mark_final(actor=coordinator, version=version, language="es")
    services.translation_update(
        actor=coordinator,
        version=version,
        language="fr",
        title=FRENCH["title"],
        preamble=FRENCH["preamble"],
        operative=[FRENCH["operative"][0], ""],
    )
    with pytest.raises(ValidationError) as exc:
        services.translation_mark_final(actor=coordinator, version=version, language="fr")
    assert "OP2" in exc.value.message_dict["status"][0]
    assert VersionText.objects.get(version=version, language="fr").status == TextStatus.DRAFT


def test_mark_final_records_who_and_fills_the_memory(group, coordinator):
    """Marking final sets the status and its author and keeps title and paragraph pairs."""
    version = latest(make_document(group))
    services.translation_update(actor=coordinator, version=version, language="fr", **FRENCH)
    text = services.translation_mark_final(actor=coordinator, version=version, language="fr")
    assert text.status == TextStatus.FINAL
    assert text.status_set_by == coordinator
    assert TMUnit.objects.filter(source_language="en", target_language="fr").count() == 5


def test_original_language_and_observers_are_refused(group, coordinator, observer, focal_point):
    """The original is not translated; only the coordinator edits translations."""
    version = latest(make_document(group))
    with pytest.raises(ValidationError):
        services.translation_update(actor=coordinator, version=version, language="en", **FRENCH)
    for user in (observer, focal_point):
        with pytest.raises(PermissionDenied):
            services.translation_update(actor=user, version=version, language="fr", **FRENCH)


def test_memory_prefills_exact_matches_and_offers_close_ones(group, coordinator):
    """A new document: its paragraphs identical to a finalised one are pre-filled; a paragraph
    slightly changed is offered with its score and the document it came from; an unrelated
    one gets nothing."""
    first = make_document(group, slug="first")
    translate_french(latest(first))
    second = make_document(
        group,
        slug="second",
        preamble=[
            "<i>Recalling</i> the Charter of the United Nations,",
            "<i>Noting</i> the excellent work of the Group,",
        ],
        operative=["<b>Agree</b> to meet every six months;", "Something entirely different here."],
    )
    version = latest(second)
    filled = services.translation_prefill(actor=coordinator, version=version, language="fr")
    assert filled == 2
    row = selectors.language_row(version, "fr")
    assert row.preamble[0] == FRENCH["preamble"][0]
    assert row.operative[0] == FRENCH["operative"][0]
    assert row.preamble[1] == ""
    assert sorted(row.memory_refs) == ["op1", "pp1"]
    offers = selectors.memory_suggestions(
        source_language="en",
        target_language="fr",
        paragraphs={
            "pp2": "<i>Noting</i> the excellent work of the Group,",
            "op2": "Something entirely different here.",
        },
    )
    assert list(offers) == ["pp2"]
    best = offers["pp2"][0]
    assert 0.75 <= best.score < 1
    assert best.document.slug == "first"
    assert best.text == FRENCH["preamble"][1]


def test_memory_matching_pure_functions():
    """Exact text scores 1, close text above the threshold, unrelated text below."""
    a = memory.normalise("<i>Noting</i> the work of the Group,")
    assert memory.score(a, memory.normalise("Noting  the WORK of the Group,")) == 1.0
    close = memory.best_matches(
        a, [(memory.normalise("Noting the fine work of the Group,"), "x", 1)]
    )
    assert close
    assert 0.75 <= close[0].score < 1
    assert memory.best_matches(a, [(memory.normalise("Decide to adjourn"), "y", 2)]) == []


def test_circulating_a_document_not_adopted_is_refused(group, coordinator):
    """Only adopted texts are circulated; nothing is written."""
    s77, item58, _ = ga_references()
    document = make_document(group)
    with pytest.raises(ValidationError) as exc:
        services.circulation_prepare(
            actor=coordinator,
            document=document,
            session=s77,
            agenda_item=item58,
            letter_date=datetime.date(2023, 3, 1),
            representative_name="A. Ataeva",
        )
    assert "document" in exc.value.message_dict
    assert not Circulation.objects.exists()


def test_agenda_item_of_another_session_is_refused(group, coordinator):
    """Item 61 of the 79th session cannot be used for a 77th-session circulation."""
    s77, _, item61 = ga_references()
    document = adopted_document(group)
    with pytest.raises(ValidationError) as exc:
        services.circulation_prepare(
            actor=coordinator,
            document=document,
            session=s77,
            agenda_item=item61,
            letter_date=datetime.date(2023, 3, 1),
            representative_name="A. Ataeva",
        )
    assert "79" in exc.value.message_dict["agenda_item"][0]


def test_circulation_moves_through_its_states_and_refuses_skips(group, coordinator, focal_point):
    """prepared -> submitted -> issued (valid symbol of the right session) -> published; a
    skipped or repeated step is a conflict; a focal point may not advance it."""
    s77, item58, _ = ga_references()
    document = adopted_document(group)
    circulation = services.circulation_prepare(
        actor=coordinator,
        document=document,
        session=s77,
        agenda_item=item58,
        letter_date=datetime.date(2023, 3, 1),
        representative_name="Aksoltan Ataeva",
    )
    assert circulation.chair_state.iso3 == "TKM"
    with pytest.raises(Conflict):
        services.circulation_issue(
            actor=coordinator,
            circulation=circulation,
            symbol="A/77/800",
            issued_on=datetime.date(2023, 3, 10),
        )
    with pytest.raises(PermissionDenied):
        services.circulation_submit(
            actor=focal_point, circulation=circulation, submitted_on=datetime.date(2023, 3, 2)
        )
    circulation = services.circulation_submit(
        actor=coordinator, circulation=circulation, submitted_on=datetime.date(2023, 3, 2)
    )
    with pytest.raises(ValidationError) as exc:
        services.circulation_issue(
            actor=coordinator,
            circulation=circulation,
            symbol="A/77/8OO",
            issued_on=datetime.date(2023, 3, 10),
        )
    assert "symbol" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.circulation_issue(
            actor=coordinator,
            circulation=circulation,
            symbol="A/78/800",
            issued_on=datetime.date(2023, 3, 10),
        )
    circulation = services.circulation_issue(
        actor=coordinator,
        circulation=circulation,
        symbol="A/77/800",
        issued_on=datetime.date(2023, 3, 10),
    )
    circulation = services.circulation_publish(actor=coordinator, circulation=circulation)
    assert circulation.status == "published"
    document.refresh_from_db()
    assert document.is_published
    with pytest.raises(Conflict):
        services.circulation_publish(actor=coordinator, circulation=circulation)


def test_package_job_renders_six_files_per_language_with_checksums(
    group, coordinator, django_capture_on_commit_callbacks
):
    """The package job, run as the background thread runs it, stores a zip whose manifest
    lists each file with its SHA-256; progress reaches 100."""
    import hashlib

    document = circulated_document(group, coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.rendition_request(actor=coordinator, document=document, kind="package")
    assert len(callbacks) == 1
    job = services.rendition_run(job_id=job.pk)
    assert job.status == JobStatus.DONE
    assert job.progress == 100
    with zipfile.ZipFile(io.BytesIO(job.file.read())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["languages"] == ["en", "fr"]
        assert manifest["agenda_item"] == 58
        for entry in manifest["files"]:
            assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
    assert len(manifest["files"]) == 6


def test_package_needs_a_circulation_and_a_coordinator(group, coordinator, focal_point):
    """No package before the circulation is prepared; focal points may not request it."""
    document = adopted_document(group)
    with pytest.raises(ValidationError):
        services.rendition_request(actor=coordinator, document=document, kind="package")
    with pytest.raises(PermissionDenied):
        services.rendition_request(actor=focal_point, document=document, kind="package")
    with pytest.raises(ValidationError):
        services.rendition_request(actor=focal_point, document=document, kind="pdf", language="ru")


def test_save_and_mark_final_is_one_transaction(group, coordinator):
    """Saving and marking final with a paragraph left empty is refused as a whole: the text keeps
    what it had before (nothing of the new wording is saved, its revision is unchanged, no
    audit entry is written) and the refusal says which paragraph is missing."""
    from amity.members.models import AuditEntry

    version = latest(make_document(group))
    services.translation_update(actor=coordinator, version=version, language="fr", **FRENCH)
    before = VersionText.objects.get(version=version, language="fr")
    revision = selectors.language_row(version, "fr").revision
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.translation_update(
            actor=coordinator,
            version=version,
            language="fr",
            title="Un autre titre",
            preamble=FRENCH["preamble"],
            operative=[FRENCH["operative"][0], ""],
            final=True,
        )
    assert "OP2" in exc.value.message_dict["status"][0]
    after = VersionText.objects.get(version=version, language="fr")
    assert (after.title, after.operative, after.status) == (
        before.title,
        before.operative,
        before.status,
    )
    assert selectors.language_row(version, "fr").revision == revision
    assert AuditEntry.objects.count() == entries

    text = services.translation_update(
        actor=coordinator, version=version, language="fr", final=True, **FRENCH
    )
    assert text.status == TextStatus.FINAL
    assert AuditEntry.objects.filter(action="translation.final").count() == 1
