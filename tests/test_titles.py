"""Titles: agreement between signals, site-name affixes cut off."""

from __future__ import annotations

import pytest

from pipelines.document import parse_document
from pipelines.titles import _without_glued_name, choose_title, strip_site_names


def _title(head: str, body: str = "", url: str = "https://www.herald.example/a/1") -> tuple:
    doc = parse_document(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>", url)
    choice = choose_title(doc)
    return choice.value, choice.signal


def test_h1_agreeing_with_title_tag_suffix_cut() -> None:
    value, signal = _title("<title>Storm closes bridge – Thecoastalherald</title>",
                           "<h1>Storm closes bridge</h1>")
    assert value == "Storm closes bridge"
    assert signal == "h1"


def test_site_prefix_cut() -> None:
    value, _ = _title('<title>Herald | Storm closes bridge</title>'
                      '<meta property="og:title" content="Storm closes bridge">')
    assert value == "Storm closes bridge"


def test_dash_inside_headline_is_kept_when_signals_agree() -> None:
    value, _ = _title('<title>Prices rise - here is why | Herald</title>'
                      '<meta property="og:title" content="Prices rise - here is why">')
    assert value == "Prices rise - here is why"


def test_double_escaped_entities_in_meta() -> None:
    value, _ = _title('<meta property="og:title"'
                      ' content="Trump&amp;#039;s &amp;quot;deal&amp;quot;">'
                      "<title>Trump's \"deal\" - Herald</title>")
    assert value == "Trump's \"deal\""


def test_kicker_span_is_not_the_headline_when_metadata_agrees() -> None:
    value, _ = _title('<meta property="og:title" content="Bridge to reopen in May">',
                      '<h1><span class="article-kicker">Traffic</span>'
                      " Bridge to reopen in May</h1>")
    assert value == "Bridge to reopen in May"


def test_printed_h1_beats_seo_rewrite() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Bridge to reopen in May: what drivers need to know">'
        "<title>Bridge to reopen in May: what drivers need to know | Herald</title>",
        "<h1>Bridge to reopen in May, council says</h1>")
    assert (value, signal) == ("Bridge to reopen in May, council says", "h1")


def test_json_ld_headline_alone() -> None:
    value, signal = _title('<script type="application/ld+json">'
                           '{"@type": "NewsArticle", "headline": "Only in JSON-LD"}</script>')
    assert (value, signal) == ("Only in JSON-LD", "json-ld")


def test_no_signal() -> None:
    assert _title("") == (None, None)


@pytest.mark.parametrize(("title", "expected"), [
    ("Storm closes bridge - Herald", "Storm closes bridge"),
    ("Herald » Storm closes bridge", "Storm closes bridge"),
    ("Storm closes bridge | News | Herald", "Storm closes bridge | News"),
    ("Storm closes bridge -", "Storm closes bridge"),
    ("herald // » Storm closes bridge", "Storm closes bridge"),
    ("Why prices rise - and why they fall again", "Why prices rise - and why they fall again"),
])
def test_strip_site_names(title: str, expected: str) -> None:
    assert strip_site_names(title, {"herald"}) == expected


def test_logo_h1_linking_home_is_not_the_headline() -> None:
    value, _ = _title("<title>Rain returns to the valley | Valley Notes</title>",
                      '<h1><a href="/">Valley Notes</a></h1><h2>Rain returns to the valley</h2>',
                      url="https://valleynotes.example/2024/rain/")
    assert value == "Rain returns to the valley"


def test_h1_naming_the_site_is_not_the_headline() -> None:
    value, _ = _title("<title>Was zum Hören in den Ferien | Zahlenfee</title>",
                      "<h1>Zahlenfee</h1>", url="https://zahlenfee.example/2012/08/hoeren/")
    assert value == "Was zum Hören in den Ferien"


def test_short_ending_carried_by_the_headline_is_no_site_name() -> None:
    value, _ = _title(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Minister resigns - deputy takes over"}</script>'
        '<meta property="og:title" content="Minister resigns - deputy takes over">'
        "<title>Minister resigns - deputy takes over</title>",
        "<h1>Minister resigns - deputy takes over</h1>")
    assert value == "Minister resigns - deputy takes over"


