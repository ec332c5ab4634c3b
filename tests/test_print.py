"""Print: pages print their content without the site's navigation."""

from __future__ import annotations


def test_print_stylesheet_hides_navigation() -> None:
    from tests.conftest import ROOT

    css = (ROOT / "docs/assets/portal.css").read_text(encoding="utf-8")
    print_block = css.split("@media print")[1]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".pm-filters"):
        assert selector in print_block.split("}")[0]
