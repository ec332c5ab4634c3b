"""mkdocs hooks: add one generated page per record and write build-time assets. Thin by design."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_datetime

from macros.charts import vega_bundle
from macros.glue import cache_dir, log, page_view, portal_for, release, restore


def on_config(config: Any) -> Any:
    portal_for(config, reload=True)  # validate before anything is built; aborts cleanly on errors
    return config


def on_files(files: Files, config: Any) -> Files:
    portal = portal_for(config)
    portal.pages = portal.generated_pages()
    for src_uri, generated in portal.pages.items():
        files.append(File.generated(config, src_uri, content=generated.markdown))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    portal = portal_for(config)
    generated = portal.pages.get(page.file.src_uri)
    if generated is None:
        return markdown  # a hand-written page: mkdocs-macros has expanded its macro calls already
    return markdown + page_view(portal, page.url, generated.view, *generated.args)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    return release(page.file.src_uri, html)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    # Hooks run after plugins for the same event, so the search plugin has indexed the page by now.
    page.content = restore(page.file.src_uri)
    return context


def _write(site: Path, files: dict[str, str | bytes]) -> None:
    folders: set[Path] = set()  # thousands of files share a few folders (api/uppdrag/ holds one per mission)
    for rel, data in sorted(files.items()):
        path = site / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)


def on_post_build(config: Any) -> None:
    """Write what pages registered (chart SVGs, specs, downloads), the self-hosted Vega bundle, and the
    files derived from all content (feeds, open data)."""
    portal = portal_for(config)
    site = Path(config["site_dir"])
    _write(site, portal.assets)
    if any(rel.endswith(".vl.json") for rel in portal.assets):
        _write(site, {"assets/vendor/vega.js": vega_bundle(cache_dir(config) / "vendor")})
    site_url = (config["site_url"] or "/").rstrip("/") + "/"
    _write(site, dict(portal.site_files(site_url, get_build_datetime().date())))
    r = portal.renderer
    log.info(f"Diagram: {r.rendered} renderade ({r.seconds:.2f} s), {r.reused} från cache")


# mkdocs-material's search dialog has no accessible name (axe: aria-dialog-name). Patching the
# rendered tag keeps us on the stock partial instead of maintaining a copy of it.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Sök">', 1)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # 404.html is rendered as a static template, not a page.
    return on_post_page(output_content, None, config)
