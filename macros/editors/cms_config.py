"""The form editor's (Decap CMS) configuration, generated from the models and the loaded vocabularies.

One source of truth: every form field is made from the model's JSON Schema (macros/models.py), so a
field, its constraints (required, pattern, length, min/max, allowed values), its label and its help text
can never drift from what the validator checks. Label = the description's first clause, hint = the
rest of it (none when the clause is all). Fixed values and list items get words (option_words.py).
Fields that hold an id from a vocabulary become select widgets whose options are the ids that exist
now (with their names); ids of other records are relation widgets, so a goal created in the same session
can be chosen at once. Knows nothing of mkdocs.
"""

from __future__ import annotations

from typing import Any

from macros.content.labels import label_of
from macros.content.models import CONTENT_MODELS, VOCABULARY_MODELS, Record, Settings
from macros.content.municipality import cap, term
from macros.content.store import Content
from macros.editors.option_words import LIST_SINGULAR, option
from macros.validation.field_rules import form_required, rules_for

# Decap's own format names for the files it reads and writes; both are registered by admin.js, which
# writes YAML without empty values (Decap writes "" for a field that was cleared) and a vocabulary as the
# top-level list the loader reads (Decap itself can only edit a file whose top level is a mapping).
RECORD_FORMAT = "portal-yaml"
LIST_FORMAT = "portal-yaml-list"
LIST_FIELD = "poster"  # the one field a vocabulary file is edited as

# What each collection is called in the editor (Swedish: editors read it).
# Goals, missions and committees go by the municipality's own words (settings `terms`).
CONTENT_LABELS = {"indicators": ("Indikatorer", "indikator"), "news": ("Nyheter", "nyhet")}
VOCABULARY_LABELS = {"statuses": ("Statusar", "status"),
                     "periods": ("Uppföljningsperioder", "period"), "municipalities": ("Kommuner", "kommun")}
# What identifies an entry of a vocabulary in its list (its words, not only its id).
VOCABULARY_SUMMARIES = {"committees": "{{fields.abbreviation}} – {{fields.name}}", "periods": "{{fields.label}}",
                        "statuses": "{{fields.label}} – {{fields.meaning}}", "municipalities": "{{fields.name}}"}
# How the editor's lists are sorted: by number, not by id as text (which puts 10 between 1 and 2);
# missions can also be grouped by their goal. Decap sorts by one field at a time.
SORTING: dict[str, dict[str, Any]] = {
    "goals": {"sortable_fields": [{"field": "number", "label": "Nummer", "default_sort": True}, "short_title"]},
    "missions": {"sortable_fields": [{"field": "number", "label": "Nummer", "default_sort": True}, "goal", "title"],
                 "view_groups": [{"label": "Mål", "field": "goal"}]},
}
# What identifies a record in the editor's lists.
CONTENT_SUMMARIES = {"goals": "{{number}}. {{short_title}}", "missions": "{{id}}: {{title}}",
                     "indicators": "{{title}}", "news": "{{date}} {{title}}"}

# Fields (model name, field name) that hold the id of a vocabulary entry or of another record.
# "statuses:goal" offers only the statuses that apply to goals.
REFERENCES: dict[tuple[str, str], str] = {
    ("GoalFollowUp", "period"): "periods", ("GoalFollowUp", "status"): "statuses:goal",
    ("MissionFollowUp", "period"): "periods", ("MissionFollowUp", "status"): "statuses:mission",
    ("Mission", "responsible"): "committees", ("Mission", "concerned"): "committees",
    ("Mission", "goal"): "goals",
    ("Indicator", "home"): "municipalities", ("Indicator", "comparison"): "municipalities",
    ("Indicator", "reference"): "municipalities", ("Indicator", "goals"): "goals",
    ("Indicator", "series"): "series", ("Indicator", "responsible"): "committees",
    ("News", "goals"): "goals", ("News", "indicators"): "indicators",
    ("ActionPlan", "news"): "news",
}
# How a referenced record is shown in a relation widget.
RELATION_DISPLAY = {"goals": "{{number}}. {{short_title}}", "indicators": "{{title}}", "news": "{{title}}"}

