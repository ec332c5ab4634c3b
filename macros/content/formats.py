"""Formats of values editors type: dates (ÅÅÅÅ-MM-DD), web addresses and long texts. Errors are Swedish.

Long texts as editors paste them: bullets from Word ("•\tFörsta punkten") become Markdown list items and
tabs become spaces, whatever tool wrote the file, so citizens see a list, not one run-on paragraph.
Applied to every long-text field when it is loaded (models.Text and models.Paragraph), so the pages,
feeds and downloads all read the same text; views.paragraphs then keeps each item on its own.

Used as pydantic BeforeValidators by the models; a PydanticCustomError whose type starts with
`portal_` carries a finished Swedish message (and `allowed` in its context) to `macros.validation.pydantic_errors`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
_DATE_ALLOWED = "ett datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2024-04-30"


def iso_date(value: Any) -> Any:
    """A date from 'ÅÅÅÅ-MM-DD' text (or a date object); impossible dates say what is wrong."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("portal_date", "Värdet ska vara ett datum utan klockslag.",
                                  {"allowed": _DATE_ALLOWED})
    if isinstance(value, dt.date):
        return value
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError("portal_date", "Värdet ska vara ett datum.", {"allowed": _DATE_ALLOWED})
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise PydanticCustomError("portal_date", "Året 0000 finns inte.", {"allowed": _DATE_ALLOWED})
    if not 1 <= month <= 12:
        raise PydanticCustomError("portal_date", "Datumet finns inte: månad {month} finns inte (01–12).",
                                  {"month": f"{month:02d}", "allowed": _DATE_ALLOWED})
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise PydanticCustomError(
            "portal_date", "Datumet finns inte: {month} {year} har {days} dagar.",
            {"month": _MONTHS[month - 1], "year": str(year), "days": str(days),
             "allowed": f"dag 01–{days:02d} i {_MONTHS[month - 1]} {year}"},
        )
    return dt.date(year, month, day)


# Characters a browser or feed reader would treat specially, or that cannot be in a URI at all.
_URI_FORBIDDEN = re.compile(r"[\s<>\"'`{}|\\^\x00-\x1f\x7f]")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^localhost$")


def web_address(value: Any, schemes: tuple[str, ...] = ("https", "http")) -> Any:
    """An absolute web address with a real host name; returned unchanged."""
    allowed = " eller ".join(f"{s}://" for s in schemes) + " följt av ett värdnamn, t.ex. https://www.exempel.se/"
    if not isinstance(value, str):
        raise PydanticCustomError("portal_url", "Värdet ska vara en webbadress (text).", {"allowed": allowed})
    if len(value) > 2000:
        raise PydanticCustomError("portal_url", "Webbadressen är för lång (högst 2000 tecken).", {"allowed": allowed})
    if _URI_FORBIDDEN.search(value):
        raise PydanticCustomError(
            "portal_url", "Webbadressen innehåller mellanslag, citattecken eller vinkelparenteser.",
            {"allowed": allowed},
        )
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise PydanticCustomError("portal_url", "Webbadressen kan inte tolkas.", {"allowed": allowed}) from None
    if parts.scheme not in schemes or not value.startswith(f"{parts.scheme}://"):
        raise PydanticCustomError("portal_url", "Webbadressen ska börja med {schemes}.",
                                  {"schemes": " eller ".join(f"{s}://" for s in schemes), "allowed": allowed})
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")  # åäö in a host name
    except UnicodeError:
        ascii_host = ""
    if not _HOST.match(ascii_host):
        raise PydanticCustomError("portal_url", "Webbadressen saknar ett giltigt värdnamn.", {"allowed": allowed})
    if parts.username is not None or parts.password is not None:
        raise PydanticCustomError("portal_url", "Webbadressen får inte innehålla användarnamn eller lösenord.",
                                  {"allowed": allowed})
    return value

# Bullets Word, Google Docs and PDFs paste: •, ◦, ▪, ▫, ●, ○, ■, □, ‣, ⁃, ∙, · and Word's Symbol-font
# bullet (U+F0B7); a dash or an asterisk followed by a space or tab is already a Markdown item.
_BULLET = re.compile(r"^[ \t]*(?:[•◦▪▫●○■□‣⁃∙·\uf0b7]|[-–*](?=[ \t]))[ \t]*(?=\S)", re.M)
ITEM = "- "


def normalise_text(text: str) -> str:
    """Bulleted lines as '- item' lines set off by blank lines from the text around them; tabs as spaces."""
    if "\t" not in text and not _BULLET.search(text):
        return text
    lines = _BULLET.sub(ITEM, text).replace("\t", " ").split("\n")
    out: list[str] = []
    for line in lines:
        item = line.startswith(ITEM)
        previous = out[-1] if out else ""
        if out and previous.strip() and item != previous.startswith(ITEM):
            out.append("")  # a list starts or ends: a paragraph break
        out.append(re.sub(r" {2,}", " ", line) if item else line)
    return "\n".join(out)


def list_items(block: str) -> list[str] | None:
    """The items of a block that is a list ('- a\\n- b'), each on one line; None for a paragraph."""
    lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
    if not lines or not all(line.startswith(ITEM) for line in lines):
        return None
    return [ITEM + " ".join(line[len(ITEM):].split()) for line in lines]