def test_closing_guillemet_is_kept() -> None:
    value, _ = _title('<meta property="og:title" content="« Les services publics ne sont pas à'
                      ' vendre »"><title>« Les services publics ne sont pas à vendre » - Attac'
                      "</title>")
    assert value == "« Les services publics ne sont pas à vendre »"


def test_inline_style_inside_h1_is_not_text() -> None:
    value, _ = _title('<meta property="og:title" content="Vaccination stays open">',
                      "<h1><style>.x{color:red}</style>Vaccination stays open</h1>")
    assert value == "Vaccination stays open"


def test_og_title_without_the_kicker_is_the_headline() -> None:
    kicked = "City hall: Mayor resigns after vote"
    value, signal = _title('<meta property="og:title" content="Mayor resigns after vote">'
                           f'<meta name="twitter:title" content="{kicked}">'
                           f"<title>{kicked} - Herald</title>", f"<h1>{kicked}</h1>")
    assert (value, signal) == ("Mayor resigns after vote", "og")


def test_h1_under_another_kicker_drops_the_metadata_kicker() -> None:
    value, _ = _title('<meta property="og:title" content="Storm season: «We were not ready»">'
                      '<meta name="twitter:title" content="Storm season: «We were not ready»">',
                      '<h1><span class="overline">Coast</span>'
                      ' <span>«We were not ready»</span></h1>')
    assert value == "«We were not ready»"


def test_kicker_printed_in_the_h1_stays() -> None:
    value, _ = _title('<meta property="og:title" content="City hall: Mayor resigns after vote">'
                      '<script type="application/ld+json">{"@type": "NewsArticle",'
                      ' "headline": "Mayor resigns after vote"}</script>',
                      '<h1><span class="kicker">City hall</span>: Mayor resigns after vote</h1>')
    assert value == "City hall: Mayor resigns after vote"


def test_section_glued_before_a_glued_site_separator_is_cut() -> None:
    value, _ = _title('<meta property="og:title" content="시장 사퇴 발표-정치ㅣ헤럴드">'
                      "<title>시장 사퇴 발표-정치ㅣ헤럴드</title>",
                      url="https://www.herald.example/a/1")
    assert value == "시장 사퇴 발표"
    kept, _ = _title('<meta property="og:title" content="Vote in Stuttgart-Ost | Herald">'
                     "<title>Vote in Stuttgart-Ost | Herald</title>")
    assert kept == "Vote in Stuttgart-Ost"


def test_first_short_line_of_the_h1_is_a_kicker_when_metadata_drops_it() -> None:
    value, _ = _title('<meta property="og:title" content="Leases: what buyers should know">',
                      "<h1><span>Avoid losses</span> Leases: what buyers should know</h1>")
    assert value == "Leases: what buyers should know"


def test_inline_emphasis_opening_the_h1_is_no_kicker() -> None:
    value, signal = _title('<meta property="og:title" content="Mayor quits over budget row">',
                           "<h1><em>Exclusive</em> Mayor quits over budget row</h1>")
    assert (value, signal) == ("Exclusive Mayor quits over budget row", "h1")


def test_visually_hidden_label_in_h1_is_not_text() -> None:
    value, _ = _title('<meta property="og:title" content="Energy and social change">',
                      '<h1><div><span class="visuallyhidden">Headline:</span>'
                      " Energy and social change</div></h1>")
    assert value == "Energy and social change"


def test_line_break_in_h1_separates_words() -> None:
    value, _ = _title('<script type="application/ld+json">{"@type": "NewsArticle",'
                      ' "headline": "Pyramid set for the week"}</script>',
                      "<h1><span><small>Drill of the week</small><br>Pyramid set for the week"
                      "</span></h1>")
    assert value == "Pyramid set for the week"


def test_ruby_readings_are_not_part_of_the_headline() -> None:
    value, _ = _title('<meta property="og:title" content="子どもの法律ができる">',
                      "<h1><ruby>子<rt>こ</rt></ruby>どもの<ruby>法律<rt>ほうりつ</rt></ruby>ができる</h1>")
    assert value == "子どもの法律ができる"


