"""The files of the form editor at /admin/: its page, its configuration (generated, macros/editors/cms_config.py),
the portal's start-up script, and the Decap CMS bundle copied from node_modules (installed by `npm ci`
from package-lock.json, with integrity hashes). Served from the site's own origin; no other page links
to it. Knows nothing of mkdocs."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import yaml

from macros.content.store import Content
from macros.editors.cms_config import cms_config
from macros.editors.field_order import ORDER_FILE, order_script

ADMIN_DIR = "admin/"
BUNDLE_FILE = "decap-cms.js"
# Decap's package, and js-yaml for the portal's YAML formats, as npm installs them.
DECAP_DIST = Path("node_modules/decap-cms/dist")
JS_YAML = Path("node_modules/js-yaml/dist/js-yaml.min.js")
_HERE = Path(__file__).parent
_CHECKOUT = _HERE.parents[1]  # the checkout this code runs from (tests build fixture projects elsewhere)


def find_node_modules(root: Path) -> Path | None:
    """The folder holding node_modules with Decap in it: the project's own, else this checkout's."""
    for base in (root, _CHECKOUT):
        if (base / DECAP_DIST / BUNDLE_FILE).is_file() and (base / JS_YAML).is_file():
            return base
    return None


def bundle_files(base: Path) -> dict[str, bytes]:
    """Decap's script, the chunks it loads on demand (same folder, same origin), its licence notice and
    js-yaml. Source maps are left out (25 MB, and nothing needs them)."""
    dist = base / DECAP_DIST
    out: dict[str, bytes] = {}
    for path in sorted(dist.iterdir()):
        name = path.name
        if name == BUNDLE_FILE or name.endswith(".decap-cms.js") or name.endswith(".wasm") \
                or name == "decap-cms.js.LICENSE.txt":
            out[ADMIN_DIR + name] = path.read_bytes()
    out[ADMIN_DIR + "js-yaml.min.js"] = (base / JS_YAML).read_bytes()
    return out


# Shown on the published /admin/ when the settings name no repository: Decap would offer a GitHub
# sign-in that can only fail. On localhost admin.js hides it and starts the editor (local_backend).
NO_REPO_STYLE = """<style>#pm-admin-no-repo{max-width:40em;margin:2em auto;padding:0 1em;
font-family:system-ui,sans-serif;line-height:1.5}</style>
"""
NO_REPO_NOTICE = """<main id="pm-admin-no-repo">
<h1>Inloggning är inte möjlig här ännu</h1>
<p>Formulärredigeraren sparar ändringar i webbplatsens förråd på GitHub, men kommunen har ännu inte angett
vilket förråd det är. Därför finns ingen inloggning på den publicerade webbplatsen.</p>
<p>Den som sköter webbplatsen anger förrådet i <code>data/portal.yaml</code>: <code>cms_repo:
organisationen/förrådet</code>, och adressen till inloggningens mellanhand (OAuth-proxy) i
<code>cms_base_url</code>. Hur det går till står i README, avsnittet <em>Inloggning med kommunens egen
GitHub-organisation</em>. Nästa publicering ger då en inloggning här.</p>
<p>Till dess kan innehållet ändras direkt i förrådet på GitHub, eller i formulärredigeraren på den egna
datorn (README, avsnittet <em>Form editor</em>).</p>
</main>
"""



# Where the editor may send requests: its own origin, GitHub's API (the github backend), the local
# backend (decap-server, only on localhost) and the sign-in proxy when one is set. Everything else is
# refused by the browser, among them Decap's status check at www.githubstatus.com (it then fails quietly
# and counts as operational).
GITHUB_API = "https://api.github.com"
LOCAL_BACKEND = "http://localhost:8081"


def _origin(url: str) -> str:
    parts = url.split("/")
    return "/".join(parts[:3]) if len(parts) >= 3 and parts[0].endswith(":") else url


def connect_sources(config: dict[str, Any]) -> list[str]:
    """The origins the editor may connect to, from its configuration."""
    out = ["'self'", GITHUB_API]
    local = config.get("local_backend")
    out.append(_origin(local["url"]) if isinstance(local, dict) and local.get("url") else LOCAL_BACKEND)
    base_url = config.get("backend", {}).get("base_url")
    if base_url:
        out.append(_origin(base_url))
    return list(dict.fromkeys(out))


def csp(config: dict[str, Any]) -> str:
    return f"connect-src {' '.join(connect_sources(config))}"



def index_html(site_name: str, config: dict[str, Any] | None = None, repo: str | None = "configured") -> str:
    """The editor's page; without a repository (`repo` None) it says why there is no sign-in."""
    name = html.escape(site_name)
    notice, style = (NO_REPO_NOTICE, NO_REPO_STYLE) if repo is None else ("", "")
    policy = html.escape(csp(config or {}), quote=False).replace('"', "&quot;")
    return f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<!-- Decap reads config.yml from this folder. -->
