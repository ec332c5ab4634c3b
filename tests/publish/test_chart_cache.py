"""The chart cache (macros/publish/chartcache.py): intact entries come back, anything else is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.publish.chartcache import is_safe_svg, load, store

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="c"><rect/></clipPath>'
       '</defs><g clip-path="url(#c)"><path d="M0,0L1,1"/><text>3,1 %</text></g></svg>')


def test_an_entry_comes_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "a" / "entry.json"
    store(path, [{"svg": SVG, "title": "Å"}])
    assert load(path) == [{"svg": SVG, "title": "Å"}]
    assert [p.name for p in path.parent.iterdir()] == ["entry.json"]  # no temporary file left


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated by a crash
    lambda text: text.replace("3,1", "9,9"),  # altered on disk, checksum not updated
    lambda text: '[{"svg": "<svg/>"}]',  # planted in the old format, without a checksum
    lambda text: "",
    lambda text: "\x00\xff",
])
def test_a_damaged_entry_is_ignored(tmp_path: Path, damage) -> None:
    path = tmp_path / "entry.json"
    store(path, [{"svg": SVG}])
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8", errors="surrogateescape")
    assert load(path) is None


def test_a_missing_or_linked_entry_is_ignored(tmp_path: Path) -> None:
    assert load(tmp_path / "none.json") is None
    store(tmp_path / "real.json", [1])
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert load(tmp_path / "link.json") is None


def test_a_rendered_chart_is_safe() -> None:
    import vl_convert

    svg = vl_convert.vegalite_to_svg({"data": {"values": [{"a": 1, "b": 2}]}, "mark": "point",
                                      "encoding": {"x": {"field": "a", "type": "quantitative"},
                                                   "y": {"field": "b", "type": "quantitative"}}})
    assert is_safe_svg(svg) and is_safe_svg(SVG)


@pytest.mark.parametrize("svg", [
    SVG.replace("<text>", "<script>alert(1)</script><text>"),
    SVG.replace("<path ", '<path onmouseover="alert(1)" '),
    SVG.replace("<text>", '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject><text>'),
    SVG.replace("<text>", '<a href="javascript:alert(1)"><text>x</text></a><text>'),
    SVG.replace("<text>", '<image href="https://tracker.example/x.png"/><text>'),
    SVG.replace('clip-path="url(#c)"', 'style="fill: url(https://tracker.example/x)"'),
    SVG.replace("<text>", '<set attributeName="href" to="javascript:alert(1)"/><text>'),
    '<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG,
    "<html><body>x</body></html>",
    SVG[:-10],
    None,
])
def test_an_unsafe_svg_is_refused(svg) -> None:
    assert not is_safe_svg(svg)


def test_the_vega_bundle_hash_is_known_for_the_pinned_vl_convert() -> None:
    """Fails after a vl-convert upgrade until charts.VEGA_BUNDLE_SHA256 has the new bundle's line."""
    import hashlib

    import vl_convert

    from macros.publish.charts import VEGA_BUNDLE_SHA256

    versions = (vl_convert.get_vega_version(), vl_convert.get_vega_embed_version())
    assert VEGA_BUNDLE_SHA256.get(versions) == hashlib.sha256(vl_convert.javascript_bundle().encode()).hexdigest()


@pytest.mark.build
def test_a_tampered_cache_is_never_published(built_site: Path, project: Path, tmp_path: Path) -> None:
    """Every entry of a filled cache poisoned: the build renders the charts again and publishes no
    planted script, neither in a chart nor in the Vega bundle. What it must publish is what the fixture
    project's own build published (charts and scripts depend on the project only: test_reproducible.py)."""
    import json

    from tests.conftest import build_site, warm_cache

    def charts_and_scripts(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                if p.is_file() and p.suffix in (".svg", ".js")}

    clean = charts_and_scripts(built_site)
    assert any(name.endswith(".svg") for name in clean) and any(name.endswith(".js") for name in clean)
    entries = [p for p in warm_cache(project / ".cache").rglob("*") if p.is_file()]  # the filled cache
    assert entries
    for entry in entries:
        if entry.suffix == ".js":
            entry.write_text("alert('planted');", encoding="utf-8")
        else:  # a checksummed entry rewritten with a planted script and a fresh checksum
            value = load(entry)
            text = json.dumps(value).replace("<svg ", "<svg onload=\\\"alert('planted')\\\" ")
            store(entry, json.loads(text))
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    published = charts_and_scripts(site)
    assert published == clean, sorted(name for name in clean.keys() | published.keys()
                                       if clean.get(name) != published.get(name))
    assert not [p for p in published.values() if b"planted" in p]