def test_related_h1_among_several() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Court ends hearings on aid duties">'
        '<meta name="twitter:title" content="Court ends hearings on aid duties">',
        "<h1>Ruling due after court ends hearings on aid duties</h1>"
        "<h1>Leaders meet in the capital</h1>")
    assert (value, signal) == ("Ruling due after court ends hearings on aid duties", "h1")


def test_one_shared_word_with_one_of_several_h1s_is_chance() -> None:
    value, _ = _title('<meta property="og:title" content="The finest end of the world: Montauk">'
                      "<title>The finest end of the world: Montauk</title>",
                      "<h1>When, if not now</h1><h1>Downtown Montauk</h1>")
    assert value == "The finest end of the world: Montauk"


def test_h1_under_its_own_kicker_line_wins_where_metadata_words_the_kicker_otherwise() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Reopening: Car dealers expect a slow start | Herald">'
        "<title>Reopening: Car dealers expect a slow start | Herald</title>",
        '<h1><span class="dachzeile">After the reopening</span>'
        '<span class="headline">Car dealers expect a slow start</span></h1>')
    assert (value, signal) == ("Car dealers expect a slow start", "h1")


def test_printed_typography_beats_ascii_stand_ins_in_metadata() -> None:
    value, signal = _title("<meta property=\"og:title\" content=\"Mexico's plan - what's next...\">"
                           "<title>Mexico's plan - what's next... | Herald</title>",
                           "<h1>Mexico’s plan – what’s next…</h1>")
    assert (value, signal) == ("Mexico’s plan – what’s next…", "h1")
    worded, signal = _title("<meta property=\"og:title\" content=\"Mexico's plan\">"
                            "<title>Mexico's plan | Herald</title>", "<h1>Mexico’s plan!</h1>")
    assert (worded, signal) == ("Mexico's plan", "og")


def test_h1_that_only_adds_words_to_the_agreed_metadata_does_not_win() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Rates decision on Thursday: a clear signal">'
        '<meta name="twitter:title" content="Rates decision on Thursday: a clear signal">',
        "<h1>Rates decision on Thursday: a clear signal from the experts</h1>")
    assert (value, signal) == ("Rates decision on Thursday: a clear signal", "og")


def test_kicker_line_after_inline_style_and_longer_than_a_colon_kicker() -> None:
    value, signal = _title("<title>Boosters stay available until the end of February</title>",
                           "<h1><style>.k{color:grey}</style><span class=\"k\">Press release of"
                           " the health and social department</span>Boosters stay available"
                           " until the end of February</h1>")
    assert (value, signal) == ("Boosters stay available until the end of February", "h1")


def test_a_fragment_under_a_kicker_line_does_not_replace_the_metadata_title() -> None:
    value, _ = _title('<meta property="og:title" content="Football: results of a long weekend">'
                      '<meta name="twitter:title" content="Football: results of a long weekend">',
                      '<h1><span class="kicker">Sport</span> <span>Results</span></h1>')
    assert value == "Football: results of a long weekend"


def test_itemprop_headline_element_without_h1() -> None:
    title, signal = _title("<title>Herald</title>",
                           '<div itemprop="headline">Council approves the new harbour bridge</div>')
    assert (title, signal) == ("Council approves the new harbour bridge", "itemprop")


def test_logo_h1_names_the_site_for_the_title_tag() -> None:
    value, signal = _title("<title>Beef stew with apples and onions | Love goes through the stomach"
                           "</title>",
                           '<h1><a href="https://cooking.example">Love goes through the stomach'
                           "</a></h1><h2>Beef stew with apples and onions</h2>",
                           url="https://www.cooking.example/recipes/beef-stew.htm")
    assert (value, signal) == ("Beef stew with apples and onions", "title-tag")
    kept, _ = _title("<title>Beef stew with apples and onions | Love goes through the stomach"
                     "</title>", url="https://www.cooking.example/recipes/beef-stew.htm")
    assert kept == "Beef stew with apples and onions | Love goes through the stomach"


