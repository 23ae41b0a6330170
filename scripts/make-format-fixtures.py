"""Make the source-format fixtures in tests/fixtures/formats/ (run from the repository root).

    .venv/bin/python scripts/make-format-fixtures.py            # write the fixtures
    .venv/bin/python scripts/make-format-fixtures.py --measure  # also compare the candidate extractors

Everything is invented local news about a city's new tram line. The HTML pages
copy the shape of real news sites (header, nav, ad slots, scripts, cookie
banner, related articles, comments, JSON-LD); the PDFs are printed from HTML
by the real Chromium (`--print-to-pdf`), except the ligature PDF (reportlab
writes U+FB01 and U+FB02 into the text layer on purpose, as some typesetters
do) and the scan (a Chromium screenshot wrapped into a PDF with no text).

`--measure` needs the candidate libraries installed (trafilatura,
readability-lxml, jusText, selectolax, pdfminer.six, pdfplumber): it prints
precision and recall of body paragraphs for each HTML extractor and the
reading order of each PDF library, with the time per page.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "formats"

# ---------------------------------------------------------------------------
# The texts. ("p", text) is a body paragraph, ("h2", text) a subheading,
# ("quote", text) a pull quote inside the article: all are main text.

GAZETTE = dict(
    slug="riverside-gazette",
    site="The Riverside Gazette",
    title="Line 4 tram opens to passengers after three years of works",
    standfirst="The first trams on the new east-west line ran on Saturday morning, two weeks later than planned.",
    author="Marta Lindqvist",
    published="2026-03-14T08:30:00+01:00",
    shown_date="14 March 2026",
    body=[
        ("p", "The first Line 4 tram left the Harbour Square stop at 5.42 on Saturday morning with about "
              "sixty passengers on board, most of them residents who had waited since dawn to ride it."),
        ("p", "The line runs 11.8 kilometres from Harbour Square to the Northfield hospital campus, with "
              "nineteen stops. The city transport office expects about 100,000 passengers a week once the "
              "timetable settles, rising to 140,000 when the hospital's new wing opens next year."),
        ("p", "Works began in the spring of 2023 and were meant to finish in late February. Flooding in "
              "the Mill Street underpass in January set the final tests back by a fortnight, the office said."),
        ("h2", "A tram every six minutes"),
        ("p", "At peak hours a tram will run every six minutes between Harbour Square and the university, "
              "and every twelve minutes on the northern branch. Late-evening services run until half past "
              "midnight on Fridays and Saturdays."),
        ("p", "Tickets cost the same as on the buses. A single fare is 2.10 euros and the monthly pass "
              "stays at 49 euros; children under twelve travel free with an adult."),
        ("quote", "We wanted a line that people use for ordinary trips, not only to get to work."),
        ("p", "Deputy mayor Anneli Roos, who is responsible for transport, said the route was chosen to "
              "link the neighbourhoods with the fewest cars per household to the city's largest employer. "
              "\u201cWe wanted a line that people use for ordinary trips, not only to get to work,\u201d she said."),
        ("p", "The bus routes 14 and 27, which followed much of the same path, will be shortened from "
              "April. Route 14 will end at the university instead of crossing the river."),
        ("h2", "Cost and complaints"),
        ("p", "The line cost 212 million euros, of which the national infrastructure fund paid a third. "
              "The figure is eight per cent above the budget approved in 2022, mostly because of the "
              "underpass repairs and higher prices for rails and overhead wire."),
        ("p", "Shopkeepers on Weaver Street, where the road was closed for fourteen months, have asked "
              "the council for a second round of compensation. The council will discuss the request at its "
              "meeting on 2 April."),
        ("p", "Cyclists' groups welcomed the new protected lanes along the tracks but said the crossing at "
              "Station Road remained confusing. The transport office said it would repaint the markings "
              "there before the summer."),
        ("p", "The office will publish the first passenger counts at the end of April. A survey of riders "
              "on the new line is planned for the autumn."),
    ],
    related=[
        "Weaver Street traders count the cost of fourteen months of roadworks",
        "Council approves night buses for the university district",
        "Photo gallery: the first day on Line 4",
        "Mill Street underpass reopens after flood repairs",
    ],
    comments=[
        ("rivergirl_77", "Rode it this morning with my kids, it was quiet and smooth, but the ticket machine at "
                         "Harbour Square only took cards."),
        ("Pekka H.", "Two weeks late and eight per cent over budget is honestly better than most projects I "
                     "have seen in this city, so credit where it is due."),
        ("northfield_resident", "Still waiting to hear what happens to the 27. My mother relies on it to get to "
                                "the clinic and nobody at the office can give a straight answer."),
    ],
)

METRO = dict(
    slug="metro-daily",
    site="Metro Daily",
    title="Tram depot neighbours ask for quieter night shunting",
    standfirst="Residents near the new Line 4 depot say trams moving after midnight keep them awake.",
    author="Jonas Berg",
    published="2026-04-09T17:05:00+02:00",
    shown_date="9 April 2026",
    body=[
        ("p", "Residents of the streets around the new tram depot at Kiln Lane have asked the transport "
              "office to stop moving trams in the yard between midnight and five in the morning."),
        ("p", "A petition with 412 signatures was handed to the council on Tuesday. It says the squeal of "
              "wheels on the tight curves at the depot entrance can be heard through closed windows."),
        ("p", "The transport office said the yard was designed for the trams to be cleaned and checked "
              "overnight, so that all of them are ready for the first morning departures."),
        ("h2", "Lubrication and a noise wall"),
        ("p", "Engineers are testing a system that sprays a thin film of lubricant on the rails at the two "
              "sharpest curves. A similar system cut the noise by half at a depot in another city, the "
              "office said."),
        ("p", "If the test does not work, the office has proposed a noise wall along the northern edge of "
              "the yard. It would cost about 1.3 million euros and take a year to build."),
        ("p", "Residents said they would prefer fewer movements at night. The next meeting between the two "
              "sides is planned for 23 April at the Kiln Lane community hall."),
    ],
    related=[
        "Line 4 tram opens to passengers after three years of works",
        "How the city chose the route of its newest tram line",
        "Opinion: a depot next to homes was always going to be a problem",
    ],
    comments=[
        ("K. Andersson", "I live on the corner of Kiln Lane and the noise at two in the morning is unbearable, "
                         "like a knife on a plate, every single night since the trams arrived."),
        ("tramfan", "Every city with trams has depots near houses. Lubricating the curves is the standard fix "
                    "and it works well when it is maintained properly."),
    ],
)

HERALD = dict(
    slug="valley-herald",
    site="Valley Herald",
    title="First month on Line 4: more riders than forecast",
    standfirst="",
    author="Staff reporter",
    published="2026-04-30T11:00:00+02:00",
    shown_date="30 April 2026",
    body=[
        ("p", "Line 4 carried 118,000 passengers a week on average in its first month, more than the "
              "100,000 the transport office had forecast, according to figures published on Wednesday."),
        ("p", "The busiest stop was the university, followed by Harbour Square and the hospital campus. "
              "Weekend traffic was higher than expected, which the office put down to the novelty of the line."),
        ("p", "Punctuality was 94 per cent, counting a tram as on time when it leaves a stop less than two "
              "minutes late. Most delays happened at the Station Road crossing, where cars turning left block "
              "the tracks."),
        ("p", "The office said it would change the traffic lights at Station Road in May and run an extra "
              "tram on the northern branch on weekday mornings from June."),
        ("p", "A passenger survey will start in September. Riders can already leave comments through the "
              "city's transport website."),
    ],
    related=[
        "Tram depot neighbours ask for quieter night shunting",
        "Station Road crossing to get new traffic lights",
    ],
    comments=[
        ("Liisa", "The university stop is packed at eight every morning; an extra tram on the main branch would "
                  "help more than one on the northern branch."),
    ],
)

ARTICLES = [GAZETTE, METRO, HERALD]

COOKIE_TEXT = ("We and our 143 partners use cookies and similar technologies to store and access information on "
               "your device, to personalise advertising and content, to measure audiences and to develop our "
               "products. You can accept all cookies or manage your choices at any time.")
NEWSLETTER_TEXT = ("Get the morning briefing: the city's news in five minutes, in your inbox every weekday at seven. "
                   "Sign up for free and unsubscribe at any time.")
AD_TEXT = "Advertisement - Spring sale at Lakeside Furniture: up to forty per cent off sofas and garden chairs"
FOOTER_TEXT = "Contact the newsroom, advertise with us, privacy policy, terms of use and complaints procedure."
NAV = ["News", "City", "Transport", "Business", "Sport", "Culture", "Opinion", "Weather"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _body_html(article: dict, inline_ad_after: int | None = None) -> str:
    parts = []
    for index, (kind, text) in enumerate(article["body"]):
        if kind == "p":
            parts.append(f"<p>{_e(text)}</p>")
        elif kind == "h2":
            parts.append(f"<h2>{_e(text)}</h2>")
        else:
            parts.append(f'<blockquote class="pullquote"><p>{_e(text)}</p></blockquote>')
        if inline_ad_after is not None and index == inline_ad_after:
            parts.append(f'<div class="ad-slot ad-inline" data-ad-unit="mid-article"><span class="ad-label">'
                         f'{_e(AD_TEXT)}</span></div>')
    return "\n".join(parts)


def _scripts(slug: str) -> str:
    return f"""<script async src="{slug}_files/gpt.js"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}