# Long texts get a multi-line box; shorter ones a one-line field.
MULTILINE_FROM = 1000
# How a long text is laid out (views.paragraphs, content/formats.py), said under every multi-line box.
TEXT_LAYOUT = ("En tom rad gör ett nytt stycke. Rader som börjar med - (bindestreck och mellanslag) blir en "
               "punktlista; punkter inklistrade från Word blir det också.")

_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# The models' patterns in words, for the message the form shows beside a field.
PATTERN_WORDS = {
    _DATE_PATTERN: "skrivs ÅÅÅÅ-MM-DD, t.ex. 2024-04-30",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "får bara ha små bokstäver a–z, siffror och enkla bindestreck",
    r"^https?://": "ska börja med https:// eller http://",
    r"^https://": "ska börja med https://",
    r"^\d{4}$": "ska vara fyra siffror",
}


def hint_of(description: str) -> str:
    """The help text under a label: what the description says beyond the label ('' when nothing)."""
    rest = description.strip()[len(label_of(description)):].lstrip(".,:; ").strip()
    return rest[:1].upper() + rest[1:]


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The schema behind a $ref, and the referenced model's name."""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return defs[name], name
    return schema, None


def _unwrap_optional(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """`X | None` -> (X, True)."""
    options = schema.get("anyOf")
    if options:
        rest = [o for o in options if o.get("type") != "null"]
        if len(rest) == 1 and len(rest) < len(options):
            return rest[0], True
    return schema, False


def _length_pattern(schema: dict[str, Any]) -> tuple[str, str] | None:
    """A pattern (Decap's only text constraint) for the schema's pattern and length limits."""
    pattern, low, high = schema.get("pattern"), schema.get("minLength"), schema.get("maxLength")
    if pattern is None and low is None and high is None:
        return None
    parts, words = ["^"], []
    if low is not None or high is not None:
        parts.append(f"(?=[\\s\\S]{{{low or 0},{high if high is not None else ''}}}$)")
        if low:
            parts.append(r"(?=[\s\S]*\S)")  # blanks only count as empty, as in the validator
            words.append("får inte vara tomt")
        if high is not None:
            words.append(f"högst {high} tecken")
    if pattern is not None:
        parts.append(f"(?:{pattern.removeprefix('^').removesuffix('$')})" if pattern.endswith("$")
                     else f"(?:{pattern.removeprefix('^')})[\\s\\S]*")
        words.append(PATTERN_WORDS.get(pattern, f"ska ha formen {pattern}"))
    else:
        parts.append(r"[\s\S]*")
    parts.append("$")
    # Decap's phrase (admin.js) ends the sentence: no full stop after the last one.
    message = ". ".join(w[0].upper() + w[1:] for w in words)
    return "".join(parts), message


class _Builder:
    def __init__(self, content: Content) -> None:
        self.content = content

    def options(self, source: str) -> list[dict[str, str]] | None:
        """Select options for a vocabulary reference; None for a reference to a record (relation)."""
        c = self.content
        if source == "committees":
            return [{"label": f"{x.abbreviation} – {x.name}", "value": x.id} for x in c.committees.values()]
        if source == "periods":
            return [{"label": x.label, "value": x.id} for x in sorted(c.periods.values(), key=lambda p: p.date)]
        if source == "municipalities":
            return [{"label": x.name, "value": x.id} for x in c.municipalities.values()]
        if source.startswith("statuses:"):
            kind = source.split(":", 1)[1]
            return [{"label": f"{x.label} – {x.meaning}", "value": x.id}
                    for x in sorted(c.statuses.values(), key=lambda s: -s.rank) if x.applies_to == kind]
        if source == "series":
            return [{"label": name, "value": name} for name in sorted(c.series)]
        return None

    def field(self, model: str, name: str, schema: dict[str, Any], required: bool,
              defs: dict[str, Any], relaxed: bool = False) -> dict[str, Any]:
        description = schema.get("description") or ""
        schema, optional = _unwrap_optional(schema)
        description = description or schema.get("description") or ""
        out: dict[str, Any] = {"name": name, "label": label_of(description) or name}
        # A rule across fields (validation/field_rules.py) the form cannot enforce is said before saving.
        rules = [rule.text() for rule in rules_for(model, name) if not rule.form_required]
        hint = " ".join([hint_of(description), *rules]).strip()
        if hint:
            out["hint"] = hint
        if form_required(model, name):
            required, optional = True, False  # the validator warns; the form refuses to save without it
        if not required or optional or relaxed:
            # `relaxed`: inside an optional object Decap would demand the object's required fields even
            # when the editor leaves the whole object empty; the validator still requires them.
            out["required"] = False
        reference = REFERENCES.get((model, name))
        many = schema.get("type") == "array"
        if many and name in LIST_SINGULAR:
            out["label_singular"] = LIST_SINGULAR[name]
        if reference:
            options = self.options(reference)
            if options is None:
                out.update(widget="relation", collection=reference, value_field="id",
                           search_fields=["id", "title"], display_fields=[RELATION_DISPLAY[reference]])
            else:
                out.update(widget="select", options=options)
            if many:
                out["multiple"] = True
            return out
        if many:
            items, item_model = _resolve(schema.get("items", {}), defs)
            out["widget"] = "list"
            if "minItems" in schema:
                out["min"] = schema["minItems"]
            if "maxItems" in schema:
                out["max"] = schema["maxItems"]
            if item_model:
                out["fields"] = self.fields(item_model, items, defs)
                out["collapsed"] = False
            else:
                inner = self.field(model, name, items, True, defs)
                out["field"] = {k: v for k, v in inner.items() if k not in ("label", "hint", "label_singular")} \
                    | {"label": out.get("label_singular", out["label"])}
            return out
        target, sub_model = _resolve(schema, defs)
        if sub_model:
            fields = self.fields(sub_model, target, defs, relaxed=relaxed or optional or not required)
            if sub_model == "Source":
                # Several source boxes can be open in one form (a mission's, each follow-up's); each field
                # says whose source it is, so an editor cannot type into the wrong one.
                for sub in fields:
                    sub["label"] = f"{out['label']}: {sub['label'][:1].lower()}{sub['label'][1:]}"
            out.update(widget="object", collapsed=optional or not required, fields=fields)
            return out
        out.update(self.scalar(target, name))
        if out["widget"] == "text":
            out["hint"] = f"{out.get('hint', '')} {TEXT_LAYOUT}".strip()
        return out

    def scalar(self, schema: dict[str, Any], name: str = "") -> dict[str, Any]:
        kind = schema.get("type")
        if "enum" in schema or "const" in schema:
            values = schema.get("enum") or [schema["const"]]
            return {"widget": "select", "options": [option(name, v) for v in values if v != ""]}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("integer", "number"):
            out: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            if "minimum" in schema:
                out["min"] = schema["minimum"]
            if "maximum" in schema:
                out["max"] = schema["maximum"]
            if kind == "integer":
                out["step"] = 1
            return out
        if schema.get("format") == "date":
            schema = {**schema, "pattern": _DATE_PATTERN}
        long = schema.get("maxLength", 0) >= MULTILINE_FROM
        out = {"widget": "text" if long else "string"}
        pattern = _length_pattern(schema)
        if pattern:
            out["pattern"] = list(pattern)
        return out

    def fields(self, model: str, schema: dict[str, Any], defs: dict[str, Any],
               relaxed: bool = False) -> list[dict[str, Any]]:
        required = set(schema.get("required", []))
        return [self.field(model, name, prop, name in required, defs, relaxed)
                for name, prop in schema.get("properties", {}).items()]

    def model_fields(self, model: type[Record]) -> list[dict[str, Any]]:
        schema = model.model_json_schema()
        return self.fields(model.__name__, schema, schema.get("$defs", {}))


def _labels(kind: str, fixed: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """A collection's name in the editor, plural and singular; the plan's levels in the settings' words."""
    if kind in fixed:
        return fixed[kind]
    word = term(kind)
    return cap(word.plural), word.singular


def cms_config(content: Content, site_url: str | None = None, local_backend_url: str | None = None) -> dict[str, Any]:
    """Decap CMS's config.yml as data. Saving opens a pull request (editorial workflow): nothing an editor
    saves lands on the publishing branch before a reviewer merges it."""
    builder = _Builder(content)
    settings: Settings | None = content.settings
    backend: dict[str, Any] = {"name": "github", "branch": (settings.cms_branch if settings else None) or "main",
                               "squash_merges": True,
                               "commit_messages": {
                                   "create": "Ny post i {{collection}}: {{slug}} (formulärredigeraren)",
                                   "update": "Ändrat i {{collection}}: {{slug}} (formulärredigeraren)",
                                   "delete": "Borttaget ur {{collection}}: {{slug}} (formulärredigeraren)",
                                   "uploadMedia": "Fil uppladdad: {{path}}", "deleteMedia": "Fil borttagen: {{path}}",
                                   "openAuthoring": "{{message}}"}}
    if settings and settings.cms_repo:
        backend["repo"] = settings.cms_repo
    if settings and settings.cms_base_url:
        backend["base_url"] = settings.cms_base_url
    config: dict[str, Any] = {
        "locale": "sv",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        # The preview link is in the pull request's comment; Decap's own would point to the published site.
        "show_preview_links": False,
        # Local testing (`npx decap-server`): Decap uses it only on localhost, never on the published site.
        "local_backend": {"url": local_backend_url} if local_backend_url else True,
        "media_folder": "docs/assets/uploads",  # required by Decap; no form field uploads files
        "collections": [],
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    collections = config["collections"]
    for folder, model in CONTENT_MODELS.items():
        label, singular = _labels(folder, CONTENT_LABELS)
        collections.append({
            "name": folder, "label": label, "label_singular": singular,
            "folder": f"content/{folder}", "extension": "yaml", "format": RECORD_FORMAT,
            "create": True, "delete": False, "slug": "{{id}}", "identifier_field": "id",
            "summary": CONTENT_SUMMARIES[folder], "editor": {"preview": False},
            "fields": builder.model_fields(model), **SORTING.get(folder, {}),
        })
    files = []
    for name, model in VOCABULARY_MODELS.items():
        label, singular = _labels(name, VOCABULARY_LABELS)
        files.append({
            "name": name, "label": label, "file": f"data/{name}.yaml", "format": LIST_FORMAT,
            "fields": [{"name": LIST_FIELD, "label": label, "label_singular": singular, "widget": "list",
                        "collapsed": True,
                        "summary": VOCABULARY_SUMMARIES.get(name, "{{fields.id}}"),
                        "fields": builder.model_fields(model)}],
        })
    collections.append({"name": "vocabularies", "label": "Förteckningar", "format": LIST_FORMAT,
                        "extension": "yaml", "editor": {"preview": False}, "files": files})
    collections.append({"name": "settings", "label": "Inställningar", "format": RECORD_FORMAT, "extension": "yaml",
                        "editor": {"preview": False},
                        "files": [{"name": "portal", "label": "Webbplatsens inställningar", "file": "data/portal.yaml",
                                   "fields": builder.model_fields(Settings)}]})
    return config



def collection_names(config: dict[str, Any]) -> list[str]:
    """Names of the collections (and files) the editor offers, for tests and the README."""
    out = []
    for c in config["collections"]:
        out.extend([f"{c['name']}/{f['name']}" for f in c["files"]] if "files" in c else [c["name"]])
    return out
