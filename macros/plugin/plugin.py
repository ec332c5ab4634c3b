"""The mkdocs plugin: the only code that knows about mkdocs. It loads the portal, adds one page per
record, renders page bodies through the views in pages.py, and writes the files made from all content.

Registered as `portal` through the `mkdocs.plugins` entry point in pyproject.toml. State of one build
lives on the instance and is reset when a build starts and when it fails (`mkdocs serve` keeps the
instance across rebuilds, as it does for every plugin with an `on_startup` event).

Event order matters in three places, each declared with `event_priority` (mkdocs runs higher
priorities first; plugins without one have 0):
- on_page_markdown at 100: before mkdocs-macros, so that while the content has errors the preview
  replaces each page before macros would render it;
- on_page_context: at 100 a generated page gets its body, at 50 the search plugin is given a slim copy
  of the page, at -50 the page gets its full content back. A plugin that changes pages' HTML should do
  so in on_post_page, or in on_page_context between 100 and 50: in on_page_content and on_env
  generated pages have no body yet, and between 50 and -50 its changes would be undone;
- on_post_build at -100: after the search plugin has written its index, so the staged site is complete
  when it is swapped in.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from jinja2.environment import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime
from pydantic_core import PydanticCustomError

from macros.build.pages import GeneratedPage, generated_pages, render_view
from macros.build.portal import Portal, load_portal
from macros.content.colours import STYLESHEET
from macros.content.formats import web_address
from macros.content.municipality import term
from macros.content.problem import Problem
from macros.content.store import ContentError
from macros.editors.admin_site import admin_files
from macros.files.cachedir import usable_cache
from macros.files.faults import fault_message
from macros.files.output import StagedSite, move_into, remove_abandoned, remove_tree, scratch_folder, write_files
from macros.plugin.config import PortalConfig
from macros.plugin.search_input import indexer_input, indexer_part, joined_indexer_input
from macros.plugin.theme_fixes import fix_page, name_search_dialog
from macros.structure.page_views import INLINE_VIEWS
from macros.structure.paging import PageSizes
from macros.text.characters import escape
from macros.text.htmlsafe import html_safe
from macros.validation.docpages import body_offset, expand, foreign_load_problems, html_problems
from macros.validation.site_settings import mkdocs_problems, theme_texts
from macros.views.page_views import REGISTRY
from macros.views.render import use_bytecode_cache

log = get_plugin_logger("portal")

# A folder where the theme's and the views' compiled templates are kept between builds, when set (README "Plugin
# options"): compiling them is about a fifth of a small site's build, which the test suite makes a hundred
# times. Never set by default: what is kept there is code that runs, so the folder must be one nobody else writes
# to (not `.cache`, which CI restores from a cache that pull requests can share).
TEMPLATE_CACHE_VARIABLE = "PORTAL_TEMPLATE_CACHE"

# A macro's output waits behind this placeholder until Markdown is done: Python-Markdown would
# otherwise parse the finished HTML again (slow) and may rewrite it (blank lines end raw HTML blocks).
FRAGMENT_ATTRIBUTE = "data-pm-fragment"
_FRAGMENT = re.compile(rf'<(?:div|span) {FRAGMENT_ATTRIBUTE}="(\d+)"></(?:div|span)>')


def without_views(page: str, views: Iterable[tuple[str, str]]) -> str:
    """`page` with each view's HTML (placeholder, html) back to its placeholder, where it stands as inserted."""
    for placeholder, view_html in views:
        if view_html:
            page = page.replace(view_html, placeholder, 1)
    return page


def _placeholder(key: str, name: str) -> str:
    """Where a view's HTML goes once Markdown is done: a block of its own, or words inside a sentence."""
    if name in INLINE_VIEWS:
        return f'<span {FRAGMENT_ATTRIBUTE}="{key}"></span>'
    return f'\n<div {FRAGMENT_ATTRIBUTE}="{key}"></div>\n'

