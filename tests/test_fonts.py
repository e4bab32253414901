"""본문 글꼴 부분집합: 사이트의 모든 글자가 내려보내는 woff2 에 있거나, 이유가 적힌 대체 글꼴 목록에 있습니다.

단위 테스트(scripts/fonts.py, MkDocs 없이)와 빌드된 사이트의 검사입니다. 브라우저가 실제로 그린 글(실행 중에 생기는
검색 결과·복사 풍선 포함)의 검사는 브라우저 픽스처가 있는 tests/test_browser.py 의 test_rendered_text_uses_only_the_font_subset.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont

from scripts import fonts

FONT_LINK = re.compile(r'<link[^>]+href="([^"]*assets/fonts/pretendard\.css)"')


# --------------------------------------------------------------------------- 단위: 글자 모으기


def test_page_text_takes_shown_text_attributes_and_material_translations():
    markup = """<html><head><title>활성화 함수</title>
    <style>.x::before { content: "꽃" }</style>
    <script>const hidden = "숨김";</script>
    <script id="__config" type="application/json">{"translations": {"clipboard.copy": "\\ud074\\ub9bd\\ubcf4\\ub4dc\\ub85c \\ubcf5\\uc0ac"}}</script>
    </head><body><!-- 주석 -->
    <p title="풍선 &amp; 설명">본문 &lt;글&gt; &#xD55C;</p><img alt="대체 텍스트" src="a.svg">
    <input placeholder="검색"></body></html>"""
    text = fonts.page_text(markup)
    for shown in ["활성화 함수", "클립보드로 복사", "풍선 & 설명", "본문 <글> 한", "대체 텍스트", "검색"]:
        assert shown in text, shown
    for hidden in ["숨김", "꽃", "주석", "hidden"]:
        assert hidden not in text, hidden


def test_split_math_keeps_visible_katex_apart_and_drops_mathml():
    markup = ('<p>앞 <span class="katex"><span class="katex-mathml"><math><mi>𝑥</mi></math></span>'
              '<span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">∑</span>'
              '<span class="mord text">손실</span></span></span></span> 뒤</p><p>끝</p>')
    text, math = fonts.split_math(markup)
    assert fonts.page_text(text).split() == ["앞", "뒤", "끝"]
    assert "".join(fonts.page_text(math).split()) == "∑손실"


def test_visible_drops_control_and_format_characters():
    assert fonts.visible("가\n\u200e\u200bA ") == {"가", "A", " "}


def test_css_content_text_reads_escapes():
    css = '.a::before{content:"\\25B8"} .b::after{content:\'→\'} .c{content:""}'
    assert fonts.css_content_text(css) == "▸→"


def test_unicode_range_joins_runs():
    assert fonts.unicode_range({0x41, 0x42, 0x43, 0x45, 0xAC00}) == "U+41-43, U+45, U+AC00"


def test_site_characters_cover_pages_search_index_scripts_and_ascii(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("<p>가나</p>", encoding="utf-8")
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_text('{"docs": [{"title": "다", "text": "라"}]}', encoding="utf-8")
    (tmp_path / "javascripts").mkdir()
    (tmp_path / "javascripts/x.js").write_text('label = "마";', encoding="utf-8")
    chars = fonts.site_characters(tmp_path)
    assert set("가나다라마") <= chars
    assert set(map(chr, range(0x20, 0x7F))) <= chars  # 검색창에 치는 영어·숫자·기호


def test_a_rewritten_page_is_read_again(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>가</p>", encoding="utf-8")
    assert "가" in fonts.site_characters(tmp_path)
    time.sleep(0.01)
    page.write_text("<p>나나</p>", encoding="utf-8")  # 크기가 바뀌는 다시 빌드(serve --dirty)
    chars = fonts.site_characters(tmp_path)
    assert "나" in chars and "가" not in chars


# --------------------------------------------------------------------------- 단위: 부분집합 글꼴


@pytest.fixture(scope="module")
def small_font(tmp_path_factory):
    """원본 Pretendard 에서 한 번만 자른 작은 글꼴(원본을 자르는 데 몇 초 걸려, 다른 검사는 이것을 원본으로 씁니다)."""
    cache = tmp_path_factory.mktemp("fonts")
    return cache, fonts.subset(set(SMALL), cache)


SMALL = "가각ABC 한글" + "".join(map(chr, range(0x20, 0x7F)))


def test_subset_is_a_variable_woff2_with_exactly_the_characters(small_font):
    _, path = small_font
    assert path.read_bytes()[:4] == b"wOF2"
    with TTFont(str(path)) as font:
        assert set(font.getBestCmap()) == set(map(ord, SMALL))
        assert [a.axisTag for a in font["fvar"].axes] == ["wght"]  # 굵기 축을 그대로(제목 300, 본문 400, 굵게 700 …)
        assert "gvar" in font and font["GSUB"].table.FeatureList.FeatureCount > 0


def test_subset_is_cached_by_character_set(small_font):
    cache, source = small_font
    first = fonts.subset(set("가A"), cache, source)
    stamp = first.stat().st_mtime_ns
    assert fonts.subset(set("A가"), cache, source) == first and first.stat().st_mtime_ns == stamp
    other = fonts.subset(set("가"), cache, source)
    assert other != first and fonts.codepoints(other) == {ord("가")}


def test_install_writes_css_with_swap_and_the_exact_range(tmp_path, small_font):
    cache, source = small_font
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>한글</p>", encoding="utf-8")
    (site / "assets/fonts").mkdir(parents=True)
    (site / "assets/fonts/pretendard-0000.woff2").write_bytes(b"old")
    font, css = fonts.install(site, cache, source=source)
    text = css.read_text(encoding="utf-8")
    assert "font-display: swap;" in text and f"url({font.name})" in text
    assert text.rstrip().endswith("unicode-range: U+20-7E, U+AE00, U+D55C;\n}")
    assert sorted(p.name for p in (site / "assets/fonts").iterdir()) == sorted([font.name, "pretendard.css"])


# --------------------------------------------------------------------------- 빌드된 사이트


@pytest.fixture(scope="module")
def served(site_dir):
    return fonts.served(site_dir)


def test_every_page_links_the_subset_css(site_dir):
    missing = []
    for page in sorted(site_dir.rglob("*.html")):
        m = FONT_LINK.search(page.read_text(encoding="utf-8"))
        href = urlsplit(m[1]).path if m else ""
        # 404.html 은 사이트 주소(site_url, 예: https://study.github.io/dl-basics/) 기준의 절대 경로를 씁니다.
        base = urlsplit(os.environ.get("SITE_URL", "/")).path
        target = site_dir / href.removeprefix(base).lstrip("/") if href.startswith("/") else page.parent / href
        if not m or not target.resolve().is_file():
            missing.append(page.relative_to(site_dir).as_posix())
    assert not missing, f"본문 글꼴 CSS(assets/fonts/pretendard.css)를 부르지 않는 페이지: {missing}"
    assert not (site_dir / "assets/pretendard").exists(), "옛 글꼴 폴더(assets/pretendard)가 아직 사이트에 있습니다"


def test_served_css_matches_the_font(served):
    css, font, points = served
    assert font.read_bytes()[:4] == b"wOF2"
    assert "font-display: swap;" in css and "font-family: 'Pretendard Variable';" in css
    assert f"unicode-range: {fonts.unicode_range(points)};" in css


def _context(site_dir: Path, rel: str, char: str) -> str:
    text = fonts.page_text((site_dir / rel).read_text(encoding="utf-8"))
    i = text.find(char)
    return " ".join(text[max(0, i - 30): i + 10].split())


def test_every_character_of_every_page_is_in_the_subset_or_a_listed_fallback(site_dir, served):
    _, font, points = served
    problems = []
    math = fonts.math_characters(site_dir)
    allowed = points.union(*(fonts.codepoints(f) for f in fonts.katex_served(site_dir).values()))
    for rel, chars in fonts.page_characters(site_dir).items():
        for c in sorted(c for c in chars if ord(c) not in points and c not in fonts.FALLBACK_CHARS):
            problems.append(f"  {rel}: {c!r} (U+{ord(c):04X}) … {_context(site_dir, rel, c)} …")
        # 렌더링된 수식 안의 글자는 KaTeX 글꼴이 먼저 그리고, 거기 없는 글자(\text{한글})만 본문 글꼴로 넘어옵니다.
        for c in sorted(c for c in math[rel] if ord(c) not in allowed and c not in fonts.FALLBACK_CHARS):
            problems.append(f"  {rel}: 수식 안의 {c!r} (U+{ord(c):04X}): KaTeX 글꼴에도 본문 글꼴에도 없습니다")
    assert not problems, (
        f"내려보내는 본문 글꼴({font.name})에 없는 글자가 페이지에 있습니다. 빈 네모나 다른 글꼴로 보입니다.\n"
        + "\n".join(problems[:40])
        + "\nPretendard 에 있는 글자라면 scripts/fonts.py 의 site_characters 가 그 글을 읽는지 보세요. Pretendard 에"
        " 없는 글자라면 다른 글자를 쓰거나 scripts/fonts.py 의 FALLBACK 에 그 글자와 그리는 글꼴을 적으세요."
    )


def test_katex_subset_keeps_every_math_character_its_font_drew(tmp_path):
    """KaTeX 글꼴 부분집합: 원래 그 글꼴에 있던 글자 가운데 수식에 나온 것은 모두 남고, 나머지는 빠집니다."""
    source = fonts.ROOT / "node_modules/katex/dist/fonts/KaTeX_Size1-Regular.woff2"
    original = fonts.codepoints(source)
    chars = {"(", ")", "∑", "가", "x"}  # Size1 에는 괄호·큰 연산자만 있습니다
    out = fonts.katex_subset(source, chars, tmp_path)
    assert out.read_bytes()[:4] == b"wOF2" and out.name.startswith("KaTeX_Size1-Regular.")
    assert fonts.codepoints(out) == {ord(c) for c in chars} & original
    assert fonts.katex_subset(source, set(chars), tmp_path) == out  # 같은 글자 집합이면 캐시


def test_served_katex_fonts_keep_every_math_character(site_dir):
    """사이트의 KaTeX 글꼴마다: 원본 글꼴이 그리던 글자 가운데 어느 페이지의 수식(과 식 번호)에 나온 글자는 다 있습니다.
    katex.min.css 는 부분집합(해시 이름)만 가리키고, 그 파일이 사이트에 있습니다."""
    served = fonts.katex_served(site_dir)
    assert served, "assets/katex/katex.min.css 가 woff2 글꼴을 가리키지 않습니다"
    used = {ord(c) for c in fonts.katex_characters(site_dir)}
    problems = []
    for name, path in sorted(served.items()):
        if not path.is_file():
            problems.append(f"{name}: {path.name} 이 사이트에 없습니다")
            continue
        original = fonts.codepoints(fonts.ROOT / f"node_modules/katex/dist/fonts/{name}.woff2")
        lost = sorted((original & used) - fonts.codepoints(path))
        if lost:
            problems.append(f"{name}: 수식에 나오는데 빠진 글자 {[chr(c) for c in lost][:20]}")
    assert not problems, "KaTeX 글꼴 부분집합(scripts/fonts.py 의 install_katex):\n" + "\n".join(problems)
    # 부분집합은 원본보다 작아야 뜻이 있습니다(수식 페이지 첫 방문의 KaTeX 글꼴 몫).
    main = served["KaTeX_Main-Regular"]
    assert main.stat().st_size < (fonts.ROOT / "node_modules/katex/dist/fonts/KaTeX_Main-Regular.woff2").stat().st_size


KATEX_CSS = (".katex .mathnormal{font-family:KaTeX_Math;font-style:italic}.katex .mathbf{font-family:KaTeX_Main;"
             "font-weight:700}.katex .delimsizing.size1{font-family:KaTeX_Size1}"
             ".katex .delimsizing.mult .delim-size4>span{font-family:KaTeX_Size4}")


def test_katex_faces_follow_the_katex_stylesheet():
    faces = fonts.katex_faces(KATEX_CSS)
    page = '<span class="katex"><span class="mord mathnormal">x</span><span class="sizing size1">y</span></span>'
    # .katex 는 KaTeX_Main; size1 이 delimsizing 과 한 요소에 있지 않으면 Size1 은 쓰지 않습니다.
    assert fonts.page_katex_faces(page, faces) == ["KaTeX_Main-Regular", "KaTeX_Math-Italic"]
    page2 = page + '<span class="delimsizing size1">(</span><span class="delimsizing mult"><span class="delim-size4">|</span></span>'
    assert fonts.page_katex_faces(page2, faces) == ["KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_Size1-Regular",
                                                    "KaTeX_Size4-Regular"]
    assert fonts.page_katex_faces("<p>수식 없음</p>", faces) == []


def test_every_page_preloads_its_fonts(site_dir, served):
    """페이지마다 <head> 에서 본문 글꼴과 그 페이지 수식의 KaTeX 글꼴을 미리 받습니다(scripts/fonts.py 의 add_preloads).
    미리 받는 파일은 모두 사이트에 있고, 본문 글꼴은 내려보내는 그 부분집합입니다."""
    _, font, _ = served
    faces = fonts.katex_faces((site_dir / fonts.KATEX_DIR / "katex.min.css").read_text(encoding="utf-8"))
    problems = []
    for page in sorted(site_dir.rglob("index.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        markup = page.read_text(encoding="utf-8")
        head = markup[:markup.find("</head>")]
        urls = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', head)
        targets = [(page.parent / u).resolve() for u in urls]
        if font.resolve() not in targets:
            problems.append(f"{rel}: 본문 글꼴 {font.name} 을 미리 받지 않습니다")
        problems += [f"{rel}: 미리 받는 {u} 이 사이트에 없습니다" for u, t in zip(urls, targets) if not t.is_file()]
        wanted = {f"{n}." for n in fonts.page_katex_faces(markup, faces)}
        got = {Path(u).name.split(".")[0] + "." for u in urls if "/katex/" in u}
        if wanted != got:
            problems.append(f"{rel}: KaTeX 글꼴 미리 받기 {sorted(got)} ≠ 수식이 쓰는 {sorted(wanted)}")
    assert not problems, "\n".join(problems)


def test_search_index_characters_are_in_the_subset(site_dir, served):
    import json

    _, _, points = served
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    chars = fonts.visible("".join(d["title"] + d["text"] for d in index["docs"]))
    missing = sorted(c for c in chars if ord(c) not in points and c not in fonts.FALLBACK_CHARS)
    assert not missing, f"검색 결과에 보일 글자가 본문 글꼴에 없습니다: {missing}"


def test_fallback_list_is_honest(site_dir):
    """FALLBACK 의 글자는 정말 Pretendard 에 없고(있으면 부분집합에 넣어야 함), 사이트에 정말 나옵니다."""
    full = fonts.codepoints(fonts.SOURCE)
    assert not [c for c in fonts.FALLBACK_CHARS if ord(c) in full]
    used = set().union(*fonts.page_characters(site_dir).values())
    assert fonts.FALLBACK_CHARS <= used, f"사이트에 없는 FALLBACK 글자: {sorted(fonts.FALLBACK_CHARS - used)}"
