"""`analyse(text)`: the session's warm Analyzer, dated by the test module's `PUBLISHED` (when
it sets one), so relative dates and the registry's time spans read as the module's texts need."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def analyse(analyzer, request):
    published = getattr(request.module, "PUBLISHED", None)
    return lambda text: analyzer.analyze_text(text, published=published)
