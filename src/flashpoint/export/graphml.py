"""The actor network as GraphML (via networkx): actors as nodes, relations as typed edges with
their evidence counts and first/last seen dates, and events between actors as edges counted by
PLOVER type. Nodes carry their coalition (id, name, attachment weight, core or not) from the
corpus analysis at the export's end. Opens in Gephi, Cytoscape, yEd and networkx."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, BinaryIO

import networkx as nx

from flashpoint.export.data import ExportData

# Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/FFFF): an
# actor name read from an article may carry one, and the writer would stop on it.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: Any) -> Any:
    """A string with the characters XML cannot hold replaced by U+FFFD; others unchanged."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with every node id, key and attribute value XML-safe."""
    safe = nx.MultiDiGraph(**{k: xml_safe(v) for k, v in graph.graph.items()})
    for node, attributes in graph.nodes(data=True):
        safe.add_node(xml_safe(node), **{k: xml_safe(v) for k, v in attributes.items()})
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        safe.add_edge(
            xml_safe(source),
            xml_safe(target),
            key=xml_safe(key),
            **{k: xml_safe(v) for k, v in attributes.items()},
        )
    return safe


def actor_graph(data: ExportData) -> nx.MultiDiGraph:
    """A multigraph: one edge per relation (edge kind 'relation') and per actor pair and event
    type (edge kind 'event', with the number of merged events and reports)."""
    graph = nx.MultiDiGraph(name="flashpoint actor network")
    camps = {m["id"]: (c, m["weight"]) for c in data.coalitions for m in c["members"]}

    def add_node(actor_id: str, fallback: str) -> None:
        if actor_id in graph:
            return
        actor = data.actors.get(actor_id)
        attributes: dict = {"label": actor.name if actor else fallback}
        attributes["kind"] = actor.kind if actor else ""
        camp, weight = camps.get(actor_id, (None, 0.0))
        # coalition membership as of the export's end ("" when in none): see docs/analysis.md
        attributes.update(
            coalition=camp["id"] if camp else "",
            coalition_name=camp["name"] if camp else "",
            coalition_weight=float(weight),
            coalition_core=bool(camp and actor_id in camp["core"]),
        )
        if actor is not None:
            attributes.update(
                country=actor.country or "",
                known=actor.known,
                mentions=actor.n_mentions,
                documents=actor.n_documents,
            )
        graph.add_node(actor_id, **attributes)

    for relation in data.relations:
        add_node(relation.source_id, relation.source)
        add_node(relation.target_id, relation.target)
        graph.add_edge(
            relation.source_id,
            relation.target_id,
            key=f"relation-{relation.id}",
            kind="relation",
            type=relation.type,
            evidence=relation.n_evidence,
            documents=relation.n_documents,
            outlets=relation.n_outlets,
            first_seen=relation.first_seen.isoformat() if relation.first_seen else "",
            last_seen=relation.last_seen.isoformat() if relation.last_seen else "",
        )
    events: Counter = Counter()
    reports: Counter = Counter()
    for event in data.events:
        if event.source_id and event.target_id:
            add_node(event.source_id, event.source or event.source_id)
            add_node(event.target_id, event.target or event.target_id)
            key = (event.source_id, event.target_id, event.type)
            events[key] += 1
            reports[key] += event.n_sources
    for (source, target, kind), count in sorted(events.items()):
        graph.add_edge(
            source,
            target,
            key=f"event-{kind}",
            kind="event",
            type=kind,
            events=count,
            evidence=reports[(source, target, kind)],
        )
    return graph


def export_graphml(data: ExportData, out: BinaryIO) -> int:
    """Write GraphML; returns the number of edges.

    Nodes and edges share attribute names ("kind", "documents"), and GraphML needs one `<key>`
    per name and domain, each with its own id: networkx's generated ids (d0, d1, ...) are
    unique, the attribute names go in `attr.name`, which is what every reader shows."""
    graph = _xml_safe_graph(actor_graph(data))
    nx.write_graphml(graph, out, named_key_ids=False)
    return graph.number_of_edges()