@pytest.mark.parametrize(("title", "expected"), [
    ("No app store over mobile data with iOS 13 ? | iPhone | Forum",
     "No app store over mobile data with iOS 13 ?"),
    ("No app store over mobile data with iOS 13 | Apple news and rumours | Forum",
     "No app store over mobile data with iOS 13 | Apple news and rumours | Forum"),
    ("Mobile data with iOS | iPhone | Forum", "Mobile data with iOS | iPhone | Forum"),
])
def test_section_crumbs_after_a_long_headline_are_cut(title: str, expected: str) -> None:
    assert strip_site_names(title, set()) == expected


def test_site_name_glued_to_the_headline_without_a_separator() -> None:
    glued = "Truckwash A31The other business directory | The other business directory"
    value, signal = _title(f'<meta property="og:title" content="{glued}">'
                           '<meta property="og:site_name" content="The other business directory">'
                           f"<title>{glued}</title>",
                           "<h1>Truckwash A31</h1><h1>Post navigation</h1>")
    assert (value, signal) == ("Truckwash A31", "h1")


@pytest.mark.parametrize(("text", "expected"), [
    ("Truck wash A31The other business directory", "Truck wash A31"),
    ("Why I still read The other business directory", ""),  # after a space: the headline's words
    ("Truck wash A31the other business directory", ""),
    ("Truck wash atHerald", ""),  # a short name may be the headline's own last word
])
def test_glued_site_name(text: str, expected: str) -> None:
    assert _without_glued_name(text, {"theotherbusinessdirectory", "herald"}) == expected


def test_long_printed_h1_sharing_few_words_beats_the_seo_title() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Loan rates: working out your costs | Lender">'
        "<title>Loan rates: working out your costs | Lender</title>",
        "<h1>How high are the interest rates for a personal loan?</h1>")
    assert (value, signal) == ("How high are the interest rates for a personal loan?", "h1")


def test_tagline_after_the_site_name_segment_is_cut() -> None:
    value, _ = _title('<meta property="og:title" content="Pension reform is a relic'
                      ' | ARC media - Analysis Opinion Critique">'
                      '<meta property="og:site_name" content="ARC media">'
                      "<title>Pension reform is a relic | ARC media - Analysis Opinion Critique"
                      "</title>", url="https://arc.example/opinion/pension/")
    assert value == "Pension reform is a relic"


def test_question_running_across_a_separator_is_not_cut() -> None:
    whole = "Can fish feel pain / suffer?"
    value, signal = _title('<meta property="og:title" content="Can fish feel pain?">'
                           '<script type="application/ld+json">{"@type": "NewsArticle",'
                           ' "headline": "Can fish feel pain?"}</script>'
                           f"<title>{whole}</title>", f"<h1>{whole}</h1>")
    assert (value, signal) == (whole, "h1")


def test_lone_h1_sharing_only_a_short_word_with_the_metadata_is_no_headline() -> None:
    head = ('<meta property="og:title" content="Ferry trial approved by the council">'
            "<title>Ferry trial approved by the council</title>")
    value, signal = _title(head, "<h1>The week ahead</h1>")
    assert (value, signal) != ("The week ahead", "h1")
    assert value == "Ferry trial approved by the council"
    reworded, signal = _title(head, "<h1>Island ferry gets its trial run at last</h1>")
    assert (reworded, signal) == ("Island ferry gets its trial run at last", "h1")


def test_short_hangul_words_count_as_shared() -> None:
    value, signal = _title('<meta property="og:title" content="서울 시장 선거 결과 발표">'
                           "<title>서울 시장 선거 결과 발표</title>",
                           "<h1>시장 선거 끝나 오늘 결과 공개된다</h1>")
    assert (value, signal) == ("시장 선거 끝나 오늘 결과 공개된다", "h1")


def test_soft_hyphens_of_the_headline_are_kept_and_ignored_in_the_vote() -> None:
    value, signal = _title('<meta property="og:title" content="Welt&shy;ernährung in Gefahr">'
                           "<title>Herald - Welt\u00adernährung in Gefahr</title>",
                           "<h1>Welternährung in Gefahr</h1>")
    assert (value, signal) == ("Welt\u00adernährung in Gefahr", "og")


