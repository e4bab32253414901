"""실습(노트북) 페이지: 본문의 CSS 를 공용 스타일시트로 옮기고 쓰는 규칙만 남기기(scripts/notebook_css.py)."""
from __future__ import annotations

import base64
import re
from pathlib import Path

import tinycss2

from scripts import notebook_css as nc

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()
PAGE = f"""<h1 id="t">제목</h1>
<style type="text/css">
.jupyter-wrapper .jp-Cell {{ color: var(--jp-ui-font-color1); }}
</style>
<script>document.addEventListener('clipboard-copy', function (event) {{}})</script>
<script src=""></script>
<script type="text/x-mathjax-config">init_mathjax = function() {{}}</script>
<script type="module">
  document.addEventListener("DOMContentLoaded", async () => {{ const diagrams = 1; renderOneMarmaid(); }});
  function renderOneMarmaid(src) {{ mermaid }}
</script>
<div class="jupyter-wrapper"><div class="jp-Cell"><img alt="그림" src="data:image/png;base64,{PNG}"></div></div>
"""


def test_extract_moves_css_out_and_drops_dead_scripts():
    ex = nc.extract(PAGE, "../../")
    assert ex.html.startswith('<link rel="stylesheet" href="../../assets/stylesheets/notebook.css">\n')
    assert "<style" not in ex.html and len(ex.css) == 1 and ".jp-Cell" in ex.css[0]
    assert "clipboard-copy" in ex.html  # 복사 단추 스크립트는 남깁니다
    assert 'src=""' not in ex.html and "mathjax" not in ex.html and "mermaid" not in ex.html.lower()
    # 박힌 PNG 는 내용 해시 이름의 파일로
    (name, data), = ex.images.items()
    assert data.startswith(b"\x89PNG") and name.startswith("cell-") and f'src="{name}"' in ex.html


CSS = """
:root { --unused: red; --jp-a: var(--jp-b); --jp-b: blue; --jp-c: green; }
.jupyter-wrapper .jp-Cell { color: var(--jp-a); }
.jupyter-wrapper .jp-Nope { color: var(--jp-c); }
.jupyter-wrapper .jp-Cell:hover, .jupyter-wrapper .bp3-button::before { outline: 1px solid; }
@media (max-width: 760px) { .jp-Cell { padding: 0; } .jp-Gone { padding: 1px; } }
@media print { .jp-Gone { display: none; } }
@keyframes spin { to { transform: rotate(1turn); } }
@keyframes used-spin { to { opacity: 0; } }
.jp-Cell > img { animation: used-spin 1s; }
.jp-Cell:not(.jp-Other) p:first-child { margin: 0; }
[data-md-color-scheme=slate] .jupyter-wrapper .jp-Cell { background: black; }
.jupyter-wrapper .md-typeset__scrollwrap { margin: 0; }
"""
HTML = '<html><body data-md-color-scheme="default"><div class="jupyter-wrapper"><div class="jp-Cell"><p>a</p><img src="x.png"></div></div></body></html>'


def _selectors(css: str) -> list[str]:
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True):
        if rule.type == "qualified-rule":
            out.append(tinycss2.serialize(rule.prelude).strip())
        elif rule.type == "at-rule" and rule.content:
            out.append(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()} " + " | ".join(_selectors(tinycss2.serialize(rule.content))))
    return out


def test_trim_keeps_rules_that_match_and_the_properties_they_use():
    out = nc.trim([CSS, CSS], [HTML])  # 같은 블록 둘은 한 번만
    sels = _selectors(out)
    assert ".jupyter-wrapper .jp-Cell" in sels
    assert ".jupyter-wrapper .jp-Nope" not in " ".join(sels)
    # 상태(:hover)로만 맞는 규칙은 남고, 없는 요소의 셀렉터는 목록에서 빠집니다.
    assert ".jupyter-wrapper .jp-Cell:hover" in sels and "bp3-button" not in out
    assert "@media (max-width: 760px) .jp-Cell" in sels and ".jp-Gone" not in out
    assert ".jp-Cell:not(.jp-Other) p:first-child" in sels
    # 어두운 팔레트는 자바스크립트가 body 에 답니다: 빌드된 HTML 에 없어도 남깁니다.
    assert "[data-md-color-scheme=slate] .jupyter-wrapper .jp-Cell" in sels
    # 표를 감싸는 틀처럼 Material 의 자바스크립트가 만드는 요소의 규칙도 남깁니다.
    assert ".jupyter-wrapper .md-typeset__scrollwrap" in sels
    # 사용자 속성: 쓰이는 것(과 그것이 부르는 것)만
    assert "--jp-a:" in out and "--jp-b:" in out
    assert "--jp-c" not in out and "--unused" not in out
    # 애니메이션: 쓰이는 이름만
    assert "used-spin" in out and "@keyframes spin" not in out
    assert out.count("\n.jupyter-wrapper .jp-Cell{") == 1


