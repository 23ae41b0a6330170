"""The email draft: an RFC 5322 message a mail client opens ready to send.

Built with the standard library's `email` package, which does everything the
draft needs (alternative bodies, an inline image by Content-ID, an attachment,
folding and encoding of headers). Two choices keep a rebuild byte-identical:
no Date or Message-ID (the client adds them when the analyst sends), and MIME
boundaries derived from the content instead of random ones.

`X-Unsent: 1` makes Outlook open the file as an editable draft; Thunderbird
opens it with "Edit as New Message".
"""

from __future__ import annotations

import hashlib
import html
import textwrap
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP

from .model import Timeline
from .wording import day_month_year, file_size, information_as_of, plural

WRAP_COLUMNS = 72
# Many corporate mail servers refuse larger messages by default.
SIZE_WARNING_BYTES = 10 * 1024 * 1024
FIGURE_CID = "timeline-figure@briefing"


@dataclass(frozen=True)
class Attachment:
    name: str  # ASCII file name
    data: bytes
    pages: int


@dataclass(frozen=True)
class MailContent:
    """What the message says besides the timeline's own text."""

    changes: list[str] = field(default_factory=list)
    previous_as_of: str | None = None  # the earlier edition's as_of, shown with the changes
    source_summary: str | None = None
    figure_png: bytes | None = None
    draft: bool = False


def subject(timeline: Timeline, draft: bool) -> str:
    """`brief.email.subject`, else the title and the information date; DRAFT and the marking in front."""
    brief = timeline.brief
    default = f"{brief.title}, as of {day_month_year(brief.as_of)}"
    text = brief.email.subject if brief.email and brief.email.subject else default
    if draft:
        text = f"DRAFT – UNVERIFIED: {text}"
    if brief.marking:
        text = f"[{brief.marking}] {text}"
    return text


def compose(timeline: Timeline, content: MailContent, attachment: Attachment) -> bytes:
    """The message's bytes (CRLF line ends, as sent)."""
    brief = timeline.brief
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject(timeline, content.draft)
    if brief.email and brief.email.to:
        message["To"] = ", ".join(brief.email.to)
    if brief.email and brief.email.cc:
        message["Cc"] = ", ".join(brief.email.cc)
    message["X-Unsent"] = "1"
    message.set_content(plain_body(timeline, content, attachment))
    message.add_alternative(html_body(timeline, content, attachment), subtype="html")
    if content.figure_png:
        html_part = message.get_payload()[1]
        html_part.add_related(content.figure_png, maintype="image", subtype="png",
                              cid=f"<{FIGURE_CID}>", filename="timeline.png")
    message.add_attachment(attachment.data, maintype="application", subtype="pdf", filename=attachment.name)
    _fix_boundaries(message)
    return message.as_bytes(policy=SMTP)


def _fix_boundaries(message: EmailMessage) -> None:
    """Boundaries from a digest of the parts, so the same inputs give the same bytes.

    A digest of the content cannot occur in that content by chance; the
    prefix and depth keep nested boundaries distinct.
    """
    def walk(part, depth: int) -> None:
        if not part.is_multipart():
            return
        children = part.get_payload()
        for child in children:
            walk(child, depth + 1)
        digest = hashlib.sha256()
        for child in children:
            digest.update(child.as_bytes(policy=SMTP))
        part.set_boundary(f"=_briefing_{depth}_{digest.hexdigest()[:24]}")

    walk(message, 0)


def _attached_line(attachment: Attachment) -> str:
    return f"Attached: {attachment.name} ({plural(attachment.pages, 'page')}, {file_size(len(attachment.data))})"


def plain_body(timeline: Timeline, content: MailContent, attachment: Attachment) -> str:
    brief = timeline.brief
    wrap = lambda text, indent="": textwrap.fill(text, WRAP_COLUMNS, initial_indent=indent,  # noqa: E731
                                                 subsequent_indent=" " * len(indent))
    lines: list[str] = []
    if content.draft:
        lines += ["DRAFT – UNVERIFIED: the check found errors; do not forward.", ""]
    lines += [brief.title.upper(), information_as_of(brief.as_of), ""]
    lines += ["BOTTOM LINE", ""]
    for paragraph in brief.paragraphs():
        lines += [wrap(paragraph), ""]
    if brief.judgements:
        lines += ["KEY JUDGEMENTS", ""]
        for number, judgement in enumerate(brief.judgements, 1):
            lines += [wrap(f"{' '.join(judgement.text.split())} ({judgement.confidence} confidence)", f"{number}. "), ""]
    if content.changes:
        since = f" ({content.previous_as_of})" if content.previous_as_of else ""
        lines += [f"CHANGES SINCE THE PREVIOUS EDITION{since}", ""]
        lines += [wrap(change, "- ") for change in content.changes]
        lines.append("")
    if content.source_summary:
        lines += [wrap(content.source_summary), ""]
    lines.append(_attached_line(attachment))
    return "\n".join(lines) + "\n"