# What the preview shows on every page while the content has errors.
_ERROR_PAGE = """# Innehållet har fel

Webbplatsen visas igen när felen är rättade och filen sparad. Samma lista får du med `make validate`.

"""


# What the build summary calls each kind of generated page: (one, several).
# Goals, missions and committees are named by the settings' terms (macros/municipality.py).
_KIND_WORDS = {"indicators": ("indikator", "indikatorer"), "news": ("nyhet", "nyheter"),
               "listings": ("fortsättningssida", "fortsättningssidor")}


def _kind_word(kind: str, several: bool) -> str:
    if kind in _KIND_WORDS:
        return _KIND_WORDS[kind][several]
    t = term(kind)
    return t.plural if several else t.singular


class BuildInterrupted(SystemExit):
    """SIGTERM during `mkdocs build`. A SystemExit, so that no `except Exception` on the way swallows it:
    the process ends with status 1 and this message, after on_shutdown has cleaned up."""


class _WarningCounter(logging.Handler):
    """Counts warnings mkdocs logs, which `--strict` turns into a failed build after on_post_build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.site_target = Path("site")  # config.site_dir as given, before staging changes it (kept after a build)
        self._reset()

    def _reset(self) -> None:
        """Forget the state of a build (called as a build starts, and when it fails or ends)."""
        self.portal: Portal | None = None
        self.problems: list[Problem] = []  # content errors the preview shows instead of the site
        self.pages: dict[str, GeneratedPage] = {}  # generated pages by source path
        self.fragments: dict[str, str] = {}  # rendered macro output by placeholder number
        # By page in docs/: each view's placeholder and the HTML that replaced it (on_post_page checks the rest).
        self.views_html: dict[str, list[tuple[str, str]]] = {}
        self.full_content: str | None = None  # a page's content while search reads the slim copy
        self.slim_copies: dict[str, tuple[str, str]] = {}  # by source path: (content, its slim copy), ready
        self.staged: StagedSite | None = None
        self.scratch: list[Path] = []  # this build's temporary folders beside the site (output.scratch_folder)
        self.current_url = ""  # the page on_page_markdown is at
        self.worker: Any = None  # prerender.Prerender while one runs
        self.counter: _WarningCounter | None = None
        self.started = time.monotonic()
        self.template_cache: FileSystemBytecodeCache | None = None

    def _clean_up(self) -> None:
        """Stop the worker, remove a staged site that was not swapped in, stop counting warnings."""
        if self.worker is not None:
            self.worker.close()
        if self.staged is not None:
            self.staged.discard()
        for folder in self.scratch:
            remove_tree(folder)
        if self.counter is not None:
            logging.getLogger("mkdocs").removeHandler(self.counter)
        self._reset()

    # Events, in the order mkdocs calls them.

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        # mkdocs-macros reports at INFO what it found and registered on every build; only its warnings
        # and errors concern the people who build this site.
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
        if command in ("build", "gh-deploy") and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)
            # A fault of the machine (full disk, read-only folder) ends mkdocs with an OSError it does not
            # catch: say what happened in Swedish instead of a traceback (macros/faults.py).
            sys.excepthook = self._machine_fault_hook(sys.excepthook)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate the content (an error stops `mkdocs build` here, before anything is
        written), build the charts, and make the views available as macros for docs/ pages."""
        self._clean_up()
        root = Path(config.config_file_path).resolve().parent
        for option in ("listing_page_size", "missions_page_size", "committee_page_size", "changes_page_size"):
            size = self.config[option]
            if size is not None and size < 1:
                raise PluginError(f"{Path(config.config_file_path).name}: plugins: portal: {option}: {size} – "
                                  "antalet rader per sida måste vara minst 1. Ändra värdet eller ta bort raden.")
        if self.command != "serve":  # `mkdocs serve` puts its own local address there (http://127.0.0.1:8000/)
            _check_site_url(config)
        config.extra["portal"] = theme_texts(None)  # the theme overrides' texts, also on the preview's error pages
        if folder := os.environ.get(TEMPLATE_CACHE_VARIABLE):
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.template_cache = FileSystemBytecodeCache(folder)
        use_bytecode_cache(self.template_cache)
        try:
            cache_dir, notice = usable_cache(root / self.config.cache_dir)
            if notice:
                log.info(notice)  # a speed-up lost, not a fault of the site: no warning to fail --strict
            self.portal = load_portal(root, cache_dir, PageSizes.of(
                self.config.listing_page_size, self.config.missions_page_size, self.config.committee_page_size,
                self.config.changes_page_size))
            self.portal.site_url = _site_url(config)
            self._apply_settings(config)
        except ContentError as exc:
            self.portal = None
            if self.command != "serve":
                raise PluginError("Innehållet har fel och webbplatsen byggs inte:\n"
                                  + "\n".join(p.text() for p in exc.problems)) from None
            self.problems = exc.problems
            log.info("Innehållet har fel; förhandsvisningen visar dem tills de är rättade:\n"
                     + "\n".join(p.text() for p in exc.problems))
        else:
            for warning in self.portal.warnings:
                log.info(warning.text())  # info, not warning: a content warning must not fail --strict
            # The footer says when the site was built and when its content last changed (from git).
            config.extra["portal_dates"] = self.portal.site_dates()
        self._register_macros(config)
        self.site_target = Path(config.site_dir)
        if self.command in ("build", "gh-deploy"):
            remove_abandoned(self.site_target)  # what killed builds left beside the site
        if self.command in ("build", "gh-deploy") and not self.dirty and self.config.staged_build:
            self.staged = StagedSite(self.site_target)
            config.site_dir = str(self.staged.path)
        if config.strict:
            self.counter = _WarningCounter()
            logging.getLogger("mkdocs").addHandler(self.counter)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.portal is None:
            return files
        jobs: list[tuple[str, str, str, tuple]] = []  # what the optional worker renders (prerender.Job)
        for page in generated_pages(self.portal):
            self.pages[page.src_uri] = page
            file = File.generated(config, page.src_uri, content=page.markdown)
            files.append(file)
            jobs.append((page.src_uri, file.url, page.view, page.args))
        if self.config.prerender and self.command in ("build", "gh-deploy"):
            from macros.plugin.prerender import Prerender, can_fork

            # Forking is only safe while this process runs one thread (not under `mkdocs serve`).
            if can_fork() and threading.active_count() == 1:
                # Noted before the worker starts, so a build stopped at any point removes it.
                self.scratch.append(scratch_folder(self.site_target, "arbete"))
                self.worker = Prerender(self.portal, jobs, self.config.prerender_chunk, _site_url(config),
                                        get_build_datetime().date(), search_parts=self.config.slim_search_input,
                                        handover=self.scratch[-1])
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = self.template_cache  # the theme's templates, as the views' (on_config)
        return env

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.problems:
            page.meta["render_macros"] = False  # the messages quote editors' text: never a template
            page.meta["title"] = "Innehållet har fel"  # front matter in returned Markdown would show as text
            # The list is HTML made here, every text escaped, and put in after Markdown: Markdown would
            # read a message (a key name with line breaks, say) as markup.
            key = str(len(self.fragments))
            self.fragments[key] = _error_list(self.problems)
            return _ERROR_PAGE + f'\n<div {FRAGMENT_ATTRIBUTE}="{key}"></div>\n'

        self.current_url = page.url
        if page.file.src_uri in self.pages:
            return markdown  # generated pages and the views' HTML are made safe where they are made
        # A page written in docs/ is made safe here, before its headings become its table of contents
        # (its front matter, read already, holds its title).
        for key, value in page.meta.items():
            if isinstance(value, str):
                page.meta[key] = html_safe(value)
        # Its view calls are replaced here, without a template engine, and mkdocs-macros is told to
        # leave the page alone: nothing in a page is ever evaluated (macros/docpages.py).
        page.meta["render_macros"] = False
        return expand(html_safe(markdown), frozenset(REGISTRY), self._view_fragment)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page written in docs/ gets the HTML its macros rendered (a generated page gets its body later),
        once the HTML its Markdown made, with every extension mkdocs.yml lists, is found to run no script
        and load nothing from another origin (validation checked it with mkdocs' own extensions only)."""
        written = not self.problems and page.file.src_uri not in self.pages
        if written:
            source = page.file.content_string
            _refuse(html_problems(source, body_offset(source), html, _source_file(page, config)))
        if not self.fragments:
            return html
        inserted: list[tuple[str, str]] = []

        def insert(match: re.Match[str]) -> str:
            inserted.append((match.group(0), self.fragments.pop(match.group(1))))
            return inserted[-1][1]

        html = _FRAGMENT.sub(insert, html)
        if written:
            self.views_html[page.file.src_uri] = inserted
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The theme's part of a page (head, header, footer) is the same on every page: checked on the pages
        # in docs/, whose text is the editors', it needs no check on each generated page (our templates).
        if not self.problems and page.file.src_uri not in self.pages:
            # Its views' HTML is the portal's too (a listing of every mission, say): the check reads the page
            # with each view back to its placeholder, so it costs what the page's own text and theme cost.
            # A view's HTML changed after insertion stays in, and is checked.
            checked = without_views(output, self.views_html.pop(page.file.src_uri, ()))
            _refuse(foreign_load_problems(checked, _site_url(config), _source_file(page, config)))
        return _fix_theme_html(output, page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not self.problems:
            _refuse(foreign_load_problems(output_content, _site_url(config), template_name))
        return _fix_theme_html(output_content, template_name)  # 404.html is a template, not a page

    # A generated page gets its body as the last step before its template is rendered: mkdocs converts
    # every page's Markdown before it renders any template, and the worker renders bodies meanwhile, so
    # it is far ahead by then (README, Performance, has the figures). Material's search plugin
    # changes page.content in this event too. Plugins that read page.content in on_page_content or
    # on_env see generated pages without their body.
    @event_priority(100)
    def _add_generated_body(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        generated = self.pages.get(page.file.src_uri)
        if generated is None or page.content is None:
            return context
        rendered = self.worker.take(generated.src_uri) if self.worker else None
        if rendered is None:
            assert self.portal is not None
            rendered = render_view(self.portal, page.url, generated.view, generated.args), None
        body, part = rendered
        head, page.content = page.content, page.content + "\n" + body
        if part is not None:  # the worker prepared the body for the search indexer too
            self.slim_copies[generated.src_uri] = (page.content, joined_indexer_input([indexer_part(head), part]))
        return context

    # The search plugin (priority 0) indexes page.content in its on_page_context. It parses every tag
    # only to drop most of them, so it is given a copy without those tags (search_input.py), and the page
    # gets its full content back right after. The index is the same either way (tests/plugin/test_search.py);
    # a plugin whose on_page_context runs between the two, priority 50 to -50, would see the copy.
    @event_priority(50)
    def _give_search_the_slim_copy(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.config.slim_search_input and page.content is not None:
            self.full_content = page.content
            ready = self.slim_copies.pop(page.file.src_uri, None)
            # A copy made ahead is used only if no plugin has changed the content since.
            page.content = ready[1] if ready and ready[0] is page.content else indexer_input(page.content)
        return context

    @event_priority(-50)
    def _restore_full_content(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        return context

    on_page_context = CombinedEvent(_add_generated_body, _give_search_the_slim_copy, _restore_full_content)

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the chart files and the files made from all content, then swap the staged site in
        (unless --strict is about to fail the build for a warning)."""
        site = Path(config.site_dir)
        if self.problems:
            # The page the preview serves for any address the broken content no longer makes (a
            # mission page, say): self-contained, so it reads the same at any depth.
            (site / "404.html").write_text(_error_html(self.problems), encoding="utf-8")
        if self.portal is not None:
            write_files(site, self.portal.assets)
            if self.worker is not None:
                move_into(self.worker.finish(), site)  # the worker wrote them while mkdocs built pages
            else:
                write_files(site, self.portal.site_files(_site_url(config), get_build_datetime().date()))
            admin = admin_files(self.portal.content, self.portal.root, config.site_name, config.site_url)
            if admin is None:
                log.info("Formulärredigeraren (/admin/) byggs inte: Decap CMS är inte installerat (kör `npm ci`).")
            else:
                write_files(site, admin)
            log.info(self._summary(site))
        failing = config.strict and self.counter is not None and self.counter.count > 0
        if self.staged is not None and not failing:
            self.staged.commit(remove=self.worker.remove_previous_site if self.worker is not None else None)
            self.staged = None
        if not failing:
            self._clean_up()

    def on_build_error(self, *, error: Exception) -> None:
        self._clean_up()

    def on_shutdown(self) -> None:
        self._clean_up()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        """The preview follows the content and the templates, not only docs/ and mkdocs.yml."""
        root = Path(config.config_file_path).resolve().parent
        for folder in (root / "content", root / "data", Path(__file__).parents[1] / "views" / "templates"):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    # Helpers.

    def _apply_settings(self, config: MkDocsConfig) -> None:
        """Check mkdocs.yml against data/portal.yaml (site name, menu titles: macros/site_settings.py) and
        give the theme what the settings decide: the colour stylesheet, the logo, and the texts the
        theme overrides show (`config.extra.portal`)."""
        assert self.portal is not None
        settings = self.portal.content.settings
        assert settings is not None  # the loader refuses content without valid settings
        config_file = Path(config.config_file_path)
        problems = mkdocs_problems(settings, config.site_name, config.nav, config_file.read_text(encoding="utf-8"),
                                   config_file.name, config.site_description)
        if problems:
            raise ContentError(problems)
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        if settings.logo:
            config.theme["logo"] = settings.logo
        config.extra["portal"] = theme_texts(settings)

    def _register_macros(self, config: MkDocsConfig) -> None:
        """Each view as a mkdocs-macros macro, through its documented hook for other plugins."""
        macros = config.plugins.get("macros")
        if macros is None:
            return

        def macro(name: str) -> Callable[..., str]:
            def call(*args: Any) -> str:
                if self.portal is None:
                    return ""
                current = getattr(macros, "page", None)
                html = render_view(self.portal, current.url if current else "", name, args)
                key = str(len(self.fragments))
                self.fragments[key] = html
                return _placeholder(key, name)

            call.__name__ = name
            return call

        try:
            macros.register_macros({name: macro(name) for name in REGISTRY})  # type: ignore[attr-defined]
        except KeyError:
            pass  # the same macros plugin instance, already given them in an earlier rebuild

    def _machine_fault_hook(self, default: Callable[..., Any]) -> Callable[..., Any]:
        def hook(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
            message = fault_message(exc, self.site_target.resolve())
            if message is None:
                default(kind, exc, tb)
            else:
                log.error(message)
        return hook

    def _view_fragment(self, name: str, args: tuple[Any, ...]) -> str:
        """A view's HTML for the page being built, behind a placeholder until Markdown is done."""
        if self.portal is None:
            return ""
        url = self.current_url
        key = str(len(self.fragments))
        self.fragments[key] = render_view(self.portal, url, name, args)
        return _placeholder(key, name)

    def _summary(self, site: Path) -> str:
        """'Byggt: 4 mål, 9 uppdrag, … sidor; 312 filer på 2.7 s. Diagram: …'"""
        assert self.portal is not None
        kinds = Counter(page.kind for page in self.pages.values())
        per_kind = ", ".join(f"{n} {_kind_word(kind, n != 1)}" for kind, n in kinds.items())
        files = sum(len(names) for _, _, names in os.walk(site))
        renderer = self.portal.renderer
        return (f"Byggt: sidor för {per_kind}; {files} filer på {time.monotonic() - self.started:.1f} s. "
                f"Diagram: {renderer.rendered} ritade, {renderer.reused} från cache.")


def _check_site_url(config: MkDocsConfig) -> None:
    """site_url goes into every page (canonical link), the feeds, the sitemap and the data catalogue as it is,
    unescaped by the theme: it must be an absolute web address without quotes, spaces or angle brackets,
    as every address in the settings."""
    if not config.site_url:
        return
    try:
        web_address(config.site_url)
    except PydanticCustomError as exc:
        raise PluginError(
            f"{Path(config.config_file_path).name}: site_url (från miljövariabeln SITE_URL när den är satt): "
            f"{exc.message()} Värde: \"{escape(config.site_url[:200])}\". Tillåtet: "
            f"{(exc.context or {}).get('allowed', 'https://…')}. Rätta adressen (i CI: variabeln SITE_URL under "
            "Settings → Secrets and variables → Actions → Variables).") from None


def _source_file(page: Page, config: MkDocsConfig) -> str:
    """The page's file as messages name it, relative to the project (docs/om.md)."""
    root = Path(config.config_file_path).resolve().parent
    path = Path(page.file.abs_src_path or page.file.src_uri).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else page.file.src_uri


def _refuse(problems: list[Problem]) -> None:
    """Stop the build (the previous site stays) with the problems, as validation states them."""
    if problems:
        raise PluginError("Sidan får inte publiceras så här:\n" + "\n".join(p.text() for p in problems))


def _site_url(config: MkDocsConfig) -> str:
    return (config.site_url or "/").rstrip("/") + "/"


def _interrupt(signum: int, frame: Any) -> None:
    raise BuildInterrupted("Bygget avbröts (SIGTERM); den tidigare webbplatsen är orörd.")


# mkdocs serve sends its 404 page without the live-reload script it adds to every other page, so the
# error page served for a record page (which the broken content no longer makes) reloads itself: it asks
# for its own address again (the server answers only once a rebuild is done) and reloads as soon as the
# answer is no longer this error list: the page is back, or the errors have changed.
_RELOAD_SCRIPT = """(function () {
  var token = "%s";
  function poll() {
    fetch(location.href, {cache: "no-store"}).then(function (response) {
      if (response.status !== 404) { location.reload(); return; }
      return response.text().then(function (text) {
        if (text.indexOf(token) < 0) { location.reload(); } else { setTimeout(poll, 300); }
      });
    }).catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 300);
})();"""


def _error_list(problems: list[Problem]) -> str:
    return "<ul>" + "".join(f"<li><code>{html_safe(html.escape(p.text()))}</code></li>" for p in problems) + "</ul>"


def _error_html(problems: list[Problem]) -> str:
    token = "fel-" + hashlib.sha256("\n".join(p.text() for p in problems).encode("utf-8")).hexdigest()[:16]
    items = _error_list(problems)
    return ('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Innehållet har fel</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            '<body style="font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">'
            "<h1>Innehållet har fel</h1><p>Webbplatsen visas igen när felen är rättade och filen sparad. "
            f"Samma lista får du med <code>make validate</code>.</p>{items}"
            f"<script>{_RELOAD_SCRIPT % token}</script></body></html>")


def _fix_theme_html(html: str, where: str) -> str:
    """What theme_fixes makes of a rendered page; a theme change it cannot handle is a warning, which
    fails a --strict build."""
    named = name_search_dialog(html)
    if named is None:
        log.warning(f"{where}: sökdialogen har inte den form pluginet väntar sig och fick inget namn "
                    "(mkdocs-material har ändrats; se _SEARCH_DIALOG i macros/plugin/theme_fixes.py).")
        named = html
    return fix_page(named)
