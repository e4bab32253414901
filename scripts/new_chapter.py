"""make new-chapter PART=<폴더> SLUG=<영어-슬러그> TITLE="<한국어 제목>": 새 장의 뼈대를 만듭니다.

만드는 것(모두 그대로 make test 를 통과합니다):
- docs/PART/SLUG.md: 개요 → 아이디어와 식 → 코드 → 그림 → 주의할 점 → 요약 → 연습문제
- snippets/<모듈>.py: 이름 붙은 구간 하나(모듈 이름은 슬러그의 - 를 _ 로)
- scripts/figures/<모듈>.py: 등록된 그림 하나(그림 이름 = 슬러그)
- tests/test_<모듈>.py: 스니펫 함수의 단위 테스트 하나
- mkdocs.yml 의 nav: 항목과 docs/index.md 의 차례 행(새 부이면 부 제목과 표도)

거절하는 것: 이미 있는 슬러그·모듈, ASCII 가 아닌 슬러그·폴더, nav 에 없는데 이미 있는 폴더.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

PAGE = '''# {title} {{ #{slug} }}

## 개요 {{ #overview }}

이 장에서 무엇을 배우는지 두세 문장으로 씁니다. 이 문단은 지우고 새로 쓰세요.

## 아이디어와 식 {{ #idea }}

핵심 식을 하나 보이고, 기호가 무엇인지 말로 풉니다. 예를 들어 계수가 $a$, $b$인 일차 함수는

$$
y = a x + b
$$

입니다.

## 코드 {{ #code }}

numpy로 쓰면 한 줄입니다.

```python
import numpy as np
--8<-- "snippets/{module}.py:line"
```

```python
import numpy as np
from snippets.{module} import line

print(line(np.array([0.0, 1.0, 2.0]), a=2.0, b=1.0))
```

<!--pytest-codeblocks:expected-output-->
```
[1. 3. 5.]
```

## 그림 {{ #figure }}

<figure markdown="span">
  ![왼쪽 아래에서 오른쪽 위로 올라가는 직선 y = 2x + 1 의 그래프입니다](../figures/{slug}.svg)
  <figcaption markdown="span">그림 1. 일차 함수 $y = 2x + 1$. 그림은 위의 코드와 같은 함수로 그렸습니다.</figcaption>
</figure>

## 주의할 점 {{ #pitfalls }}

흔히 하는 실수나 헷갈리기 쉬운 점을 적습니다. 원본 노트에 있던 내용을 바로잡을 때만 상자를 쓰고, 원본에 없는 새
장이면 이 절은 보통 문단으로 씁니다.

## 요약 {{ #summary }}

- 이 장에서 배운 것을 세 줄 안쪽으로 정리합니다.

## 연습문제 {{ #exercises }}

??? question "연습문제 1. $a = 2$, $b = 1$인 일차 함수에서 $x = 3$일 때 $y$는 얼마일까요?"

    ??? success "풀이"
        $y = 2 \\times 3 + 1 = 7$입니다.

        ```python
        from snippets.{module} import line

        print(line(3.0, a=2.0, b=1.0))
        ```

        <!--pytest-codeblocks:expected-output-->
        ```
        7.0
        ```
'''

SNIPPET = '''"""{title}: 페이지 docs/{part}/{slug}.md 의 코드."""
import numpy as np


# --8<-- [start:line]
def line(x, a, b):
    """일차 함수의 값 a·x + b."""
    return a * np.asarray(x, dtype=float) + b
# --8<-- [end:line]
'''

FIGURE = '''"""{title}(docs/{part}/{slug}.md)의 그림."""
import numpy as np

from scripts.figures import figure
from scripts.figures.style import color
from snippets.{module} import line


@figure("{slug}", size=(6.4, 3.4))
def draw_{func}(ax):
    x = np.linspace(-2, 2, 101)
    ax.plot(x, line(x, a=2.0, b=1.0), color=color("fn"))
    ax.set_xlabel("x")
    ax.set_ylabel("y")
'''

TEST = '''"""snippets/{module}.py 의 단위 테스트."""
import numpy as np

from snippets.{module} import line


def test_line_passes_through_its_intercept_with_its_slope():
    x = np.array([0.0, 1.0, 2.0])
    y = line(x, a=2.0, b=1.0)
    assert y[0] == 1.0
    assert np.allclose(np.diff(y), 2.0)
'''


class ScaffoldError(ValueError):
    pass


def nav_parts(mkdocs_text: str) -> dict[str, str]:
    """nav 의 부 제목 → 그 부가 쓰는 docs/ 폴더(첫 항목 기준)."""
    parts, current = {}, None
    nav = mkdocs_text[mkdocs_text.index("\nnav:"):]
    for line in nav.splitlines()[1:]:
        if m := re.match(r"^  - (?P<title>[^:]+):\s*$", line):
            current = m["title"]
        elif current and (m := re.match(r"^      - [^:]+:\s*(?P<path>[a-z0-9-]+)/[^/]+\.(md|ipynb)\s*$", line)):
            parts.setdefault(current, m["path"])
    return parts


def plan(root: Path, part: str, slug: str, title: str) -> dict[Path, str]:
    """만들 파일과 내용. 거절할 까닭이 있으면 ScaffoldError."""
    if not SLUG.match(part):
        raise ScaffoldError(f"PART={part!r}: 폴더 이름은 영어 소문자·숫자·하이픈이어야 합니다(예: cnn)")
    if not SLUG.match(slug):
        raise ScaffoldError(f"SLUG={slug!r}: 슬러그는 영어 소문자·숫자·하이픈이어야 합니다(예: convolution). URL 이 됩니다")
    if not title.strip():
        raise ScaffoldError('TITLE 이 비어 있습니다: TITLE="합성곱 연산" 처럼 한국어 제목을 주세요')
    module = slug.replace("-", "_")
    files = {
        root / "docs" / part / f"{slug}.md": PAGE,
        root / "snippets" / f"{module}.py": SNIPPET,
        root / "scripts" / "figures" / f"{module}.py": FIGURE,
        root / "tests" / f"test_{module}.py": TEST,
    }
    for path in files:
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} 가 이미 있습니다: 다른 SLUG 를 고르세요")
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if re.search(rf"[:\s]{re.escape(part)}/{re.escape(slug)}\.(md|ipynb)\s*$", mkdocs, re.MULTILINE):
        raise ScaffoldError(f"mkdocs.yml 의 nav 에 {part}/{slug} 가 이미 있습니다")
    known = set(nav_parts(mkdocs).values())
    if part not in known and (root / "docs" / part).exists():
        raise ScaffoldError(f"docs/{part}/ 는 있지만 nav 의 어느 부에도 없습니다: 기존 부({', '.join(sorted(known))})를 "
                            "고르거나 새 폴더 이름을 주세요")
    fields = {"title": title, "slug": slug, "part": part, "module": module, "func": module}
    return {path: text.format(**fields) for path, text in files.items()}


def add_to_nav(mkdocs: str, part: str, slug: str, title: str) -> tuple[str, str | None]:
    """nav 에 항목을 넣은 mkdocs.yml 과, 새 부를 만들었으면 그 부 제목."""
    entry = f"      - {title}: {part}/{slug}.md"
    parts = nav_parts(mkdocs)
    lines = mkdocs.split("\n")
    if part in parts.values():
        last = max(i for i, line in enumerate(lines) if re.match(rf"^      - [^:]+:\s*{re.escape(part)}/", line))
        lines.insert(last + 1, entry)
        return "\n".join(lines), None
    numbered = [t for t in parts if re.match(r"^[IVX]+\. ", t)]
    part_title = f"{ROMAN[len(numbered)]}. {title}"
    # 새 부는 번호 붙은 부들 뒤, 실습 앞에 넣습니다.
    at = next(i for i, line in enumerate(lines) if line.startswith("  - 실습:"))
    lines[at:at] = [f"  - {part_title}:", entry]
    return "\n".join(lines), part_title


def add_to_contents(index: str, part: str, slug: str, title: str, part_title: str | None) -> str:
    """docs/index.md 의 차례 표에 행을 넣습니다(새 부이면 제목과 표를 실습 앞에)."""
    row = f"| [{title}]({part}/{slug}.md) | 이 장에서 배우는 것을 한 줄로 적습니다 |"
    lines = index.split("\n")
    if part_title is None:
        rows = [i for i, line in enumerate(lines) if line.startswith("| [") and f"]({part}/" in line]
        lines.insert(rows[-1] + 1, row)
        return "\n".join(lines)
    n = len(re.findall(r"\{ #part-\d+ \}", index)) + 1
    at = next(i for i, line in enumerate(lines) if line.startswith("### 실습"))
    lines[at:at] = [f"### {part_title} {{ #part-{n} }}", "", "| 절 | 무엇을 배우나 |", "| --- | --- |", row, ""]
    return "\n".join(lines)


def scaffold(root: Path, part: str, slug: str, title: str) -> list[Path]:
    files = plan(root, part, slug, title)
    mkdocs, part_title = add_to_nav((root / "mkdocs.yml").read_text(encoding="utf-8"), part, slug, title)
    index = add_to_contents((root / "docs/index.md").read_text(encoding="utf-8"), part, slug, title, part_title)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    (root / "docs/index.md").write_text(index, encoding="utf-8")
    return list(files) + [root / "mkdocs.yml", root / "docs/index.md"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part")
    parser.add_argument("slug")
    parser.add_argument("title")
    args = parser.parse_args(argv)
    try:
        written = scaffold(ROOT, args.part, args.slug, args.title)
    except ScaffoldError as exc:
        print(f"make new-chapter: {exc}", file=sys.stderr)
        return 2
    page = f"docs/{args.part}/{args.slug}.md"
    print("만들었거나 고친 파일:")
    for path in written:
        print(f"  {path.relative_to(ROOT)}")
    print(f"""
다음 할 일:
  1. {page} 의 글을 씁니다(틀은 README 의 '장 추가하기').
  2. 코드는 snippets/{args.slug.replace('-', '_')}.py 의 이름 붙은 구간에, 단위 테스트는 tests/test_{args.slug.replace('-', '_')}.py 에.
  3. 그림은 scripts/figures/{args.slug.replace('-', '_')}.py 에. mkdocs.yml 의 nav 제목과 docs/index.md 의 차례 행도 고칩니다.
  4. 한 페이지만 빠르게 확인: make test-page PAGE={page}   (마지막에 make test)""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
