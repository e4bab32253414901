"""'원본 바로잡기' 상자와 '원본과 다른 점' 페이지(docs/corrections.md).

상자는 원본 노트를 읽은 적 없는 독자의 흐름을 끊지 않도록 접힌 상자(`??? warning "원본 바로잡기"`)로 쓰고,
원본과 비교하는 스터디 리더는 모음 페이지 한 곳에서 모두 봅니다. 모음을 손으로 관리하지 않고 빌드 때 상자에서
만드는 까닭: 상자를 더하거나 고치면 모음도 저절로 따라오고, 양방향 링크의 앵커가 어긋날 수 없기 때문입니다.

- `boxes(text)`: 페이지의 상자들. 앵커 id 는 바로 앞 제목의 id 에서 만듭니다(`fix-<제목 id>`, 같은 제목 아래
  둘째부터 `-2`, `-3`). 위치 번호가 아니라 제목에 묶이므로 다른 절에 상자를 더해도 바뀌지 않습니다.
- `annotate(text, src_uri)`: 상자 바로 앞에 앵커(`<div id=…>`)를, 상자 안 끝에 모음 페이지의 항목으로 가는 링크를 넣습니다.
- `listing(pages)`: 모음 페이지의 본문(장마다 제목, 상자마다 항목: 절 링크와 첫 문장, 항목 앵커).
- `source_pages(docs, nav)`: 모음에 넣을 (경로, 마크다운) 을 목차 순서대로.
- `remember_listing`·`built_with`: make serve(--dirty)가 모음 페이지를 목록이 바뀌었을 때만 다시 만들게
  (hooks/dirty_deps.py). 한 프로세스 안에서만 기억합니다.

MkDocs 를 몰라도 됩니다. 훅(hooks/corrections.py)과 노트북 훅(hooks/notebooks.py)이 이 함수들을 부릅니다.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

TITLE = "원본 바로잡기"
PAGE = "corrections.md"
MARKER = "<!-- corrections-list -->"
# 원본 바로잡기 상자의 머리줄. 열린 상자(!!!, ???+)도 찾아서, 검사(tests/test_reading.py)가 알릴 수 있게 합니다.
BOX = re.compile(rf'^(?P<indent>[ ]*)(?P<kind>!!!|\?\?\?\+?)[ ]+warning[ ]+"{TITLE}"[ ]*$')
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ ]+(?P<text>.*?)[ ]*\{[ ]*#(?P<id>[A-Za-z0-9_-]+)[ ]*\}[ ]*$")
FENCE = re.compile(r"^[ ]*(`{3,}|~{3,})")
MD_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[다요])\.(?=\s|$)")
MAX_SUMMARY = 180


@dataclass(frozen=True)
class Box:
    line: int          # 머리줄의 줄 번호(1부터)
    kind: str          # "???"(접힘), "!!!"·"???+"(열림)
    anchor: str        # 페이지 안의 앵커 id (fix-…)
    section: str       # 바로 앞 제목의 글자
    body: list[str]    # 들여쓰기를 뺀 상자 본문의 줄


def page_key(src_uri: str) -> str:
    """docs/ 기준 경로 → 모음 페이지의 제목·항목 id 에 쓰는 ASCII 이름 (basics/loss-functions.md → basics-loss-functions)."""
    return src_uri[: -len(".md")].replace("/", "-")


def entry_id(src_uri: str, anchor: str) -> str:
    return f"{page_key(src_uri)}--{anchor}"


def boxes(text: str) -> list[Box]:
    """페이지 마크다운에서 원본 바로잡기 상자를 차례로 찾습니다(코드 펜스 안은 건너뜀)."""
    lines = text.split("\n")
    found, fence, heading_id, section, used = [], None, "top", "", {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if fence:
            if line.strip().startswith(fence):
                fence = None
            i += 1
            continue
        if m := FENCE.match(line):
            fence = m.group(1)
            i += 1
            continue
        if m := HEADING.match(line):
            heading_id, section = m["id"], m["text"]
        elif m := BOX.match(line):
            indent = len(m["indent"]) + 4
            body, j = [], i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip(" ")) >= indent):
                body.append(lines[j][indent:])
                j += 1
            while body and not body[-1].strip():
                body.pop()
            used[heading_id] = used.get(heading_id, 0) + 1
            n = used[heading_id]
            anchor = f"fix-{heading_id}" + (f"-{n}" if n > 1 else "")
            found.append(Box(i + 1, m["kind"], anchor, section, body))
            i = j
            continue
        i += 1
    return found


def summary(box: Box) -> str:
    """상자의 첫 문장(목록이면 첫 항목의 첫 문장). 링크는 글자만 남기고(다른 페이지에서 상대 경로가 깨지므로) 굵게 표시는 뺍니다."""
    para = []
    for line in box.body:
        if not line.strip():
            if para:
                break
            continue
        if para and line.lstrip().startswith("- "):
            break
        para.append(line.strip().removeprefix("- "))
    text = MD_LINK.sub(lambda m: m.group(1), " ".join(para)).replace("**", "")
    for m in SENTENCE_END.finditer(text):
        if text[: m.start()].count("$") % 2 == 0:
            text = text[: m.end()]
            break
    if len(text) > MAX_SUMMARY:
        cut = text.rfind(" ", 0, MAX_SUMMARY)
        while cut > 0 and text[:cut].count("$") % 2:
            cut = text.rfind(" ", 0, cut)
        text = text[: cut if cut > 0 else MAX_SUMMARY].rstrip(",") + " …"
    extra = sum(1 for line in box.body if line.startswith("- ")) - 1
    return text + (f" (외 {extra}가지)" if extra > 0 else "")


def annotate(text: str, src_uri: str) -> str:
    """상자마다 앞에 앵커, 안의 끝에 모음 페이지의 항목으로 가는 링크를 넣은 마크다운."""
    found = boxes(text)
    if not found:
        return text
    lines = text.split("\n")
    back = posixpath.relpath(PAGE, posixpath.dirname(src_uri) or ".")
    for box in reversed(found):
        head = box.line - 1
        indent = BOX.match(lines[head])["indent"]
        end = head + 1 + len(box.body)
        link = f"{indent}    [원본과 다른 점 모음에서 보기]({back}#{entry_id(src_uri, box.anchor)})"
        lines[end:end] = ["", link]
        lines[head:head] = [f'{indent}<div id="{box.anchor}" class="dlb-fix-anchor"></div>', ""]
    return "\n".join(lines)


def page_title(text: str, src_uri: str) -> str:
    for line in text.split("\n"):
        if m := HEADING.match(line):
            if len(m["hashes"]) == 1:
                return m["text"]
    raise ValueError(f"docs/{src_uri}: 페이지 제목(# … {{ #id }})이 없습니다")


def listing(pages: list[tuple[str, str]]) -> str:
    """모음 페이지의 본문. pages: (docs/ 기준 경로, 마크다운) 을 목차(nav) 순서대로."""
    out = []
    for src_uri, text in pages:
        found = boxes(text)
        if not found:
            continue
        out.append(f"## {page_title(text, src_uri)} {{ #{page_key(src_uri)} }}\n")
        for box in found:
            where = box.section if box.section != page_title(text, src_uri) else "처음"
            out.append(f'- <span id="{entry_id(src_uri, box.anchor)}"></span>'
                       f"[{where}]({src_uri}#{box.anchor}): {summary(box)}")
        out.append("")
    return "\n".join(out)


def count(pages: list[tuple[str, str]]) -> int:
    return sum(len(boxes(text)) for _, text in pages)


def _nav_order(nav) -> list[str]:
    out = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out += _nav_order(value)
        elif isinstance(value, str):
            out.append(value)
    return out


def source_pages(docs: Path, nav) -> list[tuple[str, str]]:
    """(docs/ 기준 .md 경로, 원본 마크다운) 을 목차(mkdocs.yml 의 nav) 순서대로, 목차에 없는 페이지는 그 뒤에 이름순으로.
    실습 노트북(.ipynb)은 그 원본 .md 입니다."""
    docs = Path(docs)
    order = [u[: -len(".ipynb")] + ".md" if u.endswith(".ipynb") else u for u in _nav_order(nav)]
    rest = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    uris = [u for u in order if (docs / u).is_file()] + [u for u in rest if u not in order]
    return [(u, (docs / u).read_text(encoding="utf-8")) for u in uris]


# 만든 모음 페이지(사이트의 파일 경로) → 그때 목록의 해시. make serve 한 프로세스 안에서만 씁니다.
_built: dict[str, str] = {}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def remember_listing(dest: str, text: str) -> None:
    """dest(사이트의 모음 페이지 파일)를 목록 text 로 만들었다고 적어 둡니다."""
    _built[str(dest)] = _digest(text)


def built_with(dest: str, text: str) -> bool:
    """이 프로세스가 dest 를 목록 text 그대로 만들었는지(모르면 False)."""
    return _built.get(str(dest)) == _digest(text)