gtag('js', new Date()); gtag('config', 'UA-000000-1'); var adSlots = ["top", "mid-article", "sidebar"];</script>"""


def gazette_page(a: dict) -> str:
    """A WordPress-like local paper: article element, JSON-LD with the date, cookie banner at the end."""
    json_ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
        "datePublished": a["published"], "dateModified": a["published"],
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": a["site"]},
    }, indent=1)
    nav = "".join(f'<li class="menu-item"><a href="/{n.lower()}/">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/transport/{i}/">{_e(t)}</a></li>' for i, t in enumerate(a["related"]))
    comments = "".join(
        f'<li class="comment"><div class="comment-author">{_e(name)}</div>'
        f'<div class="comment-content"><p>{_e(text)}</p></div><a class="reply" href="#">Reply</a></li>'
        for name, text in a["comments"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_e(a["title"])} | {_e(a["site"])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{_e(a["title"])}">
<meta property="og:site_name" content="{_e(a["site"])}">
<script type="application/ld+json">{json_ld}</script>
{_scripts(a["slug"])}
<style>body{{font-family:"DejaVu Serif",serif;max-width:46em;margin:auto}} .ad-slot{{background:#eee;padding:1em}}
.cookie-banner{{position:fixed;bottom:0;background:#222;color:#fff}} @media print{{.cookie-banner{{display:none}}}}</style>
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/">{_e(a["site"])}</a></p>
<p class="site-description">Local news since 1911</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{nav}</ul></nav>
<div class="ad-slot ad-leaderboard" id="div-gpt-ad-top"><span class="ad-label">{_e(AD_TEXT)}</span></div>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article id="post-4121" class="post type-post status-publish">
<header class="entry-header">
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/transport/">Transport</a></div>
<h1 class="entry-title">{_e(a["title"])}</h1>
<p class="standfirst">{_e(a["standfirst"])}</p>
<div class="entry-meta">By <span class="author vcard">{_e(a["author"])}</span>,
<time class="entry-date published" datetime="{a["published"]}">{a["shown_date"]}</time></div>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share by email</a> <a href="#">Copy link</a></div>
</header>
<div class="entry-content">
{_body_html(a, inline_ad_after=4)}
</div>
<footer class="entry-footer"><span class="tags-links">Tagged <a href="/tag/trams/">trams</a>, <a href="/tag/line-4/">Line 4</a></span></footer>
</article>
<section class="related-posts"><h3>Related articles</h3><ul>{related}</ul></section>
<div class="newsletter-signup"><h3>Newsletter</h3><p>{_e(NEWSLETTER_TEXT)}</p>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
<div id="comments" class="comments-area"><h2 class="comments-title">{len(a["comments"])} comments</h2>
<ol class="comment-list">{comments}</ol></div>
</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Most read</h2>
<ol>{related}</ol></section><div class="ad-slot ad-sidebar"><span class="ad-label">{_e(AD_TEXT)}</span></div></aside>
</div>
<footer id="colophon" class="site-footer"><p>{_e(FOOTER_TEXT)}</p><p>&copy; 2026 {_e(a["site"])}</p></footer>
</div>
<div class="cookie-banner" id="cookie-notice" role="dialog"><p>{_e(COOKIE_TEXT)}</p>
<button>Accept all</button> <button>Manage choices</button></div>
<noscript><p>Please enable JavaScript to see comments and the full site.</p></noscript>
</body>
</html>
"""


