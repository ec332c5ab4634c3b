"""The form editor at /admin/ (Decap CMS): its configuration mirrors the models, only /admin/ loads the
bundle, and what the real CMS writes (driven in headless Chromium against decap-server over a git copy
of the fixture project) validates and builds with --strict."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.content.labels import label_of
from macros.content.models import CONTENT_MODELS, VOCABULARY_MODELS, Record, Settings
from macros.editors.admin_site import BUNDLE_FILE, LOCAL_BACKEND, find_node_modules, index_html
from macros.editors.cms_config import LIST_FIELD, REFERENCES, TEXT_LAYOUT, cms_config, hint_of
from macros.validation.field_rules import FIELD_RULES, form_required, rules_for
from macros.validation.loader import errors_only, load_content
from scripts import canonical_yaml
from tests.browser import free_port, require_chromium, serve
from tests.conftest import FIXTURE, ROOT, SITE_URL, build_site, copy_project


@pytest.fixture(scope="module")
def fixture_content():
    content, problems = load_content(FIXTURE)
    assert not errors_only(problems)
    return content


def _form(config: dict[str, Any], name: str, file: str | None = None) -> list[dict[str, Any]]:
    for c in config["collections"]:
        if c["name"] == name:
            if file is None:
                return c["fields"]
            entry = next(f for f in c["files"] if f["name"] == file)
            return entry["fields"]
    raise AssertionError(f"no collection {name}")


def _check(model_name: str, schema: dict[str, Any], defs: dict[str, Any], fields: list[dict[str, Any]],
           relaxed: bool = False, whose: str = "") -> int:
    """Compare every property of a model's JSON Schema with its form field; returns fields checked.
    `whose`: the label of the source box the fields are in, which each of its fields begins with."""
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == list(schema["properties"]), f"{model_name}: form fields differ from the model's"
    required = set(schema.get("required", []))
    checked = 0
    for name, prop in schema["properties"].items():
        field = by_name[name]
        where = f"{model_name}.{name}"
        description = prop.get("description")
        inner = prop
        if "anyOf" in prop:
            inner = next(o for o in prop["anyOf"] if o.get("type") != "null")
            description = description or inner.get("description")
        assert description, f"{where} has no description"
        rules = [r.text() for r in rules_for(model_name, name) if not r.form_required]
        layout = [TEXT_LAYOUT] if field.get("widget") == "text" else []  # how paragraphs and lists are made
        assert field.get("hint", "") == " ".join([hint_of(description), *rules, *layout]).strip(), where
        label = label_of(description)
        assert field["label"] == (f"{whose}: {label[:1].lower()}{label[1:]}" if whose else label), where
        assert field["label"], where
        assert field.get("hint") != field["label"], f"{where}: the help text repeats the label"
        is_required = (name in required and "anyOf" not in prop or form_required(model_name, name)) and not relaxed
        assert field.get("required", True) is is_required, f"{where}: required differs"
        checked += 1
        if (model_name, name) in REFERENCES:
            assert field["widget"] in ("select", "relation"), where
            assert field.get("multiple", False) is (inner.get("type") == "array"), where
            continue
        if "$ref" in inner:
            sub = inner["$ref"].rsplit("/", 1)[-1]
            assert field["widget"] == "object", where
            checked += _check(sub, defs[sub], defs, field["fields"], relaxed or not is_required,
                              field["label"] if sub == "Source" else "")
            continue
        if inner.get("type") == "array":
            assert field["widget"] == "list", where
            assert field.get("min") == inner.get("minItems"), where
            items = inner["items"]
            if "$ref" in items:
                sub = items["$ref"].rsplit("/", 1)[-1]
                checked += _check(sub, defs[sub], defs, field["fields"])
            else:
                assert field["field"]["widget"] in ("string", "text"), where
            continue
        if "enum" in inner or "const" in inner:
            assert field["widget"] == "select", where
            values = [o["value"] if isinstance(o, dict) else o for o in field["options"]]
            assert values == [v for v in inner.get("enum", [inner.get("const")]) if v != ""], where
        elif inner.get("type") in ("integer", "number"):
            assert field["widget"] == "number", where
            assert field["value_type"] == ("int" if inner["type"] == "integer" else "float"), where
            assert field.get("min") == inner.get("minimum") and field.get("max") == inner.get("maximum"), where
        elif inner.get("type") == "boolean":
            assert field["widget"] == "boolean", where
        else:
            assert inner.get("type") == "string", where
            assert field["widget"] in ("string", "text"), where
            pattern = field.get("pattern", [None])[0]
            if inner.get("pattern"):
                assert inner["pattern"].strip("^$") in pattern, where
            if inner.get("maxLength") is not None:
                assert f",{inner['maxLength']}}}$" in pattern, where
            if inner.get("format") == "date":
                assert r"\d{4}-\d{2}-\d{2}" in pattern, where
    return checked


def _models() -> list[tuple[str, str | None, type[Record]]]:
    out: list[tuple[str, str | None, type[Record]]] = [(f, None, m) for f, m in CONTENT_MODELS.items()]
    out += [("vocabularies", name, model) for name, model in VOCABULARY_MODELS.items()]
    out.append(("settings", "portal", Settings))
    return out


@pytest.mark.parametrize(("collection", "file", "model"), _models(), ids=lambda v: getattr(v, "__name__", v))
def test_every_model_field_has_a_form_field_with_the_same_constraints(fixture_content, collection, file, model):
    config = cms_config(fixture_content)
    fields = _form(config, collection, file)
    if collection == "vocabularies":
        assert [f["name"] for f in fields] == [LIST_FIELD]
        fields = fields[0]["fields"]
    schema = model.model_json_schema()
    assert _check(model.__name__, schema, schema.get("$defs", {}), fields) >= len(schema["properties"])


def test_constraints_are_the_models_own(fixture_content):
    """A few constraints spelt out, so a change to the checker above cannot hide a wrong form."""
    goals = {f["name"]: f for f in _form(cms_config(fixture_content), "goals")}
    assert (goals["number"]["min"], goals["number"]["max"], goals["number"]["value_type"]) == (1, 999, "int")
    assert re.fullmatch(goals["id"]["pattern"][0], "fokusmal-7")
    assert not re.fullmatch(goals["id"]["pattern"][0], "Fokusmål 7")
    assert re.fullmatch(goals["title"]["pattern"][0], "x" * 300)
    assert not re.fullmatch(goals["title"]["pattern"][0], "x" * 301)
    assert not re.fullmatch(goals["title"]["pattern"][0], "   ")
    assert goals["title"]["label"] == "Fullständig titel"
    assert goals["description"].get("required") is False


# What an editor reads must not be the YAML's or the code's own names.
INTERNAL = re.compile(r"data/|content/|\.yaml|\.csv|responsible|concerned|\b(yearly|lower|higher)\b"
                      r"|home_municipality|comparison_municipalities|reference_municipalities")
# Beside an id field an example id in quotes is what the editor needs; elsewhere neither ids nor quoted names.
INTERNAL_BESIDE_VALUES = re.compile(r"'[a-z_]+'|\bid\b")


def _labels(fields: list[dict[str, Any]], where: str = ""):
    for f in fields:
        yield f"{where}{f['name']}", f
        yield from _labels(f.get("fields", []), f"{where}{f['name']}.")


@pytest.mark.parametrize(("collection", "file"), [("goals", None), ("missions", None), ("indicators", None),
                                                ("news", None)] + [("vocabularies", v) for v in VOCABULARY_MODELS])
def test_labels_and_help_texts_use_plain_words(fixture_content, collection, file):
    fields = _form(cms_config(fixture_content), collection, file)
    for where, field in _labels(fields):
        for text in (field["label"], field.get("hint", "")):
            assert not INTERNAL.search(text), (where, text)
            if where.split(".")[-1] not in ("id", "kpi"):
                assert not INTERNAL_BESIDE_VALUES.search(text), (where, text)
        if field.get("widget") == "list" or field.get("multiple"):
            assert field.get("label_singular") or field.get("widget") != "list", where
        for opt in field.get("options", []):
            assert isinstance(opt, dict), (where, opt)  # every fixed value shown in words


def _config_fields(config: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(model name, field name, form field) for every field of every form, nested ones too."""
    schemas = [(m.__name__, m.model_json_schema()) for _, _, m in _models()]
    forms = {m.__name__: (_form(config, c, f)[0]["fields"] if c == "vocabularies" else _form(config, c, f))
             for c, f, m in _models()}
    out: list[tuple[str, str, dict[str, Any]]] = []

    def walk(model: str, schema: dict[str, Any], defs: dict[str, Any], fields: list[dict[str, Any]]) -> None:
        by_name = {f["name"]: f for f in fields}
        for name, prop in schema["properties"].items():
            out.append((model, name, by_name[name]))
            inner = next((o for o in prop.get("anyOf", []) if o.get("type") != "null"), prop)
            ref = inner.get("$ref") or inner.get("items", {}).get("$ref")
            if ref and "fields" in by_name[name]:
                sub = ref.rsplit("/", 1)[-1]
                walk(sub, defs[sub], defs, by_name[name]["fields"])

    for model, schema in schemas:
        walk(model, schema, schema.get("$defs", {}), forms[model])
    return out


