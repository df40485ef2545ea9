"""The per-batch error handler: one bad or endless document costs one rejection, not the run."""

from __future__ import annotations

import time

from flashpoint.errors import ANALYSIS_FAILED, INPUT_NOT_ENGLISH, FlashpointError
from flashpoint.model import Analysis, Document
from flashpoint.store.ingest import analyse_batch, time_limit


class Stubborn:
    """Analyses documents, except that 'loop' never finishes, 'boom' crashes, 'foreign' is
    refused; stands in for the real Analyzer only to exercise the error handler."""

    def analyze(self, document: Document) -> Analysis:
        if "loop" in document.text:
            while True:
                time.sleep(0.01)
        if "boom" in document.text:
            raise ZeroDivisionError("division by zero")
        if "foreign" in document.text:
            raise FlashpointError(INPUT_NOT_ENGLISH, "the text does not look like English")
        return Analysis(document=document)

    def analyze_many(self, documents: list[Document]) -> list[Analysis]:
        return [self.analyze(d) for d in documents]


def docs(*texts: str) -> list[Document]:
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]


def test_ingest_batch_isolates_each_failure():
    outcomes = analyse_batch(Stubborn(), docs("fine", "loop", "boom", "foreign", "ok"), timeout=0.3)
    by_id = {o.document_id: o for o in outcomes}
    assert by_id["d0"].analysis is not None and by_id["d4"].analysis is not None
    assert by_id["d1"].code == ANALYSIS_FAILED and "longer than 0.3 s" in by_id["d1"].reason
    assert by_id["d2"].code == ANALYSIS_FAILED and "ZeroDivisionError" in by_id["d2"].reason
    assert by_id["d3"].code == INPUT_NOT_ENGLISH


def test_ingest_time_limit_leaves_no_alarm_behind():
    with time_limit(0.5):
        pass
    time.sleep(0.6)  # an alarm left armed would raise here
    started = time.monotonic()
    with time_limit(None):
        time.sleep(0.05)
    assert time.monotonic() - started >= 0.05