def metro_page(a: dict) -> str:
    """A script-built site: no article element, hashed class names, date only in meta article:published_time,
    a cookie consent modal at the top of the body."""
    nav = "".join(f'<a class="css-1nav7q" href="/{n.lower()}">{n}</a>' for n in NAV)
    body = "\n".join(
        f'<div class="css-t3xt9b" data-component="text-block"><p class="css-83cqas">{_e(text)}</p></div>'
        if kind == "p" else
        f'<div class="css-s8bh2k" data-component="subheadline"><h2>{_e(text)}</h2></div>'
        for kind, text in a["body"])
    related = "".join(f'<li class="css-0rel1"><a href="/story/{i}"><span>{_e(t)}</span></a></li>'
                      for i, t in enumerate(a["related"]))
    comments = "".join(
        f'<div class="css-cmt11" data-testid="comment"><span class="css-user">{_e(name)}</span>'
        f'<p class="css-cmt-body">{_e(text)}</p><button>Like</button> <button>Report</button></div>'
        for name, text in a["comments"])
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{_e(a["title"])} - {_e(a["site"])}</title>
<meta property="og:title" content="{_e(a["title"])}">
<meta property="article:published_time" content="{a["published"]}">
<meta name="description" content="{_e(a["standfirst"])}">
<link rel="stylesheet" href="{a["slug"]}_files/main.css">
{_scripts(a["slug"])}
<script>window.__INITIAL_STATE__ = {{"page":"article","section":"city","ads":{{"enabled":true}}}};</script>
</head>
<body>
<div id="consent-root"><div class="css-consent1" role="dialog" aria-label="Cookie consent">
<h2>We value your privacy</h2><p>{_e(COOKIE_TEXT)}</p><button>I accept</button><button>Show purposes</button></div></div>
<div id="root"><div class="css-app0">
<div class="css-topbar"><a href="/subscribe">Subscribe</a> <a href="/login">Log in</a></div>
<div class="css-logo1"><a href="/">{_e(a["site"])}</a></div>
<div class="css-navbar2" role="navigation">{nav}</div>
<div class="css-adtop" id="ad-top"><div>{_e(AD_TEXT)}</div></div>
<div class="css-main3" role="main">
<div class="css-headline4"><h1>{_e(a["title"])}</h1><p class="css-sub5">{_e(a["standfirst"])}</p></div>
<div class="css-byline6"><span>{_e(a["author"])}</span> <span>{a["shown_date"]}</span></div>
<div class="css-body7">
{body}
</div>
<div class="css-newsletter8"><p>{_e(NEWSLETTER_TEXT)}</p></div>
<div class="css-related9"><h3>More from City</h3><ul>{related}</ul></div>
<div class="css-comments10"><h3>Join the conversation</h3>{comments}</div>
</div>
<div class="css-footer12"><p>{_e(FOOTER_TEXT)}</p></div>
</div></div>
</body>
</html>
"""


def herald_page(a: dict) -> str:
    """An older site: table layout, date only in a <time> element, related links inside the article column."""
    nav = " | ".join(f'<a href="/{n.lower()}.html">{n}</a>' for n in NAV)
    related = "".join(f'<li><a href="/{i}.html">{_e(t)}</a></li>' for i, t in enumerate(a["related"]))
    comments = "".join(f'<div class="comment"><b>{_e(name)}</b> wrote:<br>{_e(text)}</div>'
                       for name, text in a["comments"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{_e(a["site"])}: {_e(a["title"])}</title>
{_scripts(a["slug"])}
</head>
<body>
<table width="100%" class="layout"><tr><td colspan="2" class="banner"><img src="{a["slug"]}_files/logo.gif" alt="{_e(a["site"])}">
<div class="adbanner">{_e(AD_TEXT)}</div></td></tr>
<tr><td class="leftnav" valign="top">{nav}</td>
<td class="content" valign="top">
<div class="story">
<h1>{_e(a["title"])}</h1>
<div class="dateline">{_e(a["author"])} &middot; <time datetime="{a["published"]}">{a["shown_date"]}</time></div>
{_body_html(a)}
<div class="seealso"><b>See also:</b><ul>{related}</ul></div>
</div>
<div class="comments"><h3>Readers' comments</h3>{comments}</div>
</td></tr>
<tr><td colspan="2" class="footer">{_e(FOOTER_TEXT)}</td></tr></table>
<div id="cookie-bar"><p>{_e(COOKIE_TEXT)}</p><a href="#">OK</a></div>
</body>
</html>
"""


