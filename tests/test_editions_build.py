"""Editions end to end: `python -m briefing build` and `changes` in subprocesses, with a real
Chromium, on a copy of the small PDF fixture. One folder is built and edited once per module
(each build takes seconds); the tests read what each round wrote."""

from __future__ import annotations

import re
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.editions import MANIFEST_FILE, ManifestError, read_manifest
from commandline import briefing

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = PROJECT / "tests" / "fixtures" / "pdf_basic"
BRIEF = "orrin-valley-reservoir-the-water-sharing-dispute-2024-06-30"
SECTION = "Changes since the previous edition"


def text_of(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages))


def edit(folder: Path) -> None:
    """The four edits of a story that moved on: one event re-dated, one added, one judgement's
    confidence lowered, one source file revised (its quotes still in it)."""
    timeline = folder / "timeline.yaml"
    text = timeline.read_text()
    survey = "  - id: abutment-survey\n    date: "
    text = text.replace(f"{survey}2024-04-12\n", f"{survey}2024-04\n")
    text = text.replace("      confidence: moderate\n", "      confidence: low\n", 1)
    text += """
  - id: second-survey
    date: 2024-04-20
    title: Engineers repeat the abutment survey
    summary: The board's engineers found the east abutment in need of repair.
    actors: [board]
    evidence:
      - source: herald
        quote: the east abutment needed repairs before any raising could begin
"""
    timeline.write_text(text)
    letter = folder / "seeds" / "002_growers_letter.txt"
    letter.write_text(letter.read_text() + "\nA correction was added to this letter on 1 July.\n")


@pytest.fixture(scope="module")
def rounds(tmp_path_factory) -> dict:
    """Four builds of one folder: first, edited, rebuilt unchanged, and the edited one again since the first."""
    folder = tmp_path_factory.mktemp("editions") / "desk"
    shutil.copytree(FIXTURE, folder)
    out = folder / "out"
    done = {}

    def build(name: str, *extra: str) -> None:
        done[name] = briefing("build", *extra, cwd=folder)
        assert done[name].returncode == 0, done[name].stdout + done[name].stderr
        keep = folder / f"kept-{name}"
        keep.mkdir()
        for path in out.glob(f"{BRIEF}.*"):
            shutil.copy(path, keep / path.name)
        done[f"{name}-changes"] = briefing("changes", cwd=folder)

    build("first")
    edit(folder)
    build("edited")
    build("unchanged")
    # The edited timeline again, compared with the first brief as if it had come by email.
    (folder / "kept-first" / f"{BRIEF}.pdf").rename(folder / "first.pdf")
    done["since-changes"] = briefing("changes", "--since", "first.pdf", cwd=folder)
    done["folder"] = folder
    return done


def brief(rounds: dict, name: str) -> Path:
    return rounds["folder"] / f"kept-{name}" / f"{BRIEF}.pdf"


EXPECTED = [
    ("changed", "judgement", "2", "confidence lowered from moderate to low"),
    ("changed", "event", "abutment-survey", "re-dated from 12 April 2024 to April 2024"),
    ("added", "event", "second-survey", "Engineers repeat the abutment survey"),
    ("changed", "source", "growers-letter", "its text changed"),
]


def listed(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.search(r"^(\S+:\d+:\d+: )?(added|changed|removed) ", line)]


def test_every_brief_embeds_its_manifest(rounds):
    manifest = read_manifest(brief(rounds, "edited"))
    assert "second-survey" in [e["id"] for e in manifest["events"]]
    assert MANIFEST_FILE in PdfReader(brief(rounds, "edited")).attachments


def test_the_first_brief_has_no_changes_section(rounds):
    assert SECTION not in text_of(rounds["folder"] / "first.pdf")


def test_the_section_lists_exactly_the_four_edits(rounds):
    text = text_of(brief(rounds, "edited"))
    assert SECTION in text
    assert "4 changes since the edition with information as of 30 June 2024" in text
    for *_, words in EXPECTED:
        assert words in text


