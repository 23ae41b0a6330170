"""The timeline figure: structure, dates, lanes, labels that never collide, hover text."""

from __future__ import annotations

import datetime as dt
import functools
import random
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.figure import (
    CROWDED_TRACE,
    FONT_SIZE,
    MARKERS_TRACE,
    OTHER_LANE,
    Box,
    build_figure,
    event_numbers,
    figure_view,
    html_title,
    hover_text,
    label_boxes,
    lane_title,
    text_width,
)
from briefing.figure.boxes import date_at
from briefing.figure.key import GLYPHS, SLASH_LEAN_PX
from briefing.figure.axis import time_axis
from briefing.figure.frame import figure_frame
from briefing.figure.layout import layout
from briefing.figure.style import (
    AXES,
    BREAK_PX,
    MARGIN_TOP,
    MIN_LANE_PX,
    PRINT_PT,
    PX_PER_PT,
    STANDALONE_HEIGHT_PX,
    STANDALONE_WIDTH_PT,
    WIDTH_PX,
)
from briefing.figure.ticks import TICK_SPACING_PX
from briefing.pdf.document import figure_room
from briefing.loader import load_timeline
from briefing.model import Brief, Event, Evidence, PartialDate, Position, Source, Timeline


def synthetic_timeline(events: list[dict], as_of=dt.date(2023, 12, 31)) -> Timeline:
    """A Timeline built in code: each dict gives Event fields (date/end as PartialDate)."""
    at = Position("synthetic.yaml", 1, 1)
    source = Source(at=at, id="src", file="src.txt", title="A synthetic source", publisher="Test Press")
    built = tuple(
        Event(at=at, summary=e.pop("summary", "A summary."), evidence=(Evidence(at=at, source="src", quote="q"),), **e)
        for e in events
    )
    brief = Brief(at=at, title="Synthetic", as_of=as_of, summary="s")
    return Timeline(path=Path("synthetic.yaml"), brief=brief, sources=(source,), events=built)


def dense_timeline(count: int = 200, seed: int = 1) -> Timeline:
    """`count` events within 2023 over four threads: points, month-only dates and durations."""
    rnd = random.Random(seed)
    events = []
    for i in range(count):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(365))
        kind = rnd.random()
        date = PartialDate(2023, day.month) if kind < 0.1 else PartialDate(2023, day.month, day.day)
        end = None
        if kind > 0.9:
            last = min(day + dt.timedelta(days=rnd.randrange(2, 60)), dt.date(2023, 12, 31))
            end = PartialDate(last.year, last.month, last.day)
        events.append(dict(
            id=f"event-{i:03d}", date=date, end=end,
            title=f"Synthetic event {i} with a title long enough to collide",
            tags=(rnd.choice(["diplomacy", "military", "economy", "cyber"]),),
            significance=rnd.choice(["high", "high", "medium", "low"]),
        ))
    return synthetic_timeline(events)


def crowded_timeline(count: int = 2_000, seed: int = 2) -> Timeline:
    """`count` untagged events (one lane) within 2023, mostly low significance: far more than a page can label."""
    rnd = random.Random(seed)
    events = []
    for i in range(count):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(365))
        significance = rnd.choices(["high", "medium", "low"], weights=[1, 3, 6])[0]
        events.append(dict(id=f"event-{i:04d}", date=PartialDate(2023, day.month, day.day),
                           title=f"Crowded event {i}", significance=significance))
    return synthetic_timeline(events)


CLUSTERS = (dt.date(2023, 3, 1), dt.date(2023, 7, 10), dt.date(2024, 2, 1))
FAR_CLUSTERS = (dt.date(2021, 3, 1), dt.date(2022, 7, 10), dt.date(2024, 2, 1))  # a year and more apart


def clustered_timeline(count: int = 40, seed: int = 3, clusters=CLUSTERS) -> Timeline:
    """`count` events over three threads, each within a few weeks of one of `clusters`: a story's shape."""
    rnd = random.Random(seed)
    words = "talks envoy summit sanctions missile treaty visit exercise vote statement delegation aid".split()
    events = []
    for i in range(count):
        day = rnd.choice(clusters) + dt.timedelta(days=rnd.randrange(25))
        kind = rnd.random()
        date = PartialDate(day.year, day.month) if kind < 0.1 else PartialDate(day.year, day.month, day.day)
        end = None
        if kind > 0.9:
            last = day + dt.timedelta(days=rnd.randrange(2, 40))
            end = PartialDate(last.year, last.month, last.day)
        title = " ".join(rnd.choice(words) for _ in range(rnd.randrange(2, 9))).capitalize()
        events.append(dict(id=f"event-{i:02d}", date=date, end=end, title=title,
                           tags=(rnd.choice(["diplomacy", "military", "economy"]),),
                           significance=rnd.choice(["high", "medium", "medium", "low"])))
    return synthetic_timeline(events, as_of=dt.date(2024, 3, 31))


@pytest.fixture(scope="module")
def crowded_fig():
    return build_figure(crowded_timeline())


@pytest.fixture(scope="module")
def crowded_lanes_fig():
    """2,000 events over four lanes, with month-only dates and durations."""
    return build_figure(dense_timeline(2_000))


def trace_ids(fig, name: str) -> list[str]:
    """Event ids drawn by the trace called `name` (none when the figure has no such trace)."""
    return [event_id for t in fig.data if t.name == name for event_id, _ in t.customdata]


def key_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.name == "key"]


def markers(fig) -> dict[str, tuple[str, float, dict]]:
    """Event id -> (x, y, style) of its marker in the figure."""
    trace = next(t for t in fig.data if t.name == MARKERS_TRACE)
    out = {}
    for i, (event_id, _number) in enumerate(trace.customdata):
        style = {"size": trace.marker.size[i], "color": trace.marker.color[i]}
        out[event_id] = (trace.x[i], trace.y[i], style)
    return out


def shapes_named(fig, name: str) -> list:
    return [s for s in fig.layout.shapes if s.name == name]