PAGES = {"riverside-gazette": (GAZETTE, gazette_page), "metro-daily": (METRO, metro_page),
         "valley-herald": (HERALD, herald_page)}

# ---------------------------------------------------------------------------
# HTML written only to be printed.

REPORT_PARAGRAPHS = [
    "This report describes the first month of operation of the Line 4 tram between Harbour Square and the "
    "Northfield hospital campus. It covers passenger numbers, punctuality, incidents and the work still to do.",
    "Passenger numbers were counted by infrared sensors above every door. The sensors were calibrated against "
    "manual counts on six days, and the difference between the two methods stayed below three per cent.",
    "The average weekday carried 18,900 boardings and the average weekend day 14,100. The university stop "
    "accounted for nearly a fifth of all boardings, with a sharp peak between eight and nine in the morning.",
    "Punctuality reached 94 per cent. A tram counts as punctual when it leaves a stop less than two minutes "
    "after the timetabled time. The worst day was a Monday in the second week, when a broken signal held "
    "the northern branch for forty minutes.",
    "Seven incidents were reported: four cars parked on the tracks, two minor collisions with turning "
    "vehicles at the Station Road crossing and one passenger who fell while boarding. Nobody was seriously hurt.",
    "The office recommends new traffic light phases at Station Road, additional enforcement against parking "
    "on the tracks and an extra morning service on the northern branch from June.",
    "Noise near the Kiln Lane depot remains the main complaint from residents. Rail lubrication on the two "
    "sharpest curves is being tested and its effect will be measured in the next report.",
    "The next report, covering the first quarter, will include the results of the passenger survey and a "
    "comparison with the bus routes that the tram replaced.",
]
# A paragraph set as a typesetter sets it: words broken at line ends with a hyphen.
# (Soft hyphens in HTML are no use here: Chromium writes each one into the
# text layer as a zero-width space, so every PDF reader sees "infra struc ture".)
HYPHENATED_LINES = [
    "Annex. The transport office will review the infra-",
    "structure programme every quarter, starting with the electri-",
    "fication of the northern branch and the reconfig-",
    "uration of the Kiln Lane depot.",
]


