"""Markup that must never reach a page: what runs script, and what makes a browser load anything from
another origin (the site loads nothing from other origins: no tracking pixel, no CDN, no embedded
page).

Two questions, asked of HTML (stdlib parser, entities decoded as a browser decodes them):

- `unsafe_markup(html)`: is this hand-written Markdown's HTML (a page in docs/) only text, links and
  pictures of the site's own? Refuses elements that run or embed something (`<script>`, `<iframe>`,
  `<style>`, `<form>`, `<svg>` …), event attributes (`onclick=`), links that run script (`javascript:`,
  `data:`), and anything loaded from another origin or a `data:` address (`src`, `srcset`, CSS `url()`).
- `unsafe_svg(svg)`: the same for an SVG file, which runs its scripts when opened by its address.
- `foreign_loads(html, own)`: does this whole page (theme, settings, pages) make a browser fetch
  anything from another origin than `own`? Only what is loaded by itself counts: a link a reader
  may follow to another site is fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements a hand-written page never needs and that run, embed, restyle or submit something.
_REFUSED_ELEMENTS = frozenset({
    "script", "style", "link", "meta", "base", "iframe", "frame", "frameset", "object", "embed", "applet",
    "portal", "form", "input", "button", "textarea", "select", "svg", "math", "template",
    # Browsers read these elements' content as plain text up to their end tag, wherever that stands (inside
    # an attribute, too): what follows it would be markup this parser never saw as such.
    "noscript", "noembed", "noframes", "xmp", "plaintext", "title", "listing",
})
# Attributes whose address the browser fetches by itself.
_LOADING = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest",
                      "codebase", "archive", "imagesrcset"})
# Attributes that are a link a reader follows.
_LINKS = frozenset({"href", "xlink:href", "action", "formaction", "cite", "longdesc"})
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# <link rel=…> values that make the browser fetch the address (the rest are links, like rel=canonical).
_LOADED_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                          "prefetch", "prerender", "preconnect", "dns-prefetch", "manifest", "mask-icon"})
# CSS that fetches or hides what it fetches (a backslash escape can spell url()).
_CSS_LOAD = re.compile(r"url\s*\(|@import|image-set\s*\(|expression\s*\(|\\", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\s*\(\s*|@import\s+)["']?([^"')\s;]+)""", re.IGNORECASE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# What a browser ignores or turns into '/' in an address before it reads the scheme and host.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")

HOW_PICTURE = "Lägg bilden i docs/assets/ och länka till den med en relativ sökväg, t.ex. ![Text](assets/bild.png)."


@dataclass(frozen=True)
class Unsafe:
    """One piece of refused markup: why (Swedish), and what was written (to show, and to find its line)."""

    reason: str
    value: str
    tag: str
    raw: str = ""  # the whole start tag as the HTML has it


def _normal(url: str) -> str:
    return _IGNORED_IN_URL.sub("", url).replace("\\", "/").lower()


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_normal(url))
    return match.group(1) if match else None


def is_own(url: str, own: str = "") -> bool:
    """Whether the browser fetches `url` from the page's own origin: a relative address (not `//host`),
    or an absolute one on the origin of `own` (the site's address). `data:` and `blob:` are not."""
    normal = _normal(url)
    if not normal or (not _scheme(url) and not normal.startswith("//")):
        return True
    if own:
        parts, mine = urlsplit(normal), urlsplit(own.lower())
        return (parts.scheme, parts.netloc) == (mine.scheme, mine.netloc) and parts.scheme in ("http", "https")
    return False


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]


# In an SVG opened by its address: what runs script or embeds HTML, and what loads its `href`.
_SVG_REFUSED = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
_SVG_LOADING = frozenset({"image", "use", "feimage", "tref"})
_SVG_ANIMATIONS = frozenset({"set", "animate", "animatetransform", "animatemotion"})