def test_signals_with_different_kickers_agree_on_the_headline_after_them() -> None:
    value, _ = _title('<meta property="og:title" content="Grand Ambitions?: Harbour City Beta">'
                      '<meta property="og:site_name" content="Gamezone">'
                      "<title>Gamezone | Previews: Harbour City Beta</title>")
    assert value == "Harbour City Beta"


def test_one_kicker_worded_alike_by_all_signals_stays() -> None:
    value, _ = _title('<meta property="og:title" content="Coach Miller: We lost our heads">'
                      '<meta name="twitter:title" content="Team Coach Miller: We lost our heads">'
                      "<title>Coach Miller: We lost our heads | Herald</title>")
    assert value == "Coach Miller: We lost our heads"


def test_section_crumb_after_a_leading_site_name_is_cut() -> None:
    value, _ = _title("<title>Herald » Blog Archive » Harbour city opens a ferry line</title>")
    assert value == "Harbour city opens a ferry line"


def test_part_after_another_separator_than_the_site_names_stays() -> None:
    value, _ = _title("<title>Herald | Brexit - what comes next for the harbour towns</title>")
    assert value == "Brexit - what comes next for the harbour towns"


def test_h1_kicker_line_set_off_as_a_segment_in_metadata_is_dropped() -> None:
    value, signal = _title('<meta property="og:title" content="Strike - Ferries stay in port">'
                           "<title>Strike - Ferries stay in port | Herald</title>",
                           '<h1><span class="topic">Strike</span> Ferries stay in port</h1>')
    assert (value, signal) == ("Ferries stay in port", "h1")


def test_kicker_in_a_block_of_its_own_above_the_h1_headline_is_dropped() -> None:
    head = ('<meta property="og:title" content="Anniversary: Harbour turns 100">'
            "<title>Anniversary: Harbour turns 100 | Herald</title>")
    value, signal = _title(head, '<h1><div class="label">Anniversary</div> Harbour turns 100</h1>')
    assert (value, signal) == ("Harbour turns 100", "h1")
    inline, _ = _title(head, '<h1><span class="label">Anniversary</span> Harbour turns 100</h1>')
    assert inline == "Anniversary: Harbour turns 100"


_CRUMB_H1 = ('<nav class="breadcrumb"><a href="/">Home</a> <a href="/sport/">Sport</a>'
             "<h1>Olympics: German forward impresses as France falls apart</h1></nav>")


def test_article_heading_after_a_breadcrumb_h1_wins_where_metadata_gives_it() -> None:
    value, signal = _title(
        '<meta property="og:title" content="German forward impresses, France frustrated">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Olympics: German forward impresses as France falls apart"}</script>'
        "<title>Olympics: German forward impresses as France falls apart - Herald</title>",
        _CRUMB_H1 + "<article><header><h2>German forward impresses, France frustrated</h2>"
        "</header><p>Text</p><h2>Quarter-finals next</h2></article>")
    assert (value, signal) == ("German forward impresses, France frustrated", "og")


def test_breadcrumb_h1_stays_where_no_metadata_gives_the_heading_after_it() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Olympics: German forward impresses as France falls'
        ' apart">', _CRUMB_H1 + "<article><h2>Start on Monday: the quarter-finals</h2></article>")
    assert (value, signal) == ("Olympics: German forward impresses as France falls apart", "og")


def test_printed_low_quotes_beat_ascii_quotes_in_metadata() -> None:
    value, signal = _title('<meta property="og:title" content="&quot;Unfair&quot;: Mayor quits">'
                           '<title>"Unfair": Mayor quits | Herald</title>',
                           "<h1>„Unfair“: Mayor quits</h1>")
    assert (value, signal) == ("„Unfair“: Mayor quits", "h1")


_REWRITE = ('<meta property="og:title" content="Traffic chaos in the heat: old trams at risk">'
            "<title>Traffic chaos in the heat: old trams at risk | Herald</title>")


def test_h1_heading_the_article_beats_a_metadata_rewrite_sharing_no_word() -> None:
    value, signal = _title(_REWRITE, "<article><h1>How ready are the railways for summer?</h1>"
                                     "<p>Text</p></article>")
    assert (value, signal) == ("How ready are the railways for summer?", "h1")


