"""Generate a local news site for ``make bench-crawl``: N realistic article pages of 20-150 KB.

Three page layouts (a WordPress theme, a modern component site, a regional paper) share one
content model: headline, byline, JSON-LD, 5-30 paragraphs, navigation, sidebars, inline scripts,
share and newsletter boxes, related links and a comment thread. Section pages with pagination, a
sitemap index and robots.txt make the articles discoverable. Text is pseudo-random English from
a fixed vocabulary, seeded per page, so a given N always gives the same site.

    python -m bench.site_generator DIR [--pages 3000] [--origin http://127.0.0.1:PORT]
"""

from __future__ import annotations

import argparse
import html
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SECTIONS = ("world", "politics", "business", "science", "sport", "culture")
PER_LISTING = 50
PER_SITEMAP = 5000
MIN_KB, MAX_KB = 20, 150
_VOCABULARY = (
    "the council city government minister report week year people police court market bank "
    "prices energy climate river school hospital workers union strike vote election party "
    "budget plan law judge ruling company shares investors growth inflation rate central "
    "officials residents village region coast storm flood water supply transport rail road "
    "bridge airport flights passengers team season match coach players goal league final "
    "museum exhibition artist film festival music theatre book author research scientists "
    "study data results patients doctors vaccine trial university students teachers funding "
    "after before during while because although despite since under over into across against "
    "said says told announced confirmed warned expected agreed rejected approved proposed "
    "new old local national public private major small large early late first last several "
    "on in at for with from by of to and but or as that which would could should will may"
)
WORDS = tuple(_VOCABULARY.split())
FIRST = ("Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas")
LAST = ("Okafor", "Lindqvist", "Raman", "Petersen", "Moreau", "Tanaka", "Silva", "Novak")
AGENCIES = ("Associated Press", "Reuters", "AFP")


@dataclass(frozen=True, slots=True)
class Article:
    """The content of one generated article."""

    index: int
    section: str
    path: str
    title: str
    author: str
    agency: str | None
    published: str
    summary: str
    paragraphs: list[str]
    comments: list[tuple[str, str]]
    related: list[tuple[str, str]]


def sentence(rng: random.Random, low: int = 8, high: int = 24) -> str:
    """One sentence of pseudo-English."""
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + rng.choice(".....?!")


def paragraph(rng: random.Random) -> str:
    """Two to six sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def article_path(index: int) -> str:
    """Where article ``index`` lives."""
    section = SECTIONS[index % len(SECTIONS)]
    day = 1 + index % 28
    return f"/{section}/2026/11/{day:02d}/story-{index:06d}-{section}-update/"


def make_article(index: int, total: int, rng: random.Random) -> Article:
    """Content for article ``index`` of ``total``."""
    title = sentence(rng, 6, 12).rstrip(".?!")
    related = []
    for other in rng.sample(range(total), k=min(8, total)):
        related.append((article_path(other), sentence(random.Random(other), 6, 12).rstrip(".?!")))
    comments = [
        (f"{rng.choice(FIRST)}{rng.randint(1, 99)}", sentence(rng, 6, 40))
        for _ in range(rng.choice((0, 0, 3, 8, 15, 40)))
    ]
    return Article(
        index=index,
        section=SECTIONS[index % len(SECTIONS)],
        path=article_path(index),
        title=title,
        author=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        agency=rng.choice((None, None, None, *AGENCIES)),
        published=(
            f"2026-11-{1 + index % 28:02d}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00Z"
        ),
        summary=sentence(rng, 14, 26),
        paragraphs=[paragraph(rng) for _ in range(rng.randint(5, 30))],
        comments=comments,
        related=related,
    )


def e(text: str) -> str:
    """HTML-escape text."""
    return html.escape(text, quote=True)


def json_ld(article: Article, origin: str) -> str:
    """The NewsArticle JSON-LD block."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published,
        "dateModified": article.published,
        "author": {"@type": "Person", "name": article.author},
        "publisher": {"@type": "Organization", "name": "The Bench Courier",
                      "logo": {"@type": "ImageObject", "url": f"{origin}/static/logo.png"}},
        "mainEntityOfPage": f"{origin}{article.path}",
        "description": article.summary,
        "articleSection": article.section.title(),
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def head(article: Article, origin: str, rng: random.Random) -> str:
    """``<head>`` with meta tags, JSON-LD, CSS and analytics scripts."""
    url = f"{origin}{article.path}"
    css = "".join(
        f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(0xFFFFFF):06x}}}"
        for i in range(rng.randint(40, 160))
    )
    return f"""<head><meta charset="utf-8"><title>{e(article.title)} | The Bench Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(article.summary)}">
<meta property="og:type" content="article"><meta property="og:title" content="{e(article.title)}">
<meta property="og:url" content="{url}"><meta property="og:site_name" content="The Bench Courier">
<meta property="og:image" content="{origin}/static/lead-{article.index % 50}.jpg">
<meta property="article:published_time" content="{article.published}">
<link rel="canonical" href="{url}">
{json_ld(article, origin)}
<style>{css}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}
gtag('js',new Date());gtag('config','G-BENCH{article.index % 97}');</script>
</head>"""


