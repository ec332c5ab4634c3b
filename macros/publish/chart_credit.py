"""A chart's image credited: its title, and in its description what it shows, its source and its date, so a
reused image keeps its attribution. Applied to the images after they are rendered or read from the chart
cache (the day the image was made is the build's, which no cached image may carry)."""

from __future__ import annotations

import re
from html import escape

from macros.publish.charts import Chart
from macros.text.xmlsafe import one_line

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def credited_svg(svg: str, title: str, description: str) -> str:
    """The image with its title and, in its description, what it shows, its source and its date, as the
    first children of the root (SVG's <title> and <desc>): a reused image keeps its attribution."""
    match = _SVG_OPEN.search(svg)
    if match is None or "<title>" in svg[match.end():match.end() + 8]:
        return svg
    head = (f"<title>{escape(one_line(title), quote=False)}</title>"
            f"<desc>{escape(one_line(description), quote=False)}</desc>")
    return svg[:match.end()] + head + svg[match.end():]


def credited_images(chart: Chart, svgs: dict[str, str], made: str) -> dict[str, str]:
    """Every image of the chart credited (credited_svg), with the day the image was made ('5 december 2026')."""
    description = f"{chart.alt} {chart.credit} Bilden gjord {made}.".replace("  ", " ")
    return {suffix: credited_svg(svg, chart.title, description) for suffix, svg in svgs.items()}
