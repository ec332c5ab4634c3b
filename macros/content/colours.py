"""The site's colours from data/portal.yaml: WCAG AA contrast checked, written as a stylesheet.

Material's `primary: custom` palette reads its colours from CSS custom properties; this module
writes them (assets/farger.css) so that a municipality changes colours in its settings, never in
the theme's CSS. A colour pair below WCAG 2.1 AA is a content error with a Swedish message.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from macros.content.models import Colours

WHITE = "#ffffff"
# Material's dark ("slate") background: hsl(225deg 15% 14%) (--md-hue 225 in Material 9).
SLATE_BG = "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in colorsys.hls_to_rgb(225 / 360, 0.14, 0.15)))
STYLESHEET = "assets/farger.css"


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2.1)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    """Contrast ratio between two colours, 1–21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class ContrastProblem:
    field: str  # e.g. 'colours.primary'
    value: str
    message: str  # Swedish


# (setting, the colour it meets, what that colour is, least ratio, why)
_PAIRS = (
    ("primary", WHITE, "vit text i sidhuvudet och vit bakgrund bakom länkar", 4.5, "text"),
    ("primary_light", WHITE, "vit text", 3.0, "stor text och ytor"),
    ("primary_dark", WHITE, "vit bakgrund", 4.5, "text och fokusramar"),
    ("dark_scheme_link", SLATE_BG, f"mörka lägets bakgrund {SLATE_BG}", 4.5, "text"),
)


def contrast_problems(colours: Colours) -> list[ContrastProblem]:
    """Every colour below its WCAG 2.1 AA ratio, with what to do."""
    out = []
    for name, other, against, least, use in _PAIRS:
        value = getattr(colours, name)
        ratio = contrast(value, other)
        if ratio < least:
            direction = "ljusare" if name == "dark_scheme_link" else "mörkare"
            out.append(ContrastProblem(
                f"colours.{name}", value,
                f"Färgen har kontrasten {_ratio(ratio)} mot {against}; WCAG 2.1 nivå AA kräver minst "
                f"{_ratio(least)} för {use}. Välj en {direction} färg."))
    return out


def _ratio(value: float) -> str:
    """'4,5:1' (Swedish decimal comma)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + ":1"


def stylesheet(colours: Colours) -> str:
    """The custom properties Material's custom palette reads, for the light and the dark scheme."""
    return (
        "/* Written by the build from data/portal.yaml (colours); edit the settings, not this file. */\n"
        ":root,\n[data-md-color-scheme=\"default\"] {\n"
        f"  --md-primary-fg-color: {colours.primary};\n"
        f"  --md-primary-fg-color--light: {colours.primary_light};\n"
        f"  --md-primary-fg-color--dark: {colours.primary_dark};\n"
        f"  --md-accent-fg-color: {colours.primary_dark};\n"
        f"  --md-typeset-a-color: {colours.primary};\n"
        "}\n[data-md-color-scheme=\"slate\"] {\n"
        f"  --md-primary-fg-color: {colours.primary};\n"
        f"  --md-primary-fg-color--light: {colours.primary_light};\n"
        f"  --md-primary-fg-color--dark: {colours.primary_dark};\n"
        f"  --md-accent-fg-color: {colours.dark_scheme_link};\n"
        f"  --md-typeset-a-color: {colours.dark_scheme_link};\n"
        "}\n"
    )