def event_labels(fig) -> dict[str, str]:
    return {a.name.split(":", 1)[1]: a.text for a in fig.layout.annotations if (a.name or "").startswith("label:")}


def day_at(fig, x: float) -> dt.datetime:
    """The date at axis px `x`, to the hour (positions are kept to 0.01 px)."""
    when = date_at(fig, x) + dt.timedelta(minutes=30)
    return when.replace(minute=0, second=0, microsecond=0)


def collisions(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Text boxes that touch another text box or any mark other than their own band, bar or leader;
    leader lines that touch another event's label or marker."""
    texts = [b for b in boxes if b.kind in ("label", "lane", "as_of", "key", "heading")]
    found = []
    for i, text in enumerate(texts):
        for other in texts[i + 1:]:
            if text.overlaps(other):
                found.append((text, other))
        for mark in boxes:
            if mark.kind not in ("marker", "band", "bar", "leader", "tick", "break"):
                continue
            own_pale_mark = mark.event == text.event and mark.kind in ("band", "bar", "leader")
            if text.overlaps(mark) and not own_pale_mark:
                found.append((text, mark))
    for leader in (b for b in boxes if b.kind == "leader"):
        for other in boxes:
            if other.kind in ("marker", "tick") and other.event != leader.event and leader.overlaps(other):
                found.append((leader, other))
    return found


# ---------------------------------------------------------------- structure


def test_every_event_is_drawn_once(timeline, fig):
    trace = next(t for t in fig.data if t.name == MARKERS_TRACE)
    ids = [event_id for event_id, _ in trace.customdata]
    assert sorted(ids) == sorted(e.id for e in timeline.events)
    assert len([t for t in fig.data if t.name == MARKERS_TRACE]) == 1


def test_event_numbers_follow_chronological_order(timeline):
    numbers = event_numbers(timeline)
    assert numbers["council-vote"] == 1
    assert numbers["sale-paused"] == len(timeline.events)
    assert sorted(numbers.values()) == list(range(1, len(timeline.events) + 1))
    assert [numbers[e.id] for e in timeline.events_in_order()] == sorted(numbers.values())


def test_marker_carries_the_event_number(timeline, fig):
    trace = next(t for t in fig.data if t.name == MARKERS_TRACE)
    numbers = event_numbers(timeline)
    assert all(numbers[event_id] == number for event_id, number in trace.customdata)


def test_day_precision_marker_sits_on_its_day(fig):
    x, _, style = markers(fig)["council-vote"]
    assert day_at(fig, x).date() == dt.date(2023, 2, 14)
    assert style["color"] != "white"  # filled: the day is known


def test_events_sit_in_the_lane_of_their_first_tag(timeline, fig):
    boxes = label_boxes(fig)
    lanes = {fig.layout.annotations[i].text: b for i, b in enumerate(boxes) if b.kind == "lane"}
    for event in timeline.events:
        _, y, _ = markers(fig)[event.id]
        marker_y = fig.layout.margin.t + y
        nearest = min(lanes, key=lambda text: abs((lanes[text].y0 + lanes[text].y1) / 2 - marker_y))
        assert nearest == f"<b>{lane_title(event.tags[0])}</b>", event.id


def test_lanes_are_ordered_by_their_first_event(fig):
    texts = [a.text for a in fig.layout.annotations if a.name == "lane"]
    assert texts == ["<b>Finance</b>", "<b>Operations</b>", "<b>Labour</b>", "<b>Regulation</b>"]


def test_month_precision_event_is_a_band_over_the_whole_month(fig):
    (band,) = shapes_named(fig, "band:pier-survey")
    assert day_at(fig, band.x0) == dt.datetime(2023, 3, 1)
    assert day_at(fig, band.x1) == dt.datetime(2023, 4, 1)
    x, _, style = markers(fig)["pier-survey"]
    assert style["color"] == "white"  # hollow: only the month is known
    assert dt.datetime(2023, 3, 1) < day_at(fig, x) < dt.datetime(2023, 4, 1)


def test_event_with_end_is_a_bar_over_both_days(fig):
    (bar,) = shapes_named(fig, "bar:strike")
    assert day_at(fig, bar.x0) == dt.datetime(2023, 4, 3)
    assert day_at(fig, bar.x1) == dt.datetime(2023, 4, 22)  # end of 21 April


def test_month_precision_duration_shows_both_uncertain_months_as_bands(fig):
    bands = shapes_named(fig, "band:pier-closed")
    spans = sorted((day_at(fig, b.x0), day_at(fig, b.x1)) for b in bands)
    assert spans == [(dt.datetime(2023, 11, 1), dt.datetime(2023, 12, 1)), (dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1))]
    (bar,) = shapes_named(fig, "bar:pier-closed")
    assert (day_at(fig, bar.x0), day_at(fig, bar.x1)) == spans[0][1:] + spans[1][:1]


def test_year_precision_event_is_a_band_over_the_year():
    tl = synthetic_timeline([
        dict(id="vague", date=PartialDate(2022), title="Sometime in 2022"),
        dict(id="exact", date=PartialDate(2023, 5, 1), title="Exact"),
    ])
    fig = build_figure(tl)
    (band,) = shapes_named(fig, "band:vague")
    assert (day_at(fig, band.x0), day_at(fig, band.x1)) == (dt.datetime(2022, 1, 1), dt.datetime(2023, 1, 1))


def test_significance_sets_marker_size(fig):
    sizes = {event_id: style["size"] for event_id, (_, _, style) in markers(fig).items()}
    assert sizes["council-vote"] > sizes["talks-resume"] > sizes["timetable-cut"]


def test_as_of_cut_off_is_a_dashed_line_with_its_date(fig):
    (line,) = shapes_named(fig, "as_of")
    assert line.x0 == line.x1 and day_at(fig, line.x0) == dt.datetime(2024, 4, 1)  # the end of 31 March
    assert line.line.dash == "dash"
    (note,) = [a for a in fig.layout.annotations if a.name == "as_of"]
    assert note.text == "Information as of 31 Mar 2024"


