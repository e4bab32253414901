"""인쇄용 책(make pdf): 빌드된 사이트를 scripts/book.py 로 찍은 PDF 한 권을 pypdf 로 열어 봅니다.

장마다 첫 쪽에 그 장의 제목과 첫 문단이 한글로 바르게 뽑혀 나오는지, 책갈피가 nav 의 부·장 그대로인지,
차례의 쪽 번호가 맞는지, 수식이 모두 그려졌는지(날 TeX 없음), 그림이 밝은 쪽으로 들어갔는지 확인합니다.

chromium 이 없으면 설치 방법을 알리며 건너뜁니다. 단, CI=true 이면 반드시 실행합니다.
"""
from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

from scripts.book import CHROMIUM, PDF_NAME, book_pages, print_book
from scripts.figures.style import PALETTES
from tests.conftest import ROOT, require_chromium


MAX_PAGES = 400  # 지금 180쪽 남짓: 배치가 크게 잘못되면(빈 쪽, 한 줄짜리 쪽) 이것을 넘습니다.


def _norm(text: str) -> str:
    """공백을 모두 뺍니다: PDF 에서 뽑은 글은 줄바꿈 자리와 글자 사이에 공백이 끼기도 합니다."""
    return re.sub(r"\s+", "", text)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "").strip()


def _page_facts(site_dir: Path, rel: str) -> dict:
    """빌드된 HTML 에서: h1 글, 수식이 없는 첫 문단의 앞부분, 노트북이 그린 PNG 그림 수, 밝은 SVG 그림 수."""
    page = (site_dir / rel / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):]
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S)
    after = article[h1.end():]
    para = next((_text(p) for p in re.findall(r"<p>(.*?)</p>", after, re.S)
                 if "arithmatex" not in p and len(_text(p)) >= 30), "")
    return {"h1": _text(h1.group(1)), "para": para[:40],
            # 셀이 그린 PNG 는 페이지 옆 파일입니다(scripts/notebook_css.py 가 본문의 base64 를 꺼냄).
            "png": len(re.findall(r'<img[^>]*src="(?:data:image/png|[^"/]*\.png")', article)),
            "svg": len(re.findall(r'src="[^"]*figures/[^"]*\.svg#only-light"', article))}


@pytest.fixture(scope="module")
def book(site_dir, tmp_path_factory):
    require_chromium()
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("book") / PDF_NAME
    start = time.perf_counter()
    print_book(site_dir, out, chromium=CHROMIUM)
    print(f"\n책 인쇄: {time.perf_counter() - start:.1f}초, {out.stat().st_size / 1e6:.1f} MB")
    reader = PdfReader(out)
    parts = book_pages(ROOT / "mkdocs.yml")
    # 책갈피: [(제목, 쪽 위치, [(장 제목, 쪽 위치)])]
    marks = []
    for item in reader.outline:
        if isinstance(item, list):
            marks[-1][2].extend((c.title, reader.get_destination_page_number(c)) for c in item)
        else:
            marks.append((item.title, reader.get_destination_page_number(item), []))
    texts: dict[int, str] = {}

    def text(index: int) -> str:
        # pypdf 의 글 뽑기는 쪽마다 0.1초 넘게 걸리므로 필요한 쪽만, 한 번씩.
        if index not in texts:
            texts[index] = reader.pages[index].extract_text()
        return texts[index]

    return {"path": out, "reader": reader, "parts": parts, "marks": marks, "text": text, "site": site_dir}


def _chapters(book):
    """(부 제목, 장 제목, 사이트 주소, 책갈피 쪽 위치) — nav 순서."""
    pages = {title: no for title, no, children in book["marks"] for title, no in [(title, no), *children]}
    return [(part, title, rel, pages.get(title)) for part, chapters in book["parts"] for title, rel in chapters]


def test_bookmarks_follow_nav_parts_and_pages(book):
    expected = [("차례", [])] + [(part, [t for t, _ in chapters]) if part else (chapters[0][0], [])
                                 for part, chapters in book["parts"]]
    got = [(title, [c for c, _ in children]) for title, _, children in book["marks"]]
    assert got == expected, f"책갈피가 nav 와 다릅니다:\n{got}\n{expected}"
    starts = [no for _, no, children in book["marks"] for no in [no, *(n for _, n in children)]]
    assert starts == sorted(set(starts)), f"책갈피 쪽이 nav 순서로 늘어나지 않습니다: {starts}"
    n = len(book["reader"].pages)
    assert len(_chapters(book)) < n < MAX_PAGES, f"{n}쪽"
    for page in book["reader"].pages:  # A4(595×842pt)
        assert abs(float(page.mediabox.width) - 595) < 2 and abs(float(page.mediabox.height) - 842) < 2


def test_every_chapter_starts_on_its_own_page_with_its_title_and_korean_text(book):
    problems = []
    for part, title, rel, index in _chapters(book):
        facts = _page_facts(book["site"], rel)
        body = _norm(book["text"](index))
        # 쪽 머리(부·장 제목)를 한 번씩 지운 뒤에도 h1 과 첫 문단이 남아 있어야 합니다.
        for header in (part or "", title):
            body = body.replace(_norm(header), "", 1)
        if _norm(facts["h1"]) not in body:
            problems.append(f"{title}: 첫 쪽(p.{index + 1})에 제목 '{facts['h1']}' 이 없습니다: {body[:80]}")
        if not facts["para"] or _norm(facts["para"]) not in body:
            problems.append(f"{title}: 첫 쪽(p.{index + 1})에 첫 문단 '{facts['para']}' 이 없습니다: {body[:120]}")
    assert not problems, "\n".join(problems)
    backprop = next(i for _, _, rel, i in _chapters(book) if rel == "training/backpropagation/")
    assert "역전파(backpropagation)" in _norm(book["text"](backprop))