def test_the_section_comes_before_the_chronology(rounds):
    text = text_of(brief(rounds, "edited"))
    assert text.index(SECTION) < text.index("Chronology")


def test_changes_prints_exactly_the_four_edits_where_they_are_in_the_timeline(rounds):
    result = rounds["unchanged-changes"]
    assert result.returncode == 0, result.stderr
    lines = listed(result.stdout)
    assert len(lines) == len(EXPECTED), result.stdout
    for kind, item, key, words in EXPECTED:
        [line] = [line for line in lines if f"{kind} {item} {key}: " in line]
        assert words in line
        assert re.match(r"timeline\.yaml:\d+:\d+: ", line), line
    assert result.stdout.splitlines()[-1].startswith("4 changes since the last brief built into out/")


def test_a_redated_event_is_placed_at_its_date(rounds):
    folder = rounds["folder"]
    line = next(line for line in listed(rounds["unchanged-changes"].stdout) if "abutment-survey" in line)
    number = int(line.split(":")[1])
    assert (folder / "timeline.yaml").read_text().splitlines()[number - 1].strip() == "date: 2024-04"


def test_a_rebuild_of_unchanged_inputs_keeps_the_comparison(rounds):
    assert text_of(brief(rounds, "unchanged")).count(SECTION) == text_of(brief(rounds, "edited")).count(SECTION)
    assert "4 changes since the edition" in text_of(brief(rounds, "unchanged"))
    assert listed(rounds["unchanged-changes"].stdout) == listed(rounds["edited-changes"].stdout)


def test_a_rebuild_of_unchanged_inputs_gives_the_same_brief_and_email(rounds):
    for suffix in (".pdf", ".eml"):
        assert (brief(rounds, "edited").with_suffix(suffix).read_bytes()
                == brief(rounds, "unchanged").with_suffix(suffix).read_bytes())


def test_changes_since_an_earlier_brief_lists_the_changes_since_that_one(rounds):
    result = rounds["since-changes"]
    assert result.returncode == 0, result.stderr
    assert len(listed(result.stdout)) == len(EXPECTED)
    assert result.stdout.splitlines()[-1].startswith("4 changes since first.pdf")


def test_changes_with_nothing_changed_since_an_edition_lists_nothing(rounds, tmp_path):
    result = briefing("changes", "--since", str(brief(rounds, "edited")), cwd=rounds["folder"])
    assert result.returncode == 0
    assert listed(result.stdout) == []
    assert result.stdout.splitlines()[-1].startswith("No changes since")


def test_the_email_lists_the_changes_since_the_previous_edition(rounds):
    raw = brief(rounds, "edited").with_suffix(".eml").read_bytes()
    message = BytesParser(policy=policy.default).parsebytes(raw)
    plain = message.get_body(("plain",)).get_content()
    assert "CHANGES SINCE THE PREVIOUS EDITION (information as of 30 June 2024)" in plain
    assert "confidence lowered from moderate to low" in " ".join(plain.split())


def test_a_since_that_is_not_a_pdf_is_one_line_and_exit_2(rounds):
    (rounds["folder"] / "notes.txt").write_text("not a brief")
    for command in ("build", "changes"):
        result = briefing(command, "--since", "notes.txt", cwd=rounds["folder"])
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "notes.txt: not a PDF" in result.stdout + result.stderr


def test_a_pdf_without_a_manifest_says_it_was_built_before_editions(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    old = tmp_path / "old.pdf"
    canvas = Canvas(str(old))
    canvas.drawString(100, 100, "an old brief")
    canvas.save()
    with pytest.raises(ManifestError, match="built before editions existed"):
        read_manifest(old)


def test_changes_on_a_timeline_that_cannot_be_read_exits_2(tmp_path):
    (tmp_path / "timeline.yaml").write_text("brief: [unclosed\n")
    result = briefing("changes", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.startswith("timeline.yaml:") and "Traceback" not in result.stderr


def test_changes_before_any_build_says_there_is_no_previous_edition(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "desk")
    result = briefing("changes", cwd=tmp_path / "desk")
    assert result.returncode == 0
    assert result.stdout.startswith("No previous edition in out/")
