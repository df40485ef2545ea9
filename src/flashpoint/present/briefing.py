"""The terminal briefing: what an analyst reads first, every line traceable to its source.

Sections: flashpoints (with their escalation path), actors by side with patrons, key events
with place, date, modality and who says so, quotes, and the author's opinion set apart.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from flashpoint.model import Analysis, Attribution, Event, Flashpoint

ARROWS = {"patron_of": "→", "commands": "→", "client_of": "←", "part_of": "←"}
MODALITY_STYLE = {
    "asserted": "green",
    "negated": "red",
    "conditional": "yellow",
    "threatened": "magenta",
    "intended": "cyan",
    "speculative": "bright_black",
}
MAX_EVENTS = 25


def actor_names(analysis: Analysis) -> dict[str, str]:
    return {a.id: a.name for a in analysis.actors}


def path_text(flashpoint: Flashpoint, names: dict[str, str]) -> str:
    """'United States → SDF ✕ Syrian Arab Army ← Russia'."""
    parts: list[str] = []
    for index, step in enumerate(flashpoint.path):
        parts.append(names.get(step.actor, step.actor))
        if index + 1 < len(flashpoint.path):
            if step.relation in ARROWS:
                parts.append(ARROWS[step.relation])
            else:
                parts.append("✕")
    return " ".join(parts)


def source_text(attribution: Attribution) -> str:
    if attribution.kind == "author":
        return "author"
    if attribution.kind == "outlet":
        return f"per {attribution.outlet}"
    who = attribution.speaker or "unnamed source"
    if attribution.kind == "unnamed":
        who = f"{who} (unnamed)"
    if attribution.role and attribution.kind == "speaker":
        who = f"{who}, {attribution.role}"
    return f"{who} via {attribution.outlet}" if attribution.outlet else who


def event_line(event: Event, names: dict[str, str], places: dict[str, str]) -> str:
    who = names.get(event.source, "?") if event.source else "?"
    whom = names.get(event.target, "") if event.target else ""
    text = f"{who} {event.type}{'/' + event.mode if event.mode else ''}"
    if whom:
        text += f" {whom}"
    if event.place:
        text += f" @ {places.get(event.place, event.place)}"
    return text


def render(analysis: Analysis, console: Console | None = None) -> None:
    """Print the briefing for one analysed document."""
    console = console or Console()
    names = actor_names(analysis)
    places = {p.id: p.name for p in analysis.places}
    document = analysis.document
    header = Text(document.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (document.outlet, str(document.published or "date unknown")) if x)
    console.print(Panel(Group(header, Text(meta, style="dim")), title="flashpoint briefing"))

    if analysis.flashpoints:
        table = Table(title="Flashpoints", show_lines=True, expand=True)
        table.add_column("score", justify="right", width=5)
        table.add_column("where")
        table.add_column("escalation path")
        table.add_column("evidence")
        for fp in analysis.flashpoints:
            table.add_row(  # names and evidence come from the text: never markup
                f"{fp.score:.2f}",
                escape(places.get(fp.place or "", fp.place or "?")),
                escape(path_text(fp, names)),
                escape(", ".join(fp.evidence[:6])),
            )
        console.print(table)
    else:
        console.print("[dim]No flashpoint: no opposed forces reported at the same place.[/dim]")

    relations = Table(title="Who backs, leads and fights whom", expand=True)
    relations.add_column("relation")
    relations.add_column("sources", justify="right")
    relations.add_column("says who")
    for rel in sorted(analysis.relations, key=lambda r: (r.type, -len(r.evidence))):
        said = sorted({source_text(e.attribution) for e in rel.evidence})
        relations.add_row(
            f"{escape(names.get(rel.source, rel.source))} [bold]{rel.type}[/bold] "
            f"{escape(names.get(rel.target, rel.target))}",
            str(len(rel.evidence)),
            escape("; ".join(said)),
        )
    if analysis.relations:
        console.print(relations)

    events = Table(title="Events", expand=True)
    events.add_column("id", width=5)
    events.add_column("what")
    events.add_column("when", width=12)
    events.add_column("modality")
    events.add_column("says who")
    for event in analysis.events[:MAX_EVENTS]:
        style = MODALITY_STYLE.get(event.modality, "")
        when = str(event.date.start) if event.date.start else "—"
        if event.date.precision == "month" and event.date.start:
            when = event.date.start.strftime("%b %Y")
        if event.date.precision == "year" and event.date.start:
            when = str(event.date.start.year)
        modality = f"[{style}]{event.modality}[/{style}]" + (" · opinion" if event.opinion else "")
        events.add_row(
            event.id,
            escape(event_line(event, names, places)),
            when,
            modality,
            escape(source_text(event.attribution)),
        )
    if analysis.events:
        console.print(events)
        if len(analysis.events) > MAX_EVENTS:
            console.print(f"[dim]… {len(analysis.events) - MAX_EVENTS} more in --json[/dim]")

    actors = Table(title="Actors", expand=True)
    actors.add_column("actor")
    actors.add_column("kind")
    actors.add_column("mentions", justify="right")
    actors.add_column("also called")
    for actor in sorted(analysis.actors, key=lambda a: -len(a.mentions)):
        if not actor.mentions:
            continue
        label = escape(actor.name) + ("" if actor.known else " [dim](new)[/dim]")
        if actor.role:
            label += f"\n[dim]{escape(actor.role)}[/dim]"
        aliases = escape(", ".join(actor.aliases[:4]))
        actors.add_row(label, escape(actor.kind), str(len(actor.mentions)), aliases)
    console.print(actors)

    for quote in analysis.quotes:
        if not quote.direct:
            continue
        who = quote.speaker or "unattributed"
        if quote.role:
            who += f", {quote.role}"
        if quote.via:
            who += f" (to {quote.via})"
        console.print(
            Text(f"“{quote.text.strip()}”", style="italic"), Text(f"  — {who}", style="dim")
        )
    if analysis.opinions:
        console.print(
            Panel(
                Text("\n\n".join(o.text.strip() for o in analysis.opinions)),
                title="Author opinion (not reported fact)",
                border_style="bright_black",
            )
        )
    for warning in analysis.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
