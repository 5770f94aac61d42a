"""Editing without HTML (issue 16): what the editor sends becomes paragraphs, amendments are
shown as tracked changes inside their paragraph, and the text can be read with line numbers."""

from __future__ import annotations

import pytest

from amity.documents import services
from amity.documents.forms import ProposalForm, TextForm, paragraphs
from amity.documents.lines import numbered_lines, tracked_change
from amity.documents.tests.factories import latest, make_document
from amity.documents.text import Text, clean_text


def test_the_editor_s_blocks_become_paragraphs_and_lists_stay_with_theirs():
    sent = (
        "<p><strong>Recalling</strong> the Charter,</p><p>Noting <em>with appreciation</em>:</p>"
        "<ul><li>the first</li><li>the second</li></ul><p><br></p>"
    )
    assert paragraphs(sent) == [
        "<strong>Recalling</strong> the Charter,",
        "Noting <em>with appreciation</em>:<ul><li>the first</li><li>the second</li></ul>",
    ]
    # Without JavaScript: blank lines still separate paragraphs.
    assert paragraphs("One\nline two\n\nTwo") == ["One\nline two", "Two"]


def test_text_pasted_from_word_keeps_bold_italics_and_paragraphs_only():
    pasted = (
        '<p class="MsoNormal" style="margin:0"><span style="font-family:Calibri;color:red">'
        "<b>Decide</b> to meet <i>annually</i></span><o:p></o:p></p><p>Second</p>"
    )
    form = TextForm({"title": "T", "preamble": "", "operative": pasted})
    assert form.is_valid(), form.errors
    text = clean_text(**form.text_kwargs())
    assert text.operative == ["<b>Decide</b> to meet <i>annually</i>", "Second"]


def test_a_proposal_from_the_editor_is_one_paragraph():
    form = ProposalForm(
        {"paragraph": "op1", "action": "replace", "new_text": "<p>First</p><p>then</p>"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["new_text"] == "First<br>then"


def test_lines_are_numbered_continuously_and_cut_at_the_line_length():
    text = Text(
        title="Not numbered",
        preamble=["word " * 30, "<i>Short</i>"],
        operative=["中" * 100],
    )
    lines = numbered_lines(text, width=40)
    assert [n for n, _ in lines["pp1"]] == [1, 2, 3, 4]
    assert all(len(line) <= 40 for _, line in lines["pp1"])
    assert lines["pp2"] == [(5, "Short")]
    # Chinese has no spaces: cut where the line ends.
    assert [n for n, _ in lines["op1"]] == [6, 7, 8]
    assert "".join(line for _, line in lines["op1"]) == "中" * 100


def test_tracked_changes_show_the_words_taken_out_and_added():
    shown = tracked_change(
        action="replace",
        base="<b>Decide</b> to meet once a year",
        wording="<b>Decide</b> to meet every six months",
    )
    assert shown == "Decide to meet <del>once a year</del><ins>every six months</ins>"
    assert tracked_change(action="delete", base="Gone", wording="") == "<del>Gone</del>"
    assert tracked_change(action="insert", base=None, wording="<i>New</i>") == "<ins>New</ins>"
    # Escaped: a proposal cannot inject markup.
    assert "<script>" not in tracked_change(action="replace", base="a", wording="&lt;script&gt;")


@pytest.mark.django_db
def test_the_document_page_shows_tracked_changes_and_line_numbers(
    group, coordinator, focal_point, coordinator_client
):
    doc = make_document(group, actor=coordinator)
    services.proposal_create(
        actor=focal_point,
        document=doc,
        base_version=latest(doc),
        paragraph="op2",
        action="replace",
        new_text="<b>Decide</b> to meet twice a year at ministerial level;",
    )
    page = coordinator_client.get(doc.get_absolute_url()).content.decode()
    assert "<del>once</del><ins>twice</ins>" in page
    assert 'class="ln"' not in page
    numbered = coordinator_client.get(doc.get_absolute_url() + "?lines=1").content.decode()
    assert '<span class="ln">1</span> Recalling the Charter of the United Nations,' in numbered
    assert '<span class="ln">4</span> Decide to meet once a year at ministerial level;' in numbered
