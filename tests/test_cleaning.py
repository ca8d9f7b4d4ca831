"""Each cleaning step and each boilerplate kind on hand-written snippets, in seven languages."""

from __future__ import annotations

import json

import pytest
from lxml import html

from pipelines import boilerplate_rules
from pipelines.cleaning import (
    CleaningOptions,
    TextContext,
    _has_paragraph_chars,
    clean_paragraphs,
    clean_tree,
    compile_selector,
    dom_kind,
    drop_boilerplate_paragraphs,
    drop_credit_lines,
    drop_dateline,
    drop_headline,
    is_credit_line,
    name_kind,
    paragraph_kind,
    restore_script_story,
    title_variants,
    value_kind,
    word_count,
)
from pipelines.record import Removal

STORY = ("The council said the works would begin in spring and last about eighteen months, "
         "with lanes closed overnight and buses diverted through the industrial estate. ") * 3


def _tree(inner: str) -> html.HtmlElement:
    return html.document_fromstring(
        f"<html><body><article><div class='entry-content'><p>{STORY}</p>{inner}"
        f"<p>{STORY}</p></div></article></body></html>"
    )


@pytest.mark.parametrize(("markup", "kind"), [
    ('<div class="sharedaddy">Share this</div>', "share"),
    ('<div class="social-share-buttons">Tweet</div>', "share"),
    ('<div id="comments">1 comment</div>', "comments"),
    ('<section class="disqus-thread">x</section>', "comments"),
    ('<div id="respond" class="comment-respond">Leave a Reply</div>', "comment_form"),
    ('<div class="newsletter-signup">Sign up</div>', "newsletter"),
    ('<div class="jp-relatedposts">Related</div>', "related"),
    ('<div class="author-bio">Jane writes about ferries.</div>', "author_bio"),
    ('<div id="cookie-banner">We use cookies</div>', "cookie"),
    ('<div class="ad-slot">Advertisement</div>', "ad_label"),
    ('<nav class="breadcrumbs">Home › News</nav>', "navigation"),
    ('<div role="navigation">Next</div>', "navigation"),
    ('<span class="photo-credit">Getty Images</span>', "photo_credit"),
    ('<div class="post-content">story</div>', None),
    ('<div class="tag-share-economy category-news">story</div>', None),
    ('<div class="header">story</div>', None),
])
def test_dom_kind_from_class_id_role(markup: str, kind: str | None) -> None:
    assert dom_kind(html.fragment_fromstring(markup)) == kind


@pytest.mark.parametrize(("inner", "kind"), [
    ('<div class="sharedaddy"><a href="#">Facebook</a> <a href="#">X</a></div>', "share"),
    ('<div class="author-box">Jane Doe covers transport for the Herald.</div>', "author_bio"),
    ('<form><textarea name="comment"></textarea>Post a comment</form>', "comment_form"),
    ('<form><input type="email">Get the morning briefing</form>', "newsletter"),
    ('<ul><li><a href="/a">First other story</a></li><li><a href="/b">Second other story</a>'
     '</li><li><a href="/c">Third other story</a></li></ul>', "related"),
    ('<aside>Most read: a story about boats</aside>', "related"),
])
def test_dom_steps_remove_blocks_inside_the_article_area(inner: str, kind: str) -> None:
    removed: list[Removal] = []
    tree = clean_tree(_tree(inner), CleaningOptions(), removed)
    assert [r.kind for r in removed] == [kind]
    assert tree.text_content().count("The council said") == 6


def test_dom_steps_leave_the_story_container_alone() -> None:
    tree = html.document_fromstring(
        f"<html><body><article class='post has-comments'><h1>Title</h1>"
        f"<div class='entry-content share-enabled'><p>{STORY}</p></div></article></body></html>"
    )
    removed: list[Removal] = []
    clean_tree(tree, CleaningOptions(), removed)
    assert "The council said" in tree.text_content()


def test_comment_section_outside_the_article_area_goes_too() -> None:
    tree = _tree("")
    tree.body.append(html.fragment_fromstring(
        '<div id="comments"><ol class="comment-list"><li>Great piece!</li></ol></div>'))
    removed: list[Removal] = []
    clean_tree(tree, CleaningOptions(), removed)
    assert removed == [Removal("comments", "Great piece!")]


def _thread_page(heading: str) -> html.HtmlElement:
    post = ("<div class='post'><span class='user'>{0}</span><span>28.09.19</span>"
            "<div>{1}</div></div>")
    return html.document_fromstring(
        "<html><body><main><h2>Ferry trial</h2>"
        + post.format("opener", STORY)
        + heading
        + post.format("ann", "Same here, the night bus is late every week.")
        + post.format("bob", "Did you ask the council?")
        + "</main></body></html>"
    )


def test_a_comment_heading_opens_the_thread_after_it() -> None:
    removed: list[Removal] = []
    tree = clean_tree(_thread_page('<h2 id="comments">Comments</h2>'), CleaningOptions(), removed)
    assert "The council said" in tree.text_content()
    assert "night bus" not in tree.text_content()
    assert [r.kind for r in removed] == ["comments"] * 3


def test_the_thread_ends_at_the_next_heading_of_its_rank() -> None:
    page = _thread_page('<h3 class="comments-title">2 Comments</h3>')
    page.find(".//main").append(html.fragment_fromstring("<h2>More on ferries</h2>"))
    page.find(".//main").append(html.fragment_fromstring("<p>A later section of the page.</p>"))
    removed: list[Removal] = []
    tree = clean_tree(page, CleaningOptions(), removed)
    assert "night bus" not in tree.text_content()
    assert "A later section" in tree.text_content()


