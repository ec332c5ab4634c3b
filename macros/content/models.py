"""Pydantic models for everything editors write: the single source of truth.

Everything else (validation messages, JSON Schema, pages, charts, open data) derives from these.
Cross-file references (a mission's goal, committee ids, status ids) are plain ids here and are
checked against the loaded vocabularies in `macros.validation.checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, create_model
from pydantic_core import PydanticCustomError

from macros.content import vocabulary
from macros.content.formats import iso_date, normalise_text, web_address

# No number of any unit is larger than this (a quadrillion): sums and means of up to 100,000 such values,
# and their formatting, stay finite ("inf kr", and JSON's invalid Infinity, cannot happen).
MAX_MAGNITUDE = 10**15
# A safe slug: becomes a file name and a URL, so no '/', '..', spaces or upper case.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
# A reference to a record or vocabulary entry by id. Not a pattern: `macros.validation.checks` compares it
# with the ids that exist, so a wrong value gets "unknown status, allowed: …", not a format lesson.
Ref = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# A date written ÅÅÅÅ-MM-DD (never a number: pydantic would read 20231030 as seconds since 1970).
Date = Annotated[dt.date, BeforeValidator(iso_date)]
# An absolute http(s) address with a host and no spaces, quotes or angle brackets.
# (The patterns repeat the first check for the editors' JSON Schema.)
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://"), BeforeValidator(web_address)]
HttpsAddress = Annotated[
    str, StringConstraints(pattern=r"^https://"), BeforeValidator(lambda v: web_address(v, schemes=("https",)))
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000),
               AfterValidator(normalise_text)]  # Word bullets as a list (formats.py)
# Titles and the other short texts show in headings, listings, feeds and on phones: a limit keeps a pasted
# paragraph out of them (the message says how long the text is and what the limit is).
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Abbreviation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1_000),
                    AfterValidator(normalise_text)]


# A note for editors (where a text comes from, why a value is as it is): YAML comments are dropped when
# the form editor saves, so provenance lives in this field. Never published: excluded from every dump
# (open data, history, charts), and no page or search index reads it.
EditorNote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5_000)] | None


def editor_note() -> Any:
    return Field(default=None, exclude=True, description="Anteckning för redaktörer; visas inte för medborgarna.")


class Record(BaseModel):
    """Base for every YAML record: unknown fields are errors, so a misspelt field never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def key(self) -> str:
        """Key that must be unique within a vocabulary file."""
        return self.id  # type: ignore[attr-defined]


class Source(Record):
    """Where a text or a figure comes from; shown next to it on the site, linked and dated."""

    title: ShortText = Field(description="Källans namn, t.ex. 'exempel.se: Mål 1'.")
    url: HttpsAddress | None = Field(default=None, description="Länk till källan (https://…), om den är känd.")
    published: Date | None = Field(
        default=None, description="Datum då källan publicerades (ÅÅÅÅ-MM-DD). Utelämnas om det inte står i källan."
    )
    retrieved: Date | None = Field(
        default=None, description="Datum då uppgiften hämtades från källan (ÅÅÅÅ-MM-DD), om det är känt."
    )


class Section(Record):
    """A sub-section of a goal's description: heading and text."""

    heading: Label = Field(description="Rubrik.")
    text: Text = Field(description="Avsnittets text. Tomma rader skiljer stycken åt.")


def _stated_count(category: vocabulary.Category) -> tuple[type[int], Any]:
    """A stated count's field for one category of the vocabulary."""
    if category.stated_default is None:
        return int, Field(ge=0, le=100_000, description=category.stated)
    return int, Field(default=category.stated_default, ge=0, le=100_000, description=category.stated)