def test_short_or_outside_h1_does_not_beat_an_unrelated_metadata_title() -> None:
    label, _ = _title(_REWRITE, "<article><h1>City news</h1><p>Text</p></article>")
    assert label == "Traffic chaos in the heat: old trams at risk"
    outside, _ = _title(_REWRITE, "<h1>How ready are the railways for summer?</h1>")
    assert outside == "Traffic chaos in the heat: old trams at risk"


def test_printed_article_heading_outvotes_the_seo_fields_of_a_breadcrumb_h1() -> None:
    seo = "Olympics: German forward impresses as France falls apart"
    value, _ = _title(
        '<meta property="og:title" content="German forward impresses, France frustrated">'
        f'<meta name="twitter:title" content="{seo}">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{seo}"}}'
        f"</script><title>{seo} - Herald</title>",
        _CRUMB_H1 + '<article><h2><span class="kicker">Dream team</span>'
        "<span>German forward impresses, France frustrated</span></h2></article>")
    assert value == "German forward impresses, France frustrated"


def test_itemprop_on_the_heading_after_a_breadcrumb_h1_is_no_metadata() -> None:
    value, _ = _title(
        '<meta property="og:title" content="Olympics: German forward impresses as France falls'
        ' apart">', _CRUMB_H1 + '<article><h2 itemprop="headline">Festival: German forward'
        " impresses as France falls apart</h2></article>")
    assert value == "Olympics: German forward impresses as France falls apart"


def test_h1_telling_the_story_of_another_field_beats_agreed_teaser_metadata() -> None:
    value, signal = _title(
        '<meta property="og:title" content="Join our tester community today!">'
        '<meta name="twitter:title" content="Join our tester community today!">'
        "<title>Brandco - Quick dry shampoo keeps hair fresh in any weather - Info</title>",
        "<h1>Quick dry shampoo: fresh hair in any weather</h1>")
    assert (value, signal) == ("Quick dry shampoo: fresh hair in any weather", "h1")


def test_first_article_h2_stands_in_for_a_missing_h1() -> None:
    page = ("<title>Weekly report 3 - 9 January - Avalanche Service</title>",
            '<div class="nav"><h2>Main navigation</h2></div>'
            '<article><h2><i class="icon"></i></h2><h2>Weak layers, favourable avalanche'
            " situation</h2><p>Text</p></article>")
    value, signal = _title(*page)
    assert (value, signal) == ("Weak layers, favourable avalanche situation", "h1")
    outside, _ = _title(page[0], page[1].replace("article>", "section>"))
    assert outside == "Weekly report 3 - 9 January"


@pytest.mark.parametrize("box", ["aside", "nav", "footer"])
def test_a_teaser_article_h2_in_an_aside_does_not_stand_in_for_the_h1(box: str) -> None:
    # related-story cards are <article>s headed by other stories' h2s
    value, signal = _title(
        "<title>Harbour council approves the new ferry terminal | Herald</title>",
        f"<main><p>The council voted on Monday.</p></main><{box}><article>"
        f"<h2>Storm closes the coastal road for two days</h2></article></{box}>")
    assert (value, signal) == ("Harbour council approves the new ferry terminal", "title-tag")


def test_a_listing_of_article_cards_offers_no_h2_for_the_missing_h1() -> None:
    # several top-level <article>s are teaser cards, each headed by its own story
    value, signal = _title(
        "<title>Harbour council approves the new ferry terminal | Herald</title>",
        "<main><article><h2>Storm closes the coastal road for two days</h2><p>Teaser</p>"
        "</article><article><h2>Museum reopens after the flood</h2><p>Teaser</p></article>"
        "</main>")
    assert (value, signal) == ("Harbour council approves the new ferry terminal", "title-tag")


def test_comments_nested_as_articles_leave_the_story_h2_standing_in() -> None:
    value, signal = _title(
        "<title>Weekly report 3 - 9 January - Avalanche Service</title>",
        "<article><h2>Weak layers, favourable avalanche situation</h2><p>Text</p>"
        "<section><article><h2>Reader one</h2></article><article><h2>Reader two</h2>"
        "</article></section></article>")
    assert (value, signal) == ("Weak layers, favourable avalanche situation", "h1")
