"""The store's tables, as SQLAlchemy Core metadata shared by SQLite and PostgreSQL.

This module describes the *current* schema. Changes to it ship as a new Alembic revision in
`flashpoint/store/migrations/versions/`, which is what actually creates and alters tables.
Canonical ids are strings: registry ids for known actors, `name:<normalised name>` for actors
discovered on the fly, `gn:<geonameid>` or `pl:<name>|<country>` for places. Strings carry no
length limit (VARCHAR on PostgreSQL), so odd extractor output cannot fail a write; the writer
cuts keys to `KEY_CHARS` so that they stay indexable.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()
KEY_CHARS = 200

documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text),
    Column("outlet", String, index=True),
    Column("url", Text),
    Column("published", Date, index=True),
    Column("language", String),
    Column("source", Text, doc="where the document came from: a path, a row, a URL"),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

rejected = Table(
    "rejected",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String, nullable=False, unique=True),
    Column("document_id", String),
    Column("code", String, nullable=False),
    Column("reason", Text, nullable=False),
    Column("rejected_at", DateTime, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("parent", String),
    Column("known", Boolean, nullable=False),
    Column("first_seen", Date),
    Column("last_seen", Date),
)

aliases = Table(
    "aliases",
    metadata,
    Column("actor_id", String, ForeignKey("actors.id"), primary_key=True),
    Column("norm", String, primary_key=True),
    Column("alias", String, nullable=False),
    Index("ix_aliases_norm", "norm"),
)

places = Table(
    "places",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("norm", String, nullable=False, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String),
    Column("geonameid", Integer),
    Column("feature", String),
    Column("admin1", String),
    Index("ix_places_lat_lon", "lat", "lon"),  # the places near a report's (event look-up)
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False),
    Column("kind", String, nullable=False, doc="'actor' or 'place'"),
    Column("entity_id", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("document_id", "kind", "entity_id", "start", name="uq_mentions"),
    Index("ix_mentions_entity", "kind", "entity_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("modality", String, nullable=False),
    Column("source_id", String, index=True),
    Column("target_id", String, index=True),
    Column("place_id", String, index=True),
    Column("date_start", Date, index=True),
    Column("date_end", Date),
    Column("precision", String, nullable=False),
    Column("acled_event_type", String),
    Column("acled_sub_event_type", String),
    Column("cameo", String),
    Column("n_sources", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("first_reported", Date),
    Column("last_reported", Date),
    Column("fatalities", Integer, doc="the highest figure any of its reports states"),
    Column("injured", Integer, doc="the highest figure any of its reports states"),
    # the event look-up's two anchors: the same or a nearby place, or the same actor pair
    Index("ix_events_type_modality_place", "type", "modality", "place_id"),
    Index("ix_events_type_modality_pair", "type", "modality", "source_id", "target_id"),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False),
    Column("local_id", String, nullable=False, doc="the event's id inside its Analysis"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("trigger", String),
    Column("date_text", String),
    Column("attribution_kind", String, nullable=False),
    Column("speaker", String),
    Column("outlet", String),
    Column("opinion", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("fatalities", Integer, doc="killed, as this report states it (None: not stated)"),
    Column("injured", Integer, doc="wounded, as this report states it (None: not stated)"),
    Column(
        "clause",
        String,
        doc="where the report's trigger sits in its sentence: main, argument, reported or "
        "subordinate (model.ClauseRole); None: unknown (stored before revision 0004)",
    ),
    Column(
        "coded",
        Boolean,
        doc="the report is the event its sentence is coded for (model.main_event among the "
        "events of its sentence); None: unknown (stored before revision 0004)",
    ),
    UniqueConstraint("document_id", "local_id", name="uq_event_sources"),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String, nullable=False),
    Column("source_id", String, nullable=False, index=True),
    Column("target_id", String, nullable=False, index=True),
    Column("n_evidence", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("first_seen", Date),
    Column("last_seen", Date),
    UniqueConstraint("type", "source_id", "target_id", name="uq_relations"),
)

relation_evidence = Table(
    "relation_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("relation_id", Integer, ForeignKey("relations.id"), nullable=False, index=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("attribution_kind", String, nullable=False),
    Column("speaker", String),
    Column("outlet", String),
    Column("opinion", Boolean, nullable=False),
    UniqueConstraint("relation_id", "document_id", "start", name="uq_relation_evidence"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False, index=True),
    Column("speaker", String),
    Column("speaker_id", String, index=True),
    Column("role", String),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("via", String),
    Column("direct", Boolean, nullable=False),
)

flashpoints = Table(
    "flashpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False, index=True),
    Column("place_id", String, index=True),
    Column("score", Float, nullable=False),
    Column("summary", Text, nullable=False),
    Column("data", Text, nullable=False, doc="the Flashpoint record as JSON"),
)

# Tables in the order a fresh count or a wipe should visit them (children first).
TABLES = (
    flashpoints,
    quotes,
    relation_evidence,
    relations,
    event_sources,
    events,
    mentions,
    aliases,
    places,
    actors,
    rejected,
    documents,
)
