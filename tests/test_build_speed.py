"""빌드 속도를 위한 장치들: 결과는 그대로이고 일을 덜 하거나 먼저 시작합니다. MkDocs 없이 함수만 봅니다.

- 용어 풍선의 낱말 찾기(scripts/word_regex.py)는 abbr 확장의 긴 갈래 정규식과 똑같은 것을 찾습니다.
- 그림 작업(scripts/figures/job.py): 입력이 그대로면 띄우지 않고 이름을 목록에서, 실패하면 그 출력을 담아 알립니다.
- 노트북 미리 그리기(scripts/notebook_prerender.py)는 mkdocs-jupyter 와 같은 캐시 파일 이름을 씁니다.
- make serve 의 기억: 모음 페이지의 목록(scripts/corrections.py), 내려받기 노트북(scripts/build_memo.py),
  컴파일한 템플릿(scripts/jinja_cache.py).
"""
from __future__ import annotations

import json
import re
import sys

import jinja2
import pytest

from scripts import build_memo, corrections, jinja_cache, katex
from scripts.figures import job as figure_job
from scripts.notebook_prerender import Prerender, cache_path, executes, settings
from scripts.word_regex import trie_pattern, word_regex
from tests.conftest import ROOT, load_hook


# ------------------------------------------------------------------ 낱말 찾기
def _abbr_regex(words) -> re.Pattern:
    """abbr 확장(markdown/extensions/abbr.py)이 만드는 것과 같은 정규식."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(k) for k in ordered)})\\b")


WORDS = ["가중치", "가중치를", "가중치의", "가중합", "편향", "편향은", "활성화 함수", "활성화 함수가", "층", "은닉층",
         "ReLU", "ReLU의", "a.b", "x(1)"]
TEXTS = ["가중치를 곱하고 편향은 더합니다. 가중치의 합은 가중합입니다.",
         "활성화 함수가 없으면 층을 쌓아도 은닉층이 하나인 것과 같습니다. 활성화 함수",
         "ReLU의 도함수, ReLUs 는 낱말이 아님, a.b 와 x(1) 도 그대로 찾습니다. 가중치들 가중치",
         ""]


@pytest.mark.parametrize("text", TEXTS)
def test_trie_regex_finds_exactly_what_the_abbr_alternation_finds(text):
    want = [(m.start(), m.group(0)) for m in _abbr_regex(WORDS).finditer(text)]
    got = [(m.start(), m.group(0)) for m in word_regex(frozenset(WORDS)).finditer(text)]
    assert got == want


def test_trie_regex_on_the_real_glossary_and_pages():
    from pathlib import Path

    hook = load_hook("glossary")
    words = hook.abbreviation_map(hook.load_terms(ROOT / "terms.yml"))
    fast, slow = word_regex(frozenset(words)), _abbr_regex(words)
    for page in sorted(Path(ROOT, "docs").rglob("*.md"))[:3]:
        text = page.read_text(encoding="utf-8")
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], page


def test_trie_pattern_rejects_an_empty_word():
    with pytest.raises(ValueError):
        trie_pattern(["a", ""])


# ------------------------------------------------------------------ 그림 작업
def test_figure_job_with_unchanged_inputs_starts_nothing(tmp_path):
    root, out = tmp_path / "root", tmp_path / "out"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts" / "x.py").write_text("x = 1\n")
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"b": {}, "a": {}}))
    (out / figure_job.STAMP).write_text(figure_job.inputs_hash(root))
    job = figure_job.FigureJob(root, out).start()
    assert job.proc is None and job.names() == ["b", "a"]
    with pytest.raises(figure_job.FigureBuildError, match="그림 파일이 없습니다"):
        job.wait()
    for name in ("a", "b"):
        for f in figure_job.variants(name):
            (out / f).write_text("<svg/>")
    job.wait()


def test_figure_job_failure_is_reported_with_its_output(tmp_path):
    # 이름을 알리기 전에 실패한 그림 프로세스: 이름을 기다리던 빌드가 그 출력을 받습니다.
    fail = [sys.executable, "-c", "import sys; sys.exit('scripts/figures/x.py: 그림 x 그리기 실패')"]
    job = figure_job.FigureJob(tmp_path, tmp_path / "out", argv=fail).start()
    assert job.proc is not None
    with pytest.raises(figure_job.FigureBuildError, match="그림을 만들지 못했습니다:\n.*그림 x 그리기 실패"):
        job.names()
    assert not (tmp_path / "out" / figure_job.STAMP).exists()


def test_figure_job_announces_names_before_drawing(tmp_path):
    draw = [sys.executable, "-c", "import json, pathlib, sys; print(json.dumps(['a']), flush=True); "
            "[pathlib.Path(sys.argv[1], f).write_text('<svg/>') for f in ('a.svg', 'a.dark.svg')]", str(tmp_path / "out")]
    job = figure_job.FigureJob(tmp_path, tmp_path / "out", argv=draw).start()
    assert job.names() == ["a"]
    job.wait()
    assert (tmp_path / "out" / figure_job.STAMP).read_text() == job.digest


# ------------------------------------------------------------------ 노트북 미리 그리기
def test_prerender_uses_mkdocs_jupyters_cache_file_name(tmp_path):
    from mkdocs.utils.yaml import yaml_load
    from mkdocs_jupyter.plugin import Plugin, _compute_cache_key, _get_cache_path

    # mkdocs.yml 의 mkdocs-jupyter 설정 그대로(빌드 설정 전체를 읽지 않고 이 플러그인만)
    raw = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["mkdocs-jupyter"] for p in raw["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    plugin = Plugin()
    errors, warnings = plugin.load_config(dict(options, cache_dir=str(tmp_path / "cache")))
    assert not errors, errors
    nb = tmp_path / "x.ipynb"
    nb.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    config = settings(plugin.config)
    want = _get_cache_path(plugin.config["cache_dir"], _compute_cache_key(str(nb), plugin.config, True))
    assert executes(str(nb), config)
    assert cache_path(str(nb), config) == want
    # 프로세스에 넘기는 JSON 을 거쳐도 같은 이름(다르면 mkdocs-jupyter 가 캐시를 못 찾고 다시 실행함)
    assert cache_path(str(nb), json.loads(json.dumps(config))) == want
    # 캐시가 이미 있으면 아무것도 띄우지 않습니다
    want.parent.mkdir(parents=True)
    want.write_text("{}")
    job = Prerender([str(nb)], config).start()
    assert not job.running and job.wait(str(nb)) == ""


def test_prerender_writes_the_cache_and_reports_when_done(tmp_path):
    nb = tmp_path / "x.ipynb"
    nb.write_text(json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# 제목\n\n미리 그린 셀"}],
                              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    config = {"execute": False, "execute_ignore": [], "kernel_name": "", "theme": "", "allow_errors": False,
              "show_input": True, "no_input": False, "no_prompt": False, "remove_tag_config": {},
              "highlight_extra_classes": "", "include_requirejs": False, "custom_mathjax_url": "", "toc_depth": 6,
              "cache": True, "cache_dir": str(tmp_path / "cache")}
    exited = []
    job = Prerender([str(nb), str(nb)], config).start(on_exit=lambda: exited.append(True))
    assert job.running
    assert job.wait(str(nb)) == ""
    job.stop()
    assert exited == [True] and not job.running
    cached = json.loads(cache_path(str(nb), config).read_text(encoding="utf-8"))
    assert "미리 그린 셀" in cached["content"] and cached["title"] == "제목"


# ------------------------------------------------------------------ make serve 의 기억
def test_corrections_listing_is_remembered_per_page(tmp_path):
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "x.md").write_text('# 제목 { #x }\n\n??? warning "원본 바로잡기"\n    원본은 틀렸습니다.\n')
    (docs / "index.md").write_text("# 홈 { #home }\n")
    pages = corrections.source_pages(docs, [{"홈": "index.md"}, {"부": [{"x": "a/x.md"}]}])
    assert [u for u, _ in pages] == ["index.md", "a/x.md"]
    text = corrections.listing(pages)
    dest = str(tmp_path / "site" / "corrections" / "index.html")
    assert not corrections.built_with(dest, text)
    corrections.remember_listing(dest, text)
    assert corrections.built_with(dest, text) and not corrections.built_with(dest, text + "x")


def test_build_memo_needs_the_same_key():
    key = build_memo.digest("a", b"b")
    assert build_memo.get("test", "n", key) is None
    build_memo.put("test", "n", key, [1])
    assert build_memo.get("test", "n", key) == [1]
    assert build_memo.get("test", "n", build_memo.digest("a", b"c")) is None


def test_jinja_bytecode_cache_reuses_and_notices_changes(tmp_path):
    (tmp_path / "t.html").write_text("{{ x }}!")
    cache = jinja_cache.MemoryBytecodeCache()

    def render():
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        return env.get_template("t.html").render(x=1)

    assert render() == "1!" and len(cache.store) == 1
    assert render() == "1!"
    (tmp_path / "t.html").write_text("{{ x }}?")
    assert render() == "1?"


# ------------------------------------------------------------------ 수식 미리 보내기
def test_prefetched_formulas_are_read_back_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv("DLB_CACHE_DIR", str(tmp_path))
    r = katex.Renderer(ROOT)
    try:
        r.prefetch([("a^2", False), ("\\frac{1}{", False)])
        r.prefetch([("a^2", False), ("b_1", True)])  # 이미 보낸 것은 다시 보내지 않습니다
        out = r.render([("b_1", True), ("\\frac{1}{", False), ("a^2", False)])
        assert "html" in out[0] and "error" in out[1] and "html" in out[2]
        assert out[2] == r.render([("a^2", False)])[0]
    finally:
        r.close()
