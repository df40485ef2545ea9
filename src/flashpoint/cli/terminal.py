"""Printing text from articles to a terminal without letting it drive the terminal.

An article, a feed or a page title may hold escape sequences (clear the screen, set the
window title, hide text) or other control characters. `SafeConsole` drops them from every
piece of text it prints, at print time, while keeping the styles Rich itself writes, so the
data in the store and in JSON output stays as it was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` without the control characters a terminal would act on."""
    return _CONTROL.sub("", text)


class SafeConsole(Console):
    """A Rich console that prints article text inert (see the module docstring)."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # Rich's own cursor and style codes are added after this point, or live in control
        # segments; only the text of plain segments comes from the data.
        cleaned = (
            segment if segment.control else Segment(terminal_safe(segment.text), segment.style)
            for segment in buffer
        )
        return super()._render_buffer(cleaned)
