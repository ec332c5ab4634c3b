"""JSON Schema for editors, generated from the models; vocabularies become enums for completion."""

from __future__ import annotations

import json
from typing import Any

from macros.content.models import CONTENT_MODELS, VOCABULARY_MODELS, Goal, Indicator, Mission, Settings
from macros.content.store import Content

# Content folder -> schema file name (singular, as in the yaml-language-server modeline).
CONTENT_SCHEMA_NAMES = {"goals": "goal", "missions": "mission", "indicators": "indicator", "news": "news"}


def _enum(schema: dict[str, Any], values: list[str]) -> None:
    schema["enum"] = sorted(values)


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """The branch of `X | None` (anyOf) that is not null; the schema itself when it is not such a union."""
    return next((s for s in schema.get("anyOf", []) if s.get("type") != "null"), schema)


def _vocabulary_enums(model: type, schema: dict[str, Any], content: Content) -> None:
    """Offer the ids that exist in data/ where a field references them."""
    defs = schema.get("$defs", {})
    committees = list(content.committees)
    municipalities = list(content.municipalities)
    periods = list(content.periods)
    by_kind = {k: [s.id for s in content.statuses.values() if s.applies_to == k] for k in ("goal", "mission")}
    if model is Mission:
        _enum(schema["properties"]["responsible"]["items"], committees)
        _enum(schema["properties"]["concerned"]["items"], committees)
        _enum(defs["MissionFollowUp"]["properties"]["status"], by_kind["mission"])
        _enum(defs["MissionFollowUp"]["properties"]["period"], periods)
    elif model is Goal:
        _enum(defs["GoalFollowUp"]["properties"]["status"], by_kind["goal"])
        _enum(defs["GoalFollowUp"]["properties"]["period"], periods)
    elif model is Indicator:
        # Optional fields (the settings give the defaults): the enum goes on the branch that is not null.
        _enum(_not_null(schema["properties"]["home"]), municipalities)
        _enum(_not_null(schema["properties"]["responsible"]), committees)
        _enum(schema["properties"]["comparison"]["items"], municipalities)
        _enum(schema["properties"]["reference"]["items"], municipalities)


def build_schemas(content: Content) -> dict[str, str]:
    """File name -> JSON text for every schema. Deterministic, so a test can compare it byte for byte."""
    out: dict[str, str] = {}
    for folder, model in CONTENT_MODELS.items():
        schema = model.model_json_schema()
        _vocabulary_enums(model, schema, content)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{CONTENT_SCHEMA_NAMES[folder]}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    for name, model in VOCABULARY_MODELS.items():
        item = model.model_json_schema()
        defs = item.pop("$defs", None)
        schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": name,
                                  "type": "array", "items": item}
        if defs:
            schema["$defs"] = defs
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    settings = Settings.model_json_schema()
    settings["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["portal.schema.json"] = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    return out


def modeline(schema_file: str, depth: int) -> str:
    """The first line of a content file, pointing editors' YAML tooling at its schema."""
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{schema_file}"
