"""mkdocs hooks: add one generated page per record and write build-time assets. Thin by design."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from mkdocs.structure.files import File, Files, get_files
from mkdocs.utils import get_build_datetime

from macros.charts import vega_bundle
from macros.glue import (
    cache_dir,
    call_key,
    hold,
    log,
    macro_calls,
    portal_for,
    release,
    render_fragment,
    restore,
    use_rendered_ahead,
)
from macros.parallel import can_fork
from macros.prerender import Prerender
from macros.site import write_files

_command = "build"
_prerender: Prerender | None = None
_generated: list[File] = []  # this build's generated pages, made in on_config


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: Any) -> Any:
    """Load and validate the content (a content error aborts here, before anything is built), then
    start rendering generated pages in a worker: it runs while mkdocs cleans the site directory and
    collects files and nav, so it is well ahead once mkdocs asks for the first page."""
    global _prerender
    portal = portal_for(config, reload=True)
    portal.pages = portal.generated_pages()
    _generated.clear()
    jobs = {}
    for src_uri, page in portal.pages.items():
        file = File.generated(config, src_uri, content=page.markdown)
        _generated.append(file)
        if page.view != "indicator_page":  # charts register assets in this process
            jobs[src_uri] = (file.url, page.view, page.args)
    if _command in ("build", "gh-deploy"):
        # The content lives until the build ends: frozen, it is not walked by every full collection
        # here, nor by the worker's collector, which would copy every memory page the two share.
        # (Not under `mkdocs serve`: each rebuild loads the content again, and frozen objects stay.)
        gc.freeze()
        # On one core everything renders in this process, as under `mkdocs serve` (see prerender.py).
        if can_fork():
            _prerender = Prerender(portal, render_fragment, jobs, lead=_macro_jobs(config))
            use_rendered_ahead(_prerender.body)
    return config


def _macro_jobs(config: Any) -> dict[str, tuple[str, str, tuple]]:
    """The views hand-written pages call as macros, in the order mkdocs builds those pages."""
    jobs = {}
    for file in get_files(config).documentation_pages():
        url = "" if file.url in (".", "./") else file.url  # as mkdocs' Page.url has it
        for name, args in macro_calls(Path(file.abs_src_path).read_text(encoding="utf-8")):
            jobs[call_key(url, name, args)] = (url, name, args)
    return jobs


def _site_url(config: Any) -> str:
    return (config["site_url"] or "/").rstrip("/") + "/"


def on_files(files: Files, config: Any) -> Files:
    for file in _generated:
        files.append(file)
    if _prerender:  # the site directory has been cleaned by now: the worker may write into it
        _prerender.create_outputs([file.abs_dest_path for file in _generated])
        _prerender.write_site_files(Path(config["site_dir"]), _site_url(config), get_build_datetime().date())
    return files


def on_env(env: Environment, config: Any, files: Files) -> Environment:
    # The colour scheme toggle depends on the config alone, yet the stock partial renders it, icons
    # included, for every page (0.1–0.3 s of a 5,000-mission build). overrides/partials/palette.html
    # prints it as rendered once here, from material's own template (not a copy of it).
    theme = config["theme"]
    stock = [d for d in theme.dirs if d != theme.custom_dir]
    palette = env.overlay(loader=FileSystemLoader(stock)).get_template("partials/palette.html")
    env.globals["pm_palette"] = Markup(palette.render(config=config))
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    portal = portal_for(config)
    generated = portal.pages.get(page.file.src_uri)
    if generated is None:
        return markdown  # a hand-written page: mkdocs-macros has expanded its macro calls already
    body = _prerender.body(page.file.src_uri) if _prerender else None
    if body is None:  # not rendered ahead: `mkdocs serve`, one core, or an indicator page
        body = render_fragment(portal, page.url, generated.view, generated.args)
    return markdown + hold(page.url, body)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    return release(page.file.src_uri, html)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    # Hooks run after plugins for the same event, so the search plugin has indexed the page by now.
    page.content = restore(page.file.src_uri)
    return context


def on_post_build(config: Any) -> None:
    """Write what pages registered (chart SVGs, specs, downloads), the self-hosted Vega bundle, and the
    files derived from all content (feeds, open data)."""
    global _prerender
    portal = portal_for(config)
    site = Path(config["site_dir"])
    write_files(site, portal.assets)
    if any(rel.endswith(".vl.json") for rel in portal.assets):
        write_files(site, {"assets/vendor/vega.js": vega_bundle(cache_dir(config) / "vendor")})
    if _prerender:
        _prerender, prerender = None, _prerender
        use_rendered_ahead(None)
        prerender.finish()  # the worker has written them, or re-raises what went wrong there
    else:
        write_files(site, portal.site_files(_site_url(config), get_build_datetime().date()))
    r = portal.renderer
    log.info(f"Diagram: {r.rendered} renderade ({r.seconds:.2f} s), {r.reused} från cache")


def on_build_error(error: Exception) -> None:
    global _prerender
    if _prerender:
        _prerender, prerender = None, _prerender
        use_rendered_ahead(None)
        prerender.close()


# mkdocs-material's search dialog has no accessible name (axe: aria-dialog-name). Patching the
# rendered tag keeps us on the stock partial instead of maintaining a copy of it.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Sök">', 1)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # 404.html is rendered as a static template, not a page.
    return on_post_page(output_content, None, config)
