"""mkdocs hooks: add one generated page per record and write build-time assets. Thin by design."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from macros.glue import portal_for


def on_config(config: Any) -> Any:
    portal_for(config, reload=True)  # validate before anything is built; aborts cleanly on errors
    return config


def on_files(files: Files, config: Any) -> Files:
    for src_uri, markdown in portal_for(config).generated_pages().items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files


# mkdocs-material's search dialog has no accessible name (axe: aria-dialog-name). Patching the
# rendered tag keeps us on the stock partial instead of maintaining a copy of it.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Sök">', 1)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # 404.html is rendered as a static template, not a page.
    return on_post_page(output_content, None, config)
