"""Normalisation, query parsing and highlighting: pure functions, no database."""

from __future__ import annotations

from amity.search.text import (
    QUERY_MAX_CHARS,
    cjk_grams,
    cjk_query_grams,
    highlight,
    highlighter,
    normalise,
    parse_query,
    snippet,
)


def test_arabic_diacritics_alef_forms_and_article_are_folded():
    """Text with tashkeel, tatweel, hamza on alef and the article reads as the bare word."""
    assert normalise("الْحِيَادُ") == normalise("حياد") == "حياد"
    assert normalise("أَهَمِّيَّة") == normalise("اهميه")
    assert normalise("إعـــلان") == normalise("اعلان")
    assert normalise("مستشفى") == normalise("مستشفي")


def test_latin_and_cyrillic_fold_case_and_accents():
    """Accents and case do not matter; Russian ё reads as е."""
    assert normalise("Neutralité ÉTAT") == "neutralite etat"
    assert normalise("Ёлка") == normalise("елка")


def test_chinese_characters_are_doubled_for_the_trigram_index():
    """A two-character Chinese word becomes a four-character string, inside or alone."""
    assert normalise("中立") == "中中立立"
    assert "中中立立" in normalise("永久中立政策")


def test_query_syntax_characters_are_plain_separators():
    """Quotes, stars, minus, parentheses and NEAR carry no meaning: only words remain."""
    query = parse_query('"neutral* -peace (NEAR OR) ) "" \'')
    assert query.terms == ("neutral", "peace", "near", "or")
    assert not query.truncated


def test_empty_and_whitespace_queries_are_empty():
    assert parse_query("").is_empty
    assert parse_query("   \n ").is_empty
    assert parse_query('"*()-').is_empty
    assert parse_query(None).is_empty


def test_long_query_is_cut_and_says_so():
    """10,000 characters are cut to the limit and flagged."""
    query = parse_query("neutrality " * 1000)
    assert query.truncated
    assert len(query.text) <= QUERY_MAX_CHARS
    assert query.terms == ("neutrality",)


def test_chinese_and_latin_runs_are_separate_terms():
    query = parse_query("UN中立")
    assert query.terms == ("un", "中中立立")
    assert query.cjk_terms() == ["中中立立"]
    assert query.word_terms() == ["un"]


def test_highlight_escapes_html_before_marking():
    """The text is escaped first, then the terms are marked: no markup gets through."""
    pattern = highlighter(parse_query("script").terms)
    assert highlight("<script>alert(1)</script>", pattern) == (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"
    )


def test_highlight_marks_arabic_with_diacritics_and_chinese_inside_a_sentence():
    """A bare Arabic query marks the word written with its vowels; a Chinese word is marked
    inside a sentence without spaces."""
    arabic = highlight("أكد أهمية الْحِيَادِ الدائم", highlighter(parse_query("الحياد").terms))
    assert "<mark>حِيَادِ</mark>" in arabic
    chinese = highlight("永久中立政策", highlighter(parse_query("中立").terms))
    assert chinese == "永久<mark>中立</mark>政策"


def test_snippet_shows_the_text_around_the_first_match():
    body = "Opening remarks. " * 40 + "The Institute of Neutrality was discussed. " + "End. " * 40
    text = snippet(body, highlighter(parse_query("institute").terms))
    assert "<mark>Institute</mark>" in text
    assert text.startswith("… ")
    assert text.endswith(" …")
    assert len(text) < 320


def test_cjk_grams_are_characters_and_pairs_in_a_row():
    """PostgreSQL's CJK words: each character and each pair of neighbours, once; a query
    term of one or two characters is itself, a longer one its pairs."""
    assert cjk_grams(normalise("中立，中立国")) == ["中", "立", "中立", "国", "立国"]
    assert cjk_query_grams(normalise("中")) == ["中"]
    assert cjk_query_grams(normalise("中立")) == ["中立"]
    assert cjk_query_grams(normalise("领土完整")) == ["领土", "土完", "完整"]
