"""The email draft, parsed back as a mail client would read it."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from briefing.loader import load_timeline
from briefing.mail import Attachment, MailContent, compose

FIXTURE = Path(__file__).parent / "fixtures" / "pdf_basic" / "timeline.yaml"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # the bytes only travel; no client decodes them here
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8


@pytest.fixture(scope="module")
def timeline():
    loaded, findings = load_timeline(FIXTURE)
    assert loaded is not None, [str(f) for f in findings]
    return loaded


def written(timeline, **content) -> bytes:
    return compose(timeline, MailContent(figure_png=PNG, **content), Attachment("brief-2024-06-30.pdf", PDF, 7))


def parsed(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def test_the_draft_is_marked_unsent_and_has_no_date_or_message_id(timeline):
    message = parsed(written(timeline))
    assert message["X-Unsent"] == "1"
    assert message["Date"] is None and message["Message-ID"] is None


def test_the_subject_carries_the_marking_title_and_date(timeline):
    subject = parsed(written(timeline))["Subject"]
    assert subject.startswith(f"[{timeline.brief.marking}] ")
    assert timeline.brief.title in subject and "30 June 2024" in subject


def test_a_draft_brief_gets_a_subject_that_says_draft(timeline):
    assert "DRAFT" in parsed(written(timeline, draft=True))["Subject"]


def test_the_plain_body_has_the_bottom_line_and_each_judgement_with_its_confidence(timeline):
    text = parsed(written(timeline)).get_body(preferencelist=("plain",)).get_content()
    assert " ".join(timeline.brief.summary.split()[:8]) in " ".join(text.split())
    for judgement in timeline.brief.judgements:
        assert f"({judgement.confidence} confidence)" in text
    assert max(len(line) for line in text.splitlines()) <= 76


def test_the_html_body_shows_the_figure_from_the_inline_image(timeline):
    message = parsed(written(timeline))
    html = message.get_body(preferencelist=("html",)).get_content()
    images = [part for part in message.walk() if part.get_content_type() == "image/png"]
    assert len(images) == 1
    cid = images[0]["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html
    assert images[0].get_content() == PNG


def test_the_pdf_is_attached_under_its_name_with_the_same_bytes(timeline):
    [attachment] = list(parsed(written(timeline)).iter_attachments())
    assert attachment.get_filename() == "brief-2024-06-30.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF


def test_the_body_says_what_is_attached_and_how_big(timeline):
    text = parsed(written(timeline)).get_body(preferencelist=("plain",)).get_content()
    assert "Attached: brief-2024-06-30.pdf (7 pages, 2 KB)" in text


def test_changes_since_the_previous_edition_are_listed_in_both_bodies(timeline):
    message = parsed(written(timeline, changes=["New event: X (May 2024)"], previous_as_of="31 May 2024"))
    for kind in ("plain", "html"):
        body = message.get_body(preferencelist=(kind,)).get_content()
        assert "New event: X (May 2024)" in body and "31 May 2024" in body


def test_the_same_inputs_give_the_same_bytes(timeline):
    assert written(timeline) == written(timeline)


def test_lines_end_in_crlf_as_mail_is_sent(timeline):
    raw = written(timeline)
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