def test_every_rule_across_fields_is_enforced_or_said_by_the_form(fixture_content):
    """A rule validation checks across several fields of one file (validation/field_rules.py) that the form
    cannot enforce is in the hint of every field it names; one it can is required there, and open."""
    fields = {(m, n): f for m, n, f in _config_fields(cms_config(fixture_content))}
    assert FIELD_RULES
    for rule in FIELD_RULES:
        for key in rule.fields:
            assert key in fields, (rule.key, key)
            field = fields[key]
            if rule.form_required:
                assert field.get("required", True) is True and field.get("collapsed") is False, (rule.key, key)
            else:
                assert rule.text() in field.get("hint", ""), (rule.key, key)
    missions = {f["name"]: f for f in _form(cms_config(fixture_content), "missions")}
    assert "Ange minst en ansvarig eller berörd nämnd." in missions["responsible"]["hint"]


def test_the_follow_ups_source_cannot_be_taken_for_the_records_own(fixture_content):
    missions = {f["name"]: f for f in _form(cms_config(fixture_content), "missions")}
    follow_up = {f["name"]: f for f in missions["follow_ups"]["fields"]}
    own = [f["label"] for f in missions["source"]["fields"]]
    theirs = [f["label"] for f in follow_up["source"]["fields"]]
    assert all(label.startswith("Uppdragstextens källa: ") for label in own), own
    assert all(label.startswith("Bedömningens källa: ") for label in theirs), theirs
    assert follow_up["source"]["collapsed"] is False and follow_up["source"].get("required", True)
    assert follow_up["source"]["fields"][0].get("required", True)  # the source's title