def test_a_comment_count_heading_above_the_story_keeps_the_story() -> None:
    tree = html.document_fromstring(
        "<html><body><div><h1>Ferry trial</h1><h4 class='comments-count'>3 comments</h4>"
        f"<article><div class='entry-content'><p>{STORY}</p></div></article></div></body></html>"
    )
    removed: list[Removal] = []
    clean_tree(tree, CleaningOptions(), removed)
    assert "The council said" in tree.text_content()
    assert [r.text for r in removed] == ["3 comments"]


def test_a_comment_count_heading_above_an_unmarked_story_keeps_the_story() -> None:
    tree = html.document_fromstring(
        "<html><body><div><h1>Ferry trial</h1></div><h4 class='comments-link'>3 comments</h4>"
        f"<div class='text'><p>{STORY}</p><p>{STORY}</p></div></body></html>"
    )
    removed: list[Removal] = []
    clean_tree(tree, CleaningOptions(), removed)
    assert tree.text_content().count("The council said") == 6
    assert [r.text for r in removed] == ["3 comments"]


def test_dom_rules_can_be_switched_off() -> None:
    removed: list[Removal] = []
    clean_tree(_tree('<div class="sharedaddy">Share</div>'), CleaningOptions(dom_rules=False),
               removed)
    assert removed == []