# Mission counts as written in a follow-up text; compared with counts derived from the missions.
# One count per category of the status vocabulary (macros/content/vocabulary.py), read with `stated_count`.
StatedCounts: type[Record] = create_model(  # type: ignore[call-overload]
    "StatedCounts",
    __base__=Record,
    __doc__="Mission counts as written in a follow-up text; compared with counts derived from the missions.",
    __module__=__name__,
    total=(int, Field(ge=0, le=100_000, description="Antal uppdrag enligt uppföljningstexten.")),
    **{c.id: _stated_count(c) for c in vocabulary.categories()},
    known_difference=(Paragraph | None, Field(
        default=None,
        description=("Varför portalen har färre uppdrag än texten anger, t.ex. att alla ännu inte är inlagda. "
                     "Visas för medborgarna bredvid antalen. När förklaringen finns varnar valideringen inte för "
                     "skillnaden så länge portalen har färre uppdrag än texten anger."),
    )),
)


def stated_count(counts: Record, category_id: str) -> int:
    """The count a follow-up text states for one category (0 for a category the model does not know)."""
    return getattr(counts, category_id, 0)


class GoalFollowUp(Record):
    """The goal's assessment at one follow-up (April, August or annual report)."""

    period: Ref = Field(description="Uppföljningsperiod: vilken uppföljning bedömningen kommer från.")
    status: Ref = Field(description="Status: målets bedömning vid uppföljningen.")
    trend: Literal["forbattrad", "oforandrad", "forsamrad"] | None = Field(
        default=None,
        description=("Trend enligt källan. Utelämnas när det finns en tidigare uppföljning: då räknas trenden ut."),
    )
    summary: Text | None = Field(default=None, description="Bedömningens text, som den publicerats.")
    stated_counts: StatedCounts | None = Field(
        default=None, description="Antal uppdrag som texten anger; jämförs med uppdragens egna statusar."
    )
    # A status without its source is warned about (checks.py) and refused by the form (field_rules.py);
    # not a model error, which would withhold a published assessment from citizens.
    source: Source | None = Field(default=None, description="Bedömningens källa: var uppföljningen med "
                                  "bedömningen publicerades. Krävs: en status visas aldrig utan sin källa.")


class Goal(Record):
    """A goal of the municipality's plan (its word for it is the settings' terms.goal) in Mål och budget."""

    id: Slug = Field(description="Unikt id: små bokstäver, siffror och bindestreck, t.ex. 'mal-1'. "
                                 "Blir filens namn och sidans adress.")
    number: int = Field(ge=1, le=999, description="Målets nummer.")
    title: ShortText = Field(description="Fullständig titel, t.ex. 'Kommunen ska leda klimatomställningen'.")
    short_title: Label = Field(description="Kort titel, t.ex. 'Klimatet och energin'.")
    description: Text | None = Field(default=None, description="Målbeskrivning: den inledande texten.")
    easy_summary: Text | None = Field(
        default=None,
        description=("Sammanfattning på lättläst svenska, skriven av kommunen. Visas överst på målets sida. "
                     "Utelämnas tills en sådan text finns."),
    )
    sections: list[Section] = Field(default_factory=list, description="Avsnitt: rubrik och text.")
    follow_ups: list[GoalFollowUp] = Field(
        default_factory=list, description="Uppföljningar, äldst först. Tom lista: ingen bedömning publicerad."
    )
    source: Source = Field(description="Måltextens källa: var målets text står. Krävs även när beskrivningen saknas.")
    editor_note: EditorNote = editor_note()


class MissionFollowUp(Record):
    """A mission's assessment at one follow-up."""

    period: Ref = Field(description="Uppföljningsperiod: vilken uppföljning bedömningen kommer från.")
    status: Ref = Field(description="Status: uppdragets bedömning vid uppföljningen.")
    assessment: Text | None = Field(default=None, description="Bedömningens text, som den publicerats.")
    expected_completion: int | None = Field(
        default=None, ge=2000, le=2100, description="År då uppdraget beräknas bli klart."
    )
    # A status without its source is warned about (checks.py) and refused by the form (field_rules.py);
    # not a model error, which would withhold a published assessment from citizens.
    source: Source | None = Field(default=None, description="Bedömningens källa: var uppföljningen med "
                                  "bedömningen publicerades. Krävs: en status visas aldrig utan sin källa.")