def test_axis_spans_every_event_and_the_cut_off(timeline, fig):
    start, end = (date_at(fig, x) for x in fig.layout.xaxis.range)
    assert start < dt.datetime(2023, 2, 14) and end > dt.datetime(2024, 4, 1)
    assert fig.layout.xaxis.ticktext[0].endswith("<br>2023") and "Jan<br>2024" in fig.layout.xaxis.ticktext


def test_no_legend_and_white_background(fig):
    assert fig.layout.showlegend is False
    assert fig.layout.paper_bgcolor == fig.layout.plot_bgcolor == "white"


def test_all_text_is_at_least_12px(fig):
    sizes = [a.font.size or fig.layout.font.size for a in fig.layout.annotations]
    assert min(sizes + [fig.layout.xaxis.tickfont.size, fig.layout.font.size]) >= 12


def test_figure_is_the_same_every_time(timeline):
    assert build_figure(timeline).to_json() == build_figure(timeline).to_json()


def test_untagged_events_share_one_other_lane():
    tl = synthetic_timeline([
        dict(id="a", date=PartialDate(2023, 1, 5), title="A"),
        dict(id="b", date=PartialDate(2023, 3, 5), title="B", tags=("trade",)),
        dict(id="c", date=PartialDate(2023, 6, 5), title="C"),
    ])
    lanes = [a.text for a in build_figure(tl).layout.annotations if a.name == "lane"]
    assert lanes == ["<b>Trade</b>", f"<b>{OTHER_LANE}</b>"]


# ---------------------------------------------------------------- labels


def test_high_significance_events_are_labelled_with_number_and_title(timeline, fig):
    labels = event_labels(fig)
    numbers = event_numbers(timeline)
    for event in timeline.events:
        if event.significance == "high":
            assert event.title.split()[0] in labels[event.id], event.id
            assert f">{numbers[event.id]}</span>" in labels[event.id]


def test_every_event_is_titled_when_its_title_fits(timeline, fig):
    labels = event_labels(fig)
    for event in timeline.events:
        assert event.title.split()[0] in labels[event.id], event.id


def test_high_significance_titles_are_bold_and_others_are_not(timeline, fig):
    labels = event_labels(fig)
    for event in timeline.events:
        assert ("<b>" in labels[event.id]) == (event.significance == "high"), event.id


def test_a_title_too_long_for_its_room_is_cut_at_a_word_boundary_with_an_ellipsis():
    title = "Delegation arrives for three days of talks on trade, transport and energy"
    tl = synthetic_timeline([
        dict(id="first", date=PartialDate(2023, 3, 1), title=title, significance="low"),
        dict(id="next", date=PartialDate(2023, 4, 20), title="Next", significance="high"),
        dict(id="far", date=PartialDate(2023, 12, 1), title="Far"),
    ])
    label = event_labels(build_figure(tl))["first"]
    shown = label.rsplit("</span> ", 1)[1]
    assert shown.endswith("…") and title.startswith(shown[:-1])
    assert title[len(shown) - 1] in " ,"  # cut between words, not inside one


def test_past_forty_events_only_high_significance_events_are_offered_titles():
    tl = dense_timeline()
    labels = event_labels(build_figure(tl))
    for event in tl.events:
        if event.significance != "high" and event.id in labels:
            assert "Synthetic" not in labels[event.id], event.id


def test_a_clustered_forty_event_timeline_never_overlaps_and_titles_most_events():
    fig = build_figure(clustered_timeline())
    labels = event_labels(fig)
    assert collisions(label_boxes(fig)) == []
    assert sum("event-" not in text and "</span> " in text for text in labels.values()) >= 30


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("clusters", [CLUSTERS, FAR_CLUSTERS], ids=["months", "years"])
def test_labels_never_overlap_on_random_timelines(seed, clusters):
    count = random.Random(seed).randrange(3, 41)
    fig = build_figure(clustered_timeline(count, seed=seed, clusters=clusters))
    boxes = label_boxes(fig)
    assert collisions(boxes) == []
    for box in boxes:
        assert 0 <= box.x0 and box.x1 <= fig.layout.width and 0 <= box.y0 and box.y1 <= fig.layout.height, box


def test_labels_never_overlap_on_the_fixture(fig):
    assert collisions(label_boxes(fig)) == []


def test_everything_stays_inside_the_figure(fig):
    for box in label_boxes(fig):
        assert 0 <= box.x0 and box.x1 <= fig.layout.width and 0 <= box.y0 and box.y1 <= fig.layout.height, box


def test_event_labels_stay_inside_the_plot_area(fig):
    left = fig.layout.margin.l
    right = fig.layout.width - fig.layout.margin.r
    for box in label_boxes(fig):
        if box.kind == "label":
            assert left <= box.x0 and box.x1 <= right, box


def test_long_titles_are_shortened_on_the_figure_only(timeline):
    long_title = "A very long title " + "that keeps going " * 8 + "to the end"
    tl = synthetic_timeline([
        dict(id="long", date=PartialDate(2023, 3, 1), title=long_title, significance="high"),
        dict(id="other", date=PartialDate(2023, 9, 1), title="Other"),
    ])
    fig = build_figure(tl)
    label = event_labels(fig)["long"]
    assert label.removesuffix("</b>").endswith("…") and "to the end" not in label
    assert "to the end" in fig.data[0].hovertext[0].replace("<br>", " ")


def test_dense_timeline_never_overlaps():
    fig = build_figure(dense_timeline())
    boxes = label_boxes(fig)
    assert len([b for b in boxes if b.kind in ("marker", "tick")]) == 200
    assert collisions(boxes) == []