def nav() -> str:
    """Header navigation with a mega menu."""
    items = "".join(
        f'<li class="menu-item"><a href="/{s}/">{s.title()}</a><ul class="sub-menu">'
        + "".join(f'<li><a href="/{s}/topic-{t}/">{s.title()} topic {t}</a></li>' for t in range(8))
        + "</ul></li>"
        for s in SECTIONS
    )
    return (
        '<header class="site-header"><a class="logo" href="/">The Bench Courier</a>'
        f'<nav class="main-navigation" aria-label="Main"><ul class="menu">{items}</ul></nav>'
        '<form class="search" action="/search"><input name="q" placeholder="Search"></form>'
        "</header>"
    )


def sidebar(article: Article, rng: random.Random) -> str:
    """Most-read list, newsletter box and an ad slot."""
    most_read = "".join(f'<li><a href="{p}">{e(t)}</a></li>' for p, t in article.related)
    return (
        '<aside class="sidebar widget-area"><section class="widget most-read"><h3>Most read</h3>'
        f"<ol>{most_read}</ol></section>"
        '<section class="widget newsletter"><h3>Newsletter</h3><p>Get the morning briefing '
        'in your inbox every day.</p><form><input type="email" name="email"><button>Sign up'
        "</button></form></section>"
        f'<div class="ad-slot" data-slot="side-{rng.randint(1, 9)}"></div></aside>'
    )


def comments(article: Article) -> str:
    """The reader comment thread."""
    if not article.comments:
        return ""
    items = "".join(
        f'<li class="comment"><div class="comment-author">{e(name)}</div>'
        f'<div class="comment-content"><p>{e(text)}</p></div>'
        '<a class="reply" href="#respond">Reply</a></li>'
        for name, text in article.comments
    )
    return (
        f'<section id="comments" class="comments-area"><h2>{len(article.comments)} comments</h2>'
        f'<ol class="comment-list">{items}</ol><div id="respond"><h3>Leave a reply</h3>'
        '<form><textarea name="comment"></textarea><button>Post comment</button></form></div>'
        "</section>"
    )


def related(article: Article) -> str:
    """Related stories block."""
    items = "".join(f'<li><a href="{p}">{e(t)}</a></li>' for p, t in article.related[:5])
    return f'<section class="related-posts"><h2>Related stories</h2><ul>{items}</ul></section>'


def credit(article: Article) -> str:
    """The printed byline."""
    by = f"By {e(article.author)}"
    return f"{by}, {article.agency}" if article.agency else by


def body_wordpress(article: Article) -> str:
    """WordPress theme layout."""
    text = "".join(f"<p>{e(p)}</p>" for p in article.paragraphs)
    return (
        f'<main id="main" class="site-main"><article class="post type-post hentry category-'
        f'{article.section}"><header class="entry-header"><h1 class="entry-title">'
        f'{e(article.title)}</h1><div class="entry-meta"><span class="byline author vcard">'
        f'{credit(article)}</span> <time class="entry-date published" datetime="'
        f'{article.published}">{article.published[:10]}</time></div></header>'
        f'<div class="entry-content">{text}<div class="sharedaddy"><h3>Share this:</h3>'
        '<a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div></div>'
        f"</article>{related(article)}{comments(article)}</main>"
    )


def body_modern(article: Article) -> str:
    """Component layout with data attributes and an in-body promo."""
    blocks = [f'<p data-component="text-block">{e(p)}</p>' for p in article.paragraphs]
    blocks.insert(min(3, len(blocks)), '<div data-component="promo" class="promo"><a href='
                  '"/subscribe">Subscribe for unlimited access</a></div>')
    return (
        f'<main><article data-testid="article"><h1 data-testid="headline">{e(article.title)}</h1>'
        f'<p class="standfirst">{e(article.summary)}</p><div class="byline-block">'
        f'<span data-testid="byline">{credit(article)}</span><time datetime="'
        f'{article.published}">{article.published[:10]}</time></div>'
        f'<div class="article-body">{"".join(blocks)}</div></article>{related(article)}'
        f"{comments(article)}</main>"
    )