def report_page() -> str:
    """A two-column report (CSS columns), then an annex hyphenated at its line ends."""
    annex = "<br>".join(_e(line) for line in HYPHENATED_LINES)
    body = "".join(f"<p>{_e(p)}</p>" for p in REPORT_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Line 4: first month report</title>
<style>
@page {{ size: A4; margin: 2cm; }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; }}
h1 {{ column-span: all; font-size: 16pt; }}
.columns {{ columns: 2; column-gap: 1.2cm; text-align: justify; }}
.annex {{ margin-top: 1cm; }}
</style></head>
<body>
<h1>Line 4 tram: report on the first month of operation</h1>
<div class="columns">{body}</div>
<p class="annex">{annex}</p>
</body></html>
"""


MARKDOWN = """\
# Line 4: notes for the transport brief

<!-- Draft: check the passenger figures against the office's April release. -->

The office *expects* about **100,000 passengers** a week once the timetable settles,
according to the [city transport office](https://transport.example.org/line4 "Line 4").

## Figures

- Length: `11.8 km`, with nineteen stops
- Cost: 212 million euros, __eight per cent__ above the budget
- Punctuality in the first month: 94 per cent

> The deputy mayor said the route links the neighbourhoods with the fewest cars
> to the city's largest employer.

1. Ask about the bus routes 14 and 27.
2. Ask about the Station Road crossing.

Opening day: 14 March 2026 (see <https://gazette.example.org/line-4>).
"""


# ---------------------------------------------------------------------------

def chromium(*args: str) -> None:
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--hide-scrollbars", *args], check=True, capture_output=True, timeout=120)


def write_fixtures() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (article, template) in PAGES.items():
        (OUT / f"{name}.html").write_text(template(article), encoding="utf-8")
    (OUT / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.html"
        report.write_text(report_page(), encoding="utf-8")
        chromium(f"--print-to-pdf={OUT / 'two-column.pdf'}", report.as_uri())
        chromium(f"--print-to-pdf={OUT / 'riverside-gazette.pdf'}", (OUT / "riverside-gazette.html").as_uri())
        screenshot = Path(scratch) / "scan.png"
        chromium(f"--screenshot={screenshot}", "--window-size=700,500", report.as_uri())
        write_scan_pdf(screenshot, OUT / "scan.pdf")
    write_ligature_pdf(OUT / "ligatures.pdf")


def write_scan_pdf(png: Path, target: Path) -> None:
    """A page that is only a picture of text, as a scanner makes it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = ImageReader(str(png))
    width, height = image.getSize()
    canvas = Canvas(str(target), pagesize=(width * 0.75, height * 0.75), invariant=1)
    canvas.drawImage(image, 0, 0, width * 0.75, height * 0.75)
    canvas.showPage()
    canvas.save()


def write_ligature_pdf(target: Path) -> None:
    """Ligature characters in the text layer, as some typesetting tools write them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    canvas = Canvas(str(target), invariant=1)
    canvas.setFont("DejaVuSans", 12)
    canvas.drawString(72, 760, "The o\ufb03ce published the \ufb01rst \ufb01gures on the passenger \ufb02ow.")
    canvas.drawString(72, 740, "Sta\ufb00 will be \ufb01tted with new uniforms.")
    canvas.showPage()
    canvas.save()


# ---------------------------------------------------------------------------
# Measuring the candidates.

def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub("[\u2018\u2019]", "'", re.sub("[\u201c\u201d]", '"', text))
    return re.sub(r"\s+", " ", text).strip()


def _blocks(article: dict) -> tuple[list[str], list[str]]:
    body = [text for _, text in article["body"]] + ([article["standfirst"]] if article["standfirst"] else [])
    furniture = ([COOKIE_TEXT, NEWSLETTER_TEXT, AD_TEXT, FOOTER_TEXT] + list(article["related"])
                 + [text for _, text in article["comments"]])
    return body, furniture


def _plain_soup(page: str) -> str:
    """The plain pass: drop obvious furniture elements by tag, keep paragraphs and headings."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(page)
    for selector in ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "[role=dialog]"):
        for node in tree.css(selector):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("[role=main]") or tree.body
    return "\n".join(node.text(separator=" ") for node in root.css("p, h2, h3, blockquote"))


def _extractors() -> dict:
    import justext
    import trafilatura
    from readability import Document

    def readability_text(page: str) -> str:
        from lxml import html as lxml_html
        return lxml_html.fromstring(Document(page).summary()).text_content()

    def chosen(page: str) -> str:
        sys.path.insert(0, str(OUT.parent.parent.parent))
        from briefing.formats.html import extract_html
        return extract_html(Path("page.html"), page.encode("utf-8")).text

    return {
        "briefing.formats (pruning + trafilatura)": chosen,
        "trafilatura (default)": lambda page: trafilatura.extract(page, include_comments=False) or "",
        "trafilatura (favor_precision)": lambda page: trafilatura.extract(page, include_comments=False,
                                                                          favor_precision=True) or "",
        "readability-lxml": readability_text,
        "jusText": lambda page: "\n".join(p.text for p in justext.justext(page.encode(), justext.get_stoplist(
            "English")) if not p.is_boilerplate),
        "selectolax plain pass": _plain_soup,
    }


def measure_html() -> None:
    print("HTML extractors: body paragraphs found (recall), share of found blocks that are body (precision)")
    for name, extract in _extractors().items():
        found_body = total_body = found_furniture = 0
        seconds = 0.0
        for page_name, (article, _) in PAGES.items():
            page = (OUT / f"{page_name}.html").read_text(encoding="utf-8")
            extract(page)  # warm up imports and caches
            started = time.perf_counter()
            for _ in range(5):
                text = _norm(extract(page))
            seconds += (time.perf_counter() - started) / 5
            body, furniture = _blocks(article)
            hits = [_norm(b) in text for b in body]
            found_body += sum(hits)
            total_body += len(body)
            dropped = [b[:40] for b, hit in zip(body, hits) if not hit]
            leaked = [f[:40] for f in furniture if _norm(f) in text]
            found_furniture += len(leaked)
            if dropped or leaked:
                print(f"    {name} / {page_name}: dropped {dropped} leaked {leaked}")
        precision = found_body / max(1, found_body + found_furniture)
        print(f"  {name:42} recall {found_body}/{total_body} = {found_body / total_body:.2f}  "
              f"precision {precision:.2f}  {1000 * seconds / len(PAGES):.1f} ms/page")


def _in_order(text: str, paragraphs: list[str]) -> int:
    """How many paragraphs appear whole, each after the previous one."""
    position = count = 0
    for paragraph in paragraphs:
        at = text.find(_norm(paragraph), position)
        if at != -1:
            count += 1
            position = at
    return count


def measure_pdf() -> None:
    import pdfplumber
    from pdfminer.high_level import extract_text as pdfminer_text
    from pypdf import PdfReader

    def pypdf_plain(path: Path) -> list[str]:
        return [page.extract_text() for page in PdfReader(path).pages]

    def pypdf_layout(path: Path) -> list[str]:
        return [page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages]

    def pdfminer(path: Path) -> list[str]:
        return pdfminer_text(path).split("\f")

    def plumber(path: Path) -> list[str]:
        with pdfplumber.open(path) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]

    def joined(pages: list[str]) -> str:
        return _norm(re.sub(r"(\w)[-\u00ad]\n(\w)", r"\1\2", "\n".join(pages)).replace("\u00ad", ""))

    cases = {"two-column.pdf": REPORT_PARAGRAPHS,
             "riverside-gazette.pdf": [text for _, text in GAZETTE["body"] if _ != "quote"]}
    print("PDF libraries: paragraphs whole and in reading order, time per page")
    for name, function in {"pypdf": pypdf_plain, "pypdf layout mode": pypdf_layout, "pdfminer.six": pdfminer,
                           "pdfplumber": plumber}.items():
        figures = []
        for file, paragraphs in cases.items():
            path = OUT / file
            function(path)
            started = time.perf_counter()
            pages = function(path)
            per_page = (time.perf_counter() - started) / len([p for p in pages if p.strip()] or [1])
            figures.append(f"{file} {_in_order(joined(pages), paragraphs)}/{len(paragraphs)} "
                           f"{1000 * per_page:.0f} ms/page")
        print(f"  {name:20} " + "; ".join(figures))


if __name__ == "__main__":
    write_fixtures()
    if "--measure" in sys.argv:
        measure_html()
        measure_pdf()
