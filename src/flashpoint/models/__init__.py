"""Our trained components: loading and scoring only (training lives in `flashpoint.train`).

>>> models = Models.load()
>>> models.events.classify(["Gunmen abducted two aid workers near Gao."])[0].acled
'ABDUCT_DISSAP'
"""

from flashpoint.models.acled import ACLED_EVENT_TYPES, ACLED_SUB_EVENT_NAMES, acled_code
from flashpoint.models.classifiers import (
    EventClassifier,
    EventPrediction,
    Models,
    RelationClassifier,
    RelationPrediction,
)

__all__ = [
    "ACLED_EVENT_TYPES",
    "ACLED_SUB_EVENT_NAMES",
    "EventClassifier",
    "EventPrediction",
    "Models",
    "RelationClassifier",
    "RelationPrediction",
    "acled_code",
]