class Mission(Record):
    """An uppdrag (mission) given to one or more committees under a goal."""

    id: Slug = Field(description="Unikt id: små bokstäver, siffror och bindestreck, t.ex. 'fm1-uppdrag-1'. "
                                 "Blir filens namn och sidans adress.")
    goal: Ref = Field(description="Mål som uppdraget hör till.")
    number: int = Field(ge=1, le=999, description="Uppdragets nummer inom målet.")
    title: ShortText = Field(description="Uppdragets titel, som den står i Mål och budget.")
    responsible: list[Ref] = Field(
        default_factory=list, description="Ansvariga nämnder: de som källan anger som ansvariga."
    )
    concerned: list[Ref] = Field(default_factory=list, description="Berörda nämnder: de som källan anger som berörda.")
    description: Text = Field(description="Beskrivning av uppdraget, som den står i källan.")
    follow_ups: list[MissionFollowUp] = Field(
        default_factory=list, description="Uppföljningar, äldst först. Tom lista: ingen bedömning publicerad."
    )
    source: Source = Field(description="Uppdragstextens källa: var uppdragets text står.")
    editor_note: EditorNote = editor_note()


class Committee(Record):
    """A nämnd, styrelse or group of them ('alla nämnder och bolag')."""

    id: Slug = Field(description="Id: små bokstäver, t.ex. 'ks'. "
                                 "Det sparas i uppdragen som ansvarig eller berörd nämnd.")
    abbreviation: Abbreviation = Field(description="Förkortning som i Mål och budget, t.ex. 'KS'.")
    name: Label = Field(description="Fullständigt namn, t.ex. 'Kommunstyrelsen'.")
    is_group: bool = Field(default=False, description="Sant för en grupp, t.ex. 'Alla nämnder och bolag'.")
    editor_note: EditorNote = editor_note()


def _known_category(value: str) -> str:
    """A category of the status vocabulary (read when validating, so a test may declare another)."""
    ids = vocabulary.category_ids()
    if value not in ids:
        raise PydanticCustomError("portal_category", "Värdet är inte tillåtet.",
                                  {"allowed": ", ".join(ids[:-1]) + " eller " + ids[-1]})
    return value


def _category_schema(schema: dict[str, Any]) -> None:
    """The editors' completion offers the vocabulary's categories."""
    schema.pop("anyOf", None)
    schema.update(enum=list(vocabulary.category_ids()), type="string")


class Status(Record):
    """A status in the municipality's legend, for goals or missions."""

    # The editors' completion asks for a category on a mission status (validation.checks refuses one without).
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={
        "if": {"properties": {"applies_to": {"const": "mission"}}, "required": ["applies_to"]},
        "then": {"required": ["category"]}})

    id: Slug = Field(description="Id som används i uppföljningarna, t.ex. 'gul'.")
    label: Label = Field(description="Namn som visas, t.ex. 'Gul'.")
    meaning: ShortText = Field(description="Vad statusen betyder, t.ex. 'Uppdraget är försenat/inte påbörjat'.")
    applies_to: Literal["goal", "mission"] = Field(description="Gäller mål eller uppdrag.")
    rank: int = Field(description="Högre är bättre; används för att räkna ut trenden.")
    color: Literal[vocabulary.COLORS] = Field(  # type: ignore[valid-type]
        description="Färg (visas alltid tillsammans med text och ikon)."
    )
    icon: Literal[vocabulary.ICONS] = Field(  # type: ignore[valid-type]
        description="Ikonens form, så att färg inte bär informationen ensam."
    )
    category: Annotated[str, AfterValidator(_known_category)] | None = Field(
        default=None,
        description=("Räknekategori: vilken kategori uppdragen med statusen räknas i. Obligatorisk för statusar "
                     "för uppdrag; utelämnas för mål."),
        json_schema_extra=_category_schema,
    )
    editor_note: EditorNote = editor_note()

    @property
    def key(self) -> str:
        # Goals and missions share ids like 'gul' with different meanings.
        return f"{self.applies_to}:{self.id}"