def test_dense_timeline_falls_back_to_numbers_for_high_events():
    tl = dense_timeline()
    labels = event_labels(build_figure(tl))
    high = [e for e in tl.events if e.significance == "high" and e.id in labels]  # not the crowded ones
    titled = [e for e in high if "Synthetic" in labels[e.id]]
    assert titled, "some high events should keep their titles"
    assert len(titled) < len(high), "some high events should fall back to numbers"
    assert set(labels) == set(trace_ids(build_figure(tl), MARKERS_TRACE))  # every marker keeps a title or number


def test_labels_do_not_cross_the_cut_off_line():
    events = [dict(id=f"e{i}", date=PartialDate(2023, 12, 20 + i), title=f"Late event {i}", significance="high")
              for i in range(5)]
    fig = build_figure(synthetic_timeline(events, as_of=dt.date(2023, 12, 22)))
    (line,) = shapes_named(fig, "as_of")
    start, end = fig.layout.xaxis.range
    plot_w = fig.layout.width - fig.layout.margin.l - fig.layout.margin.r
    line_px = fig.layout.margin.l + (line.x0 - start) / (end - start) * plot_w
    for box in label_boxes(fig):
        if box.kind == "label":
            assert not box.x0 < line_px < box.x1, box


# ---------------------------------------------------------------- crowded timelines


def test_a_timeline_within_the_row_budget_has_no_crowded_ticks(fig):
    assert trace_ids(fig, CROWDED_TRACE) == []
    assert not any("crowded" in text for text in key_texts(fig))


def test_a_crowded_figure_keeps_to_the_height_of_the_briefs_page(crowded_fig, crowded_lanes_fig):
    assert crowded_fig.layout.height <= figure_frame("a4").height_px
    assert crowded_lanes_fig.layout.height <= figure_frame("a4").height_px


def test_every_event_is_drawn_exactly_once_as_a_marker_or_a_tick(crowded_fig):
    drawn = Counter(trace_ids(crowded_fig, MARKERS_TRACE) + trace_ids(crowded_fig, CROWDED_TRACE))
    assert set(drawn.values()) == {1}
    assert set(drawn) == {f"event-{i:04d}" for i in range(2_000)}
    assert trace_ids(crowded_fig, CROWDED_TRACE), "2,000 events in a year cannot all be labelled"


def test_crowded_ticks_carry_the_number_and_hover_text_of_their_event():
    tl = crowded_timeline(300)
    fig = build_figure(tl)
    (trace,) = [t for t in fig.data if t.name == CROWDED_TRACE]
    numbers = event_numbers(tl)
    events = {e.id: e for e in tl.events}
    for (event_id, number), hover in zip(trace.customdata, trace.hovertext):
        assert number == numbers[event_id]
        assert hover == hover_text(tl, events[event_id], number)


def test_crowded_events_have_no_label_band_or_bar(crowded_lanes_fig):
    crowded = set(trace_ids(crowded_lanes_fig, CROWDED_TRACE))
    assert crowded
    named = {(a.name or "").partition(":")[2] for a in crowded_lanes_fig.layout.annotations}
    named |= {(s.name or "").partition(":")[2] for s in crowded_lanes_fig.layout.shapes}
    assert crowded.isdisjoint(named)


def test_crowded_ticks_sit_below_the_labelled_rows_of_their_lane(crowded_fig):
    boxes = label_boxes(crowded_fig)
    lowest_row = max(b.y1 for b in boxes if b.kind in ("label", "marker"))
    assert min(b.y0 for b in boxes if b.kind == "tick") > lowest_row


def test_labels_never_overlap_ticks_or_marks_when_crowded(crowded_fig, crowded_lanes_fig):
    for fig in (crowded_fig, crowded_lanes_fig):
        boxes = label_boxes(fig)
        assert any(b.kind == "tick" for b in boxes)
        assert collisions(boxes) == []


def test_key_explains_the_ticks_only_when_events_are_crowded(fig, crowded_fig):
    assert any("too crowded to label" in text for text in key_texts(crowded_fig))
    assert not any("too crowded to label" in text for text in key_texts(fig))


def test_a_key_too_wide_for_one_line_wraps_inside_the_figure():
    fig = build_figure(dense_timeline(), standalone=True)  # every kind of mark, and ticks, 17 cm wide
    keys = [b for b in label_boxes(fig) if b.kind == "key"]
    assert len({round(b.y0) for b in keys}) == 2
    for box in keys:
        assert 0 <= box.x0 and box.x1 <= fig.layout.width and box.y1 <= fig.layout.height, box


def test_every_key_glyph_is_drawn_within_the_width_the_key_is_laid_out_with():
    for name, glyph in GLYPHS.items():
        for part in glyph.parts:
            reach = {"circle": (part.dx - part.size / 2, part.dx + part.size / 2),
                     "rect": (part.dx, part.dx + part.width), "tick": (part.dx, part.dx),
                     "slash": (part.dx - SLASH_LEAN_PX, part.dx + SLASH_LEAN_PX)}[part.shape]
            assert 0 <= reach[0] and reach[1] <= glyph.width, (name, part)


