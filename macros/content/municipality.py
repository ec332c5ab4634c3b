"""The municipality's own words and page folders for the build in progress (data/portal.yaml).

Record names, URLs, messages and templates are made in many small functions that are handed a
record, not the settings; threading the settings through every one of them would touch most of the
code. So the loader activates the settings it has just validated (`activate`), and those functions
ask here. One process builds one project at a time (mkdocs, the validator, the tests' builds); the
prerender worker is forked after loading and inherits them. Before any settings are loaded (or when
portal.yaml is invalid) the plain Swedish defaults of `Terms` and `Slugs` apply.
"""

from __future__ import annotations

import unicodedata

from macros.content.models import Indicator, Settings, Slugs, Term, Terms

_terms = Terms()
_slugs = Slugs()
_whose = "Kommunens"

# Which Term each kind of record is named by.
_KIND_TERM = {"goals": "goal", "missions": "mission", "committees": "committee"}


def activate(settings: Settings | None) -> None:
    """Use these settings' words and folders from now on (the defaults when there are none)."""
    global _terms, _slugs, _whose
    _terms = settings.terms if settings is not None else Terms()
    _slugs = settings.slugs if settings is not None else Slugs()
    _whose = settings.whose if settings is not None else "Kommunens"


def whose() -> str:
    """The municipality in the genitive, 'Exempelby kommuns' (settings `municipality_genitive`)."""
    return _whose


def anchor(word: str) -> str:
    """An id for a heading from a word: 'inriktningsmal' from 'Inriktningsmål' (no diacritics, hyphens)."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower().replace(" ", "-"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and (c.isalnum() or c == "-"))


def terms() -> Terms:
    return _terms


def slugs() -> Slugs:
    return _slugs


def term(kind: str) -> Term:
    """The Term for 'goals', 'missions' or 'committees'."""
    return getattr(_terms, _KIND_TERM[kind])


def cap(word: str) -> str:
    """'Inriktningsmål' from 'inriktningsmål' (only the first letter: 'nämnd' → 'Nämnd')."""
    return word[:1].upper() + word[1:]


def article(t: Term) -> str:
    """'ett' or 'en' before the term ('ett uppdrag', 'en nämnd')."""
    return "ett" if t.gender == "ett" else "en"


def this(t: Term) -> str:
    """'det' or 'den' before 'här' and the definite form ('det här uppdraget', 'den här nämnden')."""
    return "det" if t.gender == "ett" else "den"


def some(t: Term) -> str:
    """'något' or 'någon' before the term ('något uppdrag', 'någon nämnd')."""
    return "något" if t.gender == "ett" else "någon"


def no(t: Term) -> str:
    """'inget' or 'ingen' before the term ('inget uppdrag', 'ingen nämnd'). Negations are built on the
    mission, never on a committee's name: 'Alla nämnder och bolag är inte …' reads as 'not all of them'."""
    return "inget" if t.gender == "ett" else "ingen"


def agree(adjective: str, t: Term) -> str:
    """A regular adjective agreeing with the term in the singular: 'färdigt uppdrag', 'färdig nämnd'.
    Only for adjectives that take -t in the neuter ('färdig', 'ansvarig', 'inaktuell', 'försenad' does not)."""
    return adjective + "t" if t.gender == "ett" else adjective


def unknown(word: str) -> str:
    """'Okänt' or 'Okänd' before a word, by the gender of the term it is (other words: 'Okänd')."""
    for t in (_terms.goal, _terms.mission, _terms.committee):
        if word in (t.singular, t.plural):
            return "Okänt" if t.gender == "ett" else "Okänd"
    return "Okänd"


def with_municipality_defaults(indicator: Indicator, settings: Settings) -> Indicator:
    """The indicator with the home municipality and peer groups of the settings where it names none."""
    update: dict[str, object] = {}
    if indicator.home is None and settings.home_municipality is not None:
        update["home"] = settings.home_municipality
    if "comparison" not in indicator.model_fields_set:
        update["comparison"] = list(settings.comparison_municipalities)
    if "reference" not in indicator.model_fields_set:
        update["reference"] = list(settings.reference_municipalities)
    return indicator.model_copy(update=update) if update else indicator


def genitive(word: str) -> str:
    """'uppdragens' from 'uppdragen'; a word ending in s, x or z takes no extra s ('Sjöby kommuns')."""
    return word if word[-1:].lower() in ("s", "x", "z") else word + "s"
