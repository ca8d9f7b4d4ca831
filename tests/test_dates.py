"""Dates: structured signals normalised to ISO 8601, htmldate fallback, never the future."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from lxml import etree

from pipelines.dates import (
    _texts_after,
    _texts_before,
    choose_dates,
    normalise_date,
    printed_date,
    read_printed,
)
from pipelines.document import parse_document

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-05-03T10:15:00+02:00", "2024-05-03T10:15:00+02:00"),
    ("2024-05-03T08:15:00Z", "2024-05-03T08:15:00+00:00"),
    ("2024-05-03", "2024-05-03"),
    ("Fri, 03 May 2024 10:15:00 +0200", "2024-05-03T10:15:00+02:00"),
    ("Tue Jan 28 15:28:56 CET 2020", "2020-01-28T15:28:56"),
    ("03.05.2024", "2024-05-03"),
    ("2024-5-3 22:17:36", "2024-05-03T22:17:36"),
    ("May 3, 2024", "2024-05-03"),
    ("2031-01-01", None),
    ("1970-01-01", None),
    ("yesterday-ish", None),
    ("2:33 PM", None),
    ("14:33", None),
])
def test_normalise_date(raw: str, expected: str | None) -> None:
    assert normalise_date(raw, NOW) == expected


def _dates(head: str, body: str = "", url: str = "https://news.example/story"):
    doc = parse_document(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>", url)
    return choose_dates(doc, now=NOW)


def test_json_ld_published_and_modified() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-03T10:15:00+02:00",'
                   ' "dateModified": "2024-05-04T09:00:00+02:00"}</script>')
    assert dates.published == "2024-05-03T10:15:00+02:00"
    assert dates.modified == "2024-05-04T09:00:00+02:00"
    assert dates.signal == "json-ld"


def test_meta_published_time() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-05-03T10:15:00Z">')
    assert (dates.published, dates.signal) == ("2024-05-03T10:15:00+00:00", "meta")


def test_time_element_with_itemprop() -> None:
    dates = _dates("", '<time itemprop="datePublished" datetime="2024-04-30">30 April</time>')
    assert (dates.published, dates.signal) == ("2024-04-30", "time")


def test_structured_date_beats_url_date() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-05-03">',
                   url="https://news.example/2019/01/01/story")
    assert dates.published == "2024-05-03"


def test_future_structured_date_ignored() -> None:
    dates = _dates('<meta property="article:published_time" content="2030-05-03">'
                   '<meta property="article:modified_time" content="2030-05-04">')
    assert dates.published is None or dates.published < "2024-06-03"
    assert dates.modified is None


def test_modified_earlier_than_published_dropped() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-05-03">'
                   '<meta property="article:modified_time" content="2024-05-01">')
    assert (dates.published, dates.modified) == ("2024-05-03", None)


def test_htmldate_fallback_reads_the_text() -> None:
    dates = _dates("", "<p class='date'>Published on 2 May 2024</p>")
    assert dates.published == "2024-05-02"
    assert dates.signal == "htmldate"


def test_url_date_is_the_last_resort() -> None:
    doc = parse_document("<html><body><p>Kein Datum hier.</p></body></html>",
                         "https://blog.example/2009/12/23/monstergespraeche-1/")
    dates = choose_dates(doc)
    assert dates.published == "2009-12-23"
    assert dates.signal in ("htmldate", "url")


def test_impossible_url_date_is_ignored() -> None:
    doc = parse_document("<html><body><p>x</p></body></html>",
                         "https://blog.example/2009/13/45/post/")
    assert choose_dates(doc).published is None


def test_utc_time_takes_the_local_form_of_the_same_instant() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-02T22:04:00Z"}</script>'
                   '<meta name="date" content="Fri, 03 May 2024 00:04:00 +0200">')
    assert dates.published == "2024-05-03T00:04:00+02:00"
    assert dates.signal == "meta"


def test_utc_time_kept_when_no_signal_gives_the_same_instant_locally() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-02T22:04:00Z"}</script>'
                   '<meta property="article:published_time" content="2024-05-01T09:00:00+02:00">')
    assert dates.published == "2024-05-02T22:04:00+00:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("Mittwoch, 26.01.2022 - 14:30", date(2022, 1, 26)),
    ("1. Februar 2022, Jana Beispiel", date(2022, 2, 1)),
    ("| 30 septembre 2018", date(2018, 9, 30)),
    ("3 de marzo de 2020", date(2020, 3, 3)),
    ("Written: 2023-11-07 15:03:30", date(2023, 11, 7)),
    ("Updated June 13, 2019", date(2019, 6, 13)),
    ("28.09.19 12:44", date(2019, 9, 28)),
    ("Version 1.10.19", None),
    ("31.02.2020", None),
    ("no date here", None),
])
def test_printed_date(text: str, expected: date | None) -> None:
    assert printed_date(text) == expected


@pytest.mark.parametrize(("today", "expected"), [
    (date(2019, 9, 28), date(2019, 9, 28)),
    (date(2018, 12, 31), date(1919, 9, 28)),
])
def test_two_digit_year_is_placed_by_the_given_day(today: date, expected: date) -> None:
    found = read_printed("28.09.19 12:44", today=today)
    assert found is not None and found.day == expected
    assert printed_date("28.09.19", today=today) == expected


def test_dateline_with_a_two_digit_year_is_read_as_of_now() -> None:
    """The pivot follows ``now``, not the clock: "05.03.28" is 2028 for a run in 2030."""
    doc = parse_document("<html><body><h1>Ferry trial approved</h1><p>05.03.28 09:15</p>"
                         "<p>Text of the story.</p></body></html>", "https://news.example/story")
    later = datetime(2030, 1, 1, tzinfo=UTC)
    assert (choose_dates(doc, now=later).published, choose_dates(doc, now=later).signal) == (
        "2028-03-05", "printed")
    assert choose_dates(doc, now=NOW).published != "2028-03-05"


def test_printed_date_in_a_sentence_is_no_date_with_a_word_limit() -> None:
    sentence = "Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Lokal statt"
    assert printed_date(sentence) == date(2020, 2, 5)
    assert printed_date(sentence, max_words=4) is None


def test_date_printed_under_the_headline_beats_htmldate() -> None:
    body = ("<aside><p>Last updated 2024-05-20</p></aside><h1>Headline</h1>"
            "<p>Mittwoch, 3. April 2024</p><p>Text of the story.</p>")
    dates = _dates("", body)
    assert (dates.published, dates.signal) == ("2024-04-03", "printed")


def test_dates_in_links_sentences_and_teaser_lists_are_not_the_headline_date() -> None:
    link = _dates("", '<h1>Headline</h1><a href="/a">Archiv 12. Mai 2012</a>')
    assert link.signal != "printed"
    sentence = _dates("", "<h1>Headline</h1><p>Das Treffen ist am 5. Februar 2020 ab 19 Uhr im"
                          " Saal der Stadthalle</p>")
    assert sentence.signal != "printed"
    teasers = _dates("", '<h1>Headline</h1><p class="t">06. Aug 2020 // Tipps</p>'
                         '<p class="t">18. Feb 2021 // Sonstiges</p>')
    assert teasers.signal != "printed"


def test_logo_and_screen_reader_h1s_are_not_the_headline() -> None:
    body = ('<h1 class="logo"><a href="/">Herald</a></h1><p>12.03.2020</p>'
            '<h1 class="aural">Herald</h1><h1>Headline</h1><p>Written: 2024-04-03 10:00</p>')
    dates = _dates("", body)
    assert (dates.published, dates.signal) == ("2024-04-03", "printed")


def test_dateline_beats_a_weak_meta_date() -> None:
    dates = _dates('<meta name="date" content="2024-05-20T10:00:00+02:00">',
                   "<h1>Headline</h1><p>13.05.2024</p>")
    assert (dates.published, dates.signal) == ("2024-05-13", "printed")


def test_weak_meta_date_still_beats_htmldate() -> None:
    dates = _dates('<meta name="dcterms.date" content="2024-05-20">',
                   "<p class='date'>Published on 2 May 2024</p>")
    assert (dates.published, dates.signal) == ("2024-05-20", "meta")


def test_utc_time_printed_in_the_local_zone_takes_the_printed_form() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-04T00:44:52Z"}</script>',
                   "<h1>Headline</h1><p>03/05/2024 21:44</p>")
    assert (dates.published, dates.signal) == ("2024-05-03T21:44:00-03:00", "json-ld")


def test_utc_time_and_a_printed_date_alone_of_one_instant() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-02-25T02:25:54Z">',
                   "<h1>Headline</h1><p>February 24, 2024</p>")
    assert dates.published == "2024-02-24"


def test_printed_dateline_of_another_instant_does_not_move_the_structured_date() -> None:
    far = _dates('<meta property="article:published_time" content="2024-05-27T10:32:24Z">',
                 "<h1>Headline</h1><p>Stand: 26.05.2024, 06:00 Uhr</p>")
    assert far.published == "2024-05-27T10:32:24+00:00"
    local = _dates('<meta property="article:published_time" content="2024-05-27T01:30:00+02:00">',
                   "<h1>Headline</h1><p>May 26, 2024</p>")
    assert local.published == "2024-05-27T01:30:00+02:00"


def test_structured_date_confirmed_by_the_dateline_wins() -> None:
    dates = _dates('<script type="application/ld+json">{"@type": "NewsArticle",'
                   ' "datePublished": "2024-05-06T18:19:00+01:00"}</script>'
                   '<meta name="date" content="2024-05-07T07:30:00+01:00">',
                   "<h1>Headline</h1><p>07.05.2024, 07:30 Uhr</p>")
    assert dates.published == "2024-05-07T07:30:00+01:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("03/05/2022 21:44", "21:44"),
    ("6 May 2022 - 2:00 a. m.", "02:00"),
    ("Updated Mar 12, 2020 @ 10:42 pm", "22:42"),
    ("07.11.2023, 07.30 Uhr", "07:30"),
    ("26.01.2022", None),
    ("26.01.2022, Seite 12.30", None),
])
def test_time_printed_after_the_date(text: str, expected: str | None) -> None:
    found = read_printed(text)
    assert found is not None
    assert (found.clock.strftime("%H:%M") if found.clock else None) == expected


def test_dateline_just_before_the_headline_is_read_past_scripts_and_a_long_page_head() -> None:
    nav = "".join(f"<li>Section {n}</li>" for n in range(12))
    body = (f"<ul>{nav}</ul><script>var x = 1;</script><div>6 May 2024 - 2:00 a. m.</div>"
            "<h1>Headline</h1><p>Text of the story.</p>")
    dates = _dates("", body)
    assert (dates.published, dates.signal) == ("2024-05-06", "printed")


def test_without_a_real_h1_the_h2_the_title_repeats_is_the_headline() -> None:
    doc = parse_document("<html><head><title>Riesling turns 587 | Wine news</title></head><body>"
                         "<h1 class='sr-only'>Details</h1><h1> </h1><h2>Riesling turns 587</h2>"
                         "<p>27.01.2024</p><p>Text of the story.</p></body></html>",
                         "https://news.example/story")
    dates = choose_dates(doc, now=NOW)
    assert (dates.published, dates.signal) == ("2024-01-27", "printed")


def test_paragraph_opening_with_its_dateline() -> None:
    lead = ("<h1>Headline</h1><p>Intro of the story without a date in it at all, only words.</p>"
            "<p>29.04.2024 – Mehrfach und vehement hatte die Branche die Regierung gewarnt, "
            "dass die Abschöpfung der Erlöse den Ausbau bremse.</p>")
    assert _dates("", lead).published == "2024-04-29"
    sentence = ("<h1>Headline</h1><p>Die Messe vom 29.04.2024 bis zum 3. Mai – so die Veranstalter"
                " – wird größer als je zuvor und zieht viele Besucher aus dem ganzen Land an.</p>")
    assert _dates("", sentence).signal != "printed"


def test_updated_date_next_to_the_headline_is_not_the_published_one() -> None:
    body = ('<time class="updated">9. Mai 2024</time><time class="entry-date published">'
            "10. Mai 2024</time><h1>Headline</h1><p>Text.</p>")
    assert _dates("", body).published == "2024-05-10"
    same = '<h1>Headline</h1><time class="entry-date published updated">10. Mai 2024</time>'
    assert _dates("", same).published == "2024-05-10"


def test_a_far_look_alike_teaser_does_not_void_the_dateline() -> None:
    story = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(12))
    body = (f'<h1>Headline</h1><div class="post-date">20.05.2024</div>{story}'
            '<div class="post-date">26.04.2024</div><a href="/older">Older story</a>')
    assert _dates("", body).published == "2024-05-20"


def test_dateline_just_before_the_headline_beats_a_far_date_after_it() -> None:
    story = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(10))
    body = (f"<time>12.05.2024 12:22</time><h1>Headline</h1>{story}"
            "<ul><li><time>10.04.2024 11:05</time> Other release</li></ul>")
    assert _dates("", body).published == "2024-05-12"


def test_modified_date_stands_in_when_the_page_has_no_other_date_of_its_own() -> None:
    dates = _dates('<meta name="lastmod" content="2024-05-13">',
                   "<p>© 2004 Recipes Inc.</p>")
    assert (dates.published, dates.modified, dates.signal) == ("2024-05-13", None, "modified")


def test_first_time_stamp_beats_a_weak_meta_date_but_not_a_linked_one() -> None:
    dates = _dates('<meta name="dcterms.date" content="2024-05-20T09:43+02:00">',
                   '<div><a href="/older"><time datetime="2024-05-01">1.5.</time></a></div>'
                   '<time datetime="2024-05-24T08:00:00+02:00">24.05.</time><p>Text.</p>')
    assert (dates.published, dates.signal) == ("2024-05-24T08:00:00+02:00", "time")


def test_dateline_printing_the_last_change_makes_it_the_stated_date() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "datePublished": "2024-03-16T16:16:10Z", "dateModified": "2024-03-20T14:00:17Z"}'
            "</script>")
    shown = _dates(head, "<h1>Headline</h1><p>20. März 2024 - 15:00 Uhr</p>")
    assert (shown.published, shown.modified, shown.signal) == (
        "2024-03-20T14:00:17+00:00", None, "modified")
    other = _dates(head, "<h1>Headline</h1><p>18. März 2024</p>")
    assert (other.published, other.modified) == ("2024-03-16T16:16:10+00:00",
                                                  "2024-03-20T14:00:17+00:00")


@pytest.mark.parametrize("line", ["Updated Mar 12, 2024 @ 10:42 am",
                                  "Last updated 04 May 2024, originally created 17 Jun 2023",
                                  "Aktualisiert am 20.05.2024", "mis à jour le 20 mai 2024"])
def test_dateline_labelled_as_an_update_is_not_the_published_date(line: str) -> None:
    dates = _dates("", f"<h1>Headline</h1><p>{line}</p>")
    assert dates.signal != "printed"


def test_published_then_updated_dateline_gives_the_published_date() -> None:
    dates = _dates("", "<h1>Headline</h1><p>Published 3 May 2024, updated 5 May 2024</p>")
    assert (dates.published, dates.signal) == ("2024-05-03", "printed")


def test_wordpress_entry_date_marked_updated_is_the_post_date() -> None:
    body = '<h1>Headline</h1><time class="entry-date updated">January 17, 2024</time>'
    assert _dates("", body).published == "2024-01-17"


def test_htmldate_markup_date_beats_an_older_teaser_date_in_the_text() -> None:
    body = ("<p>2024-04-16 | Botschaft</p><p>Die Botschaft zum Freitag ist heute erschienen.</p>"
            "<div><p>Archiv vom 16.06.2016 ist online</p><p>Nachricht vom 3.4.2019</p></div>")
    dates = _dates("", body, url="https://news.example/detail.php?id=765")
    assert (dates.published, dates.signal) == ("2024-04-16", "htmldate")


def test_repeated_meta_values_of_teasers_do_not_confirm_a_dateline() -> None:
    head = ('<meta itemprop="datePublished" content="2024-05-19">'
            '<meta itemprop="datePublished" content="2024-05-16">')
    dates = _dates(head, "<h1>Headline</h1><p>16. Mai 2024</p>")
    assert dates.published == "2024-05-19"


def test_time_pubdate_and_itemprop_taken_in_page_order() -> None:
    dates = _dates("", '<time pubdate datetime="2024-04-28">28 April</time>'
                       '<span itemprop="datePublished">2024-04-30</span>')
    assert (dates.published, dates.signal) == ("2024-04-28", "time")


def test_itemprop_date_modified_of_an_element() -> None:
    dates = _dates('<meta property="article:published_time" content="2024-04-28">',
                   '<span itemprop="dateModified">2024-04-30</span>')
    assert dates.modified == "2024-04-30"


def test_headline_is_first_h1_with_text_where_nbsp_counts_as_text() -> None:
    rest = '<p>1 May 2024</p><h1>Council approves the harbour bridge</h1><p>3 May 2024</p>'
    assert _dates("", "<h1> \n</h1>" + rest).published == "2024-05-03"
    assert _dates("", "<h1>\u00a0</h1>" + rest).published == "2024-05-01"  # as normalize-space()


_NEAR_PAGE = ("<html><head><title>t</title></head><body><div>top<p>a</p>b"
              "<article><span>kicker</span> c<h1>Head <b>line</b></h1>d<script>x</script>"
              "<p>e<i>f</i> </p>g</article>h</div><p>i</p></body></html>")


def _near_texts(page: str, walker: Callable[[etree._Element], Iterator[tuple[str, Any]]]
                ) -> list[tuple[str, str]]:
    head = next(parse_document(page, "https://news.example/a").tree.iter("h1"))
    return [(text.strip(), parent.tag) for text, parent in walker(head)]


def test_texts_after_headline_in_page_order_like_following_axis() -> None:
    # a tail is reported with the element it follows, as lxml's getparent() does
    assert _near_texts(_NEAR_PAGE, _texts_after) == [
        ("d", "h1"), ("e", "p"), ("f", "i"), ("g", "p"), ("h", "article"), ("i", "p")]


def test_texts_before_headline_nearest_first_like_preceding_axis() -> None:
    assert _near_texts(_NEAR_PAGE, _texts_before) == [
        ("c", "span"), ("kicker", "span"), ("b", "p"), ("a", "p"), ("top", "div")]