def test_the_figure_is_laid_out_without_importing_plotly():
    fixture = Path(__file__).parent / "fixtures" / "figure_basic" / "timeline.yaml"
    code = (
        "import sys\n"
        "from briefing.figure import figure_view\n"
        "from briefing.figure.layout import layout\n"
        "from briefing.loader import load_timeline\n"
        f"laid = layout(figure_view(load_timeline({str(fixture)!r})[0]))\n"
        "assert laid.drawn and 'plotly' not in sys.modules, sorted(m for m in sys.modules if 'plotly' in m)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_high_significance_events_keep_their_labels_ahead_of_low_ones_when_crowded():
    # The low events come first in time, so only significance can put the high ones ahead.
    low = [dict(id=f"low-{i}", date=PartialDate(2023, 3, 1), title=f"Low {i}", significance="low")
           for i in range(40)]
    high = [dict(id=f"high-{i}", date=PartialDate(2023, 3, 2), title=f"High {i}", significance="high")
            for i in range(10)]
    fig = build_figure(synthetic_timeline(low + high))
    crowded = set(trace_ids(fig, CROWDED_TRACE))
    assert crowded and all(event_id.startswith("low-") for event_id in crowded)
    labels = event_labels(fig)
    assert all(f"high-{i}" in labels for i in range(10))
    assert any("High" in labels[f"high-{i}"] for i in range(10)), "the first high events keep their titles"


def test_a_quiet_lane_beside_a_crowded_one_keeps_every_label():
    busy = [dict(id=f"busy-{i}", date=PartialDate(2023, 5, 1 + i % 28), title=f"Busy {i}") for i in range(500)]
    quiet = [dict(id=f"quiet-{i}", date=PartialDate(2023, 2 + 3 * i, 10), title=f"Quiet {i}", tags=("quiet",))
             for i in range(3)]
    fig = build_figure(synthetic_timeline(quiet + busy))
    assert trace_ids(fig, CROWDED_TRACE)
    assert {f"quiet-{i}" for i in range(3)} <= set(event_labels(fig))


def test_no_lane_is_dropped_when_many_lanes_are_crowded():
    rnd = random.Random(3)
    events = [dict(id=f"e{lane}-{i}", date=PartialDate(2023, rnd.randint(1, 12), rnd.randint(1, 28)),
                   title=f"Event {i}", tags=(f"thread-{lane:02d}",)) for lane in range(12) for i in range(60)]
    fig = build_figure(synthetic_timeline(events))
    assert trace_ids(fig, CROWDED_TRACE)
    assert sorted(a.text for a in fig.layout.annotations if a.name == "lane") == [
        f"<b>Thread {lane:02d}</b>" for lane in range(12)]
    labelled_lanes = {event_id.split("-")[0] for event_id in event_labels(fig)}
    assert labelled_lanes == {f"e{lane}" for lane in range(12)}


# ---------------------------------------------------------------- hover


def test_hover_text_holds_title_date_place_actors_summary_and_sources(timeline, fig):
    trace = next(t for t in fig.data if t.name == MARKERS_TRACE)
    ids = [event_id for event_id, _ in trace.customdata]
    text = trace.hovertext[ids.index("talks-resume")].replace("<br>", " ")
    for expected in ("Pension talks resume", "18 July 2023", "Larkmoor town hall",
                     "Harbour Workers' Union", "Larkmoor Town Council", "resumed at the town hall",
                     "Members' bulletin", "Harbour Workers' Union"):
        assert expected in text


def test_hover_shows_dates_only_as_precise_as_known(fig):
    trace = next(t for t in fig.data if t.name == MARKERS_TRACE)
    ids = [event_id for event_id, _ in trace.customdata]
    assert "March 2023" in trace.hovertext[ids.index("pier-survey")]
    assert "1 March" not in trace.hovertext[ids.index("pier-survey")]
    assert "3–21 April 2023" in trace.hovertext[ids.index("strike")]


def test_user_text_is_escaped_in_hover_and_labels(fig):
    trace = next(t for t in fig.data if t.name == MARKERS_TRACE)
    ids = [event_id for event_id, _ in trace.customdata]
    hover = trace.hovertext[ids.index("bid")]
    assert "R&amp;D &lt;innovation&gt;" in hover and "<innovation>" not in hover


def test_escaped_title_label_is_measured_as_shown():
    tl = synthetic_timeline([dict(id="amp", date=PartialDate(2023, 3, 1), title="R&D <b>", significance="medium"),
                             dict(id="b", date=PartialDate(2023, 6, 1), title="B")])
    fig = build_figure(tl)
    assert "R&amp;D &lt;b&gt;" in event_labels(fig)["amp"]
    (box,) = [b for b in label_boxes(fig) if b.event == "amp" and b.kind == "label"]
    assert box.x1 - box.x0 == pytest.approx(text_width("1 R&D <b>", FONT_SIZE))


def test_hangul_is_measured_with_the_fallback_font():
    # Unknown glyphs count one em (12 px); NanumGothic's Hangul is narrower.
    assert 0 < text_width("평양", 12) < 2 * 12
    assert text_width("평양", 12) != text_width("??", 12)


def test_short_span_gets_day_ticks():
    tl = synthetic_timeline([dict(id="a", date=PartialDate(2023, 5, 10), title="A"),
                             dict(id="b", date=PartialDate(2023, 5, 14), title="B")], as_of=dt.date(2023, 5, 20))
    ticks = build_figure(tl).layout.xaxis.ticktext
    assert len(ticks) >= 4 and "May 2023" in ticks[0]


def test_long_span_gets_a_readable_number_of_year_ticks():
    tl = synthetic_timeline([dict(id="a", date=PartialDate(1990), title="A"),
                             dict(id="b", date=PartialDate(2023, 5, 14), title="B")], as_of=dt.date(2024, 1, 1))
    for fig in (build_figure(tl, axis="linear"), build_figure(tl, axis="linear", standalone=True)):
        ticks, values = fig.layout.xaxis.ticktext, fig.layout.xaxis.tickvals
        assert len(ticks) >= 3 and all(t.isdigit() for t in ticks)
        assert min(b - a for a, b in zip(values, values[1:])) >= TICK_SPACING_PX, (fig.layout.width, ticks)


def test_long_lane_names_are_shortened_and_fit_the_margin():
    tl = synthetic_timeline([dict(id="a", date=PartialDate(2023, 1, 5), title="A",
                                  tags=("international-reactions-and-sanctions-and-much-more-besides",)),
                             dict(id="b", date=PartialDate(2023, 6, 5), title="B", tags=("x",))])
    fig = build_figure(tl)
    (lane,) = [b for b in label_boxes(fig) if b.kind == "lane" and b.x1 - b.x0 > 100]
    assert lane.x0 >= 0 and lane.x1 <= fig.layout.margin.l
    assert fig.layout.annotations[0].text.endswith("…</b>")


# ---------------------------------------------------------------- the time axis, shortened where nothing happened

def _drawable(path: Path) -> bool:
    loaded, _ = load_timeline(path)
    return loaded is not None and bool(loaded.events)


# Every timeline the project has that loads with events (the loader's broken fixtures draw nothing).
FIXTURES = [path for path in [Path(__file__).parent.parent / "timeline.yaml",  # the seed
                              *sorted((Path(__file__).parent / "fixtures").glob("**/timeline.yaml"))]
            if _drawable(path)]


def day(month: int, day_: int = 1, year: int = 2023) -> dt.datetime:
    return dt.datetime(year, month, day_)


def test_an_empty_stretch_of_more_than_a_fifth_is_cut_down_to_a_break():
    scale = time_axis([(day(1), day(1, 20)), (day(11), day(11, 20))], 800)
    (gap,) = scale.breaks
    assert gap.x1 - gap.x0 == BREAK_PX
    assert day(1, 20) < gap.start < gap.end < day(11)


def test_both_sides_of_a_break_keep_one_and_the_same_scale():
    scale = time_axis([(day(1), day(1, 20)), (day(11), day(11, 20))], 800)
    slopes = {round((p.x1 - p.x0) / ((p.end - p.start) / dt.timedelta(days=1)), 6) for p in scale.pieces if not p.removed}
    assert len(slopes) == 1


def test_a_shorter_empty_stretch_keeps_its_scale():
    assert time_axis([(day(1), day(4)), (day(5), day(8))], 800).breaks == ()


def test_the_linear_axis_never_breaks():
    scale = time_axis([(day(1), day(1, 20)), (day(11), day(11, 20))], 800, axis="linear")
    assert scale.breaks == () and len(scale.pieces) == 1


def test_the_shortened_axis_gives_the_clusters_more_room():
    spans = [(day(1), day(1, 20)), (day(11), day(11, 20))]
    compressed, linear = time_axis(spans, 800), time_axis(spans, 800, axis="linear")
    width = lambda scale: scale.px(day(1, 20)) - scale.px(day(1))  # noqa: E731
    assert width(compressed) > 2 * width(linear)


def test_the_scale_maps_dates_in_order_across_breaks():
    scale = time_axis([(day(1), day(1, 20)), (day(11), day(11, 20))], 800)
    xs = [scale.px(day(m)) for m in range(1, 13)]
    assert xs == sorted(xs) and xs[0] >= 0 and scale.px(day(11, 20)) <= 800


def test_an_unknown_axis_is_refused():
    with pytest.raises(ValueError, match="compressed, linear"):
        build_figure(clustered_timeline(5), axis="log")


def test_a_shortened_axis_is_drawn_with_a_break_across_the_lanes_and_said_in_the_key():
    fig = build_figure(clustered_timeline(clusters=FAR_CLUSTERS))
    breaks = shapes_named(fig, "break")
    assert len(breaks) == 2  # three clusters, months apart
    assert all(b.y0 < 0 and b.y1 == 1 for b in breaks)  # across every lane, and through the axis line
    assert any("time axis shortened where nothing happened" in text for text in key_texts(fig))


def test_no_tick_falls_inside_a_removed_stretch():
    fig = build_figure(clustered_timeline(clusters=FAR_CLUSTERS))
    removed = [(x0, x1) for _, _, x0, x1 in fig.layout.meta["time_axis"]][1::2]
    assert removed
    for tick in fig.layout.xaxis.tickvals:
        assert not any(x0 <= tick <= x1 for x0, x1 in removed), tick


def test_ticks_are_at_their_dates_on_both_sides_of_a_break():
    fig = build_figure(clustered_timeline(clusters=FAR_CLUSTERS))
    for value, text in zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext):
        first_line = text.split("<br>")[0]
        when = day_at(fig, value)
        assert first_line in (str(when.day), when.strftime("%b"), str(when.year)), (text, when)
        assert when.hour == 0


