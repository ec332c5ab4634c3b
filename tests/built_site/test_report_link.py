"""Every page of the site, overviews included, has a way to report an error, naming the page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote


def test_every_page_has_a_report_link_naming_the_page(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("index.html") if p.relative_to(built_site).parts[0] != "admin"]
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'href="mailto:fel@example\.invalid\?subject=([^"]+)">Rapportera fel</a>', html)
        assert links, page
        subjects = [unquote(s) for s in links]
        assert all(s.startswith("Fel på sidan: ") and len(s) > len("Fel på sidan: ") for s in subjects), page
