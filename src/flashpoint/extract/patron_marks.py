"""Names that only say whose a phrase's actor is: the patron of "Iran-backed militias", the
parent of "al-Qaeda affiliate al-Nusra Front". Their mentions are marked so that the relation
stages do not make them sides of what the phrase's actor does."""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.extract.actor_table import ActorMention, ActorTable

# "Iran-backed militias", "an ISIS-linked cell": the name before the hyphen is the patron
PATRON_HYPHENED = (
    "backed", "supported", "sponsored", "funded", "armed", "trained",
    "linked", "affiliated", "allied", "aligned", "inspired",
)  # fmt: skip
# "al-Qaeda affiliate al-Nusra", "al-Qaeda's former Syria affiliate", "an ISIS offshoot"
PARENT_NOUNS = {"affiliate", "affiliates", "offshoot", "offshoots", "splinter", "franchise"}
MAX_PARENT_GAP = 3


# "US-backed attacks": the patron only backs whoever attacks; "Wagner-linked fighters" are,
# as ACLED would code them, the group's own
BACKING_HYPHENED = ("backed", "supported", "sponsored", "funded", "armed", "trained", "equipped")


def only_backs(doc: Doc, mention: ActorMention) -> bool:
    """A patron mention whose hyphened word only backs the phrase's actor ('US' in 'US-backed
    Syrian attacks'): no side of what that actor does."""
    end = mention.token_end
    return (
        mention.how == "patron"
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].lower_.endswith(BACKING_HYPHENED)
    )


def mark_patrons(doc: Doc, table: ActorTable) -> None:
    """Mark 'patron' every mention that `only_patron` finds: as the relation extractor marks
    those it adds, so that it is no side of what the phrase's actor does."""
    for mention in table.mentions:
        if only_patron(doc, table, mention):
            mention.how = "patron"


def only_patron(doc: Doc, table: ActorTable, mention: ActorMention) -> bool:
    """A name that only says whose the phrase's actor is ('Iran' in 'Iran-backed militias',
    'al-Qaeda' in 'al-Qaeda affiliate al-Nusra Front' or in 'al-Qaeda's former Syria
    affiliate') is the patron or parent, not the actor of the phrase. 'US-led' is left alone:
    the leader of a coalition acts with it."""
    end = mention.token_end
    if end + 1 < len(doc) and doc[end].text == "-":
        return doc[end + 1].lower_.endswith(PATRON_HYPHENED)
    if end < len(doc) and doc[end].lower_ in {"'s", "’s"}:
        end += 1
    for k in range(end, min(len(doc), end + MAX_PARENT_GAP + 1)):
        if doc[k].lower_ in PARENT_NOUNS:
            return True
        inside = table.at(k)
        if doc[k].pos_ not in {"ADJ", "PROPN", "NOUN"} or (
            inside is not None and table.actors[inside.actor_id].kind != "state"
        ):
            return False  # "al-Qaeda's Yemen affiliate": a country may say where it is
    return False