def test_the_first_tick_after_a_break_names_its_month_and_year():
    fig = build_figure(clustered_timeline(clusters=FAR_CLUSTERS))
    pieces = fig.layout.meta["time_axis"]
    for _, _, _, end_of_break in pieces[1::2]:
        first = next(text for value, text in zip(fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext)
                     if value > end_of_break)
        assert "<br>" in first and first.split("<br>")[1][-4:].isdigit(), first


def test_the_linear_axis_has_no_break_and_no_key_entry_for_it():
    fig = build_figure(clustered_timeline(clusters=FAR_CLUSTERS), axis="linear")
    assert shapes_named(fig, "break") == []
    assert not any("shortened" in text for text in key_texts(fig))
    assert collisions(label_boxes(fig)) == []


def test_a_timeline_without_empty_stretches_is_drawn_at_one_scale(fig, crowded_fig, crowded_lanes_fig):
    for drawn in (fig, crowded_fig, crowded_lanes_fig, build_figure(dense_timeline())):
        assert shapes_named(drawn, "break") == []


def test_the_figure_view_follows_the_axis(timeline):
    assert figure_view(timeline) == figure_view(timeline, axis="compressed")
    assert repr(figure_view(timeline)) != repr(figure_view(timeline, axis="linear"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("axis", ["compressed", "linear"])
@pytest.mark.parametrize("paper", ["a4", "letter", None], ids=["a4", "letter", "standalone"])
def test_labels_never_overlap_or_leave_the_plot_on_any_fixture(path, axis, paper):
    loaded, _ = load_timeline(path)
    fig = build_figure(loaded, axis=axis, standalone=paper is None, paper=paper or "a4")
    boxes = label_boxes(fig)
    assert collisions(boxes) == []
    for box in boxes:
        assert 0 <= box.x0 and box.x1 <= fig.layout.width and 0 <= box.y0 and box.y1 <= fig.layout.height, box
    left, right = fig.layout.margin.l, fig.layout.width - fig.layout.margin.r
    top, bottom = fig.layout.margin.t, fig.layout.height - fig.layout.margin.b
    for box in (b for b in boxes if b.kind == "label"):
        assert left <= box.x0 and box.x1 <= right and top <= box.y0 and box.y1 <= bottom, box


# ---------------------------------------------------------------- labels away from their marks


def test_a_title_with_no_room_beside_its_mark_sits_above_or_below_it_on_a_leader_line():
    fig = build_figure(clustered_timeline(clusters=FAR_CLUSTERS))
    boxes = label_boxes(fig)
    leaders = [b for b in boxes if b.kind == "leader"]
    assert leaders
    for leader in leaders:
        (label,) = [b for b in boxes if b.kind == "label" and b.event == leader.event]
        (marker,) = [b for b in boxes if b.kind == "marker" and b.event == leader.event]
        assert label.x0 < (leader.x0 + leader.x1) / 2 < label.x1  # it lands on the label
        assert marker.x0 < (leader.x0 + leader.x1) / 2 < marker.x1  # and leaves from the marker
        ends = sorted((leader.y0, leader.y1))
        mark_edge, label_edge = ((marker.y0, label.y1) if label.y1 <= marker.y0 else (marker.y1, label.y0))
        assert min(abs(e - mark_edge) for e in ends) <= 2 and min(abs(e - label_edge) for e in ends) <= 2
        assert "</span> " in event_labels(fig)[leader.event]  # a title, not a number


def test_a_label_beside_its_mark_has_no_leader(fig):
    boxes = label_boxes(fig)
    leader_events = {b.event for b in boxes if b.kind == "leader"}
    for label in (b for b in boxes if b.kind == "label" and b.event not in leader_events):
        (marker,) = [b for b in boxes if b.kind == "marker" and b.event == label.event]
        assert label.y0 < (marker.y0 + marker.y1) / 2 < label.y1


@pytest.mark.parametrize("seed", range(12))
def test_every_label_stays_inside_its_lane(seed):
    count = random.Random(seed).randrange(3, 41)
    laid = layout(figure_view(clustered_timeline(count, seed=seed)))
    for d in laid.drawn:
        lane = laid.lanes[d.mark.lane]
        assert lane.top <= d.label_y - d.label_height / 2 and d.label_y + d.label_height / 2 <= lane.bottom, d.mark.number


# ---------------------------------------------------------------- standalone exports


def heading_texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.name == "heading"]


def test_a_standalone_figure_carries_the_briefs_title_and_cut_off(timeline):
    fig = build_figure(timeline, standalone=True)
    assert heading_texts(fig) == [f"<b>{timeline.brief.title}</b>", "Information as of 31 March 2024"]


def test_the_figure_for_the_brief_has_no_heading(fig):
    assert heading_texts(fig) == []


def test_a_standalone_figure_is_the_figure_laid_out_17_cm_wide_under_its_heading(timeline):
    view = figure_view(timeline, standalone=True)
    alone, plain = layout(view), layout(replace(view, standalone=False))
    assert alone.width_px == plain.width_px == WIDTH_PX
    assert [(d.mark.number, d.label, d.y) for d in alone.drawn] == [(d.mark.number, d.label, d.y) for d in plain.drawn]
    assert alone.height_px - plain.height_px == alone.margin_top - plain.margin_top > 0


def test_a_standalone_figure_is_the_same_whatever_the_briefs_paper(timeline):
    assert figure_view(timeline, standalone=True, paper="letter") == figure_view(timeline, standalone=True)
    assert (build_figure(timeline, standalone=True, paper="letter").to_json()
            == build_figure(timeline, standalone=True).to_json())


def test_a_standalone_heading_never_overlaps_and_stays_inside_the_figure(timeline):
    for tl in (timeline, clustered_timeline()):
        fig = build_figure(tl, standalone=True)
        boxes = label_boxes(fig)
        assert collisions(boxes) == []
        for box in (b for b in boxes if b.kind == "heading"):
            assert 0 <= box.x0 and box.x1 <= fig.layout.width and 0 <= box.y0 and box.y1 <= fig.layout.margin.t, box


def test_a_long_title_wraps_to_two_lines_within_the_figure():
    tl = clustered_timeline(5)
    long_title = "A title that goes on and on " * 8
    tl = Timeline(path=tl.path, brief=replace(tl.brief, title=long_title), sources=tl.sources, events=tl.events)
    fig = build_figure(tl, standalone=True)
    lines = heading_texts(fig)[:-1]
    assert len(lines) == 2 and lines[1].endswith("…</b>")
    assert all(b.x1 <= fig.layout.width for b in label_boxes(fig) if b.kind == "heading")


def test_the_standalone_view_keeps_the_title_and_the_plain_view_does_not(timeline):
    assert figure_view(timeline, standalone=True).timeline.brief.title == timeline.brief.title
    assert figure_view(timeline).timeline.brief.title == ""
    assert figure_view(timeline) != figure_view(timeline, standalone=True)


def test_the_html_page_title_names_the_brief_and_its_cut_off(timeline):
    assert html_title(timeline) == f"{timeline.brief.title} — timeline (Information as of 31 March 2024)"


def named(fig) -> tuple[int, int]:
    """How well a figure names its events: fewest left as bare ticks first, then most titled."""
    return -len(trace_ids(fig, CROWDED_TRACE)), sum("</span> " in text for text in event_labels(fig).values())


@pytest.mark.parametrize("seed", range(8))
def test_shortening_the_axis_never_names_events_worse_than_the_linear_axis(seed):
    for clusters in (CLUSTERS, FAR_CLUSTERS):
        tl = clustered_timeline(random.Random(seed).randrange(10, 41), seed=seed, clusters=clusters)
        assert named(build_figure(tl)) >= named(build_figure(tl, axis="linear"))


def test_clusters_years_apart_are_drawn_on_a_shortened_axis():
    assert shapes_named(build_figure(clustered_timeline(clusters=FAR_CLUSTERS)), "break")


# ---------------------------------------------------------------- laid out for the page it prints on

PAPERS = ("a4", "letter")
# What the brief's page must hold however many events: dense, crowded, and dense over several lanes.
DENSE = {"200 events": dense_timeline, "2,000 in one lane": crowded_timeline,
         "2,000 over four lanes": lambda: dense_timeline(2_000)}


@functools.cache
def dense_figure(name: str, paper: str | None):
    """The DENSE timeline `name` drawn for the brief on `paper`, or standalone (None): drawn once."""
    return build_figure(DENSE[name](), standalone=paper is None, paper=paper or "a4")


def print_scale(fig, paper: str | None) -> float:
    """pt per figure px as printed: in the brief, as its page draws it (the frame's width, unless the
    figure is too tall for the room under the heading); on its own, 17 cm wide."""
    if paper is None:
        return STANDALONE_WIDTH_PT / fig.layout.width
    width_pt, height_pt = figure_room(paper)
    return min(width_pt / fig.layout.width, height_pt / fig.layout.height)


def smallest_text_px(fig) -> float:
    sizes = [a.font.size or fig.layout.font.size for a in fig.layout.annotations]
    return min(sizes + [fig.layout.xaxis.tickfont.size, fig.layout.font.size])


@pytest.mark.parametrize("paper", PAPERS)
def test_the_briefs_figure_is_laid_out_as_wide_as_its_pages_frame_at_print_size(timeline, paper):
    width_pt, _ = figure_room(paper)
    fig = build_figure(timeline, paper=paper)
    assert fig.layout.width == int(width_pt * PX_PER_PT) > WIDTH_PX
    assert width_pt * 0.999 <= fig.layout.width / PX_PER_PT <= width_pt


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.parent.name)
def test_the_briefs_figure_keeps_to_the_height_of_its_page_so_it_prints_its_full_width(path, paper):
    loaded, _ = load_timeline(path)
    for axis in AXES:
        fig = build_figure(loaded, axis=axis, paper=paper)
        assert fig.layout.height <= figure_frame(paper).height_px, (axis, fig.layout.height)
        assert print_scale(fig, paper) == figure_room(paper)[0] / fig.layout.width


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", DENSE)
def test_a_dense_figure_keeps_to_its_page_too(name, paper):
    fig = dense_figure(name, paper)
    assert fig.layout.width == figure_frame(paper).width_px
    assert fig.layout.height <= figure_frame(paper).height_px
    assert trace_ids(fig, CROWDED_TRACE), "more events than the page can label: some are ticks"


