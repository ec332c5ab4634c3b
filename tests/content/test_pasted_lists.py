"""Text pasted from Word: bullets and tabs become a list citizens see as a list, whatever wrote the file."""

from __future__ import annotations

from pathlib import Path

from macros.validation.loader import errors_only, load_content
from macros.views.render import _parts
from macros.views.views import paragraphs
from tests.editing import replace

MISSION = "content/missions/fm1-uppdrag-2.yaml"
# As Decap writes a Word paste: one double-quoted YAML string with \n and \t escapes.
PASTED = ('description: "Uppdraget omfattar:\\n•\\tFörsta punkten\\n•\\tAndra\\tpunkten\\n\\uf0b7\\tTredje punkten'
          '\\nEfter listan kommer ett stycke."\n')


def test_word_bullets_load_as_a_list_and_render_as_one(project: Path) -> None:
    text = (project / MISSION).read_text(encoding="utf-8")
    start = text.index("description:")
    end = text.index("follow_ups:")
    (project / MISSION).write_text(text[:start] + PASTED + text[end:], encoding="utf-8")
    content, problems = load_content(project)
    assert errors_only(problems) == []
    description = content.missions["fm1-uppdrag-2"].description
    assert "\t" not in description and "•" not in description
    assert paragraphs(description) == ["Uppdraget omfattar:", "- Första punkten", "- Andra punkten",
                                       "- Tredje punkten", "Efter listan kommer ett stycke."]
    html = str(_parts().paras(paragraphs(description)))
    assert html == ("<p>Uppdraget omfattar:</p><ul><li>Första punkten</li><li>Andra punkten</li>"
                    "<li>Tredje punkten</li></ul><p>Efter listan kommer ett stycke.</p>"), html


def test_text_without_bullets_is_unchanged(project: Path) -> None:
    replace(project, MISSION, "Testkommunstyrelsen ska", "Testkommunstyrelsen – i samråd – ska")
    content, _ = load_content(project)
    assert "Testkommunstyrelsen – i samråd – ska" in content.missions["fm1-uppdrag-2"].description
    assert paragraphs("Ett stycke\nsom fortsätter.\n\nEtt till.") == ["Ett stycke som fortsätter.", "Ett till."]
