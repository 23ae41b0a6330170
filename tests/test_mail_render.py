"""The email draft's HTML body as a mail client shows it: the .eml that `build` really wrote, its HTML
part opened in the real headless Chromium, its inline figure served from the message's own image part.

A desktop client shows the body about 720 px wide, a phone about 375 px: at both the reader must see the
whole figure and never scroll sideways.
"""

from __future__ import annotations

import base64
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from briefing.mail import FIGURE_CID
from commandline import briefing

FIXTURE = Path(__file__).parent / "fixtures" / "pdf_basic"
WIDTHS = (900, 375)  # a desktop reading pane, a phone


@pytest.fixture(scope="module")
def html_body(tmp_path_factory) -> str:
    """The HTML part of the written .eml, its cid: image replaced by the message's own PNG part."""
    folder = tmp_path_factory.mktemp("mail-render") / "desk"
    shutil.copytree(FIXTURE, folder)
    run = briefing("build", cwd=folder)
    assert run.returncode == 0, run.stdout + run.stderr
    (eml,) = (folder / "out").glob("*.eml")
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    body = message.get_body(preferencelist=("html",)).get_content()
    (image,) = [part for part in message.walk() if part.get("Content-ID") == f"<{FIGURE_CID}>"]
    data = base64.b64encode(image.get_content()).decode("ascii")
    assert f"cid:{FIGURE_CID}" in body
    return body.replace(f"cid:{FIGURE_CID}", f"data:{image.get_content_type()};base64,{data}")


def opened(browser, html: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_content(html, wait_until="load")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_email_figure_loads_from_the_message_and_fits_the_reading_pane(browser, html_body, width):
    page = opened(browser, html_body, width)
    figure = page.eval_on_selector("img", "i => ({complete: i.complete, natural: i.naturalWidth, "
                                          "right: i.getBoundingClientRect().right, w: i.clientWidth})")
    page.close()
    assert figure["complete"] and figure["natural"] > 0
    assert figure["right"] <= width and figure["w"] >= min(width, 720) - 60


@pytest.mark.parametrize("width", WIDTHS)
def test_email_body_never_scrolls_sideways(browser, html_body, width):
    page = opened(browser, html_body, width)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert scroll_width <= width


def test_email_body_shows_the_bottom_line_and_every_judgement(browser, html_body):
    page = opened(browser, html_body, WIDTHS[0])
    shown = " ".join(page.inner_text("body").split())
    page.close()
    timeline = (FIXTURE / "timeline.yaml").read_text(encoding="utf-8")
    assert "bottom line" in shown.casefold() and "key judgements" in shown.casefold()
    assert shown.count("confidence") >= timeline.count("confidence:")