class Period(Record):
    """A follow-up occasion: April (delårsuppföljning), August (delårsrapport) or annual report."""

    id: Slug = Field(description="Id, t.ex. '2023-april'.")
    label: Label = Field(description="Namn som visas, t.ex. 'Delårsuppföljning per april 2023'.")
    kind: Literal["april", "augusti", "arsredovisning"] = Field(description="Typ av uppföljning.")
    year: int = Field(ge=2000, le=2100, description="År.")
    date: Date = Field(description="Datum som uppföljningen gäller (ÅÅÅÅ-MM-DD), t.ex. 2024-04-30 för april. "
                                  "Uppföljningarna visas i datumens ordning.")
    editor_note: EditorNote = editor_note()


class Municipality(Record):
    """A municipality in comparisons, with its Kolada id."""

    id: Slug = Field(description="Id, t.ex. 'exempelby'.")
    name: Label = Field(description="Namn, t.ex. 'Exempelby'.")
    kolada_id: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] = Field(
        description="Kommunkod i Kolada, fyra siffror, t.ex. '0380'. Riket är '0000'."
    )
    editor_note: EditorNote = editor_note()


class News(Record):
    """A news article from the municipality, linked to goals and indicators."""

    id: Slug = Field(description="Unikt id: små bokstäver, siffror och bindestreck. "
                                 "Blir filens namn och sidans adress.")
    title: ShortText = Field(description="Rubrik.")
    date: Date = Field(description="Publiceringsdatum: skrivs ÅÅÅÅ-MM-DD.")
    lead: Paragraph = Field(description="Ingress.")
    body: Text = Field(description="Brödtext. Tomma rader skiljer stycken åt.")
    bullets_heading: Label | None = Field(default=None, description="Rubrik för punktlistan.")
    bullets: list[Paragraph] = Field(default_factory=list, description="Punktlista, t.ex. handlingsplanens insatser.")
    goals: list[Ref] = Field(default_factory=list, description="Mål som nyheten gäller.")
    indicators: list[Ref] = Field(default_factory=list, description="Indikatorer som nyheten gäller.")
    source: Source = Field(description="Var nyheten publicerades.")
    editor_note: EditorNote = editor_note()


class Target(Record):
    """An indicator's target: a value to reach by a date."""

    value: float = Field(allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE,
                         description="Målvärde, i indikatorns enhet (procent: 0–100).")
    year: int = Field(ge=2000, le=2100, description="År då målvärdet ska vara nått (vid årets slut).")
    text: ShortText = Field(description="Målet i ord, som i källan.")


class IndicatorSource(Record):
    """The statistics behind an indicator's series."""

    title: ShortText = Field(description="Källans namn, t.ex. 'Kolada'.")
    kpi: str | None = Field(default=None, description=(
        "Nyckeltalets id i Kolada, t.ex. 'N31807'. Importskriptet skriver bara detta nyckeltal i indikatorns "
        "dataserie; utelämna det när serien inte kommer från Kolada."))
    url: HttpsAddress | None = Field(default=None, description="Länk till källan (https://…).")
    published: Date | None = Field(
        default=None, description="Datum då källan publicerades (ÅÅÅÅ-MM-DD). Utelämnas om det inte står i källan."
    )
    retrieved: Date | None = Field(
        default=None, description="Datum då värdena hämtades från källan (ÅÅÅÅ-MM-DD), om det är känt."
    )
    licence: ShortText = Field(description="Villkor för användning, t.ex. 'Fri användning. Ange Källa: Kolada'.")


