"""Bylines: credit strings to authors and wire sources, per rule and language; a seed-style page."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.body import Body
from pipelines.bylines import _is_byline_mark, choose_credits
from pipelines.document import parse_document
from pipelines.extract import extract_page
from pipelines.names import agency_of, parse_credit
from pipelines.record import Removal

PAGES = Path(__file__).parent / "fixtures" / "pages"
SEED_URL = "https://thecoastalherald.example/2021/06/14/harbour-council-ferry-terminal/"


@pytest.mark.parametrize(
    ("credit", "authors", "wires"),
    [
        ("By Jane Doe", ["Jane Doe"], []),
        ("By Jane Doe and John Smith, Staff Writers", ["Jane Doe", "John Smith"], []),
        ("Von: Anna Müller und Peter Schmidt (dpa)", ["Anna Müller", "Peter Schmidt"], ["dpa"]),
        ("Par Jean Dupont et Marie Curie avec AFP", ["Jean Dupont", "Marie Curie"], ["AFP"]),
        ("Por María García y Luis Pérez", ["María García", "Luis Pérez"], []),
        ("Door Jan de Vries en Piet Bakker", ["Jan de Vries", "Piet Bakker"], []),
        ("di Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"], []),
        ("Av Kari Nordmann", ["Kari Nordmann"], []),
        ("신현주 기자", ["신현주"], []),
        ("山田太郎 記者", ["山田太郎"], []),
        ("By Associated Press", [], ["AP"]),
        ("Mit Material von dpa", [], ["dpa"]),
        ("With reporting from Reuters", [], ["Reuters"]),
        ("Press Association", [], ["PA"]),
        ("Reuters", [], ["Reuters"]),
        ("Agence France-Presse", [], ["AFP"]),
        ("By Jane Doe, Senior Correspondent", ["Jane Doe"], []),
        ("Jane Doe jane.doe@example.com", ["Jane Doe"], []),
        ("View all posts by Jane Doe", ["Jane Doe"], []),
        ("SHOW ALL ARTICLES OF Jane Doe", ["Jane Doe"], []),
        ("By Jane Doe Updated Jul 17, 2024, 6:39pm", ["Jane Doe"], []),
        ("Jen Mills Published Jul 17, 2024, 11:21am", ["Jen Mills"], []),
        ("Autorin: Sylvia Grossgasteiger, Oktober 2008", ["Sylvia Grossgasteiger"], []),
        ("FOCUS-Online-Experte Robin Tschöpe", ["Robin Tschöpe"], []),
        ("admin", [], []),
        ("Super User", [], []),
        ("Wire Services", [], []),
        ("© Kathrin Führes", ["Kathrin Führes"], []),
        ("Interview: Julia Lauter", ["Julia Lauter"], []),
        ("Verfasst von: Jane Doe", ["Jane Doe"], []),
        ("Foto: Michael Bönte", [], []),
        ("Фото из архива Ивана Петрова", [], []),
        ("zvg", [], []),
        ("Auteurs", [], []),
        ("Alle Artikel", [], []),
        ("Datum: 03.Mär.19", [], []),
        ("Jane Doe, Donnerstag", ["Jane Doe"], []),
        ("Red.", [], []),
        ("BR24 Redaktion", ["BR24 Redaktion"], []),
        ("Guardian staff reporter", ["Guardian staff reporter"], []),
        ("Jane Doe Staff Writer", ["Jane Doe"], []),
        ("Ausflug am Rhein", [], []),
        ("Von der Aktivität zur Dosis", [], []),
        ("von anderen Anbietern", [], []),
        ("Von Jagdschein bis Wildbret", [], []),
        ("Eingestellt von der Michel", ["der Michel"], []),
        ("Walter von Aachen", ["Walter von Aachen"], []),
        ("Olivier Martin Olivier Martin", ["Olivier Martin"], []),
        ("Von Anna Schmidt, Frankfurt", ["Anna Schmidt"], []),
        ("Anna Schmidt, Peter Lang, Weber", ["Anna Schmidt", "Peter Lang", "Weber"], []),
        ("Written by Grant Miller, PhD", ["Grant Miller"], []),
        ("By Perry Jones Jr.", ["Perry Jones Jr."], []),
        ("By Jane Doe.", ["Jane Doe"], []),
        ("Von Jörg Staff", ["Jörg Staff"], []),
        ("By Jane Doe Staff Writer", ["Jane Doe"], []),
        ("Posted by Jane Doe and John Smith - Security team", ["Jane Doe", "John Smith"], []),
        ("Von Anna Schmidt – Lille", ["Anna Schmidt"], []),
        ("Erstellt von Andri Bryner", ["Andri Bryner"], []),
        ("Artikel von: Jane Doe", ["Jane Doe"], []),
        ("wordpressadmin", [], []),
        ("Text vorlesen", [], []),
        ("Peter Maahn/SP-X", ["Peter Maahn"], ["SP-X"]),
    ],
)
def test_parse_credit(credit: str, authors: list[str], wires: list[str]) -> None:
    parsed = parse_credit(credit)
    assert parsed.authors == authors
    assert [canonical for canonical, _printed in parsed.agencies] == wires


def test_publisher_is_not_an_author_but_its_desk_is() -> None:
    parsed = parse_credit("The Coastal Herald Editors and Wire Services/ France 24",
                          frozenset({"thecoastalherald"}))
    assert parsed.authors == ["The Coastal Herald Editors"]
    assert parsed.agencies == [("France 24", "France 24")]
    assert parse_credit("The Coastal Herald", frozenset({"thecoastalherald"})).authors == []


def test_typed_names_tolerate_a_lower_case_word() -> None:
    assert parse_credit("Mobin hassan").authors == []
    assert parse_credit("Mobin hassan", typed=True).authors == ["Mobin hassan"]


@pytest.mark.parametrize(("credit", "authors"), [
    ("Autor/in: Korinna Hennig", ["Korinna Hennig"]),
    ("Redakteur*in Jane Doe", ["Jane Doe"]),
    ("Jane Doe, Autor:in", ["Jane Doe"]),
])
def test_gender_inclusive_labels_and_roles(credit: str, authors: list[str]) -> None:
    assert parse_credit(credit).authors == authors


@pytest.mark.parametrize(("credit", "authors"), [
    ("By Glen Owen And Jane Doe For The Mail On Sunday", ["Glen Owen", "Jane Doe"]),
    ("Jane Doe For Dailymail.Com", ["Jane Doe"]),
    ("Jane Doe for CNN", ["Jane Doe"]),
    ("Jane Forbes", ["Jane Forbes"]),
])
def test_outlet_a_writer_files_for_is_dropped(credit: str, authors: list[str]) -> None:
    assert parse_credit(credit).authors == authors


def test_publishers_regional_desk_after_a_writer_is_dropped() -> None:
    publishers = frozenset({"mdr", "mdrde"})
    assert parse_credit("von Jane Doe, MDR THÜRINGEN", publishers).authors == ["Jane Doe"]
    assert parse_credit("MDR THÜRINGEN/ls", publishers).authors == ["MDR THÜRINGEN/ls"]


@pytest.mark.parametrize(("credit", "authors"), [
    ("Markus M. Haefliger, London, Beat Bumbacher", ["Markus M. Haefliger", "Beat Bumbacher"]),
    ("Isabel Caro, Rocío Latorre y José Miguel Wilson Hace 13 horas",
     ["Isabel Caro", "Rocío Latorre", "José Miguel Wilson"]),
    ("By Jane Doe 3 hours ago", ["Jane Doe"]),
    ("Von Jane Doe vor 2 Stunden", ["Jane Doe"]),
])
def test_places_between_names_and_relative_times_are_dropped(
        credit: str, authors: list[str]) -> None:
    assert parse_credit(credit).authors == authors


def test_organisations_dropped_when_asked() -> None:
    # the parts after an organisation belong to its name
    credit = "Eidgenössisches Departement für Wirtschaft, Bildung und Forschung WBF"
    assert parse_credit(credit, organisations=False).authors == []
    assert parse_credit("Olympia-Verlag GmbH", organisations=False).authors == []
    assert parse_credit("Jane Doe", organisations=False).authors == ["Jane Doe"]
    for body in ("Feuerwehr Oldenburg, Abteilung Wasserrettung", "Bundesverband WindEnergie",
                 "Polizei Bremen", "Sportverein Musterstadt"):
        assert parse_credit(body, organisations=False).authors == [], body


@pytest.mark.parametrize(("alias", "canonical"), [
    ("AP", "AP"), ("The Associated Press", "AP"), ("dpa", "dpa"), ("Agencia EFE", "EFE"),
    ("ANSA", "ANSA"),
    ("Keystone-SDA", "Keystone-SDA"), ("Europa Press", "Europa Press"), ("Lusa", "Lusa"),
    ("Xinhua", "Xinhua"), ("Kyodo", "Kyodo"), ("Belga", "Belga"), ("APA", "APA"),
    ("France 24", "France 24"), ("Jane Doe", None),
])
def test_agency_table(alias: str, canonical: str | None) -> None:
    assert agency_of(alias) == canonical


def _doc(html: str, url: str = "https://news.example/2024/story") -> object:
    return parse_document(html, url)


def test_json_ld_person_wins_over_meta() -> None:
    doc = _doc("""<html><head><meta name="author" content="Site Owner">
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "NewsArticle", "headline": "H", "author": {"@id": "#p1"}},
      {"@type": "Person", "@id": "#p1", "name": "Jane Doe"}]}</script></head>
    <body><h1>H</h1><p>Text.</p><p>Share Jane Doe's story</p></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert credits.authors == ["Jane Doe"]
    assert credits.signal == "json-ld"


