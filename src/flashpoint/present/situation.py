"""The situation report written out: Markdown, HTML or JSON, every sentence with its sources
in brackets ("[The Guardian, 2018-02-08; Reuters, 2018-02-09]")."""

from __future__ import annotations

import html

from flashpoint.analyze.report import Brief, Sentence

EMPTY = "Nothing in this window that the reports support."


def cite(sentence: Sentence) -> str:
    """The bracketed sources; a quoted speaker is named ('quoting ...')."""
    labels = []
    for source in sentence.sources:
        label = source.label()
        if source.speaker:
            label += f", quoting {source.speaker}"
        labels.append(label)
    return "[" + "; ".join(labels) + "]"


def to_markdown(brief: Brief) -> str:
    lines = [f"# {brief.title}", ""]
    for section in brief.sections:
        lines += [f"## {section.title}", ""]
        if not section.sentences:
            lines += [f"_{EMPTY}_", ""]
            continue
        lines += [f"- {s.text} {cite(s)}" for s in section.sentences]
        lines.append("")
    return "\n".join(lines)


def to_html(brief: Brief) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(brief.title)}</title></head><body>",
        f"<h1>{html.escape(brief.title)}</h1>",
    ]
    for section in brief.sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        if not section.sentences:
            parts.append(f"<p><em>{html.escape(EMPTY)}</em></p>")
            continue
        parts.append("<ul>")
        for s in section.sentences:
            parts.append(f"<li>{html.escape(s.text)} <cite>{html.escape(cite(s))}</cite></li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def to_json(brief: Brief) -> dict:
    return {
        "title": brief.title,
        "start": brief.start.isoformat() if brief.start else None,
        "end": brief.end.isoformat() if brief.end else None,
        "region": brief.region,
        "sections": [
            {
                "title": section.title,
                "sentences": [
                    {
                        "text": s.text,
                        "sources": [
                            {
                                "outlet": src.outlet,
                                "published": src.published.isoformat() if src.published else None,
                                "document": src.document,
                                "speaker": src.speaker,
                            }
                            for src in s.sources
                        ],
                        "cited": cite(s),
                    }
                    for s in section.sentences
                ],
            }
            for section in brief.sections
        ],
    }
