"""``pipelines.document``: decoding, parse failures and the signals read once per page."""

from __future__ import annotations

import pytest

from pipelines import document
from pipelines.document import Document, PageParseError, decode_html, parse_document
from pipelines.record import PageError

URL = "https://news.example.com/2024/05/01/story.html"


def _page(head: str = "", body: str = "<p>Body.</p>", html_attrs: str = "") -> str:
    return f"<!DOCTYPE html><html{html_attrs}><head>{head}</head><body>{body}</body></html>"


# --- decoding -----------------------------------------------------------------------------


def test_cp1252_declared_in_meta_is_decoded() -> None:
    page = _page(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Café “quoted” — naïve</title>",
        "<p>Prix: 5 €</p>",
    )
    doc = parse_document(page.encode("cp1252"), URL)
    assert doc.title_tag == "Café “quoted” — naïve"
    assert "5 €" in doc.tree.text_content()


def test_utf8_with_bom_is_decoded_without_bom() -> None:
    body = "\ufeff" + _page("<title>Été à Zürich</title>")
    doc = parse_document(body.encode("utf-8"), URL)
    assert doc.title_tag == "Été à Zürich"
    assert "\ufeff" not in doc.tree.text_content()


def test_shift_jis_from_content_type_header() -> None:
    page = _page("<title>日本語のニュース</title>", "<p>東京で記者会見が開かれた。</p>")
    doc = parse_document(page.encode("shift_jis"), URL, "text/html; charset=Shift_JIS")
    assert doc.title_tag == "日本語のニュース"
    assert "東京で記者会見が開かれた。" in doc.tree.text_content()


def test_header_charset_wins_over_meta_charset() -> None:
    page = _page('<meta charset="iso-8859-1"><title>Ünïcödé</title>')
    doc = parse_document(page.encode("utf-8"), URL, "text/html; charset=utf-8")
    assert doc.title_tag == "Ünïcödé"


def test_str_body_is_used_as_is() -> None:
    assert decode_html("<p>déjà</p>") == "<p>déjà</p>"
    doc = parse_document(_page("<title>déjà vu</title>"), URL)
    assert doc.title_tag == "déjà vu"


# --- failures -----------------------------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"  \n\t ", b"\r\x0b\x0c", "", "   ", "\u2003\u3000\n"])
def test_empty_body_is_empty_page(body: bytes | str) -> None:
    with pytest.raises(PageParseError) as info:
        parse_document(body, URL)
    assert info.value.kind == "empty_page"


def test_bom_only_body_is_empty_page() -> None:
    with pytest.raises(PageParseError) as info:
        parse_document(b"\xef\xbb\xbf  \n", URL)
    assert info.value.kind == "empty_page"


def test_body_with_one_character_after_whitespace_is_parsed() -> None:
    assert parse_document(b" \n <p>x</p>", URL).tree.findtext(".//p") == "x"


@pytest.mark.parametrize(
    "body",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.7\n\x00\x00\x00binary",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    ],
)
def test_binary_body_is_not_html(body: bytes) -> None:
    with pytest.raises(PageParseError) as info:
        parse_document(body, URL)
    assert info.value.kind == "not_html"


def test_comment_only_page_is_parse_error() -> None:
    with pytest.raises(PageParseError) as info:
        parse_document(b"<!-- nothing here -->", URL)
    assert info.value.kind == "parse_error"


