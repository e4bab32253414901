"""수식 검사: KaTeX가 렌더링하지 못하는 수식은 페이지와 수식을 적어 빌드를 멈춥니다."""
from __future__ import annotations

import importlib.util

import pytest
from mkdocs.exceptions import PluginError

from scripts import katex
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("math_check", ROOT / "hooks/math_check.py")
math_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(math_check)


def test_formulas_are_extracted_from_arithmatex_output():
    html = ('<p><span class="arithmatex">\\(a &lt; b\\)</span> and</p>'
            '<div class="arithmatex">\\[\n\\frac{1}{2}\n\\]</div>')
    assert math_check.formulas(html) == [("a < b", False), ("\n\\frac{1}{2}\n", True)]


def test_bad_formula_is_reported_with_page_and_tex(tmp_path, monkeypatch):
    monkeypatch.setenv("DLB_CACHE_DIR", str(tmp_path))
    items = [
        {"where": "basics/ok.md", "tex": r"\sigma(x)=\frac{1}{1+e^{-x}}", "display": False},
        {"where": "basics/bad.md", "tex": r"\frac{1}{", "display": True},
    ]
    errors = katex.errors(items, ROOT)
    assert [e["where"] for e in errors] == ["basics/bad.md"]
    math_check._pending[:] = items

    class Config:
        config_file_path = str(ROOT / "mkdocs.yml")

    with pytest.raises(PluginError, match=r"basics/bad\.md: \$\\frac\{1\}\{\$"):
        math_check.on_post_build(Config())
