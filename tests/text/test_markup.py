"""What a hand-written page's HTML may hold, and what a whole page may load (macros/text/markup.py)."""

from __future__ import annotations

import pytest

from macros.text.markup import foreign_loads, is_own, unsafe_markup

REFUSED = [
    '<script>alert(1)</script>',
    '<iframe src="https://video.example/embed"></iframe>',
    '<img src="https://bilder.example/pixel.png" alt="">',
    '<img src="//bilder.example/pixel.png" alt="">',
    '<img src="/\\bilder.example/pixel.png" alt="">',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="">',
    '<img srcset="liten.png 1x, https://bilder.example/stor.png 2x" alt="">',
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript&colon;alert(1)">x</a>',
    '<a href=" JavaScript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="https://ok.example/" ping="https://spår.example/">x</a>',
    '<div style="background: url(https://bilder.example/bg.png)">x</div>',
    '<div style="background: \\75 rl(x)">x</div>',
    '<style>@import "https://css.example/x.css";</style>',
    '<link rel="stylesheet" href="https://css.example/x.css">',
    '<svg><a href="#"><circle r="1"/></a></svg>',
    '<form action="https://formular.example/"><input name="pnr"></form>',
    '<video poster="https://bilder.example/p.png"></video>',
    '<object data="https://x.example/a.swf"></object>',
    '<meta http-equiv="refresh" content="0;url=https://x.example/">',
    '<base href="https://x.example/">',
    # Where a browser reads markup this parser reads as a comment, a section or an attribute.
    '<!--><script>alert(1)</script>-->',
    '<!---><script>alert(1)</script>-->',
    '<!-- a --!><script>alert(1)</script>-->',
    '<div><![CDATA[><script>alert(1)</script>]]></div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<title><p title="</title><img src=x onerror=alert(1)>"></title>',
]

ALLOWED = [
    '<p>Text med <a href="https://uppsala.se/">länk</a>, <a href="mailto:a@b.se">e-post</a>, '
    '<a href="tel:+4618000000">telefon</a>, <a href="../mal/">en sida</a> och <a href="#del">ett ankare</a>.</p>',
    '<img src="assets/bild.png" alt="Bild"><img src="../assets/bild.png" alt="">',
    '<table><tr><td style="text-align: left;">1</td></tr></table>',
    '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>',
    '<details><summary>Mer</summary><p>Text</p></details><abbr title="Lagen om stöd">LSS</abbr>',
    '<!-- En anteckning för redaktörer: källan är delårsrapporten. -->',
]


@pytest.mark.parametrize("html", REFUSED)
def test_markup_that_runs_embeds_or_loads_from_elsewhere_is_refused(html: str) -> None:
    found = unsafe_markup(html)
    assert found, html
    assert all(item.reason and item.reason[0].isupper() for item in found)


@pytest.mark.parametrize("html", ALLOWED)
def test_text_links_and_own_pictures_are_allowed(html: str) -> None:
    assert unsafe_markup(html) == []


def test_a_whole_page_may_link_anywhere_but_load_only_from_its_own_origin() -> None:
    own = "https://kommun.example/mal/"
    page = ('<link rel="canonical" href="https://kommun.example/mal/om/"><link rel="stylesheet" href="assets/a.css">'
            '<link rel="icon" href="https://kommun.example/mal/assets/i.png"><script src="assets/b.js"></script>'
            '<script>var x = 1;</script><a href="https://annan.example/">länk</a>')
    assert foreign_loads(page, own) == []
    fonts = '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'
    cdn = '<script src="https://cdn.example.com/x.js"></script>'
    css = '<style>body { background: url("https://bilder.example/bg.png") }</style>'
    for html, value in ((fonts, "https://fonts.gstatic.com"), (cdn, "https://cdn.example.com/x.js"),
                        (css, "https://bilder.example/bg.png")):
        assert [item.value for item in foreign_loads(html, own)] == [value]
    assert not is_own("http://kommun.example/mal/x.png", own)  # another scheme is another origin