def test_parts_have_title_pages_and_the_contents_page_numbers_match(book):
    reader, marks = book["reader"], book["marks"]
    labels = reader.page_labels
    for title, index, children in marks[1:]:
        if not children:
            continue
        # 속표지: 부 제목과 장 목록만 있는 쪽이고, 첫 장은 바로 다음 쪽에서 시작합니다.
        page = _norm(book["text"](index))
        assert _norm(title) in page and all(_norm(c) in page for c, _ in children)
        assert children[0][1] == index + 1
        assert len(page) < 200, f"{title} 속표지에 본문이 섞였습니다: {page[:200]}"
    toc_index = marks[0][1]
    toc = _norm(book["text"](toc_index) + (book["text"](toc_index + 1) if marks[1][1] > toc_index + 1 else ""))
    assert labels[marks[1][1]] == "1", "본문은 1쪽부터"
    for title, index, children in marks[1:]:
        for name, no in [(title, index), *children]:
            assert _norm(name) + labels[no] in toc, f"차례에 '{name} … {labels[no]}' 가 없습니다"


def test_math_is_rendered_no_raw_tex(book):
    # 장마다 첫 두 쪽(거의 모든 장이 첫 쪽부터 수식을 씀)과 표기법 장 전체를 봅니다(쪽마다 글 뽑기가 느려서).
    chapters = _chapters(book)
    indices = set()
    for k, (_, _, rel, index) in enumerate(chapters):
        end = chapters[k + 1][3] if k + 1 < len(chapters) else len(book["reader"].pages)
        indices |= set(range(index, end) if rel == "notation/" else range(index, min(index + 2, end)))
    raw = []
    for i in sorted(indices):
        text = book["text"](i)
        raw += [f"p.{i + 1}: {m}" for m in re.findall(r"\$\$|\\frac|\\\(|\\\[|\\begin|katex-error", text)]
    assert not raw, "렌더링 안 된 수식:\n" + "\n".join(raw[:20])
    # KaTeX 글꼴로 그린 수식이 있어야 합니다(수식이 빠져도 날 TeX 는 없을 수 있으니).
    fonts = {str(f.get_object().get("/BaseFont", "")) for p in book["reader"].pages[:60]
             for f in p["/Resources"].get("/Font", {}).values()}
    assert any("KaTeX_Main" in f for f in fonts) and any("KaTeX_Math" in f for f in fonts), sorted(fonts)[:20]


COLOR = re.compile(rb"(?<![\w.])(\d*\.?\d+) (\d*\.?\d+) (\d*\.?\d+) (?:rg|RG)\b")


def _colors(page) -> set[str]:
    """쪽(과 그 안의 폼 XObject)에서 칠한 RGB 색(#rrggbb)."""
    found, seen = set(), set()

    def streams(obj, res):
        yield obj.get_data()
        for ref in ((res or {}).get("/XObject") or {}).values():
            if ref.idnum not in seen and (x := ref.get_object()).get("/Subtype") == "/Form":
                seen.add(ref.idnum)
                yield from streams(x, x.get("/Resources"))

    contents = page["/Contents"].get_object()
    parts = [c.get_object() for c in contents] if isinstance(contents, list) else [contents]
    for part in parts:
        for data in streams(part, page["/Resources"]):
            found |= {"#%02x%02x%02x" % tuple(round(float(v) * 255) for v in m.groups()) for m in COLOR.finditer(data)}
    return found


def test_figures_are_printed_in_the_light_variant(book):
    reader = book["reader"]
    light = set(PALETTES["light"].values()) - set(PALETTES["dark"].values())
    dark = set(PALETTES["dark"].values()) - set(PALETTES["light"].values())
    chapters = _chapters(book)
    problems, png_expected, png_found = [], 0, 0
    for k, (_, title, rel, index) in enumerate(chapters):
        end = chapters[k + 1][3] if k + 1 < len(chapters) else len(reader.pages)
        facts = _page_facts(book["site"], rel)
        colors = set().union(*(_colors(reader.pages[i]) for i in range(index, end)))
        if colors & dark:
            problems.append(f"{title}: 어두운 그림의 색이 찍혔습니다: {sorted(colors & dark)}")
        if facts["svg"] and not colors & light:
            problems.append(f"{title}: 그림 {facts['svg']}개가 있어야 하는데 그림 색이 하나도 없습니다")
        if facts["png"]:
            png_expected += facts["png"]
            png_found += sum(1 for i in range(index, end)
                             for x in (reader.pages[i]["/Resources"].get("/XObject") or {}).values()
                             if x.get_object().get("/Subtype") == "/Image")
    assert not problems, "\n".join(problems)
    assert png_expected and png_found >= png_expected, f"노트북 그림 {png_expected}개 중 {png_found}개만 들어갔습니다"


def test_makefile_writes_the_fixed_pdf_name():
    # 홈 페이지의 링크(BOOK_PDF)와 make pdf 가 쓰는 파일 이름이 scripts/book.py 의 PDF_NAME 과 같아야 합니다.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^BOOK_PDF\s*:?=\s*{re.escape(PDF_NAME)}\s*$", makefile, re.M), "Makefile 의 BOOK_PDF"
