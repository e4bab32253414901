"""실습(노트북) 페이지: 본문의 CSS 를 공용 스타일시트로 옮기고 쓰는 규칙만 남기기(scripts/notebook_css.py)."""
from __future__ import annotations

import base64

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