<title>Redigera innehållet – {name}</title>
<!-- Decap's own preview button: the preview is the link in the pull request's comment (show_preview_links
     is off, so the button would only ever say "check for preview"). The class carries Decap's component name. -->
<style>[class*="-PreviewButtonContainer"] {{ display: none !important; }}
/* Decap shows a field's errors in capitals; read as written, they are easier to take in. */
[class*="ControlErrorsList"] li {{ text-transform: none !important; }}
/* The form needs a wide screen (REDIGERA.md says use a computer); a narrow one is told so, not clipped. */
#pm-admin-narrow {{ display: none; }}
@media (max-width: 799px) {{
  #pm-admin-narrow {{ display: block; position: sticky; top: 0; z-index: 1000; margin: 0; padding: .75em 1em;
    background: #fff3cd; color: #3d2f00; font: 1rem/1.5 system-ui, sans-serif; border-bottom: 1px solid #c9a400; }}
}}</style>
{style}</head>
<body>
<p id="pm-admin-narrow" role="note">Formulärredigeraren är gjord för en dator: skärmen är för smal för att visa
hela formuläret. Öppna sidan på en dator, eller vrid skärmen och zooma ut.</p>
{notice}
<noscript>Formulärredigeraren behöver JavaScript. Innehållet kan också ändras direkt i förrådet på GitHub.</noscript>
<script src="js-yaml.min.js"></script>
<script src="{ORDER_FILE}"></script>
<script src="portal-yaml.js"></script>
<script src="admin.js"></script>
<script src="{BUNDLE_FILE}"></script>
</body>
</html>
"""


def config_yaml(config: dict[str, Any]) -> str:
    header = ("# Generated at build time from macros/models.py and data/ (macros/editors/cms_config.py): edit those,\n"
              "# not this file.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def admin_files(content: Content, root: Path, site_name: str, site_url: str | None) -> dict[str, str | bytes] | None:
    """Every file below admin/, or None when Decap is not installed (run `npm ci`)."""
    base = find_node_modules(root)
    if base is None:
        return None
    files: dict[str, str | bytes] = dict(bundle_files(base))
    config = cms_config(content, site_url)
    repo = content.settings.cms_repo if content.settings else None
    files[ADMIN_DIR + "index.html"] = index_html(site_name, config, repo)
    files[ADMIN_DIR + "config.yml"] = config_yaml(config)
    files[ADMIN_DIR + ORDER_FILE] = order_script(config)
    for script in ("portal-yaml.js", "admin.js"):
        files[ADMIN_DIR + script] = (_HERE / "admin_assets" / script).read_text(encoding="utf-8")
    return files


def version() -> str:
    """Decap's version as installed (for the README and the report)."""
    base = find_node_modules(_CHECKOUT)
    if base is None:
        return "not installed"
    return json.loads((base / "node_modules/decap-cms/package.json").read_text(encoding="utf-8"))["version"]
