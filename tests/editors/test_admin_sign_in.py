"""/admin/ without `cms_repo` in the settings: the published page says in Swedish why there is no sign-in
and what the municipality must set, instead of Decap's GitHub button that can only fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.editors.admin_site import admin_files, find_node_modules, index_html
from macros.validation.loader import load_content
from tests.conftest import FIXTURE, ROOT

NOTICE_ID = 'id="pm-admin-no-repo"'
README_SECTION = "Inloggning med kommunens egen GitHub-organisation"


def _index(repo: str | None) -> str:
    """admin/index.html as the build writes it for the fixture project with this `cms_repo`."""
    if find_node_modules(ROOT) is None:  # the site has no /admin/ then: the page as it would be
        return index_html("Testportalen", None, repo)
    content, _ = load_content(FIXTURE)
    assert content.settings is not None
    content.settings = content.settings.model_copy(update={"cms_repo": repo})
    files = admin_files(content, FIXTURE, "Testportalen", "https://example.invalid/")
    assert files is not None
    page = files["admin/index.html"]
    assert isinstance(page, str)
    return page


def test_without_a_repository_admin_says_why_there_is_no_sign_in_and_what_to_set() -> None:
    page = _index(None)
    assert NOTICE_ID in page
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "Inloggning är inte möjlig här ännu" in text
    assert "kommunen har ännu inte angett" in text
    assert "data/portal.yaml: cms_repo: organisationen/förrådet" in text and "cms_base_url" in text
    # The section it sends the municipality to exists under that name.
    assert README_SECTION in text
    assert f"### {README_SECTION}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_with_a_repository_admin_is_the_editor_only() -> None:
    page = _index("kommunen/malportalen")
    assert NOTICE_ID not in page and "Inloggning är inte möjlig" not in page
    assert '<script src="admin.js"></script>' in page


def test_the_editor_starts_without_a_repository_only_on_this_computer() -> None:
    """admin.js leaves Decap unstarted beside the notice except on localhost (decap-server's local mode)."""
    script = (ROOT / "macros/editors/admin_assets/admin.js").read_text(encoding="utf-8")
    guard = script.index('document.getElementById("pm-admin-no-repo")')
    assert guard < script.index("CMS.init()")
    assert "if (!local()) return;" in script[guard:script.index("CMS.init()")]
    assert '"localhost", "127.0.0.1"' in script


def test_the_notice_in_the_fixture_build(built_site: Path) -> None:
    page = built_site / "admin" / "index.html"
    if not page.exists():
        pytest.skip("Decap is not installed (npm ci): the site is built without /admin/")
    assert NOTICE_ID in page.read_text(encoding="utf-8")  # the fixture project sets no cms_repo