@pytest.mark.parametrize("paper", [*PAPERS, None], ids=[*PAPERS, "standalone"])
@pytest.mark.parametrize("name", DENSE)
def test_a_dense_figure_never_overlaps_and_keeps_its_labels_in_the_plot(name, paper):
    fig = dense_figure(name, paper)
    boxes = label_boxes(fig)
    assert collisions(boxes) == []
    left, right = fig.layout.margin.l, fig.layout.width - fig.layout.margin.r
    for box in (b for b in boxes if b.kind == "label"):
        assert left <= box.x0 and box.x1 <= right and fig.layout.margin.t <= box.y0, box


def test_a_standalone_dense_figure_keeps_to_its_height():
    for name in DENSE:
        fig = dense_figure(name, None)
        assert fig.layout.height - fig.layout.margin.t + MARGIN_TOP <= STANDALONE_HEIGHT_PX


@pytest.mark.parametrize("paper", [*PAPERS, None], ids=[*PAPERS, "standalone"])
def test_every_text_prints_at_7_pt_or_more(timeline, paper):
    drawn = [build_figure(tl, standalone=paper is None, paper=paper or "a4") for tl in (timeline, clustered_timeline())]
    for fig in drawn + [dense_figure(name, paper) for name in DENSE]:
        assert smallest_text_px(fig) * print_scale(fig, paper) >= PRINT_PT == 7, (fig.layout.width, fig.layout.height)