def test_numbered_records_are_listed_by_number_and_pattern_messages_end_without_a_full_stop(fixture_content):
    config = cms_config(fixture_content)
    missions = next(c for c in config["collections"] if c["name"] == "missions")
    assert missions["sortable_fields"][0] == {"field": "number", "label": "Nummer", "default_sort": True}
    title = {f["name"]: f for f in missions["fields"]}["title"]
    assert title["pattern"][1] == "Får inte vara tomt. Högst 300 tecken"  # Decap's phrase adds the "."
    period = {f["name"]: f for f in _form(config, "vocabularies", "periods")[0]["fields"]}["date"]
    assert period["label"].startswith("Datum som uppföljningen gäller")


def test_lists_have_a_singular_and_fixed_values_words(fixture_content):
    config = cms_config(fixture_content)
    missions = {f["name"]: f for f in _form(config, "missions")}
    assert missions["follow_ups"]["label_singular"] == "uppföljning"
    periods = {f["name"]: f for f in _form(config, "vocabularies", "periods")[0]["fields"]}
    assert {"label": "Årsredovisning", "value": "arsredovisning"} in periods["kind"]["options"]
    goals = {f["name"]: f for f in _form(config, "goals")}
    trend = {f["name"]: f for f in goals["follow_ups"]["fields"]}["trend"]
    assert {"label": "Oförändrad", "value": "oforandrad"} in trend["options"]
    assert "hint" not in goals["number"]  # "Målets nummer." says it all