def test_byline_element_and_dateline_agency() -> None:
    doc = _doc("""<html><body><article><h1>Quake hits coast</h1>
    <div class="byline">By <a rel="author" href="/a/jd">Jane Doe</a></div>
    <p>TOKYO (AP) — A strong earthquake struck.</p></article>
    <div class="comments"><span class="comment-author">Troll</span></div></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["TOKYO (AP) — A strong earthquake struck."]))
    assert credits.authors == ["Jane Doe"]
    assert credits.wire_sources == ["AP"]
    assert credits.byline == "By Jane Doe"


def test_inline_byline_parts_join_without_space_before_punctuation() -> None:
    doc = _doc("""<html><body><article><h1>Engines checked</h1>
    <div class="byline">By <span class="author-name">Thomas Reid</span>,
    <span class="byline-affiliation">Associated Press</span></div><p>Text.</p></article>
    </body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert credits.byline == "By Thomas Reid, Associated Press"
    assert credits.authors == ["Thomas Reid"]
    assert credits.wire_sources == ["AP"]


def test_hcard_byline_counts_and_body_layout_classes_do_not_exclude() -> None:
    doc = _doc("""<html><body class="single-post et_right_sidebar widgets-hidden"><article>
    <h1>Ein Tag am Meer</h1><div class="entry-meta"><span class="author vcard">
    <a class="url fn n" href="/author/jd">Jane Doe</a></span></div><p>Text.</p></article>
    <div class="sidebar"><span class="author">Sidebar Person</span></div></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]


def test_dated_credit_in_a_with_sidebar_layout() -> None:
    doc = _doc("""<html><body><section class="gallery--wrapper__with-sidebar"><h1>Dunes</h1>
    <div class="page-meta--author">Posted on September 21, 2020 by Jane Doe</div>
    <p>Text.</p></section></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert credits.authors == ["Jane Doe"]
    assert credits.byline == "by Jane Doe"


def test_unmarked_german_byline_verfasst_von() -> None:
    doc = _doc("""<html><body><article><h1>Ratschläge geben</h1>
    <div class="title"><small><strong>Verfasst von: janedoe</strong></small></div>
    <p>Text.</p></article></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["janedoe"]


def test_agency_note_under_the_text_is_not_the_byline() -> None:
    doc = _doc("""<html><body><article><h1>Dämme werden erhöht</h1>
    <span class="autor">Von Jonas Petersen</span><p>Text.</p></article></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."],
                                       removed=[Removal("credit_line", "Mit Material von dpa")]))
    assert credits.byline == "Von Jonas Petersen"
    assert credits.authors == ["Jonas Petersen"]
    assert credits.wire_sources == ["dpa"]


def test_agency_only_credit_makes_the_agency_the_author() -> None:
    doc = _doc("""<html><body><article><h1>H</h1><p class="author">Von dpa</p>
    <p>Berlin (dpa) - Text.</p></article></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Berlin (dpa) - Text."]))
    assert credits.authors == ["dpa"]
    assert credits.wire_sources == ["dpa"]


def test_credit_line_from_body_stage_with_repeated_headline() -> None:
    doc = _doc("""<html><head><title>Putin hosts talks – Thebritishjournal</title>
    <meta property="og:site_name" content="The British Journal"></head>
    <body><h1>Putin hosts talks</h1><p>Text.</p></body></html>""")
    line = ("Nagorno-Karabakh: Putin hosts talks "
            "The British Journal Editors and Wire Services/ France 24.")
    credits = choose_credits(doc, Body(paragraphs=["Text."],
                                       removed=[Removal("credit_line", line)]))
    assert credits.byline == "The British Journal Editors and Wire Services/ France 24"
    assert credits.authors == ["The British Journal Editors"]
    assert credits.wire_sources == ["France 24"]


def test_cms_user_in_meta_is_no_author() -> None:
    doc = _doc('<html><head><meta name="author" content="admin"></head>'
               "<body><p>x</p></body></html>")
    assert choose_credits(doc, Body(paragraphs=["x"])).authors == []


def test_seed_style_page() -> None:
    """A WordPress page in the seed's style: credit line in the body, glued site name in <title>."""
    result = extract_page((PAGES / "meta_wordpress_credit.html").read_bytes(), SEED_URL)
    assert result.error is None and result.record is not None
    record = result.record
    assert record.title == "Harbour council approves new ferry terminal"
    assert record.source == "The Coastal Herald"
    assert record.published == "2021-06-14T09:30:00+01:00"
    assert record.modified == "2021-06-15T11:00:00+01:00"
    assert record.language == "en"
    if not any(r.kind == "credit_line" for r in record.removed):
        pytest.skip("the body stage did not report the credit line")
    assert record.byline == "The Coastal Herald Editors and Wire Services/ Reuters"
    assert record.authors == ["The Coastal Herald Editors"]
    assert record.wire_sources == ["Reuters"]


@pytest.mark.parametrize(("account", "signal", "authors"), [
    ("janedoe", "byline", ["Jane Doe"]),
    ("jane.doe", "byline", ["Jane Doe"]),
    ("Jane", "json-ld", ["Jane"]),  # a first name is a name, not an account
])
def test_cms_account_in_json_ld_yields_to_the_printed_full_name(
        account: str, signal: str, authors: list[str]) -> None:
    doc = _doc(f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
    "headline": "H", "author": {{"@type": "Person", "name": "{account}"}}}}</script></head>
    <body><h1>H</h1><div class="author">von Jane Doe</div><p>Text.</p></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.signal, credits.authors) == (signal, authors)


