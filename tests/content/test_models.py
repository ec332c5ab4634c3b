"""The models are the contract with editors: strict, and documented field by field."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from macros.content import models
from macros.content.models import CONTENT_MODELS, VOCABULARY_MODELS, Goal, Mission, SeriesRow


def all_models() -> list[type[BaseModel]]:
    return [obj for obj in vars(models).values()
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == models.__name__]


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_field_and_model_is_documented(model: type[BaseModel]) -> None:
    assert model.__doc__ and model.__doc__.strip(), f"{model.__name__} has no docstring"
    for name, field in model.model_fields.items():
        assert field.description, f"{model.__name__}.{name} has no description"


def test_every_content_and_vocabulary_model_forbids_unknown_fields() -> None:
    for model in [*CONTENT_MODELS.values(), *VOCABULARY_MODELS.values(), SeriesRow]:
        assert model.model_config.get("extra") == "forbid", model.__name__


def test_misspelt_field_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        Goal.model_validate({"id": "fokusmal-9", "number": 9, "title": "T", "short_title": "S", "titel": "x",
                             "source": {"title": "Källa"}})
    assert exc.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("bad_id", ["../etc", "Fokusmal-1", "fokus mal", "fokusmål-1", "a/b", "", "-a", "a--b"])
def test_ids_must_be_safe_slugs(bad_id: str) -> None:
    with pytest.raises(ValidationError):
        Mission.model_validate({"id": bad_id, "goal": "fokusmal-1", "number": 1, "title": "T"})


def test_valid_mission_defaults_to_no_follow_ups() -> None:
    mission = Mission.model_validate({"id": "fm1-uppdrag-1", "goal": "fokusmal-1", "number": 1, "title": "T",
                                      "responsible": ["ks"], "description": "D", "source": {"title": "Källa"}})
    assert mission.follow_ups == [] and mission.concerned == []


def test_every_setting_is_described_and_documented_in_readme() -> None:
    from macros.content.models import Settings
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Settings")[1].split("\n## ")[0]
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"| `{name}` |" in readme, f"setting {name} is not documented in README"