class _Scanner(HTMLParser):
    def __init__(self, own: str, strict: bool, svg: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.own, self.strict, self.svg = own, strict, svg
        self.found: list[Unsafe] = []
        self.in_style = False

    def _add(self, reason: str, value: str, tag: str, raw: str | None = None) -> None:
        self.found.append(Unsafe(reason, value, tag, self.get_starttag_text() or "" if raw is None else raw))

    # Where a browser and this parser could disagree on where markup starts, the page is refused rather
    # than trusted: a comment a browser ends early (`<!-->`, `--!>`), a CDATA section (in HTML a browser
    # ends it at the first '>'), a declaration or processing instruction. An SVG file is XML: no such doubt.
    def handle_comment(self, data: str) -> None:
        if self.strict and not self.svg and (re.search(r"[<>]", data) or data.startswith("-")):
            self._add("En HTML-kommentar med < eller > i (eller som börjar med <!--- eller <!-->) kan webbläsaren "
                      "avsluta tidigare än det ser ut, så att resten blir HTML. Ta bort tecknen ur kommentaren.",
                      f"<!--{data[:60]}", "!--", raw="")

    def unknown_decl(self, data: str) -> None:
        if self.strict and not self.svg:
            self._add("Avsnittet är inte tillåtet i sidorna (en webbläsare läser det annorlunda).",
                      f"<![{data[:60]}", "![", raw="")

    def handle_decl(self, decl: str) -> None:
        self.unknown_decl(decl)

    def handle_pi(self, data: str) -> None:
        self.unknown_decl(data)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        if self.svg and (tag in _SVG_REFUSED or (tag in _SVG_ANIMATIONS and (
                dict(attrs).get("attributename") or "").lower().removeprefix("xlink:").startswith(("href", "on")))):
            self._add(f"Elementet <{tag}> kan köra kod eller bädda in en sida och är inte tillåtet.", raw, tag)
            return
        if self.strict and not self.svg and tag in _REFUSED_ELEMENTS:
            self._add(f"HTML-elementet <{tag}> är inte tillåtet i sidorna: det kan köra kod, bädda in en annan "
                      "webbplats eller ändra sidans utseende och beteende.", raw, tag)
            return  # one message per element
        self.in_style = tag == "style"
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            value = value or ""
            if self.strict and name.startswith("on"):
                self._add(f"Attributet {name} kör kod i läsarens webbläsare och är inte tillåtet.", value or name, tag)
            elif self.strict and name in ("srcdoc", "ping", "http-equiv"):
                self._add(f"Attributet {name} är inte tillåtet i sidorna.", value or name, tag)
            elif name in _LOADING or (self.svg and tag in _SVG_LOADING and name in ("href", "xlink:href")):
                urls = _srcset_urls(value) if name.endswith("srcset") else [value]
                for url in urls:
                    if not is_own(url, self.own):
                        hint = f" {HOW_PICTURE}" if self.strict else ""
                        self._add(f"Webbläsaren skulle hämta adressen i <{tag} {name}=…> från en annan webbplats "
                                  f"(eller en data:-adress); webbplatsen hämtar inget utifrån.{hint}", url, tag)
            elif name == "style":
                self._style(value, tag)
            elif self.strict and name in _LINKS and (scheme := _scheme(value)) and scheme not in _LINK_SCHEMES:
                self._add(f"En länk med adressen {scheme}: är inte tillåten: bara webbadresser (https://), "
                          "e-post (mailto:), telefon (tel:) och sidor på webbplatsen.", value, tag)
        if tag == "link" and set(values.get("rel", "").lower().split()) & _LOADED_RELS:
            href = values.get("href", "")
            if not is_own(href, self.own):
                self._add("Sidan hämtar en fil (stilmall, ikon, typsnitt) från en annan webbplats; webbplatsen "
                          "hämtar inget utifrån.", href, tag)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" and not self.strict:
            self._add("Sidan skickar läsaren vidare av sig själv (meta refresh).", values.get("content", ""), tag)

    def _style(self, css: str, tag: str) -> None:
        if self.strict and not self.svg:
            if _CSS_LOAD.search(css):
                self._add("CSS i attributet style får inte hämta något (url(), @import) eller skrivas med "
                          f"\\-koder. {HOW_PICTURE}", css, tag)
            return
        for url in _CSS_URL.findall(css):
            if not is_own(url, self.own):
                self._add("CSS på sidan hämtar en fil från en annan webbplats; webbplatsen hämtar inget utifrån.",
                          url, tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and (self.svg or not self.strict):
            self._style(data, "style")


def _scan(html: str, own: str, strict: bool, svg: bool = False) -> list[Unsafe]:
    scanner = _Scanner(own, strict, svg)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def unsafe_markup(html: str) -> list[Unsafe]:
    """What in a hand-written page's HTML runs script, embeds, submits or loads from elsewhere."""
    return _scan(html, "", strict=True)


def foreign_loads(html: str, own: str) -> list[Unsafe]:
    """What in a whole page makes the browser fetch anything from another origin than the site's (`own`)."""
    return _scan(html, own, strict=False)


def unsafe_svg(svg: str) -> list[Unsafe]:
    """What in an SVG file, opened by its address, runs script, embeds a page or loads from elsewhere
    (references inside the drawing, `url(#gradient)`, `href="#shape"`, are its own)."""
    return _scan(svg, "", strict=True, svg=True)