def test_reference_fields_offer_the_vocabulary_ids_with_their_names(fixture_content):
    config = cms_config(fixture_content)
    missions = {f["name"]: f for f in _form(config, "missions")}
    committees = {o["value"]: o["label"] for o in missions["responsible"]["options"]}
    assert committees.keys() == fixture_content.committees.keys()
    assert committees["ks"] == "KS – Testkommunstyrelsen"
    follow_up = {f["name"]: f for f in missions["follow_ups"]["fields"]}
    mission_statuses = {s.id for s in fixture_content.statuses.values() if s.applies_to == "mission"}
    assert {o["value"] for o in follow_up["status"]["options"]} == mission_statuses
    assert {o["value"] for o in follow_up["period"]["options"]} == set(fixture_content.periods)
    assert missions["goal"]["widget"] == "relation" and missions["goal"]["collection"] == "goals"


def test_backend_comes_from_settings_and_saving_opens_a_pull_request(fixture_content):
    settings = fixture_content.settings.model_copy(update={
        "cms_repo": "exempelkommun/malportal", "cms_branch": "publicerat", "cms_base_url": "https://auth.example.se"})
    content = type(fixture_content)(**{**fixture_content.__dict__, "settings": settings})
    config = cms_config(content, "https://exempel.invalid/")
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "exempelkommun/malportal"
    assert config["backend"]["branch"] == "publicerat"
    assert config["backend"]["base_url"] == "https://auth.example.se"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "sv"
    assert config["local_backend"]