def test_write_trimmed_reuses_the_cached_result(tmp_path, monkeypatch):
    out, cache = tmp_path / "site/notebook.css", tmp_path / "cache"
    nc.write_trimmed([CSS], [HTML], out, cache)
    first = out.read_text()
    monkeypatch.setattr(nc, "trim", lambda *a: (_ for _ in ()).throw(AssertionError("다시 계산했습니다")))
    out.unlink()
    nc.write_trimmed([CSS], [HTML], out, cache)
    assert out.read_text() == first


# --------------------------------------------------------------------------- 코드 셀 마크업 줄이기
ICON = ('<svg aria-hidden="true" class="clipboard-copy-icon" data-view-component="true" height="20" version="1.1" '
        'viewbox="0 0 16 16" width="20">\n<path d="M0 6.75C0" fill="currentColor"></path>\n</svg>')
CELL = """<div class="jp-Cell jp-CodeCell" id="cell-id=cell-{n}">
<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">
</div>
<div class="zeroclipboard-container">
<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-{n}">
<div>
<span class="notice" hidden="">Copied!</span>
{icon}
</div>
</clipboard-copy>
</div>
<div class="highlight-ipynb hl-python" tabindex="0" role="region" aria-label="코드 셀"><pre><span></span><span class="n">x</span><span class="w"> </span><span class="o">=</span><span class="w"> </span><span class="n">f</span><span class="p">(</span><span class="mi">1</span><span class="p">)</span>  <span class="c1"># 주석 &lt;b&gt;</span>
</pre></div>
<div class="clipboard-copy-txt" id="cell-{n}">x = f(1)  # 주석 &lt;b&gt;</div>
</div>
"""


def test_lighten_keeps_what_is_seen_read_and_copied():
    import html as htmlmod

    page = "".join(CELL.format(n=n, icon=ICON) for n in (1, 2))
    out = nc.lighten(page)
    assert len(out) < len(page)
    # 아이콘: <symbol> 하나와 단추마다 <use>(Material 의 즉시 이동이 href 를 다시 쓰므로 xlink:href)
    assert out.count("<symbol") == 1 and out.count('<use xlink:href="#nb-copy-icon">') == 2 and "<path" in out
    assert out.count('class="clipboard-copy-icon"') == 2 and ',=""' not in out
    # 복사: 숨은 사본 대신 단추가 가리키는 id 가 코드의 <pre> 에 있고, 그 글(textContent)이 사본과 같습니다.
    assert "clipboard-copy-txt" not in out
    for n in (1, 2):
        pre = re.search(rf'<pre id="cell-{n}">(.*?)</pre>', out, re.S)
        assert pre and f'for="cell-{n}"' in out
        assert htmlmod.unescape(re.sub(r"<[^>]+>", "", pre[1])).rstrip("\n") == "x = f(1)  # 주석 <b>"
    # 코드 기본색과 같은 토큰(n, p, w)만 벗기고 색이 있는 토큰(o, mi, c1)은 그대로
    assert '<span class="n">' not in out and '<span class="p">' not in out and '<span class="w">' not in out
    assert out.count('<span class="o">=</span>') == 2 and '<span class="mi">1</span>' in out and 'class="c1"' in out
    assert "jp-Collapser" not in out and "<span></span>" not in out


def test_site_css_gives_unwrapped_tokens_their_colour():
    """벗긴 토큰(PLAIN_TOKENS)은 <pre> 의 색으로 그려지므로, site.css 가 그 색을 토큰의 색과 같게 줍니다."""
    css = (Path(__file__).resolve().parents[1] / "docs/stylesheets/site.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset \.highlight-ipynb pre, \.md-typeset \.highlight-ipynb :is\(([^)]*)\) \{ color: ([^;]+);", css)
    assert rule, "site.css 에 노트북 코드 셀 <pre> 의 기본색 규칙이 없습니다"
    assert set(nc.PLAIN_TOKENS) - {"w"} <= {c.strip(" .") for c in rule[1].split(",")}


def test_cell_images_load_lazily_with_their_size():
    import struct
    import zlib

    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 761, 331, 8, 2, 0, 0, 0)
    png += struct.pack(">I", zlib.crc32(png[12:29]))
    page = f'<div class="jp-RenderedImage"><img alt="그림" src="data:image/png;base64,{base64.b64encode(png).decode()}"/></div>'
    ex = nc.extract(page, "../../")
    assert re.search(r'src="cell-[0-9a-f]{12}\.png" loading="lazy" decoding="async" width="761" height="331"', ex.html)