def test_cms_account_stays_when_nobody_else_is_credited() -> None:
    doc = _doc("""<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "H", "author": {"@type": "Person", "name": "janedoe"}}</script></head>
    <body><h1>H</h1><p>Text.</p><p>Posted in News by <a>JaneDoe</a></p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["janedoe"]


@pytest.mark.parametrize(("head", "printed", "authors"), [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
     ' "author": {"@type": "Person", "name": "Jane Doe"}}</script>', "", []),
    ('<meta name="author" content="Jane Doe">', "", []),
    ('<meta name="author" content="Jane Doe">', "<p>Mehr von JANE DOE</p>", ["Jane Doe"]),
    ('<meta name="author" content="Jane Doe">',
     '<script>var author = "Jane Doe";</script><noscript>Jane Doe</noscript>', []),
    ('<meta name="author" content="Harbour Redaktion">', "", ["Harbour Redaktion"]),
    ('<meta name="author" content="신현주">', "", ["신현주"]),
])
def test_writer_only_in_json_ld_or_meta_must_be_printed(
        head: str, printed: str, authors: list[str]) -> None:
    """A name the reader never sees is a CMS account or a template's stale value; desks and
    names in scripts that do not space words (often rendered by scripts) are kept."""
    doc = _doc(f"<html><head>{head}</head><body><h1>H</h1><p>Text.</p>{printed}</body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


def test_headline_container_is_the_article_whatever_its_id() -> None:
    doc = _doc("""<html><body><div id="sidebar" class="content-area"><h1>H</h1>
    <div class="entry-meta"><span class="author vcard">Jane Doe</span>
    <span class="byline">Do 9 Apr 2020</span></div><p>Text.</p></div>
    <div id="sidebar2" class="sidebar"><div class="author">John Smith</div></div></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.signal, credits.authors) == ("byline", ["Jane Doe"])


def test_sidebar_without_the_headline_stays_excluded() -> None:
    doc = _doc("""<html><body><h1>H</h1><p>Text.</p>
    <div id="sidebar"><div class="author">John Smith</div></div></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_author_list_element_and_abbreviated_weekday_before_a_date() -> None:
    doc = _doc("""<html><body><h1>H</h1><ul class="author"><li>Jane Doe</li></ul>
    <p>Text.</p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]
    assert parse_credit("Jane Doe Do 9 Apr 2020").authors == ["Jane Doe"]