def test_validator_accepts_files_as_decap_rewrites_them(project):
    """Decap drops comments (the modeline too), reorders keys and writes `|` blocks: still valid."""
    for path in sorted((project / "content").rglob("*.yaml")) + sorted((project / "data").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = dict(reversed(list(data.items())))

        class Literal(yaml.SafeDumper):
            pass

        Literal.add_representer(str, lambda d, s: d.represent_scalar(
            "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))
        path.write_text(yaml.dump(data, Dumper=Literal, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = load_content(project)
    assert not errors_only(problems), [p.text() for p in errors_only(problems)]


# The built site: only /admin/ loads the bundle.

def test_only_admin_loads_the_bundle(built_site: Path):
    if find_node_modules(ROOT) is None:
        pytest.skip("Decap CMS is not installed: run `npm ci` (make build does)")
    admin = built_site / "admin"
    assert (admin / "index.html").is_file() and (admin / BUNDLE_FILE).is_file() and (admin / "config.yml").is_file()
    assert f'src="{BUNDLE_FILE}"' in (admin / "index.html").read_text(encoding="utf-8")
    offenders = []
    for path in built_site.rglob("*"):
        # The editors' JSON Schemas describe the settings (cms_repo names /admin/ in its help text): data
        # that loads nothing.
        schemas = built_site / "schemas"
        if path.is_file() and path.suffix in (".html", ".js", ".css", ".xml", ".json") and admin not in path.parents \
                and schemas not in path.parents:
            text = path.read_text(encoding="utf-8", errors="replace")
            if "decap-cms" in text or "/admin/" in text:
                offenders.append(str(path.relative_to(built_site)))
    assert not offenders, offenders
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "sv" and config["publish_mode"] == "editorial_workflow"


# The real CMS, driven in Chromium.

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def cms_backend(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """A git copy of the fixture project and decap-server (MODE=git) over it, with the admin app of the session's
    fixture build (admin/ is generated from the same content, the canonical rewrite changes no value): started
    once for the module's CMS tests, which `cms_session` gives a repository as it was at the start."""
    require_chromium()
    node = shutil.which("node")
    base = find_node_modules(ROOT)
    if node is None or base is None or not (base / "node_modules/decap-server/dist/index.js").is_file():
        message = "node or the npm packages are missing: install Node.js and run `npm ci` (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("cms")
    project = copy_project(tmp / "project")
    # The repository's files are kept in the form the editor writes (scripts/canonical_yaml.py): the
    # fixture's hand-written files are rewritten into it first, as the live content was.
    assert canonical_yaml.rewrite(project, drop_comments=True, out=io.StringIO()) == 0
    _git(project, "init", "-q", "-b", "main")
    _git(project, "config", "user.name", "Test")
    _git(project, "config", "user.email", "test@example.invalid")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "start")
    site = tmp / "site"
    shutil.copytree(built_site / "admin", site / "admin")
    port = free_port()
    config = site / "admin" / "config.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nlocal_backend: true\n" in text
    config.write_text(text.replace("\nlocal_backend: true\n",
                                   f"\nlocal_backend:\n  url: http://localhost:{port}/api/v1\n"), encoding="utf-8")
    index = site / "admin" / "index.html"
    page = index.read_text(encoding="utf-8")
    assert LOCAL_BACKEND in page
    index.write_text(page.replace(LOCAL_BACKEND, f"http://localhost:{port}"), encoding="utf-8")
    env = {**os.environ, "PORT": str(port), "MODE": "git", "GIT_REPO_DIRECTORY": str(project),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    server = subprocess.Popen([node, str(base / "node_modules/decap-server/dist/index.js")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "decap-server did not start"
                time.sleep(0.2)
        yield project, site
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def cms_session(cms_backend: tuple[Path, Path]):
    """The shared backend's repository as it was at the start: main at "start", no drafts (decap-server keeps
    nothing of its own between requests: a draft is a cms/… branch and its description in .git/config)."""
    project, site = cms_backend
    for line in _git(project, "worktree", "list", "--porcelain").splitlines()[1:]:
        if line.startswith("worktree "):
            _git(project, "worktree", "remove", "--force", line.removeprefix("worktree "))
    _git(project, "checkout", "-q", "main")
    _git(project, "reset", "-q", "--hard", "HEAD")
    others = [b for b in _git(project, "branch", "--format=%(refname:short)").split() if b != "main"]
    if others:
        _git(project, "branch", "-q", "-D", *others)
    assert _git(project, "log", "--format=%s", "main").strip() == "start"
    assert not _git(project, "status", "--porcelain").strip()
    descriptions = subprocess.run(["git", "config", "--get-regexp", r"^branch\."], cwd=project,
                                  capture_output=True, text=True).stdout
    assert not descriptions.strip(), descriptions
    yield project, site


def _fill(page: Any, name: str, value: str, nth: int = 0) -> None:
    page.locator(f'[id^="{name}-field-"]').nth(nth).fill(value)


def _choose(page: Any, name: str, text: str, shown: str | None = None) -> None:
    """Pick an option in a select or relation widget (react-select): type, wait for it, Enter."""
    box = page.locator(f'input[id^="{name}-field-"]').first
    box.click()
    box.fill(text)
    page.locator('[class*="option"]', has_text=shown or text).first.wait_for()
    box.press("Enter")


def _open(page: Any, address: str) -> None:
    """Open an entry afresh. After a hash change from one entry to another Decap 3.16 may keep the previous
    entry's form, so the way goes through the collection's list, which unmounts the editor (cheaper than
    loading the whole app again)."""
    collection = address.split("#/collections/", 1)[1].split("/", 1)[0]
    page.goto(address.split("#", 1)[0] + f"#/collections/{collection}")
    page.get_by_role("button", name="Spara", exact=True).wait_for(state="detached")
    page.goto(address)


def _save(page: Any) -> None:
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Utkastet är sparat").first.wait_for(timeout=20_000)  # Decap's "Inlägg sparat" reworded
    # A new entry's editor moves to the entry's own address after saving; go on only once it has.
    page.wait_for_function("() => !location.hash.endsWith('/new')")
    # Then Decap loads the entry again as a draft: only once it shows its workflow status is it done.
    page.get_by_text("Status: Utkast").first.wait_for()


def test_what_the_cms_writes_validates_and_builds(browser, cms_session, tmp_path: Path):
    project, site = cms_session
    with serve(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        try:
            admin = url + "admin/"
            page.goto(admin)
            page.get_by_role("button", name="Logga in").click()
            page.get_by_text("Fokusmål").first.wait_for()
            # The page's policy refuses any other host, e.g. the github backend's status check (Decap then
            # counts GitHub as operational and goes on).
            refused = page.evaluate("""() => new Promise(done => {
                document.addEventListener('securitypolicyviolation',
                                          e => done(e.effectiveDirective + ' ' + e.blockedURI));
                fetch('https://www.githubstatus.com/api/v2/components.json').catch(() => {});
                setTimeout(() => done('not refused'), 3000);
            })""")
            assert refused.startswith("connect-src https://www.githubstatus.com"), refused

            # 1. A new mission with a follow-up.
            page.goto(admin + "#/collections/missions/new")
            _fill(page, "id", "fm1-uppdrag-9")
            _choose(page, "goal", "fokusmal-1", "1. Testekonomin")
            _fill(page, "number", "9")
            _fill(page, "title", "Ett nytt testuppdrag.")
            _choose(page, "responsible", "KS")
            _fill(page, "description", "Beskrivning av testuppdraget.\n\nAndra stycket.")
            page.get_by_role("button", name=re.compile("Lägg till uppföljning")).click()
            _choose(page, "period", "april 2023")
            _choose(page, "status", "Gul")
            _fill(page, "assessment", "Testbedömningen.")
            titles = page.locator('[id^="title-field-"]')
            titles.nth(titles.count() - 1).fill("Källa för testuppdraget")  # the mission's own source
            # The follow-up's source is open, says whose it is, and is required: saving without it is refused
            # with a message in the guide's words.
            page.get_by_text("Bedömningens källa: källans namn").first.wait_for()
            page.get_by_text("Uppdragstextens källa: källans namn").first.wait_for()
            page.get_by_role("button", name="Spara", exact=True).click()
            page.get_by_text("Fälten det gäller är markerade").first.wait_for(timeout=20_000)
            assert page.get_by_text("Bedömningens källa: källans namn måste fyllas i.").count() >= 1
            titles.nth(titles.count() - 2).fill("Testkälla för bedömningen")  # the follow-up's source
            _save(page)

            # 2. An existing goal, edited.
            _open(page, admin + "#/collections/goals/entries/fokusmal-1")
            short = page.locator('[id^="short_title-field-"]').first
            short.wait_for()
            assert page.get_by_role("button", name="Kontrollera förhandsvisning").is_hidden()
            short.fill("Ny kort titel")
            _save(page)

            # 2b. A goal file as the form writes it: a field changed and a field the file lacked, filled in.
            _open(page, admin + "#/collections/goals/entries/fokusmal-2")
            short = page.locator('[id^="short_title-field-"]').first
            short.wait_for()
            short.fill("Andra korta titeln")
            _fill(page, "description", "En ny beskrivning.")
            _save(page)

            # 3. A committee added to the vocabulary.
            _open(page, admin + "#/collections/vocabularies/entries/committees")
            page.get_by_text("5 nämnder").wait_for()
            page.get_by_text("KS – Testkommunstyrelsen").first.wait_for()  # entries by name, not id
            page.get_by_role("button", name=re.compile("Lägg till nämnd")).click()
            _fill(page, "id", "nn", page.locator('[id^="id-field-"]').count() - 1)
            _fill(page, "abbreviation", "NN", page.locator('[id^="abbreviation-field-"]').count() - 1)
            _fill(page, "name", "Nya nämnden", page.locator('[id^="name-field-"]').count() - 1)
            _save(page)
        finally:
            page.close()

    # Nothing other than the site itself and the local backend was asked for anything.
    hosts = {re.match(r"https?://([^/]+)/", r).group(1) for r in requests if r.startswith("http")}
    assert hosts <= {url.split("/")[2], f"localhost:{_port_of(site)}"}, hosts

    # Editorial workflow: each save is a cms/… branch; main is untouched.
    branches = set(_git(project, "branch", "--format=%(refname:short)").split())
    assert {"cms/missions/fm1-uppdrag-9", "cms/goals/fokusmal-1", "cms/vocabularies/committees"} <= branches

    # Saving keeps the file: in a file in the form's own style, one field changed is one line changed and
    # a field added is one line added, in its place (after short_title, not at the end).
    numstat = _git(project, "diff", "--numstat", "main", "cms/goals/fokusmal-2", "--",
                   "content/goals/fokusmal-2.yaml").split()
    assert numstat[:2] == ["2", "1"], numstat
    # Keys come out in the model's order, recursively (a hand-written file, nested lists and objects).
    for branch, path, model in (("cms/goals/fokusmal-1", "content/goals/fokusmal-1.yaml", "Goal"),
                                ("cms/goals/fokusmal-2", "content/goals/fokusmal-2.yaml", "Goal"),
                                ("cms/missions/fm1-uppdrag-9", "content/missions/fm1-uppdrag-9.yaml", "Mission")):
        written = yaml.safe_load(_git(project, "show", f"{branch}:{path}"))
        schema = CONTENT_MODELS[path.split("/")[1]].model_json_schema()
        _assert_model_order(written, schema, schema.get("$defs", {}), model)
    before = yaml.safe_load((project / "content/goals/fokusmal-1.yaml").read_text(encoding="utf-8"))
    after = yaml.safe_load(_git(project, "show", "cms/goals/fokusmal-1:content/goals/fokusmal-1.yaml"))
    assert {**before, "short_title": "Ny kort titel"} == after
    long_lines = [line for line in _git(project, "show", "cms/goals/fokusmal-1:content/goals/fokusmal-1.yaml")
                  .splitlines() if len(line) > 120 and "http" not in line]
    assert not long_lines, long_lines  # long texts folded, not one huge line
    assert _git(project, "log", "--format=%s", "main").strip() == "start"

    # The three drafts together, as a reviewer would merge them.
    checkout = tmp_path / "merged"
    _git(project, "worktree", "add", "-q", "-b", "merged", str(checkout), "main")
    for branch in ("cms/missions/fm1-uppdrag-9", "cms/goals/fokusmal-1", "cms/vocabularies/committees"):
        _git(checkout, "merge", "-q", "--no-edit", branch)
    mission = (checkout / "content/missions/fm1-uppdrag-9.yaml").read_text(encoding="utf-8")
    assert "period: 2023-april" in mission and "status: gul" in mission and '""' not in mission
    assert "Ny kort titel" in (checkout / "content/goals/fokusmal-1.yaml").read_text(encoding="utf-8")
    content, problems = load_content(checkout)
    assert not errors_only(problems), [p.text() for p in errors_only(problems)]
    assert content.missions["fm1-uppdrag-9"].follow_ups[0].status == "gul"
    assert content.missions["fm1-uppdrag-9"].responsible == ["ks"]
    assert content.goals["fokusmal-1"].short_title == "Ny kort titel"
    assert content.committees["nn"].name == "Nya nämnden" and "ks" in content.committees
    result = build_site(checkout, tmp_path / "merged-site", {"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr


# One field of each kind of file, changed in the form; everything else must come back byte for byte.
ONE_CHANGE = [
    ("#/collections/goals/entries/fokusmal-1", "content/goals/fokusmal-1.yaml", "cms/goals/fokusmal-1", "short_title"),
    ("#/collections/missions/entries/fm1-uppdrag-1", "content/missions/fm1-uppdrag-1.yaml",
     "cms/missions/fm1-uppdrag-1", "title"),
    ("#/collections/indicators/entries/testandel", "content/indicators/testandel.yaml", "cms/indicators/testandel",
     "title"),
    ("#/collections/news/entries/testnyhet-om-testandelen", "content/news/testnyhet-om-testandelen.yaml",
     "cms/news/testnyhet-om-testandelen", "title"),
    ("#/collections/vocabularies/entries/committees", "data/committees.yaml", "cms/vocabularies/committees", "name"),
    ("#/collections/vocabularies/entries/periods", "data/periods.yaml", "cms/vocabularies/periods", "label"),
    ("#/collections/settings/entries/portal", "data/portal.yaml", "cms/settings/portal", "publisher_name"),
]


def test_saving_a_file_changes_only_the_line_the_editor_changed(browser, cms_session):
    """The first save of a file from the repository rewrites nothing but the field changed: no lost
    modeline, no requoted dates or ids, no refolded texts, no reordered keys."""
    project, site = cms_session
    assert canonical_yaml.rewrite(project, check=True, out=io.StringIO()) == 0
    with serve(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            admin = url + "admin/"
            page.goto(admin)
            page.get_by_role("button", name="Logga in").click()
            page.get_by_text("Fokusmål").first.wait_for()
            for address, _path, _branch, field in ONE_CHANGE:
                _open(page, admin + address)
                if "vocabularies" in address:  # the list's entries are collapsed: open the first
                    page.get_by_role("button", name="Visa").first.click()
                box = page.locator(f'[id^="{field}-field-"]:visible').first
                box.wait_for()
                box.fill(box.input_value() + " ändrad")
                _save(page)
        finally:
            page.close()
    rewritten = {}
    for _address, path, branch, _field in ONE_CHANGE:
        diff = _git(project, "diff", "-U0", "main", branch, "--", path)
        changed = [line for line in diff.splitlines()
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        if not (len(changed) == 2 and changed[0][0] == "-" and " ändrad" in changed[1]):
            rewritten[path] = changed
    assert not rewritten, rewritten


def _assert_model_order(data: Any, schema: dict[str, Any], defs: dict[str, Any], where: str) -> None:
    """Every mapping's keys in the order of its model's fields."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        schema = next(o for o in schema["anyOf"] if o.get("type") != "null")
        return _assert_model_order(data, schema, defs, where)
    if isinstance(data, list):
        for item in data:
            _assert_model_order(item, schema.get("items", {}), defs, where)
    elif isinstance(data, dict) and "properties" in schema:
        names = list(schema["properties"])
        assert list(data) == [n for n in names if n in data], (where, list(data))
        for key, value in data.items():
            _assert_model_order(value, schema["properties"][key], defs, f"{where}.{key}")


def test_admin_page_allows_requests_only_to_the_site_github_and_the_backends(fixture_content):
    config = cms_config(fixture_content)
    page = index_html("Testportalen", config)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert policy == "connect-src 'self' https://api.github.com http://localhost:8081"
    config["backend"]["base_url"] = "https://auth.example.se/"
    assert "connect-src 'self' https://api.github.com http://localhost:8081 https://auth.example.se\"" \
        in index_html("Testportalen", config)
    assert "githubstatus" not in page


def test_no_preview_links_and_editor_note_is_a_form_field_never_published(fixture_content):
    config = cms_config(fixture_content)
    assert config["show_preview_links"] is False
    goals = {f["name"]: f for f in _form(config, "goals")}
    assert goals["editor_note"]["label"] == "Anteckning för redaktörer"
    assert goals["editor_note"]["required"] is False
    goal = fixture_content.goals["fokusmal-2"]
    assert goal.editor_note == "Synthetic test data: never published."
    assert "editor_note" not in goal.model_dump() and "editor_note" not in goal.model_dump_json()


def _port_of(site: Path) -> str:
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    return config["local_backend"]["url"].split(":")[2].split("/")[0]
