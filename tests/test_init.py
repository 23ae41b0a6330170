"""`init`: a new timeline to fill in, its sources registered, that `check` then guides to completion."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml
from commandline import briefing

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "tests" / "fixtures" / "authoring_sources"
FINDING_RE = re.compile(r"^timeline\.yaml:(\d+):(\d+): (\w+) (\w\d{3}) (.*)$")


def initialised(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path / "brief"
    shutil.copytree(SOURCES, folder)
    return folder, briefing("init", cwd=folder)


def sources_of(folder: Path) -> dict[str, dict]:
    data = yaml.safe_load((folder / "timeline.yaml").read_text(encoding="utf-8"))
    return {source["id"]: source for source in data["sources"]}


def test_init_registers_every_source_file_with_an_id_from_its_name(tmp_path):
    folder, done = initialised(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {id: source["file"] for id, source in sources_of(folder).items()} == {
        "ferry": "sources/ferry.txt", "harbour-works": "sources/harbour-works.txt",
        "metro-daily": "sources/metro-daily.html", "notes": "sources/notes.md",
    }


def test_init_guesses_a_title_and_a_date_from_the_text_and_marks_them_check(tmp_path):
    folder, _ = initialised(tmp_path)
    source = sources_of(folder)["harbour-works"]
    assert source["title"] == "City council: harbour works update"
    assert str(source["published"]) == "2024-03-12"
    lines = [line for line in (folder / "timeline.yaml").read_text().splitlines()
             if "harbour works update" in line or "2024-03-12" in line]
    assert len(lines) == 2 and all("# check" in line for line in lines)


def test_init_takes_a_web_pages_title_and_date_from_its_metadata(tmp_path):
    folder, _ = initialised(tmp_path)
    source = sources_of(folder)["metro-daily"]
    assert source["title"] == "Tram depot neighbours ask for quieter night shunting"
    assert str(source["published"]) == "2026-04-09"


def test_init_never_overwrites_a_timeline_and_exits_2_with_one_line(tmp_path):
    (tmp_path / "timeline.yaml").write_text("brief: {}\n", encoding="utf-8")
    done = briefing("init", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout.strip().splitlines() == [
        "error: timeline.yaml already exists; init never overwrites a timeline: "
        "move it aside, or run init in another folder"]
    assert (tmp_path / "timeline.yaml").read_text(encoding="utf-8") == "brief: {}\n"
    assert "Traceback" not in done.stderr


def test_init_writes_the_schema_beside_the_timeline_and_points_the_modeline_at_it(tmp_path):
    folder, _ = initialised(tmp_path)
    schema = briefing("schema", cwd=folder).stdout
    assert (folder / "timeline.schema.json").read_text(encoding="utf-8") == schema
    first_line = (folder / "timeline.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=timeline.schema.json"


def test_init_keeps_a_schema_file_that_is_already_there(tmp_path):
    (tmp_path / "timeline.schema.json").write_text("{}\n", encoding="utf-8")
    assert briefing("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "timeline.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_init_makes_the_folder_it_is_given(tmp_path):
    done = briefing("init", "new-brief", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert (tmp_path / "new-brief" / "timeline.yaml").is_file()


def test_the_timelines_comment_names_a_section_of_the_readme(tmp_path):
    folder, _ = initialised(tmp_path)
    [section] = re.findall(r'README, "([^"]+)"', (folder / "timeline.yaml").read_text(encoding="utf-8"))
    assert f"## {section}\n" in (PROJECT / "README.md").read_text(encoding="utf-8")


def test_init_says_what_it_wrote_and_what_to_do_next(tmp_path):
    _, done = initialised(tmp_path)
    lines = done.stdout.splitlines()
    assert lines[0] == "wrote timeline.yaml: 4 source files registered, 4 with a title or date guessed from the text"
    assert lines[1].startswith("wrote timeline.schema.json: ")
    assert lines[2].startswith("next: fill in the empty fields") and "briefing quote" in lines[2]
    assert "python -m briefing check`" in lines[2]


def findings(folder: Path) -> list[tuple[int, int, str, str]]:
    done = briefing("check", cwd=folder)
    matched = [FINDING_RE.match(line) for line in done.stdout.splitlines()[:-1]]
    assert all(matched), done.stdout
    return [(int(m[1]), int(m[2]), m[4], m[5]) for m in matched]


def test_check_on_a_new_timeline_names_only_the_fields_still_to_fill_in_with_their_places(tmp_path):
    folder, _ = initialised(tmp_path)
    lines = (folder / "timeline.yaml").read_text(encoding="utf-8").splitlines()
    found = findings(folder)
    # Each place is the empty value: just after the colon of the field the message names.
    assert [(lines[line - 1][:column - 1], message.split(";")[0]) for line, column, _, message in found] == [
        ("  title:", "`title` of `brief` is empty"),
        ("  summary:", "`summary` of `brief` is empty"),
        ("events:", "`events` of the file is empty"),
    ]
    assert {code for _, _, code, _ in found} == {"S003"}
    assert all("write `" in message for _, _, _, message in found)


def test_check_on_a_new_timeline_without_sources_names_the_source_fields_to_fill_in(tmp_path):
    assert briefing("init", cwd=tmp_path).returncode == 0
    messages = [message.split(";")[0] for _, _, _, message in findings(tmp_path)]
    assert messages == [
        "`title` of `brief` is empty", "`summary` of `brief` is empty",
        "`id` of source 1 is empty", "`file` of source 1 is empty", "`title` of source 1 is empty",
        "`events` of the file is empty",
    ]