@pytest.mark.parametrize(("text", "kind"), [
    # comment forms, seven languages
    ("Leave a Reply", "comment_form"),
    ("Your email address will not be published. Required fields are marked *", "comment_form"),
    ("This site uses Akismet to reduce spam. Learn how your comment data is processed.",
     "comment_form"),
    ("Schreibe einen Kommentar", "comment_form"),
    ("Deine E-Mail-Adresse wird nicht veröffentlicht.", "comment_form"),
    ("Laisser un commentaire", "comment_form"),
    ("Deja un comentario", "comment_form"),
    ("Lascia un commento", "comment_form"),
    ("Laat een reactie achter", "comment_form"),
    ("Deixe um comentário", "comment_form"),
    # comments
    ("Kommentare", "comments"),
    ("12 Comments", "comments"),
    ("Commentaires", "comments"),
    ("Comentarios (4)", None),
    ("3 reacties", "comments"),
    # newsletter
    ("Sign up for our newsletter", "newsletter"),
    ("Newsletter abonnieren", "newsletter"),
    ("Inscrivez-vous à notre newsletter", "newsletter"),
    ("Suscríbete a nuestra newsletter", "newsletter"),
    ("Iscriviti alla newsletter", "newsletter"),
    ("Schrijf je in voor onze nieuwsbrief", "newsletter"),
    ("Assine a nossa newsletter", "newsletter"),
    # share
    ("Partager", "share"),
    ("Share this:", "share"),
    ("Artikel teilen", "share"),
    ("Compartir", "share"),
    ("Condividi", "share"),
    ("Deel dit artikel", "share"),
    ("Compartilhe", "share"),
    # related
    ("Read more: Ferry trial approved for the island", "related"),
    ("Lesen Sie auch: Fähre fährt nachts", "related"),
    ("À lire aussi : le port de nuit", "related"),
    ("Lee también: el puerto", "related"),
    ("Leggi anche: il porto", "related"),
    ("Lees ook: de haven", "related"),
    ("Leia também: o porto", "related"),
    # the rest of the catalogue
    ("We use cookies to improve your experience.", "cookie"),
    ("Diese Website verwendet Cookies.", "cookie"),
    ("Already a subscriber? Log in", "paywall"),
    ("Réservé aux abonnés", "paywall"),
    ("© 2026 Example Media. All rights reserved.", "copyright"),
    ("Alle Rechte vorbehalten.", "copyright"),
    ("Photo: Jane Doe/Reuters", "photo_credit"),
    ("Foto: dpa", "photo_credit"),
    ("Advertisement", "ad_label"),
    ("Anzeige", "ad_label"),
    ("Publicité", "ad_label"),
    ("Story continues below advertisement", "ad_label"),
    ("Home › News › Local", "navigation"),
    ("About the author", "author_bio"),
    ("Contact the reporter at jane.doe@herald.example", "contact_details"),
    ("Tel.: +49 30 1234 5678", "contact_details"),
    ("Almost all staff can be contacted by e-mail.", "contact_details"),
    # story sentences that merely mention a trigger word stay
    ("The newsletter, which the mayor sends every week, praised the ferry trial.", None),
    ("Share prices fell sharply on Monday after the announcement by the board.", None),
    ("Comments made by the minister on Friday angered the unions.", None),
    ("Copyright law in the EU is about to change, the commission said.", None),
])
def test_paragraph_kind(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


def test_long_paragraph_is_never_boilerplate() -> None:
    assert paragraph_kind("Sign up for our newsletter " + STORY) is None


@pytest.mark.parametrize(("opening", "kind"), [
    ("Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird.", "embed"),
    ("We use cookies to personalise content and ads.", "cookie"),
])
def test_long_consent_boxes_and_cookie_notices_are_boilerplate(opening: str, kind: str) -> None:
    notice = f"{opening} {STORY[:300]}"
    assert len(notice.split()) > boilerplate_rules.MAX_BOILERPLATE_WORDS
    assert paragraph_kind(notice) == kind
    assert paragraph_kind(f"{opening} {STORY * 2}") is None


def test_everything_after_a_trailing_comment_marker_is_comments() -> None:
    paragraphs = [STORY, STORY, STORY, "2 Comments", "Great piece, thanks!", "I disagree."]
    removed: list[Removal] = []
    kept = drop_boilerplate_paragraphs(paragraphs, TextContext(), removed)
    assert kept == [STORY] * 3
    assert [r.kind for r in removed] == ["comments"] * 3


@pytest.mark.parametrize("line", [
    "Reporting by Jane Doe; Editing by Tom Baines",
    "(Reporting by Jane Doe in Berlin; Additional reporting by Tom Baines; Editing by Ann Lee)",
    "Writing by Jane Doe; editing by Tom Baines",
    "Mit Material von dpa",
    "Mit Material von AFP und dpa",
    "(dpa)",
    "With AFP",
    "Avec AFP",
    "Con información de EFE",
    "— Associated Press contributed to this report.",
    "Associated Press writer Jane Doe in Paris contributed to this report.",
    "This article was originally published on The Conversation.",
    "Doe reported from Kyiv and Roe from Moscow. AP writer Ann Lee contributed to this report.",
    "Jane Doe reported from Kyiv, Ukraine, and John Roe from Moscow.",
])
def test_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize("line", [
    "WASHINGTON (AP) — Federal regulators on Thursday ordered engine inspections.",
    "The AP reported that the ferry was late.",
    "With the new timetable, crossings will run every forty minutes.",
    "Reporting from the island, our correspondent found the pier empty at night.",
    "Police reported from the scene that two people were hurt.",
    "Al Jazeera reported from Gaza City that at least 20 people were killed.",
    "The Herald reported from Kyiv on Monday that the ferry had not sailed.",
])
def test_story_lines_are_not_credit_lines(line: str) -> None:
    assert not is_credit_line(line)


def test_headline_plus_newsroom_credit_is_a_credit_line() -> None:
    titles = title_variants("Putin hosts talks between Azerbaijan, Armenia leaders")
    line = ("Nagorno-Karabakh: Putin hosts talks between Azerbaijan, Armenia leaders "
            "The British Journal Editors and Wire Services/ France 24.")
    removed: list[Removal] = []
    kept = drop_credit_lines([STORY, STORY, line], TextContext(titles), removed)
    assert kept == [STORY, STORY]
    assert removed == [Removal("credit_line", line)]


def test_headline_repeated_in_the_story_is_kept() -> None:
    titles = title_variants("Ferry trial approved")
    line = "Ferry trial approved after the board voted eight to two on Wednesday night."
    assert not is_credit_line(line, titles)


def test_leading_headline_removed() -> None:
    ctx = TextContext(title_variants("Ferry trial approved – The Herald"))
    removed: list[Removal] = []
    kept = drop_headline(["Ferry trial approved", STORY], ctx, removed)
    assert kept == [STORY]
    assert removed == [Removal("headline", "Ferry trial approved")]


@pytest.mark.parametrize(("title", "paragraphs", "dropped"), [
    # a kicker glued to the headline (two spans with no space between)
    ("Ferry trial approved for the island", ["Night ferriesFerry trial approved for the island",
                                             STORY], 1),
    # a kicker paragraph above the headline
    ("Ferry trial approved for the island", ["NIGHT FERRIES", "Ferry trial approved for the "
                                             "island", STORY], 2),
    # the headline without the title's kicker
    ("Night ferries: Ferry trial approved for the island", ["Ferry trial approved for the island",
                                                            STORY], 1),
    # a dateline above the headline is no kicker; a sentence holding the headline stays
    ("Ferry trial approved for the island", ["Posted on", "Ferry trial approved for the island",
                                             STORY], 0),
    ("Ferry trial approved for the island", ["Ferry trial approved for the island, the council "
                                             "said on Monday after a long debate", STORY], 0),
    # a lead sentence ending in the headline's words is no kicker and headline
    ("Ferry trial approved for the island", ["After years of debate, the council finally got the "
                                             "ferry trial approved for the island", STORY], 0),
])
def test_headline_with_its_kicker_removed(title: str, paragraphs: list[str], dropped: int) -> None:
    removed: list[Removal] = []
    kept = drop_headline(paragraphs, TextContext(title_variants(title)), removed)
    assert kept == paragraphs[dropped:]
    assert [r.kind for r in removed] == ["headline"] * dropped


def test_text_rules_can_be_switched_off() -> None:
    removed: list[Removal] = []
    kept = clean_paragraphs([STORY, "Advertisement", STORY], TextContext(), removed,
                            CleaningOptions(text_rules=False))
    assert kept == [STORY, "Advertisement", STORY]


def test_selectors_css_and_xpath() -> None:
    tree = html.fromstring("<div><p class='a'>x</p><p>y</p></div>")
    assert [p.text for p in compile_selector("p.a")(tree)] == ["x"]
    assert [p.text for p in compile_selector("//p[2]")(tree)] == ["y"]


def test_word_count_counts_cjk_characters() -> None:
    assert word_count("two words") == 2
    assert word_count("気象庁は13日、午後9時19分ごろ") >= 5


@pytest.mark.parametrize(("text", "kind"), [
    ("23.10.2018", "metadata"),
    ("Stand: 22.04.2024, 06:00 Uhr", "metadata"),
    ("January 13", "metadata"),
    ("AFP / MARCO BERTORELLO", "photo_credit"),
    ("LE PUEDE INTERESAR: La ficha del acusado", "related"),
    ("ANZEIGE - Heute mal ausgehen?", "ad_label"),
    ("Pour lire la suite, abonnez-vous", "paywall"),
    ("Mira cómo bajó el precio del petróleo este año en la región andina", None),
])
def test_metadata_and_more_phrases(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


@pytest.mark.parametrize("markup", [
    '<blockquote class="twitter-tweet"><p>Big news</p>— Jane (@jane) July 1, 2026</blockquote>',
    '<blockquote class="instagram-media">A photo by someone</blockquote>',
    '<blockquote class="tiktok-embed">A clip</blockquote>',
])
def test_embedded_social_posts_dropped_only_when_asked(markup: str) -> None:
    removed: list[Removal] = []
    tree = clean_tree(_tree(markup), CleaningOptions(drop_embeds=True), removed)
    assert "blockquote" not in html.tostring(tree, encoding="unicode")
    assert [r.kind for r in removed] == ["embed"]
    kept = clean_tree(_tree(markup), CleaningOptions(), [])
    assert "blockquote" in html.tostring(kept, encoding="unicode")


def test_tweet_lines_dropped_only_when_asked() -> None:
    paragraphs = [STORY, "Big news pic.twitter.com/AbC123", "— Jane Doe (@jd) July 18, 2026"]
    removed: list[Removal] = []
    ctx = TextContext()
    assert clean_paragraphs(paragraphs, ctx, removed, CleaningOptions(drop_embeds=True)) == [STORY]
    assert [r.kind for r in removed] == ["embed", "embed"]
    assert clean_paragraphs(paragraphs, ctx, [], CleaningOptions()) == paragraphs


@pytest.mark.parametrize(("text", "kind"), [
    ("Ein Klick für den Datenschutz", "embed"),
    ("Externer Inhalt", "embed"),
    ("Click here to view the external content", "embed"),
    ("This post contains affiliate links, which means we may earn a commission.", "ad_label"),
    ("This post contains references to products from one or more of our advertisers.",
     "ad_label"),
    ("As an Amazon Associate we earn from qualifying purchases.", "ad_label"),
    ("Bei den Verlinkungen handelt es sich um Affiliate-Links.", "ad_label"),
    ("Cet article contient des liens affiliés.", "ad_label"),
    ("Got a story? Get in touch with our news team by emailing us at news@paper.example.",
     "contact_details"),
    ("Follow The Herald on Twitter and Facebook for the latest news updates.", "share"),
    ("Folgen Sie uns auf Instagram!", "share"),
    ("Síguenos en Twitter", "share"),
    ("If you enjoyed reading this post, share it with a friend.", "share"),
    ("MORE: Ferry timetable changes for the winter", "related"),
    ("For more stories like this, check our news page.", "related"),
    ("To view the full story, please subscribe to The Herald.", "paywall"),
    ("If you’re seeing this message but you’re already a subscriber, log in.", "paywall"),
    ("Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.", "paywall"),
    # story sentences that mention the same words stay
    ("The minister said she would follow the committee on its visit to the island.", None),
    ("More than 200 people attended the meeting on Tuesday.", None),
    ("The company earns a commission on every ticket sold, the report said.", None),
])
def test_embed_affiliate_follow_and_tail_phrases(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


def _split_page(chunk_head: str) -> html.HtmlElement:
    chunks = "".join(
        f"<div class='grid'>{chunk_head.format(n=n)}<div class='article-body'><p>Part {n}. {STORY}"
        f"</p></div></div><div class='ad'>Advertisement</div>"
        for n in range(3)
    )
    return html.document_fromstring(f"<html><body><h1>Title</h1>{chunks}</body></html>")


def test_a_story_split_over_repeated_containers_is_gathered_into_the_first() -> None:
    tree = clean_tree(_split_page(""), CleaningOptions(), [])
    first = tree.xpath('//div[@class="article-body"]')[0]
    assert [p.text_content()[:7] for p in first.iter("p")] == ["Part 0.", "Part 1.", "Part 2."]


def test_repeated_containers_under_their_own_headings_are_separate_stories() -> None:
    tree = clean_tree(_split_page("<h2>Post {n}</h2>"), CleaningOptions(), [])
    first = tree.xpath('//div[@class="article-body"]')[0]
    assert [p.text_content()[:7] for p in first.iter("p")] == ["Part 0."]


@pytest.mark.parametrize(("text", "kind"), [
    ("January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments", "metadata"),
    ("13. März 2024 · 3 Min. Lesezeit", "metadata"),
    ("Paris | The mayor said on Monday that the works would begin in spring", None),
    ("Politik | Wirtschaft", None),
])
def test_lines_of_separated_fields_with_a_date_are_metadata(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


@pytest.mark.parametrize(("text", "kind"), [
    # the site promoting itself: newsletter, issue, channels, donations
    ("Mit unserem Newsletter erhalten Sie monatlich Neuigkeiten aus der Region.", "newsletter"),
    ("Check out more stories by signing up to our free weekly newsletter", "newsletter"),
    ("Do you want to hear about our events? Sign up here", "newsletter"),
    ("Die aktuelle Ausgabe jetzt am Kiosk, im Abo oder als E-Paper erhältlich.", "paywall"),
    ("Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns mit einer Spende.", "paywall"),
    ("We need your help to keep our reporting free for everyone.", "paywall"),
    ("Soutenez notre journalisme indépendant.", "paywall"),
    ("Abonniere den Whatsapp-Kanal der Zeitung für tägliche Updates.", "share"),
    ("%d Bloggern gefällt das:", "share"),
    ("12 bloggers like this.", "share"),
    # teasers and links to other stories
    ("À lire aussi La natalité en recul dans la région", "related"),
    ("Lea: El puerto abre de noche desde mayo", "related"),
    ("Noticia relacionada", "related"),
    ("Mehr zum Thema auf hafen.example", "related"),
    ("Weitere Beiträge aus der Kolumne:", "related"),
    ("Mehr zur Lage am Hafen lesen Sie in unserem Liveblog:", "related"),
    (">> Fähre fällt wegen Sturm aus <<", "related"),
    ("Czytaj też: Prom odwołany", "related"),
    # sources, staff and production lines
    ("Quelle: Landesregierung", "source"),
    ("Quellenangaben:", "source"),
    ("Sources :", "source"),
    ("MDR (dst)", "source"),
    ("(dmk)", "source"),
    ("HARBOURNEWS.COM", "source"),
    ("Redaktion: Jane Doe, Max Muster", "source"),
    ("Mit Informationen der Nachrichtenagenturen AFP und dpa.", "source"),
    # metadata, captions, navigation, consent
    ("- Veröffentlicht am 13. Mai 2026 um 15:44", "metadata"),
    ("Letzte Änderung 14.02.2019", "metadata"),
    ("3 Minuten Lesezeit", "metadata"),
    ("Release Date:", "metadata"),
    ("Sendung: Radio Eins, 24.04.2024, 15:10 Uhr", "source"),
    ("With reports from Reforma and El Economista", "source"),
    ("Les også: Fergen går om natten", "related"),
    ("有料会員になると会員限定の有料記事もお読みいただけます。", "paywall"),
    ("<Copyright ⓒ 한국일보. All rights reserved. 무단 전재 및 재배포 금지>", "copyright"),
    ("The ferry at the pier in the evening. © AFP / Jane Doe", "photo_credit"),
    ("Fot. Jan Kowalski / Agencja", "photo_credit"),
    ("Inhaltsverzeichnis", "navigation"),
    ("Table of contents", "navigation"),
    ("Fehler gefunden? Jetzt melden.", "navigation"),
    ("Passer la publicité", "ad_label"),
    ("Postmedia may earn an affiliate commission from purchases made through links.", "ad_label"),
    ("Empfohlener redaktioneller Inhalt", "embed"),
    ("Ihre Meinung ist uns wichtig. Senden Sie uns Ihr Feedback an briefe@zeitung.example",
     "contact_details"),
    ("Pressesprecher Max Muster", "contact_details"),
    ("Materiał chroniony prawem autorskim.", "copyright"),
    # story sentences with the same words stay
    ("The source said the ferry would run until midnight on weekdays.", None),
    ("Die Quelle des Flusses liegt in den Alpen, sagte der Sprecher.", None),
    ("Readers of the newsletter, which the mayor sends, praised the trial.", None),
    ("Berlin (Germany) and Paris signed the ferry agreement on Monday.", None),
    ("The EU and the USA signed it.", None),
    ("SAMSUN", None),
    ("Das Konzeptpapier finden Sie hier:", None),
    ("Im Handel sind die Preise gestiegen, sagte die Ministerin.", None),
])
def test_self_promotion_teaser_source_and_metadata_lines(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


def test_a_long_paragraph_ending_in_a_credit_is_not_a_caption() -> None:
    paragraph = f"{STORY} © AFP / Jane Doe"
    assert paragraph_kind(paragraph) is None


@pytest.mark.parametrize(("first", "dropped"), [
    ("NEW DELHI:", True),
    ("Berlin.", True),
    ("Madrid-", True),
    ("The board met on Monday.", False),
    ("Why it matters:", False),
])
def test_a_lone_dateline_first_paragraph_is_metadata(first: str, dropped: bool) -> None:
    removed: list[Removal] = []
    kept = drop_dateline([first, STORY], TextContext(), removed)
    assert kept == ([STORY] if dropped else [first, STORY])
    assert removed == ([Removal("metadata", first)] if dropped else [])


@pytest.mark.parametrize(("markup", "teaser"), [
    ('<a href="/other-story"><div><h3>Night ferry cancelled again</h3><p>Kicker</p></div></a>',
     "Night ferry cancelled again"),
    ('<h2><a href="/other-story">Night ferry cancelled again</a></h2>',
     "Night ferry cancelled again"),
    ('<article><a href="/x"><h4>Night ferry cancelled again</h4></a></article>',
     "Night ferry cancelled again"),
    ('<x-inline-teaser><x-link href="/faq"><h3>Ferry FAQ</h3></x-link><p>Answers to your '
     'questions about the ferry.</p></x-inline-teaser>', "Ferry FAQ"),
])
def test_teasers_of_other_stories_in_the_article_area_go(markup: str, teaser: str) -> None:
    removed: list[Removal] = []
    tree = clean_tree(_tree(markup), CleaningOptions(), removed)
    assert teaser not in tree.text_content()
    assert [r.kind for r in removed] == ["related"]
    assert removed[0].text.startswith(teaser)


@pytest.mark.parametrize("markup", [
    "<h2>The timetable</h2>",
    '<h2><a href="#timetable">The timetable</a></h2>',
    '<h2>The timetable of the <a href="/ferries">night ferries</a> changes in May</h2>',
])
def test_subheadings_stay(markup: str) -> None:
    tree = clean_tree(_tree(markup), CleaningOptions(), [])
    assert "timetable" in tree.text_content()


def _script_page(paragraphs: int, visible: str = "<nav>Home</nav>") -> html.HtmlElement:
    story = "".join(f"<p>Part {n}. {STORY}</p>" for n in range(paragraphs))
    # JSON inside a JS string, "<" escaped, as Next.js writes it
    payload = json.dumps(json.dumps({"content": story})).replace("<", "\\u003c")
    return html.document_fromstring(
        f"<html><body>{visible}<script>self.__next_f.push([1,{payload}])</script></body></html>"
    )


def test_a_story_only_in_script_data_is_put_into_the_page() -> None:
    tree = _script_page(4)
    assert restore_script_story(tree)
    article = tree.find(".//article")
    assert article is not None
    assert len(article.findall("p")) == 4
    assert "<p" not in article.text_content()


@pytest.mark.parametrize(("paragraphs", "visible"), [
    (2, "<nav>Home</nav>"),  # too few paragraphs to be a story
    (4, f"<article><p>{STORY}</p><p>{STORY}</p><p>{STORY}</p></article>"),  # the page has its text
])
def test_script_data_is_left_alone(paragraphs: int, visible: str) -> None:
    tree = _script_page(paragraphs, visible)
    assert not restore_script_story(tree)
    assert len(tree.findall(".//article")) == visible.count("<article>")


LEAD = "The harbour board approved night crossings for a six-month trial from May."


def _lead_page(lead_markup: str, description: str = LEAD) -> html.HtmlElement:
    return html.document_fromstring(
        f'<html><head><meta property="og:description" content="{description}"></head><body>'
        f"<article><header><h1>Night ferries</h1>{lead_markup}</header>"
        f"<div class='article-body'><p>{STORY}</p><p>{STORY}</p></div></article></body></html>"
    )


def test_a_lead_printed_above_the_story_container_is_copied_into_it() -> None:
    tree = clean_tree(_lead_page(f"<div class='teaser-intro'><p>{LEAD}</p></div>"),
                      CleaningOptions(), [])
    first = tree.find(".//div[@class='article-body']/p")
    assert first is not None and first.text == LEAD


@pytest.mark.parametrize(("lead_markup", "description"), [
    ("", LEAD),  # the page prints no lead
    (f"<p>{LEAD}</p>", "Too short to be a lead."),
    (f"<div class='teaser-intro'><p>{LEAD}</p></div>", STORY[:120]),  # already in the story
])
def test_no_lead_is_copied(lead_markup: str, description: str) -> None:
    tree = clean_tree(_lead_page(lead_markup, description), CleaningOptions(), [])
    first = tree.find(".//div[@class='article-body']/p")
    assert first is not None and first.text.startswith("The council said")


def test_a_lead_in_a_teaser_block_inside_the_area_moves_before_the_story() -> None:
    page = html.document_fromstring(
        f'<html><head><meta name="description" content="{LEAD}"></head><body><article>'
        f"<h1>Night ferries</h1><div class='article-body'><div class='teaser-text'><p>{LEAD}</p>"
        f"</div><div class='text'><p>{STORY}</p></div></div></article></body></html>"
    )
    tree = clean_tree(page, CleaningOptions(), [])
    teaser = tree.find(".//div[@class='teaser-text']")
    assert teaser is None or LEAD not in teaser.text_content()
    first = tree.find(".//div[@class='text']/p")
    assert first is not None and first.text == LEAD


def test_a_lead_already_among_the_story_paragraphs_stays() -> None:
    page = html.document_fromstring(
        f'<html><head><meta name="description" content="{LEAD}"></head><body><article>'
        f"<div class='article-body'><p>{LEAD}</p><p>{STORY}</p></div></article></body></html>"
    )
    tree = clean_tree(page, CleaningOptions(), [])
    texts = [p.text for p in tree.iter("p")]
    assert texts == [LEAD, STORY]


@pytest.mark.parametrize("text, kind", [
    ("Redakteur in der Wirtschaft.", "author_bio"),
    ("Correspondent in Washington for The Herald.", "author_bio"),
    ("Online-Pressemappe - alle Pressemitteilungen der Firma | RSS-Feed abonnieren", "share"),
    ("Subscribe to our RSS feed for updates.", "share"),
    ("Follow The Herald on Google News to get our stories in your feed.", "share"),
    ("CLICK HERE TO GET THE HERALD NEWS APP", "newsletter"),
    ("Holen Sie sich die kostenlose Herald-App", "newsletter"),
    ("Ground Game: Sign up for the Herald’s weekly politics newsletter.", "newsletter"),
    ("We want to hear from you: did the ferry let you down? Tell us.", "contact_details"),
    ("Téléchargez l'application du Courrier", "newsletter"),
    ("Weitere Informationen gibt es in Kürze auf der Website des Verbands.", "related"),
    ("For more information, visit www.herald.example.", "related"),
    ("For more information on the risks, the agency said, people should visit their GP.", None),
    ("Weitere Informationen zur Sanierung erhielten die Anwohner am Abend.", None),
    ("Wir wollen von Ihnen hören: Wie kommen Sie zur Arbeit?", "contact_details"),
    # the same words opening a quote are the story's
    ('"We want to hear from you," the mayor told residents at the meeting.', None),
    ("„Wir wollen von Ihnen wissen, was Sie stört“, sagte der Bürgermeister.", None),
    ("« Nous voulons vous entendre », a déclaré la maire.", None),
    # story sentences with the same words stay
    ("Get the app to work offline first, the engineers advised the council.", None),
    ("Die App laden vor allem junge Menschen herunter, sagt der Minister.", None),
    ("Jetzt die Herald-App herunterladen!", "newsletter"),
    ("Our standards of living fell sharply last year.", None),
    ("Folgen Sie uns auf WhatsApp", "share"),
    # a story sentence opening with a job title stays
    ("Reporter in the city had waited for hours outside the court before the verdict came, "
     "and the crowd only grew as the afternoon went on.", None),
])
def test_job_title_bio_and_feed_lines(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


def _bio_kinds(paragraphs: list[str]) -> list[str]:
    removed: list[Removal] = []
    drop_boilerplate_paragraphs(paragraphs, TextContext(), removed)
    return [r.kind for r in removed]


@pytest.mark.parametrize("bio", [
    "Jane Doe is the founder and editor of The Ferry Letter, a newsletter about transport.",
    "Jane Doe ist ZDF-Reporterin für das Berichtsgebiet Skandinavien.",
    "Jane Doe is a senior researcher with the Institute for Transport Studies.",
    "Jane Doe covers transport and the islands. Follow Jane on Bluesky.",
    "Jeanne Dupont écrit pour Le Courrier sur les transports.",
    "Korrespondent Max Muster ist bei der Zeitung für die Landespolitik zuständig.",
])
def test_a_closing_author_bio_goes(bio: str) -> None:
    assert _bio_kinds([STORY, STORY, STORY, bio]) == ["author_bio"]


@pytest.mark.parametrize("paragraphs", [
    # a closing sentence about someone who is not a writer
    [STORY, STORY, STORY, "Fairmont Jasper Park Lodge is now open."],
    [STORY, STORY, STORY, "Mayor Jane Doe is a former teacher who grew up on the island."],
    [STORY, STORY, STORY, "Reporter Jane Doe was hurt when the crowd pushed forward."],
    # an institution or an official, and a story verb
    [STORY, STORY, STORY, "Die Polizei berichtet über weitere Einsätze in der Nacht."],
    [STORY, STORY, STORY, "Innenminister Max Muster berichtet über die Lage im Land."],
    [STORY, STORY, STORY, "The Herald covers the islands from its office on the pier."],
    [STORY, STORY, STORY, "Le Courrier écrit sur son site que le maire a démissionné."],
    # a bio-like sentence in the middle of the story
    ["Jane Doe is the founder of the ferry company.", STORY, STORY, STORY, STORY],
    # a short body: the only paragraphs are the story
    [STORY, "Jane Doe is the founder of the ferry company."],
])
def test_story_sentences_about_people_stay(paragraphs: list[str]) -> None:
    assert _bio_kinds(paragraphs) == []


def test_the_paragraph_under_an_author_heading_is_the_bio() -> None:
    bio = "ist Gründungspartner der Kanzlei Muster und Partner in Berlin."
    assert _bio_kinds([STORY, STORY, STORY, "AUTOR", bio]) == ["author_bio", "author_bio"]


def test_an_author_heading_at_the_top_is_left_to_the_other_rules() -> None:
    assert _bio_kinds(["Autor", "Max Muster berichtet aus Berlin.", STORY, STORY]) == []


def test_paragraphs_written_in_look_alike_letters_are_ads() -> None:
    spam = "Аdvеrtіѕе wіth thе most visited news site ~ Соntасt uѕ tоdау!"
    assert _bio_kinds([STORY, STORY, spam]) == ["ad_label"]
    assert _bio_kinds([STORY, "Власти Москвы объявили о новых мерах (COVID-19)."]) == []


def test_a_lead_printed_as_bare_text_in_a_div_becomes_the_first_paragraph() -> None:
    page = html.document_fromstring(
        f'<html><head><meta name="description" content="{LEAD}"></head><body><article>'
        f"<h1>Night ferries</h1><div class='intro'>{LEAD}</div><div class='text'><p>{STORY}</p>"
        f"<p>{STORY}</p></div></article></body></html>"
    )
    tree = clean_tree(page, CleaningOptions(), [])
    assert tree.find(".//div[@class='intro']") is None
    first = tree.find(".//div[@class='text']/p")
    assert first is not None and first.text == LEAD


def test_a_lead_div_with_block_children_is_left_where_it_is() -> None:
    page = html.document_fromstring(
        f'<html><head><meta name="description" content="{LEAD}"></head><body><article>'
        f"<h1>Night ferries</h1><div class='intro'><p>{LEAD}</p></div><div class='text'>"
        f"<p>{STORY}</p><p>{STORY}</p></div></article></body></html>"
    )
    tree = clean_tree(page, CleaningOptions(), [])
    lead = tree.find(".//div[@class='intro']/p")
    assert lead is not None and lead.text == LEAD


@pytest.mark.parametrize("text, kind", [
    ("27.01.2022Mineralöl-Info November 2021", "related"),
    ("Auch auf example.de", "related"),
    ("Also on example.com:", "related"),
    ("Informationsschreiben vom 14. Oktober 2021PDF | 38 KB | Datei ist nicht barrierefrei",
     "navigation"),
    ("Jahresbericht 2025 (pdf, 1,2 MB)", "navigation"),
    ("Die neue Präsidentin nach der Wahl mit dem Wahlleiter.DCV / Muster", "photo_credit"),
    # story sentences with a date, a domain or a size stay
    ("Am 27.01.2022 beschloss der Rat die neue Satzung.", None),
    ("Die Datei war 38 MB groß und als PDF verschickt worden.", None),
    ("He also worked on example.com before joining the council in 2019.", None),
])
def test_teaser_download_and_glued_credit_lines(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


@pytest.mark.parametrize("paragraph, trimmed", [
    ("Die Stiftung wehrt sich gegen die Vorwürfe. [czytaj więcej]",
     "Die Stiftung wehrt sich gegen die Vorwürfe."),
    ("The council will vote on Tuesday. [Read more]", "The council will vote on Tuesday."),
    ("The list of members [1] was published.", "The list of members [1] was published."),
])
def test_a_read_more_link_is_cut_off_the_paragraph_end(paragraph: str, trimmed: str) -> None:
    removed: list[Removal] = []
    kept = clean_paragraphs([STORY, paragraph], TextContext(), removed, CleaningOptions())
    assert kept == [STORY, trimmed]


def test_a_long_affiliate_disclosure_at_the_end_is_an_ad_label() -> None:
    disclosure = ("Unsere Experten prüfen regelmäßig Produkte und Anbieter für Sie. " * 6
                  + "Solche Links kennzeichnen wir mit einem Sternchen (*). Ob uns ein Anbieter "
                  "vergütet, hat keinerlei Einfluss auf unsere Empfehlungen.")
    assert 45 < len(disclosure.split()) <= 100
    assert _bio_kinds([STORY] * 6 + [disclosure]) == ["ad_label"]
    # in the middle of the body, or longer than a disclosure, it is the story's
    assert _bio_kinds([STORY] * 3 + [disclosure] + [STORY] * 3) == []
    assert _bio_kinds([STORY] * 6 + [disclosure + " " + STORY * 2]) == []


@pytest.mark.parametrize("text, kind", [
    ("Szukasz lokalu do wynajęcia? Zobacz oferty na Example.pl", "related"),
    ("Find more recipes like this on Example.com", "related"),
    ("Kennt ihr schon unseren Markenfinder? Ab sofort findet ihr alle Labels auf einen Klick.",
     "newsletter"),
    # a story sentence naming a website in lower case, or a company in the middle, stays
    ("The figures were published on the ministry's website gov.example.", None),
    ("Amazon.com said on Tuesday it would hire more drivers.", None),
])
def test_calls_to_visit_a_site_and_self_promotion(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


@pytest.mark.parametrize("text, kind", [
    ("Vielen Dank an den Verlag für die Bereitstellung des Rezensionsexemplares. Dies hat keine "
     "Auswirkungen auf meine persönliche Meinung.", "ad_label"),
    ("A review copy was provided by the publisher.", "ad_label"),
    ("The publisher sent copies of the book to every school in the county.", None),
])
def test_review_copy_disclosures(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


@pytest.mark.parametrize("text, kind", [
    ("Alles Gute zum neuen Jahr & viel Spaß mit der neuen Ausgabe!", "newsletter"),
    ("Die neue Ausgabe des Berichts erscheint im Mai.", None),
    ("Tausende Jobs warten auf Bewerber, sagte die Ministerin.", None),
])
def test_magazine_issue_and_job_board_promotion(text: str, kind: str | None) -> None:
    assert paragraph_kind(text) == kind


@pytest.mark.parametrize(("standfirst", "moved"), [
    ("Night ferries will run again from May, the council decided after a long debate.", True),
    ("Ferries", False),  # a short kicker stays where it is
])
def test_a_standfirst_under_the_headline_in_its_hgroup_moves_into_the_story(
    standfirst: str, moved: bool
) -> None:
    page = html.document_fromstring(
        "<html><body><article><header><hgroup><h1>Night ferries</h1>"
        f"<h2>{standfirst}</h2></hgroup></header><div class='text'><p>{STORY}</p>"
        f"<p>{STORY}</p></div></article></body></html>"
    )
    tree = clean_tree(page, CleaningOptions(), [])
    first = tree.find(".//div[@class='text']/p")
    assert first is not None and (first.text == standfirst) is moved


def test_every_rule_kind_is_a_listed_removal_kind() -> None:
    listed = set(boilerplate_rules.KINDS)
    produced = {*boilerplate_rules.DOM_TOKENS, *boilerplate_rules.TEXT_RULES,
                *boilerplate_rules.TEXT_RULES_ANYWHERE, *boilerplate_rules.DOM_ROLE_KINDS.values(),
                *boilerplate_rules.DOM_TAG_KINDS.values()}
    assert produced <= listed


@pytest.mark.parametrize("value", [
    "site-header Comment-Form", "wrap mehr-zum-thema", "jp-relatedposts", "x AD_slot",
    "tag-share entry share-links", "header loading thread", "col-md-8 row", "post.navigation",
])
def test_value_kind_prefilter_agrees_with_the_per_name_test(value: str) -> None:
    # the one-search prefilter must clear only values none of whose names names a kind
    expected = next((kind for name in value.split() if (kind := name_kind(name))), None)
    assert value_kind(value) == expected


def test_value_kind_prefilter_clears_words_that_merely_contain_a_token() -> None:
    assert value_kind("header loading thread") is None  # "ad" inside words, not a name part
    assert value_kind("header ad-wrap") == "ad_label"


def test_paragraph_chars_are_summed_over_nested_paragraphs_up_to_the_limit() -> None:
    tree = html.document_fromstring("<html><body><p>abc</p><div><p>de</p></div>fghij</body></html>")
    assert _has_paragraph_chars(tree, 5)
    assert not _has_paragraph_chars(tree, 6)  # text outside paragraphs does not count