def test_too_large_body(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MAX_HTML_BYTES", 100)
    with pytest.raises(PageParseError) as info:
        parse_document(_page(body="<p>" + "word " * 50 + "</p>").encode(), URL)
    assert info.value.kind == "too_large"


def test_parse_error_as_error_is_a_page_error() -> None:
    exc = PageParseError("not_html", "binary")
    assert exc.as_error() == PageError("not_html", "binary")
    assert isinstance(exc, ValueError)


# --- meta, links, lang, title -------------------------------------------------------------


def test_meta_keys_are_lower_cased_and_keep_every_value() -> None:
    doc = parse_document(
        _page(
            '<meta property="OG:Title" content="First">'
            '<meta property="og:title" content="Second">'
            '<meta name="Description" content="A description">'
            '<meta itemprop="datePublished" content="2024-05-01">'
            '<meta name="no-content">'
            '<meta content="no key">'
        ),
        URL,
    )
    assert doc.meta["og:title"] == ["First", "Second"]
    assert doc.meta["description"] == ["A description"]
    assert doc.meta["datepublished"] == ["2024-05-01"]
    assert "no-content" not in doc.meta
    assert all("no key" not in values for values in doc.meta.values())


def test_meta_first_skips_blank_values_and_strips() -> None:
    doc = parse_document(
        _page(
            '<meta property="og:description" content="   ">'
            '<meta name="description" content="  From the name tag  ">'
            '<meta name="twitter:description" content="From twitter">'
        ),
        URL,
    )
    assert doc.meta_first("og:description", "description", "twitter:description") == (
        "From the name tag"
    )
    assert doc.meta_first("twitter:description", "description") == "From twitter"
    assert doc.meta_first("og:description") is None
    assert doc.meta_first("absent") is None
    assert doc.meta_first() is None


def test_links_by_rel() -> None:
    doc = parse_document(
        _page(
            '<link rel="canonical" href=" https://news.example.com/story ">'
            '<link rel="Alternate StyleSheet" href="/alt.css">'
            '<link rel="alternate" href="/feed.xml">'
            '<link rel="icon">'
        ),
        URL,
    )
    assert doc.links["canonical"] == ["https://news.example.com/story"]
    assert doc.links["alternate"] == ["/alt.css", "/feed.xml"]
    assert doc.links["stylesheet"] == ["/alt.css"]
    assert "icon" not in doc.links


def test_lang_from_html_element() -> None:
    assert parse_document(_page(html_attrs=' lang=" de-AT "'), URL).lang == "de-AT"
    assert parse_document(_page(html_attrs=' lang=""'), URL).lang is None
    assert parse_document(_page(), URL).lang is None


def test_title_tag_whitespace_collapsed_and_head_title_preferred() -> None:
    doc = parse_document(
        _page("<title>\n  Big   news\ttoday </title>", "<svg><title>Icon</title></svg>"), URL
    )
    assert doc.title_tag == "Big news today"
    assert parse_document(_page(), URL).title_tag is None
    assert parse_document(_page("<title>  </title>"), URL).title_tag is None


def test_title_tag_falls_back_to_a_title_outside_the_head() -> None:
    doc = parse_document(_page("", "<p>Text</p><title>Body   title</title>"), URL)
    assert doc.title_tag == "Body title"
    late_head = "<head><title>Late</title></head>"
    assert parse_document(_page("<title>Head</title>", late_head), URL).title_tag == "Head"


def test_url_and_tree_are_kept() -> None:
    doc = parse_document(_page(body="<h1>Headline</h1>"), URL)
    assert isinstance(doc, Document)
    assert doc.url == URL
    assert doc.tree.xpath("string(//h1)") == "Headline"


def test_comments_are_removed_from_the_tree() -> None:
    doc = parse_document(_page(body="<p>kept<!-- secret --></p>"), URL)
    assert "secret" not in document.html.tostring(doc.tree, encoding="unicode")


# --- JSON-LD ------------------------------------------------------------------------------


def _ld(*scripts: str, script_type: str = "application/ld+json") -> str:
    return "".join(f'<script type="{script_type}">{s}</script>' for s in scripts)


def test_json_ld_single_object() -> None:
    doc = parse_document(_page(_ld('{"@type": "NewsArticle", "headline": "H"}')), URL)
    assert doc.json_ld == [{"@type": "NewsArticle", "headline": "H"}]


def test_json_ld_type_matched_case_insensitively() -> None:
    scripts = (_ld('{"@type": "Thing", "name": "upper"}', script_type="Application/LD+JSON")
               + _ld('{"@type": "Thing", "name": "plain"}', script_type="application/json"))
    assert parse_document(_page(scripts), URL).json_ld == [{"@type": "Thing", "name": "upper"}]


def test_json_ld_graph_is_flattened() -> None:
    graph = """{"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Page"},
        {"@type": ["NewsArticle", "Article"], "headline": "In graph"},
        {"@id": "#untyped"}
    ]}"""
    doc = parse_document(_page(_ld(graph)), URL)
    assert [obj.get("name") or obj.get("headline") for obj in doc.json_ld] == ["Page", "In graph"]


def test_json_ld_top_level_list() -> None:
    doc = parse_document(
        _page(_ld('[{"@type": "Organization", "name": "O"}, {"@type": "Person", "name": "P"}, 3]')),
        URL,
    )
    assert [obj["@type"] for obj in doc.json_ld] == ["Organization", "Person"]


def test_broken_json_ld_is_skipped_not_fatal() -> None:
    doc = parse_document(
        _page(
            _ld(
                '{"@type": "NewsArticle", "headline": ',  # truncated
                "",
                '{"@type": "Person", "name": "Ann"}',
            )
        ),
        URL,
    )
    assert doc.json_ld == [{"@type": "Person", "name": "Ann"}]


def test_json_ld_control_characters_are_tolerated() -> None:
    doc = parse_document(_page(_ld('{"@type": "NewsArticle", "headline": "a\tb"}')), URL)
    assert doc.json_ld[0]["headline"] == "a\tb"


def test_json_ld_type_attribute_is_case_insensitive() -> None:
    doc = parse_document(
        _page(_ld('{"@type": "NewsArticle"}', script_type="Application/LD+JSON")), URL
    )
    assert doc.json_ld == [{"@type": "NewsArticle"}]


def test_other_scripts_are_not_json_ld() -> None:
    doc = parse_document(
        _page('<script type="application/json">{"@type": "NewsArticle"}</script>'
              '<script>var x = {"@type": "NewsArticle"};</script>'),
        URL,
    )
    assert doc.json_ld == []


def test_json_ld_of_type_matches_string_and_list_types() -> None:
    doc = parse_document(
        _page(
            _ld(
                '{"@type": "NewsArticle", "headline": "one"}',
                '{"@type": ["BlogPosting", "Article"], "headline": "two"}',
                '{"@type": "Person", "name": "P"}',
            )
        ),
        URL,
    )
    assert [o["headline"] for o in doc.json_ld_of_type("NewsArticle", "Article")] == [
        "one",
        "two",
    ]
    assert [o["name"] for o in doc.json_ld_of_type("Person")] == ["P"]
    assert doc.json_ld_of_type("Recipe") == []
    assert doc.json_ld_of_type() == []


def test_utf8_bytes_under_a_stale_latin1_meta_are_read_as_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-15"><title>Fórmula sanción</title></head></html>'
    doc = parse_document(page.encode("utf-8"), "https://example.com/a")
    assert doc.title_tag == "Fórmula sanción"


def test_a_header_charset_still_wins_over_the_utf8_guess() -> None:
    page = '<html><head><title>café</title></head></html>'.encode()
    doc = parse_document(page, "https://example.com/a", "text/html; charset=iso-8859-1")
    assert doc.title_tag == "cafÃ©"


@pytest.mark.parametrize(
    ("encoding", "sentence"),
    [("shift_jis", "東京の新しい市場は来週開業する予定です。"),
     ("gb2312", "上海的新港口计划在明年开放，市政府表示。")],
)
def test_undeclared_east_asian_charsets_are_detected(encoding: str, sentence: str) -> None:
    page = f"<html><head><title>x</title></head><body><p>{sentence * 5}</p></body></html>"
    doc = parse_document(page.encode(encoding), "https://example.com/a")
    assert sentence in doc.tree.text_content()


def test_a_utf8_page_with_a_few_stray_latin1_bytes_stays_utf8() -> None:
    good = "Grüße aus München, schöne Größe. " * 10
    page = f"<html><head><meta charset='utf-8'><title>t</title></head><body><p>{good}</p>"
    body = page.encode() + "<p>caf\xe9</p></body></html>".encode("latin-1")
    text = parse_document(body, "https://example.com/a").tree.text_content()
    assert good.strip() in text


def test_an_undeclared_cyrillic_single_byte_page_is_detected() -> None:
    sentence = "Городской совет утвердил новый план реконструкции старого рыбного рынка."
    page = f"<html><head><title>x</title></head><body><p>{sentence * 4}</p></body></html>"
    doc = parse_document(page.encode("cp1251"), "https://example.com/a")
    assert sentence in doc.tree.text_content()


# --- clean UTF-8 bytes go to the parser as they are -------------------------------------------


def test_clean_utf8_bytes_are_handed_to_the_parser_unchanged() -> None:
    body = _page("<title>Été à Zürich</title>").encode("utf-8")
    text, raw = document._decode(body, "text/html; charset=utf-8")
    assert raw is body
    assert text == body.decode("utf-8")
    assert document._decode(body, None)[1] is body  # undeclared: w3lib's default "utf8"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("\ufeff" + _page("<title>Été</title>"), None),  # the BOM must not reach the parser
        (_page("<title>Été</title>"), "text/html; charset=cp1252"),  # not UTF-8
    ],
)
def test_other_bodies_are_re_encoded(body: str, content_type: str | None) -> None:
    encoded = body.encode("cp1252" if content_type else "utf-8")
    text, raw = document._decode(encoded, content_type)
    assert raw is None
    assert text.lstrip("\ufeff") == text
    assert parse_document(encoded, URL, content_type).title_tag == "Été"


def test_utf8_bytes_with_a_stray_byte_still_take_the_checked_path() -> None:
    body = _page("<title>Été</title>", "<p>déjà vu \xe9</p>").encode("utf-8").replace(
        "\xe9".encode(), b"\xe9", 1
    )
    assert document._decode(body, "text/html; charset=utf-8")[1] is None


def test_itemprop_index_exact_values_in_page_order_without_meta() -> None:
    doc = parse_document(
        '<html><head><meta itemprop="headline" content="meta"></head><body>'
        '<h1 itemprop="headline">first</h1><span itemprop="author name">a</span>'
        '<p itemprop="headline">second</p><time pubdate datetime="2024-01-01">x</time>'
        '</body></html>', "https://news.example/a")
    assert [node.text for node in doc.itemprop("headline")] == ["first", "second"]
    assert [node.text for node in doc.itemprop("author name")] == ["a"]
    assert doc.itemprop("author") == []
    assert [node.tag for node in doc.marked] == ["h1", "span", "p", "time"]