def test_site_name_after_the_writer_is_dropped() -> None:
    parsed = parse_credit("By Adam Smith Herald Staff", frozenset({"herald"}))
    assert parsed.authors == ["Adam Smith"]
    assert parse_credit("Jane Herald", frozenset({"herald"})).authors == ["Jane Herald"]


def test_byline_after_a_label_element() -> None:
    doc = _doc("""<html><body><h1>H</h1><p>Text.</p>
    <p><strong>Autor:</strong> <a href="/profil/7">Klaus Friedrich</a><br/>
    <strong>Tags:</strong> <a href="/tag/x">x</a></p></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.signal, credits.authors) == ("byline", ["Klaus Friedrich"])


def test_label_value_after_line_breaks() -> None:
    doc = _doc("""<html><body><h1>H</h1><p>Text.</p>
    <a href="#"><b>Von:</b> <br /> <br /> Götz Warnke</a></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Götz Warnke"]


def test_label_only_byline_element_reads_the_next_element() -> None:
    doc = _doc("""<html><body><h1>H</h1><div class="meta">
    <span class="label">Datum:</span> 19.11.2021 <span class="author">Autor:</span>
    <a href="/a/fi">Fritz Imhof</a></div><p>Text.</p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Fritz Imhof"]


def test_byline_is_the_printed_credit_that_names_the_writer() -> None:
    doc = _doc("""<html><head><meta name="author" content="Fritz Imhof"></head><body><h1>H</h1>
    <div class="meta"><span class="byline">Datum</span> 19.11.2021</div>
    <p class="author">Von Fritz Imhof</p><p>Text.</p></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.byline, credits.authors) == ("Von Fritz Imhof", ["Fritz Imhof"])


@pytest.mark.parametrize("meta", [
    '<meta name="twitter:label1" content="Verfasst von">'
    '<meta name="twitter:data1" content="Karoline Herr">',
    '<meta name="twitter:misc:Written by" content="Karoline Herr">',
    '<meta name="author" content="k.herr@news.example">'
    '<meta name="twitter:label1" content="Written by">'
    '<meta name="twitter:data1" content="Karoline Herr">',
    "<meta name='shareaholic:article_author_name' content='Karoline Herr'>",
])
def test_author_meta_tags(meta: str) -> None:
    doc = _doc(f"<html><head>{meta}</head><body><h1>H</h1><p>Text.</p>"
               "<p>Karoline Herr</p></body></html>")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.signal, credits.authors) == ("meta", ["Karoline Herr"])


def test_reading_time_label_is_not_a_writer() -> None:
    doc = _doc("""<html><head><meta name="twitter:label1" content="Est. reading time">
    <meta name="twitter:data1" content="3 Minuten Lesezeit"></head>
    <body><h1>H</h1><p>Text.</p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_byline_inside_article_body_of_a_widget_layout() -> None:
    doc = _doc("""<html><body><div class="widget Blog"><h3>Post title</h3>
    <div class="post-body" itemprop="articleBody"><noscript>
    <span class="byline-author">Posted by Jane Doe and John Smith - Security team</span>
    </noscript><p>Text.</p></div></div></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert credits.authors == ["Jane Doe", "John Smith"]


def test_printed_handle_equal_to_the_site_name_is_the_author() -> None:
    doc = _doc("""<html><head><meta property="og:site_name" content="Zahlenzauberin"></head>
    <body><h1>H</h1><div class="byline">von zahlenzauberin</div><p>Text.</p></body></html>""",
               "https://zahlenzauberin.example/2020/post")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["zahlenzauberin"]


def test_personal_site_is_credited_to_its_owner() -> None:
    html = """<html><head><meta property="og:site_name" content="{name}"></head>
    <body><header>{name}</header><h1>H</h1><p>Text.</p></body></html>"""
    doc = _doc(html.format(name="Dr. Alexander Klier"), "https://www.alexander-klier.example/post")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.signal, credits.authors) == ("site-owner", ["Alexander Klier"])
    for name, url in (("Mother Jones Daily", "https://motherjonesdaily.example/a"),
                      ("Ouest France", "https://ouest-france.example/a"),
                      ("Jane Doe", "https://news.example/a")):
        credits = choose_credits(_doc(html.format(name=name), url), Body(paragraphs=["Text."]))
        assert credits.authors == [], name


@pytest.mark.parametrize(("printed", "authors"), [
    ("", []), ("<footer>Über Harbour Online</footer>", ["Harbour Online"])])
def test_publisher_named_in_json_ld_only_credits_the_page_when_printed(
        printed: str, authors: list[str]) -> None:
    doc = _doc(f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
    "headline": "H", "author": {{"@type": "Organization", "name": "Harbour Online"}}}}</script>
    </head><body><h1>H</h1><p>Text.</p>{printed}</body></html>""",
               "https://harbour-online.example/a")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


def test_hidden_byline_and_account_are_not_printed() -> None:
    doc = _doc("""<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "H", "author": {"@type": "Person", "name": "jdoe"}}</script></head><body>
    <h1>H</h1><div class="author vcard" style="display: none"><a href="/author/jdoe">jdoe</a></div>
    <span itemprop="author" itemscope><meta itemprop="name" content="jdoe"></span>
    <div style="DISPLAY:NONE"><script>var a = "jdoe";</script><p>jdoe</p></div>
    <p>Text.</p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []
    doc = _doc("""<html><body><h1>H</h1><div class="author">Jane Doe</div>
    <div class="author" style="display:none">John Smith</div><p>Text.</p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]


def test_agency_in_author_meta_beats_the_publisher_in_json_ld() -> None:
    doc = _doc("""<html><head><meta name="articleAuthor" content="Anadolu Ajansı">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
    "author": {"@type": "Organization", "name": "NTV"}}</script></head>
    <body><h1>H</h1><p>Text.</p><footer>NTV</footer></body></html>""", "https://www.ntv.example/a")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.authors, credits.wire_sources) == (["Anadolu Ajansı"], ["Anadolu Agency"])


def test_forum_thread_is_credited_to_its_starter() -> None:
    html = """<html><body><h1>Cat loses hair</h1>{byline}<div class="block-body">
    <article class="message" data-author="Pepemaus"><p>Text.</p></article>
    <article class="message" data-author="Helper"><p>Reply.</p></article></div></body></html>"""
    credits = choose_credits(_doc(html.format(byline="")), Body(paragraphs=["Text."]))
    assert (credits.signal, credits.authors) == ("thread-starter", ["Pepemaus"])
    doc = _doc(html.format(byline='<div class="author">Jane Doe</div>'))
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]
    doc = _doc("""<html><body><h1>H</h1><p>Text.</p>
    <article class="comment" data-author="Reader"><p>Nice.</p></article></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_byline_crediting_the_publisher_ends_the_search_for_a_writer() -> None:
    doc = _doc("""<html><head><meta property="og:site_name" content="Attac France"></head>
    <body><h1>H</h1><span class="authors">par Attac France</span><p>Text.</p>
    <ul class="articles"><li>Other story <span class="vcard author">Collectif</span></li></ul>
    </body></html>""", "https://france.attac.example/a")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.byline, credits.authors) == ("par Attac France", ["Attac France"])