class ActionPlan(Record):
    """A plan the municipality has decided on to reach an indicator's target, as a source describes it."""

    title: ShortText = Field(description="Planens namn, t.ex. 'Handlingsplan för 1000 fler i egen försörjning'.")
    initiatives: list[ShortText] = Field(
        min_length=1, description="Planens insatser, med källans ord. Bara det som källan säger."
    )
    news: Slug = Field(description="Nyhet som beskriver planen: planens källa.")


class Publication(Record):
    """When an indicator's source publishes new values: the cycle its values are measured against (currency.py)."""

    frequency: Literal["yearly"] = Field(
        default="yearly", description="Hur ofta nya värden publiceras.")
    month: int = Field(
        ge=1, le=12, description="Månad (1–12) då källan brukar publicera nya värden, t.ex. 4 för april.")
    lag_years: int = Field(
        default=1, ge=0, le=5,
        description="Hur många år efter mätåret värdena publiceras: 1 betyder att värden för 2025 kommer 2026.",
    )


class Indicator(Record):
    """A measurable indicator linked to goals, with a target and a comparison group."""

    id: Slug = Field(description="Unikt id: små bokstäver, siffror och bindestreck. "
                                 "Blir filens namn och sidans adress.")
    title: ShortText = Field(description="Indikatorns namn.")
    description: Text = Field(description="Vad indikatorn mäter och varför.")
    unit: Literal["procent", "antal", "kronor"] = Field(description="Enhet.")
    direction: Literal["lower", "higher"] = Field(description="Önskad riktning: om lägre eller högre värden är bättre.")
    target: Target | None = Field(default=None, description="Målvärde och år.")
    comparison_aim: Text | None = Field(
        default=None, description="Vad målet säger om jämförelsen med andra kommuner, med källans ord, t.ex. "
                                  "'Målet är att kommunen ska prestera bättre eller lika bra som de jämförbara "
                                  "kommunerna.' Utelämnas om källan inte säger något om det.")
    home: Ref | None = Field(
        default=None, description="Kommunen som indikatorn följer. "
                                  "Lämnas tom: kommunen som anges i webbplatsens inställningar.")
    # Left out (not in model_fields_set): the loader takes the settings' peer groups (macros/municipality.py).
    comparison: list[Ref] = Field(
        default_factory=list,
        description="Jämförelsekommuner. Lämnas tom: jämförelsekommunerna i webbplatsens inställningar.")
    reference: list[Ref] = Field(
        default_factory=list,
        description="Referenskommuner, t.ex. storstäderna. "
                    "Lämnas tom: referenskommunerna i webbplatsens inställningar.")
    goals: list[Ref] = Field(default_factory=list, description="Mål som indikatorn följer upp.")
    responsible: Ref | None = Field(
        default=None, description="Ansvarig nämnd: den nämnd som källan anger som ansvarig för indikatorns mål. "
                                  "Utelämnas när källan inte anger någon.")
    series: Ref = Field(description="Dataserie: den fil med värden som indikatorn visar.")
    sources: list[IndicatorSource] = Field(min_length=1, description="Källor för seriens värden.")
    note: Text | None = Field(default=None, description="Förbehåll som läsaren behöver känna till.")
    action_plan: ActionPlan | None = Field(default=None, description="Handlingsplan för att nå målet, med källa.")
    publication: Publication | None = Field(
        default=None,
        description=("När källan publicerar nya värden. Anges det visar sidan när nästa värden väntas och markerar "
                     "värden som inaktuella när nyare borde finnas. Utelämnas när källan inte har en fast rytm."),
    )
    editor_note: EditorNote = editor_note()


Flag = Literal["", "preliminary", "revised", "missing"]


