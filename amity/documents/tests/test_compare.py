"""The comparison between two versions, on edge cases."""

from amity.documents.compare import compare, diff_words, tokens
from amity.documents.text import Text


def kinds(rows):
    return [r.kind for r in rows]


def test_empty_texts_compare_without_changes():
    """Two empty texts: no rows, no changes."""
    result = compare(Text(), Text())
    assert result.preamble == []
    assert result.operative == []
    assert not result.has_changes


def test_from_empty_everything_is_inserted():
    """Against an empty version every paragraph is new."""
    result = compare(Text(), Text("T", ["a b"], ["c d", "e f"]))
    assert kinds(result.preamble) == ["inserted"]
    assert kinds(result.operative) == ["inserted", "inserted"]
    assert "<ins>c d</ins>" in result.operative[0].html


def test_changed_words_are_marked():
    """Within a paragraph, removed words are in <del> and added ones in <ins>."""
    html = diff_words("meet at least once a year", "meet at least every six months")
    assert "<del>" in html
    assert "<ins>" in html
    assert "once" in html
    assert "six months" in html
    assert html.startswith("meet at least ")


def test_reordered_paragraphs_are_moved_not_deleted_and_inserted():
    """A paragraph that changes place is shown once, as moved, with where it came from."""
    old = Text("T", [], ["First paragraph here.", "Second paragraph here.", "Third one is long."])
    new = Text("T", [], ["Third one is long.", "First paragraph here.", "Second paragraph here."])
    result = compare(old, new)
    assert "deleted" not in kinds(result.operative)
    moved = [r for r in result.operative if r.kind == "moved"]
    assert len(moved) == 1
    assert moved[0].old_ref == "op3"
    assert moved[0].new_ref == "op1"


def test_paragraph_moved_between_sections():
    """A preambular paragraph that becomes operative is noticed as moved."""
    old = Text("T", ["Noting the work,", "Recalling the Charter,"], ["Agree."])
    new = Text("T", ["Recalling the Charter,"], ["Agree.", "Noting the work,"])
    result = compare(old, new)
    assert next(r for r in result.operative if r.kind == "moved").old_ref == "pp1"
    assert "deleted" not in kinds(result.preamble)


def test_chinese_is_diffed_per_character():
    """Chinese has no spaces: one character changed is one character marked."""
    assert tokens("中立之友") == ["中", "立", "之", "友"]
    html = diff_words("中立之友小组", "中立之友集团")
    assert html == "中立之友<del>小组</del><ins>集团</ins>"


def test_arabic_words_with_vowel_marks_stay_whole():
    """Arabic words, with their vowel marks, are tokens; one changed word is marked."""
    assert tokens("السَّلام والأمن") == ["السَّلام", " ", "والأمن"]
    html = diff_words("تعزيز السلام والأمن", "تعزيز السلام والتنمية")
    assert html == "تعزيز السلام <del>والأمن</del><ins>والتنمية</ins>"


def test_markup_is_ignored_and_text_escaped():
    """Formatting tags are not words; text is escaped in the output."""
    result = compare(Text("T", [], ["<b>Agree</b> a &lt; b"]), Text("T", [], ["Agree a < b"]))
    assert kinds(result.operative) == ["same"]
    assert "&lt;" in result.operative[0].html