# The brief's own colours (briefing.pdf.styles), written out: mail clients drop <style> blocks
# and stylesheets, so every element carries its style inline, and a table holds the column.
ACCENT, MUTED, RULE, PANEL = "#1F4E79", "#5B6470", "#C9D1DB", "#F6F8FA"
CONFIDENCE_COLOURS = {"high": ("#1F4E79", "#FFFFFF"), "moderate": ("#D9E4F0", "#1F4E79"),
                      "low": ("#EEF0F3", "#3A4350")}
FONT = "Arial, Helvetica, sans-serif"


def _heading(text: str) -> str:
    return (f'<h2 style="font-family:{FONT};font-size:13px;letter-spacing:0.06em;text-transform:uppercase;'
            f'color:{ACCENT};margin:22px 0 8px 0;padding-bottom:4px;border-bottom:1px solid {RULE};">'
            f"{text}</h2>")


def _confidence(level: str) -> str:
    background, colour = CONFIDENCE_COLOURS.get(level, CONFIDENCE_COLOURS["low"])
    return (f'<span style="display:inline-block;font-size:11px;font-weight:bold;padding:1px 7px;'
            f'border-radius:9px;background:{background};color:{colour};white-space:nowrap;">'
            f"{html.escape(level)} confidence</span>")


def html_body(timeline: Timeline, content: MailContent, attachment: Attachment) -> str:
    brief = timeline.brief
    e = html.escape
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>', e(brief.title), "</title></head>",
             f'<body style="margin:0;padding:0;background:#FFFFFF;">'
             f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>'
             f'<td align="center" style="padding:20px 12px;">'
             f'<table role="presentation" width="720" cellpadding="0" cellspacing="0" border="0" '
             f'style="max-width:720px;width:100%;"><tr><td style="font-family:{FONT};font-size:14px;'
             f'line-height:1.5;color:#1A1A1A;text-align:left;">']
    if content.draft:
        parts.append('<p style="background:#B00020;color:#FFFFFF;padding:8px 12px;margin:0 0 12px 0;'
                     'font-weight:bold;">DRAFT – UNVERIFIED: the check found errors; do not forward.</p>')
    if brief.marking:
        parts.append(f'<p style="text-align:center;font-size:11px;font-weight:bold;letter-spacing:0.08em;'
                     f'color:{MUTED};margin:0 0 10px 0;">{e(brief.marking)}</p>')
    parts.append(f'<div style="border-top:4px solid {ACCENT};padding-top:12px;">'
                 f'<h1 style="font-family:{FONT};font-size:22px;line-height:1.25;color:{ACCENT};margin:0 0 4px 0;">'
                 f"{e(brief.title)}</h1>")
    if brief.subtitle:
        parts.append(f'<p style="font-size:15px;color:#333333;margin:0 0 4px 0;">{e(brief.subtitle)}</p>')
    parts.append(f'<p style="font-size:12px;color:{MUTED};margin:0;">'
                 f"{information_as_of(brief.as_of)}</p></div>")
    parts.append(_heading("Bottom line"))
    parts += [f'<p style="margin:0 0 10px 0;">{e(p)}</p>' for p in brief.paragraphs()]
    if brief.judgements:
        parts.append(_heading("Key judgements"))
        parts.append('<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">')
        for number, judgement in enumerate(brief.judgements, 1):
            parts.append(f'<tr><td valign="top" style="font-family:{FONT};font-weight:bold;color:{ACCENT};'
                         f'width:26px;padding:4px 0;">{number}.</td>'
                         f'<td valign="top" style="font-family:{FONT};font-size:14px;line-height:1.5;padding:4px 0;">'
                         f'{e(" ".join(judgement.text.split()))} {_confidence(judgement.confidence)}</td></tr>')
        parts.append("</table>")
    if content.changes:
        since = f" ({e(content.previous_as_of)})" if content.previous_as_of else ""
        parts.append(_heading("Changes since the previous edition"))
        if since:
            parts.append(f'<p style="font-size:12px;color:{MUTED};margin:0 0 6px 0;">Compared with the edition '
                         f"of {e(content.previous_as_of.removeprefix('information as of '))}.</p>")
        parts.append(f'<ul style="margin:0;padding:10px 14px 10px 30px;background:{PANEL};'
                     f'border-left:3px solid {ACCENT};">')
        parts += [f'<li style="margin:2px 0;">{e(change)}</li>' for change in content.changes]
        parts.append("</ul>")
    if content.figure_png:
        parts.append(_heading("Timeline"))
        parts.append(f'<img src="cid:{FIGURE_CID}" alt="Timeline of the events in the brief" width="720" '
                     f'style="display:block;width:100%;max-width:720px;height:auto;border:1px solid {RULE};">')
    if content.source_summary:
        parts.append(f'<p style="font-size:12px;color:{MUTED};margin:10px 0 0 0;"><b>Sources.</b> '
                     f"{e(content.source_summary)}</p>")
    parts.append(f'<p style="font-size:12px;color:#333333;margin:18px 0 0 0;padding:8px 12px;background:{PANEL};'
                 f'border:1px solid {RULE};">{e(_attached_line(attachment))}</p>')
    parts.append("</td></tr></table></td></tr></table></body></html>")
    return "".join(parts) + "\n"
