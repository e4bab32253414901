"""수식: 빌드 때 KaTeX 로 그려 넣기(scripts/katex.py)와 그 훅. 그리지 못한 수식은 페이지와 수식을 적어 빌드를 멈춥니다."""
from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import PluginError

from scripts import katex
from tests.conftest import ROOT, load_hook

math_check = load_hook("math_check")


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """이 테스트만의 캐시 폴더와 Renderer(다른 테스트·빌드의 캐시를 쓰지 않게)."""
    monkeypatch.setenv("DLB_CACHE_DIR", str(tmp_path))
    yield tmp_path
    r = katex._shared.pop(katex.cache_file(ROOT), None)
    if r:
        r.close()


def test_formulas_are_extracted_from_arithmatex_output():
    html = ('<p><span class="arithmatex">\\(a &lt; b\\)</span> and</p>'
            '<div class="arithmatex">\\[\n\\frac{1}{2}\n\\]</div>')
    assert katex.formulas(html) == [("a < b", False), ("\n\\frac{1}{2}\n", True)]
    with pytest.raises(katex.UnknownMarkup):
        katex.formulas('<span class="arithmatex">$x$</span>')


def test_arithmatex_is_replaced_by_katex_html_with_mathml(fresh_cache):
    page = ('<p>식 <span class="arithmatex">\\(\\sigma(x) &lt; 1\\)</span> 입니다.</p>\n'
            '<div class="arithmatex">\\[\\R^n\\]</div>')
    out, failed = katex.render_arithmatex(page, "basics/x.md", katex.renderer(ROOT).render)
    assert failed == []
    assert "\\(" not in out and "\\[" not in out
    inline, display = out.split("\n")
    assert inline.startswith('<p>식 <span class="arithmatex"><span class="katex"><span class="katex-mathml"><math')
    assert inline.endswith("</span></span> 입니다.</p>")
    # 보이는 HTML 은 스크린 리더에서 숨기고, MathML 이 읽힙니다. TeX 는 MathML 의 주석으로 남습니다.
    assert 'class="katex-html" aria-hidden="true"' in inline
    assert '<annotation encoding="application/x-tex">\\sigma(x) &lt; 1</annotation>' in inline
    # 디스플레이 수식, 사이트의 매크로(\R → \mathbb{R}: scripts/katex-options.json)
    assert display.startswith('<div class="arithmatex"><span class="katex-display">') and "mathbb" in display


def test_rendered_formulas_are_cached_by_source_and_options(fresh_cache):
    r = katex.renderer(ROOT)
    first = r.render([("x^2", False), ("x^2", True)])
    assert first[0] != first[1]  # 디스플레이 여부도 열쇠에 들어갑니다
    r.save()
    r.close()
    katex._shared.clear()
    again = katex.renderer(ROOT)
    assert again.render([("x^2", False), ("x^2", True)]) == first
    assert again.proc is None, "캐시에 있는 수식인데 node 를 띄웠습니다"
    # 옵션(또는 KaTeX 판)이 바뀌면 열쇠가 바뀝니다.
    key = again.key("x^2", False)
    again.salt += "|changed"
    assert again.key("x^2", False) != key
    stored = json.loads(katex.cache_file(ROOT).read_text())
    assert len(stored) == 2


def test_notebook_markdown_math_is_rendered_outside_code_only(fresh_cache):
    page = ('<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown">'
            '<p>층 $l$의 $W^{[l]}$, 가격 \\$5 와 <code>$HOME</code></p>\n<p>$$\nz = Wx + b\n$$</p>'
            '<pre><code>echo $x$</code></pre></div></div>'
            '<div class="jp-OutputArea"><pre>$money$</pre></div><p>밖의 $y$</p>')
    out, failed = katex.render_notebook_markdown(page, "practice/x.md", katex.renderer(ROOT).render)
    assert failed == []
    assert out.count('<span class="arithmatex"><span class="katex">') == 2
    assert out.count('<span class="arithmatex"><span class="katex-display">') == 1
    for untouched in ("\\$5", "<code>$HOME</code>", "echo $x$", "<pre>$money$</pre>", "밖의 $y$"):
        assert untouched in out


def test_bad_formula_fails_the_build_naming_page_and_tex(fresh_cache):
    items = [
        {"where": "basics/ok.md", "tex": r"\sigma(x)=\frac{1}{1+e^{-x}}", "display": False},
        {"where": "basics/bad.md", "tex": r"\frac{1}{", "display": True},
    ]
    assert [e["where"] for e in katex.errors(items, ROOT)] == ["basics/bad.md"]

    class File:
        src_uri = "basics/bad.md"

    class Page:
        file = File()

    class Config:
        config_file_path = str(ROOT / "mkdocs.yml")

    math_check.on_pre_build(Config())
    html = '<div class="arithmatex">\\[\\frac{1}{\\]</div>'
    out = math_check.on_post_page(html, Page(), Config())
    assert out == html  # 그리지 못한 수식은 그대로 두고(브라우저 테스트도 날 TeX 로 잡음) 빌드를 멈춥니다
    with pytest.raises(PluginError, match=r"basics/bad\.md: \$\\frac\{1\}\{\$"):
        math_check.on_post_build(Config())
