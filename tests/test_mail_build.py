"""The email draft as `build` writes it: parsed back with the standard library, as a mail client
reads it. One folder, built verified, then as a draft, then verified again (a module fixture:
each build runs Chromium)."""

from __future__ import annotations

import re
import shutil
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.commands.build import _say_written
from briefing.mail import FIGURE_CID, SIZE_WARNING_BYTES
from commandline import briefing

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = PROJECT / "tests" / "fixtures" / "pdf_basic"
BRIEF = "orrin-valley-reservoir-the-water-sharing-dispute-2024-06-30"
EMAIL = """  email:
    to: [desk@example.org, "Valley Team <team@example.org>"]
    cc: [archive@example.org]
"""


def parsed(path: Path) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("mail") / "desk"
    shutil.copytree(FIXTURE, folder)
    timeline = folder / "timeline.yaml"
    good = timeline.read_text().replace("  judgements:\n", EMAIL + "  judgements:\n", 1)
    timeline.write_text(good)
    runs = {"verified": briefing("build", cwd=folder)}
    assert runs["verified"].returncode == 0, runs["verified"].stdout + runs["verified"].stderr
    out = folder / "out"
    keep = folder / "kept"
    keep.mkdir()
    for path in [*out.glob(f"{BRIEF}.*"), out / "timeline.png"]:
        shutil.copy(path, keep / path.name)
    timeline.write_text(good.replace("approved a plan to raise", "approved a plan to RAISE", 1))
    runs["edition_before_draft"] = (out / ".edition-current.json").read_bytes()
    runs["draft"] = briefing("build", "--draft", cwd=folder)
    runs["edition_after_draft"] = (out / ".edition-current.json").read_bytes()
    runs["draft_files"] = sorted(p.name for p in out.iterdir())
    shutil.copy(out / f"{BRIEF}-DRAFT.eml", keep)
    shutil.copy(out / f"{BRIEF}.eml", keep / "after-draft.eml")
    timeline.write_text(good)
    runs["again"] = briefing("build", cwd=folder)
    runs["out"], runs["kept"] = out, keep
    return runs


def test_build_writes_the_email_beside_the_pdf_and_says_so(desk):
    assert desk["verified"].returncode == 0, desk["verified"].stdout + desk["verified"].stderr
    last = desk["verified"].stdout.splitlines()[-1]
    assert re.match(rf"Wrote out/{BRIEF}\.pdf \(\d+ pages, \d+ KB\) and out/{BRIEF}\.eml \(\d+ KB\) in ", last), last


def test_the_email_is_addressed_from_the_timeline_and_opens_as_a_draft(desk):
    message = parsed(desk["kept"] / f"{BRIEF}.eml")
    assert message["To"] == "desk@example.org, Valley Team <team@example.org>"
    assert message["Cc"] == "archive@example.org"
    assert message["X-Unsent"] == "1"
    assert message["Date"] is None and message["Message-ID"] is None
    assert message["Subject"] == ("[UNCLASSIFIED // FOR TRAINING] Orrin Valley reservoir: "
                                  "the water-sharing dispute, as of 30 June 2024")


def test_the_bodies_carry_the_bottom_line_judgements_and_source_summary(desk):
    message = parsed(desk["kept"] / f"{BRIEF}.eml")
    for kind in ("plain", "html"):
        body = " ".join(message.get_body((kind,)).get_content().split())
        assert "tribunal has ordered a farm-by-farm water-sharing table" in body
        assert "high confidence" in body
        assert "4 sources" in body


def test_the_html_body_shows_the_figure_the_build_drew(desk):
    message = parsed(desk["kept"] / f"{BRIEF}.eml")
    assert f'src="cid:{FIGURE_CID}"' in message.get_body(("html",)).get_content()
    [image] = [p for p in message.walk() if p["Content-ID"] == f"<{FIGURE_CID}>"]
    assert image.get_content() == (desk["kept"] / "timeline.png").read_bytes()


def test_the_attachment_is_the_brief_itself(desk):
    message = parsed(desk["kept"] / f"{BRIEF}.eml")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == f"{BRIEF}.pdf"
    pdf = desk["kept"] / f"{BRIEF}.pdf"
    assert attachment.get_content() == pdf.read_bytes()
    pages = len(PdfReader(pdf).pages)
    assert f"Attached: {BRIEF}.pdf ({pages} pages, " in message.get_body(("plain",)).get_content()


def test_a_draft_build_writes_a_draft_email_whose_subject_says_draft(desk):
    assert desk["draft"].returncode == 1
    assert f"{BRIEF}-DRAFT.eml" in desk["draft_files"]
    draft = parsed(desk["kept"] / f"{BRIEF}-DRAFT.eml")
    assert "DRAFT – UNVERIFIED" in draft["Subject"]
    [attachment] = list(draft.iter_attachments())
    assert attachment.get_filename() == f"{BRIEF}-DRAFT.pdf"


def test_a_draft_build_leaves_the_verified_email_as_it_was(desk):
    assert (desk["kept"] / "after-draft.eml").read_bytes() == (desk["kept"] / f"{BRIEF}.eml").read_bytes()


def test_a_verified_build_removes_the_draft_email(desk):
    assert desk["again"].returncode == 0
    names = [p.name for p in desk["out"].iterdir()]
    assert f"{BRIEF}.eml" in names and f"{BRIEF}-DRAFT.eml" not in names


def test_an_email_above_ten_megabytes_is_warned_about_before_the_last_line(tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with (tmp_path / "brief.eml").open("wb") as handle:
        handle.truncate(SIZE_WARNING_BYTES + 1)
    lines = []
    _say_written(pdf, 3, 1.0, lines.append)
    assert len(lines) == 2
    assert lines[0].startswith(f"warning: {tmp_path / 'brief.eml'} is 10.0 MB, above the 10 MB")
    assert lines[1].startswith(f"Wrote {pdf} (3 pages")


def test_a_draft_never_becomes_the_previous_edition(desk):
    assert desk["edition_after_draft"] == desk["edition_before_draft"]