def test_the_wider_figure_shows_every_title_of_the_seed_whole():
    seed, _ = load_timeline(FIXTURES[0])
    labels = event_labels(build_figure(seed))
    assert len(labels) == len(seed.events)
    assert all("</span> " in text and not text.removesuffix("</b>").endswith("…") for text in labels.values())


def named_whole(fig) -> tuple[int, int, int]:
    """`named`, then how many titles show whole: what the wider figure is for."""
    return (*named(fig), sum("</span> " in text and not text.removesuffix("</b>").endswith("…")
                             for text in event_labels(fig).values()))


@pytest.mark.parametrize("seed", range(6))
def test_the_briefs_wider_figure_names_events_at_least_as_well_as_the_17_cm_one(seed):
    count = random.Random(seed).randrange(10, 41)
    timelines = [clustered_timeline(count, seed=seed, clusters=clusters) for clusters in (CLUSTERS, FAR_CLUSTERS)]
    if seed == 0:
        timelines += [load_timeline(path)[0] for path in FIXTURES]
    for tl in timelines:
        assert named_whole(build_figure(tl)) >= named_whole(build_figure(tl, standalone=True))


def test_a_figure_of_many_threads_keeps_to_its_page_with_lanes_thinner_than_usual():
    # Ten threads of one event: MIN_LANE_PX each would be taller than the page's room.
    events = [dict(id=f"t{lane}", date=PartialDate(2023, 1 + lane, 5), title=f"Thread event {lane}",
                   tags=(f"thread-{lane:02d}",)) for lane in range(10)]
    fig = build_figure(synthetic_timeline(events))
    assert 10 * MIN_LANE_PX > figure_frame("a4").height_px - fig.layout.margin.t - fig.layout.margin.b
    assert fig.layout.height <= figure_frame("a4").height_px
    lanes = [b for b in label_boxes(fig) if b.kind == "lane"]
    assert len(lanes) == 10 and collisions(label_boxes(fig)) == []
    bands = [s for s in fig.layout.shapes if s.type == "rect" and s.xref == "paper" and s.x0 == 0 and s.x1 < 0.01]
    assert len(bands) == 10 and max(s.y1 - s.y0 for s in bands) < MIN_LANE_PX
