"""학습 페이지를 끊김 없이 읽을 수 있는지: 원본 바로잡기 상자, 관리자용 말, 문체(합니다체), 모음 페이지의 양방향 링크.

- 원본 바로잡기 상자는 모두 접힌 상자 `??? warning "원본 바로잡기"` 하나의 꼴입니다(열린 `!!!`·`???+` 는 실패).
  warning 상자는 원본 바로잡기에만 씁니다(README 의 약속).
- 학습 페이지(docs/**/*.md)에는 관리자용 말(terms.yml, tests/…, make …, pytest …)을 쓰지 않습니다. README 에 씁니다.
- 그림의 대체 텍스트도 합니다체입니다. "이 쪽"이 아니라 "이 페이지"라고 씁니다.
- '원본과 다른 점'(docs/corrections.md)은 모든 상자로 가고, 모든 상자는 그 항목으로 돌아옵니다(빌드된 사이트에서 확인).
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from scripts import corrections
from tests.markdown_text import lines_outside_code

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
ADMONITION = re.compile(r'^(?P<indent>\s*)(?P<kind>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$')


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if ROOT in path.parents else path.name


def box_problems(path: Path) -> list[str]:
    problems = []
    for no, line in lines_outside_code(path):
        m = ADMONITION.match(line)
        if not m:
            continue
        title = m["title"] or ""
        is_fix = m["type"] == "warning" or "바로잡" in title
        if not is_fix:
            continue
        if m["type"] != "warning" or title != corrections.TITLE:
            problems.append(f"{_rel(path)}:{no}: 원본 바로잡기 상자는 `??? warning \"{corrections.TITLE}\"` 한 꼴로 씁니다"
                            f"(제목·종류를 맞춤) — {line.strip()!r}")
        elif m["kind"] != "???":
            problems.append(f"{_rel(path)}:{no}: 원본 바로잡기 상자가 열려 있습니다. `{m['kind']}` 를 `???` 로 바꿔 "
                            f"접힌 상자로 씁니다 — {line.strip()!r}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_correction_boxes_are_collapsed_with_one_title(page):
    problems = box_problems(page)
    assert not problems, "\n".join(problems)


def test_box_rule_catches_open_and_renamed_boxes(tmp_path):
    page = tmp_path / "p.md"
    page.write_text('# t { #t }\n\n!!! warning "원본 바로잡기"\n    a\n\n???+ warning "원본 바로잡기"\n    b\n\n'
                    '??? warning "원본 오류"\n    c\n\n??? note "원본 바로잡기"\n    d\n\n'
                    '```markdown\n!!! warning "원본 바로잡기"\n```\n\n??? warning "원본 바로잡기"\n    ok\n', encoding="utf-8")
    found = box_problems(page)
    assert [p.split(":")[1] for p in found] == ["3", "6", "9", "12"], found
    assert "열려 있습니다" in found[0] and "열려 있습니다" in found[1] and "한 꼴로" in found[2]


# --------------------------------------------------------------------------- 관리자용 말
MAINTAINER = [
    (re.compile(r"terms\.yml"), "용어표 파일 이름"),
    (re.compile(r"(?<![\w/])tests/"), "테스트 폴더"),
    (re.compile(r"\bmake\s+(?:serve|test|test-page|build|pdf|bench|lock|setup|new-chapter)\b"), "make 명령"),
    (re.compile(r"\bpytest\b"), "pytest"),
    (re.compile(r"(?<![\w/])(?:hooks|scripts)/"), "저장소의 빌드 코드 폴더"),
    (re.compile(r"requirements\.(?:in|lock)|mkdocs\.yml|\.venv\b"), "설정·환경 파일"),
]


def maintainer_problems(path: Path) -> list[str]:
    problems = []
    for no, line in lines_outside_code(path):
        for pattern, what in MAINTAINER:
            if m := pattern.search(line):
                problems.append(f"{_rel(path)}:{no}: 학습 페이지에 관리자용 말({what}: {m.group(0)!r})이 있습니다. "
                                f"README.md 로 옮깁니다 — {line.strip()[:80]!r}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_no_maintainer_words_on_learning_pages(page):
    problems = maintainer_problems(page)
    assert not problems, "\n".join(problems)


def test_maintainer_rule_itself(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("용어표는 `terms.yml` 입니다.\n`tests/test_x.py` 가 검사합니다.\n`make serve` 로 봅니다.\n"
                    "<!--pytest-codeblocks:cont-->\n```python\nimport pytest\n```\n"
                    "[스니펫](../snippets/x.py)와 make 라는 말, 테스트 데이터는 괜찮습니다.\n", encoding="utf-8")
    assert [p.split(":")[1] for p in maintainer_problems(page)] == ["1", "2", "3"]


# --------------------------------------------------------------------------- 문체
ALT = re.compile(r"!\[(?P<md>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(|<!--\s*alt:\s*(?P<nb>.*?)-->")
# 문장이나 마디의 끝(마침표·쉼표·끝)에 온 '…다' 가 '…니다' 가 아니면 해라체입니다. '마다'·'보다'는 조사입니다.
PLAIN_ENDING = re.compile(r"(?P<word>[가-힣]*다)(?=[.,]?\s|[.,]?$)")


def register_problems(path: Path) -> list[str]:
    problems = []
    text = path.read_text(encoding="utf-8")
    for no, line in enumerate(text.splitlines(), 1):
        for m in ALT.finditer(line):
            alt = m["md"] if m["md"] is not None else m["nb"]
            for w in PLAIN_ENDING.finditer(alt.strip()):
                word = w["word"]
                if not word.endswith(("니다", "마다", "보다")):
                    problems.append(f"{_rel(path)}:{no}: 대체 텍스트는 합니다체로 씁니다: '{word}' — {alt.strip()[:60]!r}")
    for no, line in lines_outside_code(path):
        if "이 쪽" in line or "이쪽은" in line:
            problems.append(f"{_rel(path)}:{no}: '이 쪽' 대신 '이 페이지'라고 씁니다")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_alt_text_and_body_register(page):
    problems = register_problems(page)
    assert not problems, "\n".join(problems)


def test_register_rule_itself(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("![곡선이 올라간다. 점이 찍혀 있다](a.svg)\n![층마다 값이 커집니다](b.svg)\n"
                    "<!-- alt: 손실이 줄어든다 -->\n이 쪽은 노트북입니다.\n", encoding="utf-8")
    found = register_problems(page)
    assert [p.split(":")[1] for p in found] == ["1", "1", "3", "4"], found


# --------------------------------------------------------------------------- scripts/corrections.py
SAMPLE = """# 쪽 { #page }

