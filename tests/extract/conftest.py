"""`analyse(text)`: the session's warm Analyzer, dated by the test module's `PUBLISHED` (when
it sets one), so relative dates and the registry's time spans read as the module's texts need."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def analyse(analyzer, request):
    published = getattr(request.module, "PUBLISHED", None)
    return lambda text: analyzer.analyze_text(text, published=published)


@pytest.fixture(scope="session")
def roles():
    """`roles(result, trigger)`: the names of the source and target of the event on that word."""

    def of(result, trigger: str) -> tuple[str | None, str | None]:  # noqa: ANN001
        names = {a.id: a.name for a in result.actors}
        event = next(e for e in result.events if e.trigger == trigger)
        return names.get(event.source), names.get(event.target)

    return of