def body_regional(article: Article) -> str:
    """Table-free regional paper layout with a dateline and an info box."""
    text = "".join(f"<p>{e(p)}</p>" for p in article.paragraphs)
    return (
        f'<div id="content"><div class="artikel"><h1 class="headline">{e(article.title)}</h1>'
        f'<div class="autor">{credit(article)}</div><div class="datum">'
        f"{article.published[:10]}</div><div class=\"text\">{text}</div>"
        '<div class="infobox"><strong>Contact the newsroom:</strong> newsroom@example.org</div>'
        f"</div>{related(article)}{comments(article)}</div>"
    )


LAYOUTS: tuple[Callable[[Article], str], ...] = (body_wordpress, body_modern, body_regional)


def filler_script(rng: random.Random, size: int) -> str:
    """An inline script of about ``size`` bytes (bundled widget code, as real pages carry)."""
    parts: list[str] = []
    total = 0
    while total < size:
        chunk = (f"function w{rng.randrange(10**6)}(a,b){{var c=a*{rng.randrange(999)}+b;"
                 f"return c>{rng.randrange(999)}?'{rng.choice(WORDS)}':c}};")
        parts.append(chunk)
        total += len(chunk)
    return f"<script>{''.join(parts)}</script>"


def article_page(article: Article, origin: str, rng: random.Random) -> bytes:
    """The full HTML page of ``article``, padded with scripts to a size of 20-150 KB."""
    layout = LAYOUTS[article.index % len(LAYOUTS)]
    footer = ('<footer class="site-footer"><p>© 2026 The Bench Courier. All rights reserved.</p>'
              '<a href="/about/">About</a> <a href="/privacy/">Privacy</a></footer>')
    page = (f'<!DOCTYPE html><html lang="en">{head(article, origin, rng)}<body>{nav()}'
            f'<div class="container">{layout(article)}{sidebar(article, rng)}</div>{footer}'
            "</body></html>")
    target = rng.randint(MIN_KB, MAX_KB) * 1024
    missing = target - len(page.encode("utf-8"))
    if missing > 0:
        page = page.replace("</body>", filler_script(rng, missing) + "</body>")
    return page.encode("utf-8")


def listing_page(section: str, number: int, pages: int, paths: list[tuple[str, str]]) -> bytes:
    """Page ``number`` of a section's article list."""
    items = "".join(f'<li><a href="{p}">{e(t)}</a></li>' for p, t in paths)
    more = f'<a rel="next" href="/{section}/page/{number + 1}/">Older</a>' if number < pages else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{section.title()}'
            f" | The Bench Courier</title></head><body>{nav()}<h1>{section.title()}</h1>"
            f"<ul>{items}</ul>{more}</body></html>").encode()


def write(root: Path, path: str, data: bytes) -> None:
    """Write ``data`` at URL path ``path`` (directories get ``index.html``)."""
    file = root / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)


def generate_site(root: Path, pages: int, origin: str) -> list[str]:
    """Write a site of ``pages`` articles under ``root``; returns the article paths."""
    by_section: dict[str, list[tuple[str, str]]] = {s: [] for s in SECTIONS}
    paths = []
    for index in range(pages):
        rng = random.Random(index)
        article = make_article(index, pages, rng)
        write(root, article.path, article_page(article, origin, rng))
        by_section[article.section].append((article.path, article.title))
        paths.append(article.path)
    for section, items in by_section.items():
        count = max(1, -(-len(items) // PER_LISTING))
        for number in range(1, count + 1):
            chunk = items[(number - 1) * PER_LISTING: number * PER_LISTING]
            path = f"/{section}/" if number == 1 else f"/{section}/page/{number}/"
            write(root, path, listing_page(section, number, count, chunk))
    home = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in SECTIONS)
    write(root, "/", f"<!DOCTYPE html><html><body>{nav()}<ul>{home}</ul></body></html>".encode())
    write_sitemaps(root, paths, origin)
    return paths


def write_sitemaps(root: Path, paths: list[str], origin: str) -> None:
    """A sitemap index over sitemaps of at most :data:`PER_SITEMAP` URLs, and robots.txt."""
    names = []
    for start in range(0, len(paths), PER_SITEMAP):
        name = f"sitemap-{start // PER_SITEMAP + 1}.xml"
        chunk = paths[start:start + PER_SITEMAP]
        urls = "".join(f"<url><loc>{origin}{p}</loc></url>" for p in chunk)
        (root / name).write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', "utf-8")
        names.append(name)
    entries = "".join(f"<sitemap><loc>{origin}/{n}</loc></sitemap>" for n in names)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns='
        f'"http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>', "utf-8")
    (root / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n")


def main(argv: list[str] | None = None) -> int:
    """Generate a site into a folder."""
    parser = argparse.ArgumentParser(prog="python -m bench.site_generator", description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--origin", default="http://127.0.0.1:8766")
    args = parser.parse_args(argv)
    paths = generate_site(args.root, args.pages, args.origin)
    print(f"{len(paths)} articles written under {args.root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