def test_nitf_byline_element() -> None:
    doc = _doc("""<html><body><h1>H</h1><div class="article"><p>Quelle: dpa-AFX</p>
    <byline>Von Jane Doe, dpa</byline><p>Text.</p></div></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."],
                                       removed=[Removal("source", "Quelle: dpa-AFX")]))
    assert (credits.authors, credits.wire_sources) == (["Jane Doe"], ["dpa"])


@pytest.mark.parametrize("hidden", ['class="vcard rich-snippet-hidden"', 'class="d-none"',
                                    'class="author hidden"'])
def test_byline_hidden_by_its_class_is_not_printed(hidden: str) -> None:
    doc = _doc(f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
    "headline": "H", "author": {{"@type": "Person", "name": "Lutz Molter"}}}}</script></head>
    <body><h1>H</h1><span {hidden}><span class="fn">Lutz Molter</span></span><p>Text.</p>
    </body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_byline_in_the_articles_own_footer() -> None:
    html = """<html><body><article><h1>H</h1><p>Text.</p><footer class="{footer}">
    <p class="text__byline">Quelle: hessenschau.example/bb</p></footer></article></body></html>"""
    url = "https://www.hessenschau.example/kultur/a"
    doc = _doc(html.format(footer="contentFooter"), url)
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["hessenschau.example/bb"]
    doc = _doc(html.format(footer="site-footer"), url)  # the page's footer
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_writer_named_only_in_readers_comments_is_not_credited() -> None:
    html = """<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
    "headline": "H", "author": {{"@type": "Person", "name": "Megha M"}}}}</script></head>
    <body><h1>H</h1><p>Text.</p>{printed}<ol class="commentlist"><li class="comment">
    <span class="author">Megha M</span><p>The author is Megha M.</p></li></ol></body></html>"""
    doc = _doc(html.format(printed=""))
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []
    doc = _doc(html.format(printed="<p>Written by Megha M</p>"))
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Megha M"]


def test_writer_in_meta_of_a_page_without_body_text_is_kept() -> None:
    doc = _doc('<html><head><meta name="author" content="Jane Doe"></head>'
               '<frameset><frame src="a.html"></frameset></html>')
    assert choose_credits(doc, Body(paragraphs=[])).authors == ["Jane Doe"]


def test_cms_account_takes_the_full_name_the_page_signs_with() -> None:
    doc = _doc("""<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "H", "author": {"@type": "Person", "name": "christian.stadtfeld"}}</script>
    </head><body><h1>H</h1><p>Text.</p><p>Bleibt spannend. (Christian P. Stadtfeld) +++</p>
    </body></html>""")
    body = Body(paragraphs=["Text.", "Bleibt spannend. (Christian P. Stadtfeld) +++"])
    assert choose_credits(doc, body).authors == ["Christian P. Stadtfeld"]


def test_site_owner_must_be_printed() -> None:
    doc = _doc("""<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "H", "publisher": {"@type": "NewsMediaOrganization", "name": "Ultima Hora"}}
    </script></head><body><h1>H</h1><p>Text.</p></body></html>""",
               "https://www.ultimahora.example/a")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_site_declared_an_organisation_has_no_owner() -> None:
    doc = _doc("""<html><head><meta property="og:site_name" content="Creative Commons">
    <script type="application/ld+json">{"@type": "Organization", "name": "Creative Commons",
    "url": "https://creativecommons.example/"}</script></head>
    <body><h1>H</h1><p>Text.</p></body></html>""", "https://creativecommons.example/howto/")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_footer_copyright_of_a_site_declared_an_organisation_is_no_person() -> None:
    html = """<html><head>{org}</head><body><h1>H</h1><p>Text.</p>
    <footer>© 2020 Petri Heil</footer></body></html>"""
    org = """<script type="application/ld+json">{"@type": "Organization", "name": "Petri Heil",
    "url": "https://www.petri-heil.example/"}</script>"""
    url = "https://www.petri-heil.example/de/story"
    doc = _doc(html.format(org=org), url)
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []
    doc = _doc(html.format(org=""), url)  # a personal site: the owner's name is the domain
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Petri Heil"]


def test_breadcrumb_classed_as_author_meta_is_no_byline() -> None:
    doc = _doc("""<html><body><div class="Breadcrumbs_breadbar ContentMetaInfo_author">
    Startseite | Schweiz | Headline</div><h1>Headline</h1><div class="author">Jane Doe</div>
    <p>Text.</p></body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.byline, credits.authors) == ("Jane Doe", ["Jane Doe"])


