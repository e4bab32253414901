"""사이트 구조 검사: 엄격 빌드, 제목 id, 영어 슬러그, 그림·대체 텍스트, 외부 자원 없음."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts import figures
from scripts.site_check import blocks_in_paragraphs, config_key_of, source_line, source_of
from tests.conftest import ROOT, page_scope, site_pages, summarize_build_log

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
HEADING = re.compile(r"^\s*(#{1,6})\s+(?P<text>.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#(?P<id>[A-Za-z0-9_-]+)(\s[^}]*)?\}$")
FENCE = re.compile(r"^\s*(```|~~~)")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
FIGURE_REF = re.compile(r"figures/(?P<name>[a-z0-9-]+)\.svg")


def prose_lines(path: Path):
    """코드 펜스 밖의 (줄 번호, 줄)."""
    fence = None
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = FENCE.match(line)
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
            continue
        if fence is None:
            yield no, line


def test_build_is_strict_and_clean(build_result):
    site, proc = build_result
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict 가 실패했습니다. 고칠 곳:\n{summarize_build_log(proc.stdout + proc.stderr)}\n"
                    f"(전체 로그: {site.parent / 'mkdocs-build.log'})", pytrace=False)


def test_build_log_summary_keeps_only_the_lines_that_name_the_fix():
    log = "\n".join(["INFO    -  Cleaning site directory", "Traceback (most recent call last):",
                     '  File "x.py", line 3, in f', "    raise PluginError(...)",
                     "mkdocs.exceptions.PluginError: docs/practice/iris.md: 셀이 그린 그림 3개",
                     "WARNING -  Doc file 'a.md' contains a link 'b.md', but the target is not found.",
                     "WARNING -  Doc file 'a.md' contains a link 'b.md', but the target is not found.",
                     "Aborted with 1 warnings in strict mode!"])
    assert summarize_build_log(log).splitlines() == [
        "mkdocs.exceptions.PluginError: docs/practice/iris.md: 셀이 그린 그림 3개",
        "WARNING -  Doc file 'a.md' contains a link 'b.md', but the target is not found.",
        "Aborted with 1 warnings in strict mode!"]


def test_build_log_summary_keeps_the_lines_of_a_multi_line_error():
    # hooks/math_check.py 의 KaTeX 오류: 페이지와 수식(여러 줄일 수 있음)은 ERROR 다음 줄들에 있습니다.
    log = "\n".join(["INFO    -  Building documentation...", "Aborted with a BuildError!",
                     "ERROR   -  KaTeX가 렌더링하지 못한 수식이 있습니다:", "  basics/loss-functions.md: $",
                     r"J=\frac{1}{", "$ → KaTeX parse error: Unexpected end of input", "",
                     "INFO    -  Documentation built", "  indented but after INFO"])
    assert summarize_build_log(log).splitlines() == [
        "Aborted with a BuildError!", "ERROR   -  KaTeX가 렌더링하지 못한 수식이 있습니다:",
        "  basics/loss-functions.md: $", r"J=\frac{1}{", "$ → KaTeX parse error: Unexpected end of input"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_headings_have_explicit_ascii_ids(page):
    seen, problems = set(), []
    for no, line in prose_lines(page):
        m = HEADING.match(line)
        if not m:
            continue
        idm = EXPLICIT_ID.search(m["text"])
        if not idm:
            problems.append(f"{page.relative_to(ROOT)}:{no}: 제목에 명시적 id가 없습니다: {line.strip()!r} → '{{ #english-slug }}'")
        elif idm["id"] in seen:
            problems.append(f"{page.relative_to(ROOT)}:{no}: id '{idm['id']}'가 이 페이지에서 겹칩니다")
        else:
            seen.add(idm["id"])
    assert not problems, "\n".join(problems)


def test_page_urls_are_english_slugs():
    bad = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*")
           if p.is_file() and not re.fullmatch(r"[a-z0-9/_.-]+", p.relative_to(DOCS).as_posix())]
    assert not bad, f"docs/ 의 파일 이름은 영어 슬러그여야 합니다: {bad}"


def test_every_figure_reference_is_registered_and_every_figure_is_used():
    registry = figures.load_all()
    used: dict[str, list[str]] = {}
    for page in DOCS.rglob("*.md"):
        for m in FIGURE_REF.finditer(page.read_text(encoding="utf-8")):
            used.setdefault(m["name"], []).append(page.relative_to(ROOT).as_posix())
    missing = {n: ps for n, ps in used.items() if n not in registry}
    assert not missing, f"등록되지 않은 그림을 쓰는 페이지: {missing} (scripts/figures/ 에 @figure 로 등록하세요)"
    unused = sorted(set(registry) - set(used))
    assert not unused, f"등록됐지만 어느 페이지도 쓰지 않는 그림: {unused}"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html_file: Path):
    parser = _Tags()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.tags


def test_images_exist_and_have_korean_alt(site_dir):
    problems = []
    for page in site_pages(site_dir):
        html_file = site_dir / page / "index.html"
        md = source_of(site_dir, html_file)
        for tag, attrs in _tags(html_file):
            if tag != "img":
                continue
            src = attrs.get("src", "")
            needle = urlsplit(src).path.rsplit("/", 1)[-1].split(".")[0] if not src.startswith("data:") else src[:30]
            if not HANGUL.search(attrs.get("alt") or ""):
                problems.append(f"{source_line(ROOT, md, needle)}: 그림에 한국어 대체 텍스트가 없습니다({src[:60]}) — "
                                "![무엇이 보이는지 한 문장](…) 처럼 적으세요")
            if src.startswith("data:"):
                continue
            if urlsplit(src).scheme or src.startswith("//"):
                problems.append(f"{source_line(ROOT, md, src)}: 다른 호스트의 그림입니다: {src} — 사이트는 오프라인에서도 "
                                "돌아야 하므로 그림을 scripts/figures 로 그리거나 docs/ 안에 두세요")
                continue
            target = (html_file.parent / urlsplit(src).path).resolve()
            if not target.is_file():
                problems.append(f"{source_line(ROOT, md, needle)}: 그림 파일이 없습니다: {src}")
    assert not problems, "\n".join(problems)


def test_block_in_paragraph_is_found():
    assert blocks_in_paragraphs('<p>a</p><div>b</div><p><em>c</em></p>') == []
    assert blocks_in_paragraphs('<p><div id="fix-x" class="y"></div></p><p>a<table></table></p>') == [
        '<p> 안의 <div id="fix-x">', "<p> 안의 <table>"]


def test_codeblock_marks_are_blanked_outside_code_only():
    from scripts.codeblock_marks import blank_marks

    md = ("글\n\n<!--pytest-codeblocks:cont-->\n```python\n<!--pytest-codeblocks:cont-->\n```\n\n"
          "??? note \"풀이\"\n    <!-- pytest-codeblocks:expected-output -->\n    ```\n    1\n    ```\n<!-- alt: 그림 -->")
    assert blank_marks(md).split("\n") == [
        "글", "", "", "```python", "<!--pytest-codeblocks:cont-->", "```", "",
        '??? note "풀이"', "", "    ```", "    1", "    ```", "<!-- alt: 그림 -->"]


def test_no_block_elements_inside_paragraphs(site_dir):
    """마크다운이 블록(<div> 등)을 <p> 에 넣으면 브라우저가 빈 문단을 만들어 여백이 어긋납니다. 흔한 원인: 앞의 글이나
    수식 속 `<` 뒤에 글자가 붙어(`$1<m<N$`) 파이썬 마크다운이 HTML 태그로 읽은 것."""
    problems = []
    for page in site_pages(site_dir):
        html_file = site_dir / page / "index.html"
        for found in blocks_in_paragraphs(html_file.read_text(encoding="utf-8")):
            problems.append(f"{source_of(site_dir, html_file)}: {found} — 이 블록 앞의 글에서 `<` 뒤에 글자가 붙은 곳"
                            "(수식이면 `$1 < m$` 처럼 띄어 쓰기)이나 빈 줄 없이 붙은 HTML 을 고치세요")
    assert not problems, "\n".join(problems)


def test_no_assets_from_other_hosts(site_dir):
    problems = []
    for html_file in sorted(site_dir.rglob("*.html")):
        for tag, attrs in _tags(html_file):
            url = attrs.get("src") if tag in {"script", "img", "iframe", "source", "video", "audio"} else None
            if tag == "link" and attrs.get("rel") in {"stylesheet", "preload", "icon", "modulepreload"}:
                url = attrs.get("href")
            if url and urlsplit(url).scheme in {"http", "https"} or (url or "").startswith("//"):
                where = config_key_of(ROOT / "mkdocs.yml", url) or source_line(ROOT, source_of(site_dir, html_file), url)
                problems.append(f"{where}: 다른 호스트의 {tag} 자원 {url} — 오프라인에서 돌도록 npm(package.json)으로 "
                                "받아 hooks/vendor_assets.py 로 사이트에 복사하세요")
    assert not problems, "\n".join(sorted(set(problems)))


MATH_SCRIPT = re.compile(r"katex|mathjax|auto-render|mathjax-config", re.IGNORECASE)


def test_math_is_in_the_html_and_no_page_loads_math_javascript(site_dir):
    """수식은 빌드 때 그려져 있습니다(hooks/math_check.py): 날 TeX 가 남은 .arithmatex 도, 수식용 스크립트도 없습니다."""
    from scripts import katex

    problems, scripts = [], {}
    for page in site_pages(site_dir):
        html_file = site_dir / page / "index.html"
        md = source_of(site_dir, html_file)
        text = html_file.read_text(encoding="utf-8")
        for tag, attrs in _tags(html_file):
            if tag == "script" and (MATH_SCRIPT.search(attrs.get("src") or "") or MATH_SCRIPT.search(attrs.get("type") or "")):
                scripts.setdefault(attrs.get("src") or str(attrs), []).append(md)
        raw = [m["body"][:60] for m in katex.ARITHMATEX.finditer(text) if not m["body"].startswith('<span class="katex')]
        problems += [f"{md}: 그려지지 않은 수식 {r!r} — hooks/math_check.py" for r in raw]
        if "jupyter-wrapper" in text:
            if "<style" in text.split('<div class="jupyter-wrapper">', 1)[1]:
                problems.append(f"{md}: 노트북 본문에 <style> 이 남았습니다 — scripts/notebook_css.py")
            if 'href="../../assets/stylesheets/notebook.css"' not in text:
                problems.append(f"{md}: 노트북 공용 스타일시트 링크가 없습니다 — scripts/notebook_css.py")
    # 같은 스크립트가 모든 페이지에 있으면 설정 한 줄의 문제입니다: 그 줄을 한 번만 말합니다.
    for src, pages in scripts.items():
        where = config_key_of(ROOT / "mkdocs.yml", src) or pages[0]
        problems.insert(0, f"{where}: 수식용 스크립트 {src} — 수식은 빌드 때 그립니다(hooks/math_check.py), 이 줄을 지우세요"
                           f" (페이지 {len(pages)}개가 불러옴)")
    assert (site_dir / "assets/stylesheets/notebook.css").is_file(), "노트북 공용 스타일시트가 없습니다"
    assert not problems, "\n".join(problems)


def test_build_check_names_a_missing_figure_variant(tmp_path):
    """밝은·어두운 그림 가운데 하나가 빠진 사이트: 빌드 끝 검사(hooks/figures.py)가 페이지와 파일을 말합니다."""
    from scripts.site_check import missing_images

    page = tmp_path / "basics" / "activation-functions"
    page.mkdir(parents=True)
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "sigmoid.svg").write_text("<svg/>")
    (page / "index.html").write_text('<img src="../../figures/sigmoid.svg#only-light" alt="가">'
                                      '<img src="../../figures/sigmoid.dark.svg#only-dark" alt="가">'
                                      '<img src="data:image/png;base64,AA" alt="가">')
    assert missing_images(tmp_path) == ["docs/basics/activation-functions.md: figures/sigmoid.dark.svg"]
    (tmp_path / "figures" / "sigmoid.dark.svg").write_text("<svg/>")
    assert missing_images(tmp_path) == []


def test_complex_figures_carry_their_data_table_on_the_page(site_dir):
    """@figure_data 로 수치 표를 단 그림은 그 그림이 실린 페이지에서 그림 바로 뒤에 접힌 표가 있고, 그림이 그 표를
    설명(aria-describedby)으로 가리킵니다."""
    from scripts import figures as reg

    reg.load_all()
    problems = []
    for name in sorted(reg.DATA):
        shown = [p for p in site_pages(site_dir)
                 if f"figures/{name}.svg" in (site_dir / p / "index.html").read_text(encoding="utf-8")]
        if not shown and not page_scope():  # make test-page 는 한 페이지만 빌드합니다
            problems.append(f"scripts/figures: 수치 표가 있는 그림 {name} 이(가) 어느 페이지에도 없습니다")
        for page in shown:
            html = (site_dir / page / "index.html").read_text(encoding="utf-8")
            figure_end = html.find("</figure>", html.find(f"figures/{name}.svg"))
            table = html.find(f'<details class="figure-data" id="figure-data-{name}">')
            if table != figure_end + len("</figure>") or f'aria-describedby="figure-data-{name}"' not in html:
                problems.append(f"{page}: 그림 {name} 뒤에 수치 표가 없거나 그림이 표를 가리키지 않습니다 — "
                                f"그림을 <figure markdown> 안에 두었는지, hooks/figures.py 가 attach_data 를 부르는지 보세요")
    assert not problems, "\n".join(problems)