class SeriesRow(Record):
    """One value in an indicator series (a CSV row)."""

    municipality: Ref = Field(description="Kommunens id i data/municipalities.yaml.")
    year: int = Field(ge=1990, le=2100, description="År.")
    value: float | None = Field(default=None, allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE,
                                description="Värdet; tomt när det saknas.")
    flag: Flag = Field(default="", description="'', 'preliminary', 'revised' eller 'missing'.")
    source: ShortText = Field(description="Källa för just detta värde.")
    fetched: Date | None = Field(default=None, description="Datum då värdet hämtades (ÅÅÅÅ-MM-DD).")
    published: Date | None = Field(default=None, description="Datum då källan publicerade värdet (ÅÅÅÅ-MM-DD), "
                                   "när det är känt; valfri kolumn.")


# Which model validates which content folder; the loader and the JSON Schema follow this map.
CONTENT_MODELS: dict[str, type[Record]] = {
    "goals": Goal,
    "missions": Mission,
    "indicators": Indicator,
    "news": News,
}

# Vocabularies in data/: file name -> model of one entry.
VOCABULARY_MODELS: dict[str, type[Record]] = {
    "committees": Committee,
    "statuses": Status,
    "periods": Period,
    "municipalities": Municipality,
}


# Codes of the ADMS publisher-type vocabulary (http://purl.org/adms/publishertype/<code>), which
# DCAT-AP-SE requires on every agent.
PublisherType = Literal[
    "Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority", "NationalAuthority",
    "NonGovernmentalOrganisation", "NonProfitOrganisation", "PrivateIndividual(s)", "RegionalAuthority",
    "StandardisationBody", "SupraNationalAuthority",
]


class Term(Record):
    """The municipality's word for one level of its plan, in the forms Swedish sentences need."""

    singular: ShortText = Field(description="Obestämd form singular, med liten bokstav, t.ex. 'inriktningsmål'.")
    definite_singular: ShortText = Field(description="Bestämd form singular, t.ex. 'inriktningsmålet'.")
    plural: ShortText = Field(description="Obestämd form plural, t.ex. 'inriktningsmål'.")
    definite_plural: ShortText = Field(description="Bestämd form plural, t.ex. 'inriktningsmålen'.")
    gender: Literal["en", "ett"] = Field(
        description="'en' eller 'ett' (en nämnd, ett inriktningsmål): styr t.ex. 'okänd'/'okänt' i meddelanden."
    )


def _term(singular: str, definite_singular: str, plural: str, definite_plural: str, gender: str) -> Term:
    return Term(singular=singular, definite_singular=definite_singular, plural=plural,
                definite_plural=definite_plural, gender=gender)


class Terms(Record):
    """The words for the plan's levels; the defaults are plain Swedish, no municipality's own term."""

    goal: Term = Field(
        default_factory=lambda: _term("mål", "målet", "mål", "målen", "ett"),
        description="Ordet för planens mål (kind 'goals'), t.ex. inriktningsmål, kommunmål eller målområde. "
                    "Standard: mål.",
    )
    mission: Term = Field(
        default_factory=lambda: _term("uppdrag", "uppdraget", "uppdrag", "uppdragen", "ett"),
        description="Ordet för uppdragen till nämnderna (kind 'missions'). Standard: uppdrag.",
    )
    committee: Term = Field(
        default_factory=lambda: _term("nämnd", "nämnden", "nämnder", "nämnderna", "en"),
        description="Ordet för nämnderna (kind 'committees'). Standard: nämnd.",
    )


SectionSlug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=40)]


class Slugs(Record):
    """The folder (URL) of each kind's pages. Each must be a folder in docs/ with an index.md (its overview)."""

    goals: SectionSlug = Field(default="mal", description="Mapp för målens sidor, t.ex. 'mal' (mal/<id>/).")
    missions: SectionSlug = Field(default="uppdrag", description="Mapp för uppdragens sidor, t.ex. 'uppdrag'.")
    committees: SectionSlug = Field(default="namnder", description="Mapp för nämndernas sidor, t.ex. 'namnder'.")
    indicators: SectionSlug = Field(default="indikatorer", description="Mapp för indikatorernas sidor.")
    news: SectionSlug = Field(default="nyheter", description="Mapp för nyheternas sidor.")


HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Colours(Record):
    """The site's colours, checked for WCAG AA contrast when the site is built (macros/colours.py)."""

    primary: HexColour = Field(
        default="#0b4f8a", description="Sidhuvudets färg (vit text på den) och länkarnas färg i ljust läge, "
                                       "t.ex. '#0b4f8a'. Kontrast minst 4,5:1 mot vitt.")
    primary_light: HexColour = Field(
        default="#2a6aa8", description="Ljusare variant av huvudfärgen (ytor med vit text). Minst 3:1 mot vitt.")
    primary_dark: HexColour = Field(
        default="#083a66",
        description="Mörkare variant: fokusramar och markeringar i ljust läge. Minst 4,5:1 mot vitt.")
    dark_scheme_link: HexColour = Field(
        default="#9ccaff", description="Länkar och fokusramar i mörkt läge. Minst 4,5:1 mot den mörka bakgrunden.")


class GlossaryEntry(Record):
    """A word a resident may not know, and its plain explanation."""

    term: Label = Field(description="Ordet eller förkortningen, som det skrivs i texterna, t.ex. 'LSS'.")
    meaning: ShortText = Field(description="Förklaringen med vanliga ord, t.ex. 'lagen om stöd och service till "
                                           "vissa funktionshindrade'.")


class DataLicence(Record):
    """The licence the municipality has decided for the portal's open data: shown on the open-data page and
    carried by every distribution in the catalogue (dct:license)."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+-]+$", max_length=60)] = Field(
        description="Licensens kortnamn (SPDX-id), t.ex. 'CC0-1.0' eller 'CC-BY-4.0'.")
    name: ShortText = Field(description="Licensens namn som läsaren ser, t.ex. 'Creative Commons Erkännande 4.0'.")
    url: WebAddress = Field(description="Licensens adress (URI), t.ex. 'https://creativecommons.org/licenses/by/4.0/'.")


class Settings(Record):
    """Site-wide settings in data/portal.yaml: who publishes the portal, its words, addresses and look."""

    @property
    def site_title(self) -> str:
        """The site's name in feeds and the catalogue."""
        return self.site_name or self.publisher_name

    @property
    def whose(self) -> str:
        """The municipality in the genitive: 'Exempelby kommuns'."""
        if self.municipality_genitive:
            return self.municipality_genitive
        name = self.publisher_name
        return name if name[-1:].lower() in ("s", "x", "z") else name + "s"

    site_name: ShortText | None = Field(
        default=None,
        description="Webbplatsens namn, t.ex. 'Exempelbys mål': i flödena och datakatalogen. Samma text ska stå som "
                    "site_name i mkdocs.yml (bygget kontrollerar det). Utelämnas: utgivarens namn används.")
    municipality_genitive: ShortText | None = Field(
        default=None,
        description="Kommunens namn i genitiv, som i 'Här följer du … mål', t.ex. 'Exempelby kommuns'. "
                    "Utelämnas: publisher_name med ett s (inget s efter s, x, z).")
    home_municipality: Ref | None = Field(
        default=None,
        description="Kommunen själv: den som indikatorerna följer när de inte anger någon. "
                    "Lämnas tom: varje indikator måste ange sin kommun.")
    comparison_municipalities: list[Ref] = Field(
        default_factory=list,
        description="Jämförelsekommuner för indikatorer som inte anger några själva.")
    reference_municipalities: list[Ref] = Field(
        default_factory=list,
        description="Referenskommuner, t.ex. storstäderna, för indikatorer som inte anger några själva.")
    terms: Terms = Field(default_factory=Terms, description="Orden för planens nivåer (mål, uppdrag, nämnd).")
    slugs: Slugs = Field(default_factory=Slugs, description="Mappar (URL:er) för varje slags sida.")
    colours: Colours = Field(default_factory=Colours, description="Webbplatsens färger (kontrollerade mot WCAG AA).")
    logo: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*\.(svg|png)$",
        description="Logotyp: sökväg i docs/, t.ex. 'assets/logo.svg'. Utelämnas: temats standardikon.")
    content_licence_url: WebAddress | None = Field(
        default=None,
        description="Licens för webbplatsens texter (URI), som sidfoten länkar till. "
                    "Utelämnas tills kommunen har beslutat om en.")

    publisher_name: ShortText = Field(description="Utgivare av webbplatsen och öppna data, t.ex. 'Exempels kommun'.")
    publisher_url: HttpsAddress = Field(description="Utgivarens webbplats (https).")
    contact_email: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$",
        description="E-post för frågor om data (DCAT-kontaktpunkt). Utelämnas tills kommunen anger en.",
    )
    data_licence: DataLicence | None = Field(
        default=None,
        description="Licens för portalens öppna data: id, namn och adress. Utelämnas tills kommunen har beslutat "
                    "om en; då säger sidan Öppna data att ingen licens är beslutad och vem man kan fråga.",
    )
    catalogue_licence_url: WebAddress | None = Field(
        default=None,
        description="Licens för själva datakatalogens metadata (URI); DCAT-AP-SE kräver CC0 1.0, "
                    "http://creativecommons.org/publicdomain/zero/1.0/. Utelämnas tills kommunen har beslutat.",
    )
    publisher_type: PublisherType | None = Field(
        default=None,
        description="Typ av utgivare enligt ADMS (DCAT-AP-SE kräver den), t.ex. 'LocalAuthority' för en kommun.",
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list,
        description="Ord som en invånare kanske inte känner till, med en förklaring: t.ex. LSS, 'lagen om stöd "
                    "och service till vissa funktionshindrade'. Förklaringen visas på sidor där ordet står.",
    )
    report_email: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$",
        description="E-post dit 'Rapportera fel' på varje sida går; sidans namn står i ämnesraden. "
                    "Används när report_url saknas. Utan båda visas ingen sådan länk.",
    )
    report_url: HttpsAddress | None = Field(
        default=None,
        description="Adress till ett formulär eller en ärendelista (https) dit 'Rapportera fel' går i stället "
                    "för e-post; sidans namn läggs till som parametern title.",
    )
    feed_tag: Annotated[str, StringConstraints(pattern=r"^[a-z0-9.-]+,\d{4}$")] = Field(
        description="Bas för Atom-flödenas beständiga id (tag-URI, RFC 4151), t.ex. 'exempel.se,2023'."
    )
    cms_repo: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")] | None = Field(
        default=None,
        description="GitHub-förrådet som formulärredigeraren (/admin/) sparar i, 'organisation/förråd', t.ex. "
                    "'kommunen/malportal'. Utelämnas: /admin/ fungerar bara lokalt (se README).",
    )
    cms_branch: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+$", max_length=200)] = Field(
        default="main", description="Grenen som formulärredigerarens ändringsförslag (pull requests) riktas mot.",
    )
    cms_base_url: HttpsAddress | None = Field(
        default=None,
        description="Adress till inloggningstjänsten (OAuth-proxyn) som formulärredigeraren loggar in via, "
                    "t.ex. 'https://inloggning.example.se'. Utelämnas: Netlifys tjänst används.",
    )
    status_current_months: int = Field(
        default=12, ge=1, le=60,
        description=("Hur många månader efter uppföljningens per-datum (data/periods.yaml) en bedömning räknas som "
                     "aktuell. Äldre bedömningar visas som inaktuella. Välj tiden till nästa uppföljning plus tiden "
                     "det tar att publicera den."),
    )
    editor_note: EditorNote = editor_note()