def test_one_word_meta_author_only_in_scripts_without_spaces() -> None:
    for name, authors in (("Nürnberg, Germany", []), ("신현주", ["신현주"])):
        doc = _doc(f"""<html><head><meta name="author" content="{name}"></head>
        <body><h1>H</h1><p>Text.</p></body></html>""")
        assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors, name


def test_byline_marked_by_test_id_or_element_id() -> None:
    for attribute in ('data-testid="prism-byline"', 'id="author_header"'):
        doc = _doc(f"""<html><body><h1>H</h1><div class="x1 y2" {attribute}>
        <a href="/team/jd">Jane Doe</a></div><p>Text.</p></body></html>""")
        assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"], attribute


def test_writer_profile_box_is_no_byline() -> None:
    doc = _doc("""<html><body><h1>H</h1><p>Text.</p><div id="writerProfile">
    <div>About the writer</div><a href="/bio/jd">Jane Doe, city desk, follows courts</a></div>
    </body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


def test_unmarked_byline_after_dashes() -> None:
    doc = _doc("""<html><body><h1>H</h1><span><strong><em>---- by Kenneth Surin</em></strong>
    </span><p>Text.</p></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Kenneth Surin"]


def test_printed_agency_beats_the_publisher_named_in_json_ld() -> None:
    doc = _doc("""<html><head><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "H", "author": {"@type": "NewsMediaOrganization", "name": "news.example"}}
    </script></head><body><h1>H</h1><div class="byline">Por Agencia EFE</div><p>Text.</p>
    </body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Agencia EFE"]


def test_review_authors_are_not_the_article_author() -> None:
    doc = _doc("""<html><body><h1>H</h1><p>Text.</p>
    <div itemprop="review" itemscope itemtype="https://schema.org/Review">
    <span itemprop="author" content="Georg N."></span></div></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == []


@pytest.mark.parametrize(
    ("footer", "authors"),
    [
        ('<footer><p>© 2019 Jane Doe</p></footer>', ["Jane Doe"]),
        ('<div class="copyrights-area"><p>(c) Jane Doe • Impressum</p></div>', ["Jane Doe"]),
        ('<div id="footer">Copyright 2006-2008 by Jane Doe | Theme</div>', ["Jane Doe"]),
        ('<div id="footer"><p>Copyright (c) 2012- Jane Doe. All rights reserved.</p></div>',
         ["Jane Doe"]),
        ('<footer><p>© 2021 Deutscher Handballbund</p></footer>', []),
        ('<footer><p>© Kanton Bern</p></footer>', []),
        ('<footer><p>© 2021 Jagd Österreich</p></footer>', []),
        ('<footer><p>© Hessischer Rundfunk</p></footer>', []),
        ('<footer><p>Copyright All Rights Reserved</p></footer>', []),
        ('<footer><p>© 2020 Example Media GmbH</p></footer>', []),
        ('<figure><figcaption class="footer-credit">© Jane Doe</figcaption></figure>', []),
        ('<div class="sidebar"><div class="copyright">© Jane Doe</div></div>', []),
        ('<p>© Jane Doe</p>', []),
    ],
)
def test_footer_copyright_names_the_owner_of_a_page_crediting_nobody(
        footer: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body><h1>H</h1><p>Text.</p>{footer}</body></html>")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert credits.authors == authors
    assert credits.signal == ("copyright" if authors else None)


def test_footer_copyright_yields_to_a_printed_byline() -> None:
    doc = _doc("""<html><body><h1>H</h1><div class="byline">By John Smith</div><p>Text.</p>
    <footer>© 2019 Jane Doe</footer></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["John Smith"]


def test_unmarked_byline_when_the_byline_element_credits_only_the_publisher() -> None:
    html = """<html><head><meta property="og:site_name" content="The Harbour Press"></head>
    <body><h1>H</h1><div class="td-post-author-name">By {credit}</div>
    <p><em>Written by: <a href="/jd">Jane Doe</a></em></p><p>Text.</p></body></html>"""
    url = "https://theharbourpress.example/2020/01/post/"
    doc = _doc(html.format(credit="The Harbour Press"), url)
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]
    doc = _doc(html.format(credit="John Smith"), url)
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["John Smith"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Quelle: kathpress", ["kathpress"]),
        ("Source: Reuters", ["Reuters"]),
        ("IN-Redaktion", ["IN-Redaktion"]),
        ("Quelle: TSV Bayer Dormagen", []),
        ("Quelle: Landesregierung", []),
    ],
)
def test_source_line_credits_an_agency_or_a_newsroom(line: str, authors: list[str]) -> None:
    doc = _doc("<html><body><h1>H</h1><p>Text.</p></body></html>")
    body = Body(paragraphs=["Text."], removed=[Removal("source", line)])
    assert choose_credits(doc, body).authors == authors


def test_source_line_agency_is_a_wire_next_to_a_printed_writer() -> None:
    doc = _doc("""<html><body><h1>H</h1><div class="byline">By Jane Doe</div><p>Text.</p>
    </body></html>""")
    credits = choose_credits(doc, Body(paragraphs=["Text."],
                                       removed=[Removal("source", "Quelle: AFP")]))
    assert (credits.authors, credits.wire_sources) == (["Jane Doe"], ["AFP"])


def test_newsroom_credit_yields_to_a_writer_named_by_a_later_signal() -> None:
    html = """<html><head><meta name="citation_author" content="{meta}"></head><body><h1>H</h1>
    <span itemprop="author">Harbour Editorial</span><p>Text.</p><p>Jane Doe</p></body></html>"""
    doc = _doc(html.format(meta="Jane Doe"))
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]
    doc = _doc(html.format(meta="Redaktion: Jane Doe, Sendung: Abend"))
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Harbour Editorial"]


@pytest.mark.parametrize(
    ("last", "authors"),
    [
        ("<p><strong>Lê Phương</strong></p>", ["Lê Phương"]),
        ("<p class='sign'><b>Jane Doe</b></p>", ["Jane Doe"]),
        ("<p>Jane Doe</p>", []),
        ("<p><strong>Weinakademie Rust</strong></p>", []),
        ("<p><strong>Mehr zum Thema</strong></p>", []),
        ("<p>Fragen an <strong>Jane Doe</strong></p>", []),
    ],
)
def test_bold_name_under_the_text_signs_it(last: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body><h1>H</h1><p>Text.</p>{last}</body></html>")
    lxml_text = " ".join(parse_document(f"<html><body>{last}</body></html>",
                                        "https://news.example/a").tree.find("body").itertext())
    body = Body(paragraphs=["Text.", " ".join(lxml_text.split())])
    assert choose_credits(doc, body).authors == authors


def test_signature_yields_to_the_byline_under_the_headline() -> None:
    doc = _doc("""<html><body><h1>H</h1><div class="byline">By John Smith</div><p>Text.</p>
    <p><strong>Jane Doe</strong></p></body></html>""")
    body = Body(paragraphs=["Text.", "Jane Doe"])
    assert choose_credits(doc, body).authors == ["John Smith"]


def test_a_place_after_the_outlet_is_not_a_writer() -> None:
    bbc = frozenset({"bbcnews"})
    assert parse_credit("By Nada Tawfik, BBC News, New York", bbc).authors == ["Nada Tawfik"]
    assert parse_credit("Jane Doe, Associated Press, Los Angeles").authors == ["Jane Doe"]
    # a writer after the outlet stays a writer; so does a place when no outlet precedes it
    assert parse_credit("Jane Doe / AP / John Roe").authors == ["Jane Doe", "John Roe"]
    assert parse_credit("By Jane Doe, BBC News, John Roe and Max Mustermann",
                        bbc).authors == ["Jane Doe", "John Roe", "Max Mustermann"]


@pytest.mark.parametrize(
    ("credit", "publishers", "authors", "agencies"),
    [
        ("srf/hosb; kesm", {"srf"}, ["srf/hosb", "kesm"], []),
        ("Von: det/dpa", set(), ["det/dpa"], ["dpa"]),
        ("HARBOUR TV/ls", {"harbour"}, ["HARBOUR TV/ls"], []),
        # a writer's full name or a second agency is no editor's initials: split as before
        ("Peter Maahn/SP-X", set(), ["Peter Maahn"], ["SP-X"]),
        ("dpa/afp", set(), [], ["dpa", "AFP"]),
        ("Jane Doe/ab", set(), ["Jane Doe", "ab"], []),
    ],
)
def test_desk_sign_off_is_one_credit(credit: str, publishers: set[str], authors: list[str],
                                     agencies: list[str]) -> None:
    parsed = parse_credit(credit, frozenset(publishers))
    assert parsed.authors == authors
    assert [canonical for canonical, _printed in parsed.agencies] == agencies


def test_source_line_signed_off_by_the_desk() -> None:
    doc = _doc("<html><body><h1>H</h1><p>Text.</p></body></html>",
               "https://www.harbourtv.example/news/1.html")
    body = Body(paragraphs=["Text."], removed=[Removal("source", "Quelle: HARBOURTV Nord/ls")])
    assert choose_credits(doc, body).authors == ["HARBOURTV Nord/ls"]
    body = Body(paragraphs=["Text."], removed=[Removal("source", "Quelle: Landesamt Nord/ls")])
    assert choose_credits(doc, body).authors == []


def test_dateline_sign_off_credits_the_regional_desk() -> None:
    doc = _doc("<html><body><h1>H</h1><p>Text.</p></body></html>")
    signed = Body(paragraphs=["Hamburg (dpa/lno) – Text."])
    credits = choose_credits(doc, signed)
    assert (credits.authors, credits.wire_sources) == (["dpa/lno"], ["dpa"])
    plain = Body(paragraphs=["Hamburg (dpa) – Text."])
    assert choose_credits(doc, plain).authors == ["dpa"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("04.02.2022 | 13:10 Uhr | Jane Doe", ["Jane Doe"]),
        ("Jane Doe | 3 May 2021", ["Jane Doe"]),
        ("Politik Inland | Weltgeschehen", []),  # no date: section names, not a credit
        ("04.02.2022 | Landesverband Nord", []),  # a body, not a person
    ],
)
def test_unmarked_credit_next_to_the_headline(line: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body><div><small>{line}</small><h1>H</h1><p>Text.</p></div>"
               "</body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        ('<div class="author-bio"><h3>Jane Doe</h3><p>Jane writes on money.</p></div>',
         ["Jane Doe"]),
        ('<section class="about-author"><h4>Über den Autor: Hans Meier</h4></section>',
         ["Hans Meier"]),
        ('<aside class="sidebar"><div class="author-box"><b>Jane Doe</b></div></aside>', []),
    ],
)
def test_writer_named_only_in_an_author_box(box: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body><article><h1>H</h1><p>Text.</p>{box}</article></body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


def test_author_box_yields_to_the_byline() -> None:
    doc = _doc("""<html><body><h1>H</h1><div class="byline">By John Roe</div><p>Text.</p>
    <div class="author-bio"><h3>Jane Doe</h3></div></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["John Roe"]


@pytest.mark.parametrize(("marks", "expected"), [
    ("c-Byline__Name", True), ("POSTED-BY meta", True), ("entry-meta date", False),
    ("autor-zeile", True), ("caf\u00e9 Writer", True), ("caf\u00e9 menu", False),
    ("PO\u017fTED-BY", True), ("pagination", False),
])
def test_byline_mark_matches_the_words_in_any_case(marks: str, expected: bool) -> None:
    # ASCII values take the lower-cased fast path, the others re.I (a long s reads as an s)
    assert _is_byline_mark(marks) is expected


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        ("Ein Gastbeitrag von Jane Doe", ["Jane Doe"]),
        ("Blog Beitrag von Jane Doe", ["Jane Doe"]),
        ("A guest post by Jane Doe", ["Jane Doe"]),
        ("Un entretien de Jean Dupont", ["Jean Dupont"]),
        ("Ein Interview von Jane Doe mit John Smith.", ["Jane Doe"]),
        ("An interview by Jane Doe with John Smith", ["Jane Doe"]),
        ("By Jane Doe with John Smith", ["Jane Doe", "John Smith"]),
    ],
)
def test_kind_of_piece_before_the_writer(credit: str, authors: list[str]) -> None:
    assert parse_credit(credit).authors == authors


@pytest.mark.parametrize(
    "line",
    [
        "<p>Blog Beitrag von Jane Doe</p>",
        "<p><em>Ein Interview von <strong>Jane Doe</strong> mit <b>John Smith</b>.</em></p>",
        '<span class="news-list-author">Erstellt von Jane Doe</span>',
    ],
)
def test_unmarked_byline_naming_the_kind_of_piece(line: str) -> None:
    doc = _doc(f"<html><body><h1>H</h1>{line}<p>Text.</p></body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    "line",
    [
        "<p>\u2014 A guest post by Jane Doe</p>",  # a dash before the kind of piece
        "<p>* Ein Gast Beitrag von Jane Doe</p>",
        "<p>Ein Gastbeitrag von: Jane Doe</p>",  # the preposition with its colon
    ],
)
def test_kind_of_piece_lead_after_a_dash_or_before_a_colon(line: str) -> None:
    # the word look-up before the regex must let through every lead the regex reads
    doc = _doc(f"<html><body><h1>H</h1>{line}<p>Text.</p></body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]


def test_unmarked_byline_when_the_byline_element_names_nobody() -> None:
    html = """<html><body><h1>H</h1><span class="submitted">Gespeichert von human am</span>
    {line}<p>Text.</p></body></html>"""
    doc = _doc(html.format(line="<p>Von Jane Doe</p>"))
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]
    doc = _doc(html.format(line="<p>Post von Frau Jane Doe</p>"))
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.authors, credits.byline) == ([], "Gespeichert von human")


@pytest.mark.parametrize(
    ("label", "authors"),
    [
        ('<div class="credit-label">Interview</div><div class="credit-text">JANE DOE</div>',
         ["JANE DOE"]),
        ('<div class="credit-label">\n  Text\n</div><div class="credit-text">Jane Doe</div>',
         ["Jane Doe"]),
        ('<div class="credit-label">Fotograf</div><div class="credit-text">Jane Doe</div>', []),
        ('<div class="credit">Interview</div><div class="credit-text">Jane Doe</div>', []),
    ],
)
def test_credits_box_of_label_and_value_elements(label: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body><h1>H</h1><p>Text.</p><div>{label}</div></body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


@pytest.mark.parametrize("credit", ["Text & Fotos: Jane Doe", "Text und Bild: Jane Doe",
                                    "Texte et photos : Jane Doe"])
def test_text_and_photo_label_before_the_writer(credit: str) -> None:
    assert parse_credit(credit).authors == ["Jane Doe"]


def test_byline_in_a_table_cell() -> None:
    doc = _doc("""<html><body><h1>H</h1><table><tr><td>26 | 01 | 2022</td>
    <td class="author"><span>Text &amp; Fotos:</span> Jane Doe</td></tr></table><p>Text.</p>
    <footer>© Petri News</footer></body></html>""")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("html", "authors"),
    [
        ('<div class="comment-list"><p>Von Jane Doe</p></div>', []),
        ('<div class="entry"><p>Great post by Jane Doe!</p></div>', []),
        ('<div class="entry"><p>Ein Blog-Beitrag von Jane Doe</p></div>', ["Jane Doe"]),
    ],
)
def test_unmarked_byline_is_no_readers_comment(html: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body><h1>H</h1><p>Text.</p>{html}</body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


@pytest.mark.parametrize(
    ("html", "authors"),
    [
        ('<h2>Saga</h2><span>by</span><h3><a href="/u/1">jdoe42</a></h3><h1>Chapter 1</h1>',
         ["jdoe42"]),
        ("<p><small>von</small> <a>Jane Doe</a> am 3. Mai</p><h1>H</h1>", ["Jane Doe"]),
        ('<h1>H</h1><ol class="commentlist"><li>Kommentar<small> von </small><cite>Jane Doe'
         '</cite></li></ol>', []),
        ('<h1>H</h1><footer><span>by</span> <a href="https://agency.example">Jane Doe</a>'
         '</footer>', []),
    ],
)
def test_preposition_alone_before_the_credit(html: str, authors: list[str]) -> None:
    doc = _doc(f"<html><body>{html}<p>Text.</p></body></html>")
    assert choose_credits(doc, Body(paragraphs=["Text."])).authors == authors


@pytest.mark.parametrize("line", ["<p>Entrevista de trabajo</p>", "<p>Un article de presse</p>",
                                  "<p>Ein Interview von morgen</p>"])
def test_kind_of_piece_of_a_common_noun_is_no_byline(line: str) -> None:
    # "de", "di", "von" also mean "of": after the kind of piece a credit starts upper-case
    doc = _doc(f"<html><body><h1>Harbour news today</h1>{line}<p>Text.</p></body></html>")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.authors, credits.byline) == ([], None)


@pytest.mark.parametrize("line", [
    "<figure><figcaption>Photo <span>by</span> <a>Jane Doe</a></figcaption></figure>",
    "<p>Sponsored <span>by</span> <a>Acme Bank</a></p>",
    "<div>Illustration <em>by</em> <strong>John Smith</strong></div>",
])
def test_a_preposition_element_after_other_words_is_no_credit_label(line: str) -> None:
    # "Photo by", "Sponsored by": the element only holds the preposition of a longer phrase
    doc = _doc(f"<html><body><h1>Harbour news today</h1><article>{line}<p>Text.</p>"
               "</article></body></html>")
    credits = choose_credits(doc, Body(paragraphs=["Text."]))
    assert (credits.authors, credits.byline) == ([], None)