## 첫 절 { #first }

??? warning "원본 바로잡기"
    원본은 "[틀린 말](x.md)"이라고 **했습니다**. 이것이 맞습니다.

    둘째 문단.

??? warning "원본 바로잡기"
    - 원본의 $a.b$ 식은 틀렸습니다. 더 씁니다.
    - 둘째 항목입니다.

```markdown
??? warning "원본 바로잡기"
    코드 안의 예는 상자가 아닙니다.
```

### 둘째 절 { #second }

본문.

??? question "연습문제"

    ??? warning "원본 바로잡기"
        안쪽 상자입니다.
"""


def test_boxes_get_ids_from_their_heading():
    found = corrections.boxes(SAMPLE)
    assert [(b.line, b.anchor, b.section) for b in found] == [
        (5, "fix-first", "첫 절"), (10, "fix-first-2", "첫 절"), (25, "fix-second", "둘째 절")]
    assert found[0].body[-1] == "둘째 문단." and found[2].body == ["안쪽 상자입니다."]


def test_summary_is_the_first_sentence_without_links_or_bold():
    first, second, _ = corrections.boxes(SAMPLE)
    assert corrections.summary(first) == '원본은 "틀린 말"이라고 했습니다.'
    assert corrections.summary(second) == "원본의 $a.b$ 식은 틀렸습니다. (외 1가지)"


def test_annotate_adds_an_anchor_before_and_a_way_back_inside():
    text = corrections.annotate(SAMPLE, "basics/page.md")
    html = markdown.markdown(text, extensions=["admonition", "pymdownx.details", "pymdownx.superfences", "attr_list"])
    for anchor in ("fix-first", "fix-first-2", "fix-second"):
        back = f'href="../corrections.md#basics-page--{anchor}"'
        assert re.search(rf'<div id="{anchor}" class="dlb-fix-anchor"></div>(?:</p>)?\s*<details class="warning">'
                         rf'(?:(?!</details>).)*{re.escape(back)}', html, re.S), anchor
    assert html.count("<details") == 4 and "코드 안의 예는 상자가 아닙니다" in html
    assert corrections.annotate("# 상자 없음 { #x }\n", "a.md") == "# 상자 없음 { #x }\n"


def test_listing_links_every_box_and_has_an_entry_anchor():
    listing = corrections.listing([("basics/page.md", SAMPLE), ("other.md", "# 없음 { #none }\n")])
    assert listing.startswith("## 쪽 { #basics-page }")
    for anchor in ("fix-first", "fix-first-2", "fix-second"):
        assert f'<span id="basics-page--{anchor}"></span>' in listing
        assert f"(basics/page.md#{anchor})" in listing
    assert "#none" not in listing


# --------------------------------------------------------------------------- 빌드된 사이트: 양방향 링크
FIX_PAGES = [p for p in PAGES if corrections.boxes(p.read_text(encoding="utf-8"))]


def test_every_box_is_listed_once():
    pages = [(p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in PAGES]
    listing = corrections.listing(pages)
    assert listing.count('<span id="') == corrections.count(pages) >= 40
    assert (DOCS / corrections.PAGE).read_text(encoding="utf-8").count(corrections.MARKER) == 1


@pytest.mark.parametrize("page", FIX_PAGES, ids=_rel)
def test_corrections_page_and_boxes_link_both_ways(site_dir, page):
    uri = page.relative_to(DOCS).as_posix()
    built = (site_dir / uri[: -len(".md")] / "index.html").read_text(encoding="utf-8")
    listing = (site_dir / "corrections" / "index.html").read_text(encoding="utf-8")
    depth = "../" * (uri.count("/") + 1)
    for box in corrections.boxes(page.read_text(encoding="utf-8")):
        entry = corrections.entry_id(uri, box.anchor)
        where = f"docs/{uri}:{box.line}"
        assert f'id="{box.anchor}"' in built, f"{where}: 상자 앞의 앵커 #{box.anchor} 가 빌드된 페이지에 없습니다"
        assert f'href="{depth}corrections/#{entry}"' in built, f"{where}: 상자 안에 모음 항목으로 가는 링크가 없습니다"
        assert f'id="{entry}"' in listing, f"{where}: '원본과 다른 점' 페이지에 항목 #{entry} 가 없습니다"
        assert f'href="../{uri[: -len(".md")]}/#{box.anchor}"' in listing, \
            f"{where}: '원본과 다른 점' 페이지에서 이 상자(#{box.anchor})로 가는 링크가 없습니다"
