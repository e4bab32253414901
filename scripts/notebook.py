"""페이지(사이트 마크다운) → 주피터 노트북. MkDocs 없이 부를 수 있는 순수 함수들입니다.

원본은 사이트의 다른 페이지와 같은 마크다운 하나뿐입니다(제목 id, !!!/??? 상자, === 탭, 그림, 스니펫 포함).
맨 바깥(들여쓰지 않은) ```python 펜스가 코드 셀이 되고, 나머지는 마크다운 셀이 됩니다.

- mode="site": 실습 페이지처럼 mkdocs-jupyter 가 빌드 때 실행해 그리는 노트북. 상자·탭은 Material 의 HTML,
  링크는 사이트 안 상대 주소, 그림은 사이트의 SVG 입니다.
- mode="download": 독자가 내려받거나 Colab 에서 여는 노트북. 어느 주피터에서나 읽히도록 상자는 인용문,
  풀이는 <details>, 탭은 굵은 제목으로 차례로 펼치고, 그림은 첨부(attachment), 링크는 사이트 주소입니다.
  페이지가 `from snippets.… import …` 로 가져오는 코드는 그 자리 바로 앞 셀에 그대로 넣어(inline_imports),
  numpy·matplotlib 만 있는 빈 폴더의 새 커널에서 위에서부터 끝까지 돕니다.
  페이지에 적힌(테스트가 확인한) 출력은 그 코드 셀의 출력으로 미리 넣어 둡니다.

노트북 객체는 nbformat 으로 만들고 검증합니다. 셀 id 는 결정적으로(cell-0, cell-1 …) 붙입니다.
"""
from __future__ import annotations

import ast
import base64
import html
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbformat import v4

from scripts import corrections

FENCE_OPEN = re.compile(r"^```python\s*$")
PLAIN_FENCE = re.compile(r"^```(text)?\s*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*\{\s*#(?P<id>[A-Za-z0-9_-]+)\s*\}\s*$")
BOX = re.compile(r'^(?P<kind>!!!|\?\?\?\+?)\s+(?P<type>[a-z]+)(?:\s+"(?P<title>[^"]*)")?\s*$')
TAB = re.compile(r'^===\s+"(?P<label>[^"]+)"\s*$')
FIGURE = re.compile(
    r'<figure markdown="span">\s*!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]*figures/(?P<name>[a-z0-9-]+)\.svg)\)\s*'
    r"<figcaption(?: markdown=\"span\")?>(?P<caption>.*?)</figcaption>\s*</figure>",
    re.DOTALL,
)
MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s#]+\.md)(?P<anchor>#[A-Za-z0-9_-]+)?\)")
ALT_MARK = re.compile(r"^\s*<!--\s*alt:(?P<alt>.*?)-->\s*$")
# 노트북 셀 표시: <!-- notebook: data --> 다음 코드 셀은 데이터를 담은 셀입니다(사이트에서는 입력을 숨김).
CELL_MARK = re.compile(r"^\s*<!--\s*notebook:\s*(?P<tags>[a-z -]+?)\s*-->\s*$")
EXPECTED_MARK = re.compile(r"^\s*<!--\s*pytest-codeblocks:expected-output(-ignore-whitespace)?\s*-->\s*$")
SKIP_MARK = re.compile(r"^\s*<!--\s*pytest\.mark\.skip[^>]*-->\s*$")
CODEBLOCKS_MARK = re.compile(r"^\s*<!--\s*pytest[-.][^>]*-->\s*$")
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.DOTALL)
PACKAGE = "snippets"
# 내려받을 노트북이 없는 페이지(차례와 용어집: 코드가 없음). 빌드 훅·테스트·make bench 가 함께 씁니다.
NO_NOTEBOOK = ("index.md", "glossary.md", "corrections.md")


def notebook_pages(docs: Path) -> list[str]:
    """노트북을 만드는 페이지들(docs/ 기준 .md 주소, 정렬됨)."""
    return sorted(uri for uri in (p.relative_to(docs).as_posix() for p in Path(docs).rglob("*.md"))
                  if uri not in NO_NOTEBOOK)


class NotebookSourceError(ValueError):
    """원본 마크다운을 노트북으로 바꿀 수 없을 때. 메시지는 고칠 곳(파일:줄)을 말합니다."""


@dataclass
class Cell:
    kind: str                       # "markdown" | "code"
    source: str
    line: int                       # 원본(펼친 글)에서 셀이 시작하는 줄
    alts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    expected: str | None = None     # 페이지에 적힌, 테스트가 확인한 출력


# --------------------------------------------------------------------------- 원본 → 셀
def split_cells(text: str, where: str = "<page>") -> list[Cell]:
    """맨 바깥 ```python 펜스만 코드 셀로, 나머지는 마크다운 셀로 나눕니다.

    - 코드 셀 바로 앞의 `<!-- alt: … -->` 줄은 그 셀이 그리는 그림의 대체 텍스트입니다(그림마다 한 줄).
    - 코드 셀 바로 뒤의 `<!--pytest-codeblocks:expected-output-->` 와 펜스는 그 셀의 출력이 됩니다.
    - `<!--pytest.mark.skip-->` 가 붙은 펜스는 실행하지 않는 코드이므로 마크다운에 코드로 남습니다.
    """
    lines = text.split("\n")
    cells: list[Cell] = []
    buf: list[str] = []
    buf_start = 1
    alts: list[str] = []
    tags: list[str] = []
    skip_next = False
    i = 0

    def flush(upto: int) -> None:
        nonlocal buf, buf_start
        body = "\n".join(buf).strip("\n")
        if body.strip():
            cells.append(Cell("markdown", body, buf_start))
        buf, buf_start = [], upto

    while i < len(lines):
        line = lines[i]
        if FENCE_OPEN.match(line) and not skip_next:
            flush(i + 1)
            start, code = i + 1, []
            i += 1
            while i < len(lines) and lines[i].rstrip() != "```":
                code.append(lines[i])
                i += 1
            if i == len(lines):
                raise NotebookSourceError(f"{where}:{start}: 닫히지 않은 ```python 펜스가 있습니다")
            cell = Cell("code", "\n".join(code), start + 1, alts, tags)
            alts, tags = [], []
            i += 1
            # 바로 뒤(빈 줄 건너)의 기대 출력
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and EXPECTED_MARK.match(lines[j]):
                k = j + 1
                if k >= len(lines) or not PLAIN_FENCE.match(lines[k]):
                    raise NotebookSourceError(f"{where}:{j + 1}: expected-output 표시 뒤에 ``` 출력 블록이 없습니다")
                out = []
                k += 1
                while k < len(lines) and lines[k].rstrip() != "```":
                    out.append(lines[k])
                    k += 1
                cell.expected = "\n".join(out) + "\n"
                i = k + 1
            cells.append(cell)
            buf_start = i + 1
            continue
        if m := ALT_MARK.match(line):
            alts.append(m["alt"].strip())
        elif m := CELL_MARK.match(line):
            tags += m["tags"].split()
        elif SKIP_MARK.match(line):
            skip_next = True
        elif not CODEBLOCKS_MARK.match(line):
            if line.strip().startswith("```"):
                skip_next = False
            buf.append(line)
        i += 1
    if alts or tags:
        raise NotebookSourceError(f"{where}: 대체 텍스트·셀 표시 뒤에 코드 셀이 없습니다: {alts or tags}")
    flush(len(lines))
    return cells


def _indented_block(lines: list[str], start: int) -> tuple[list[str], int]:
    """start 부터 4칸 들여쓴(또는 빈) 줄들을 내어쓰기해 돌려줍니다."""
    body, i = [], start
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
        body.append(lines[i][4:])
        i += 1
    while body and not body[-1].strip():
        body.pop()
        i -= 1
    return body, i


def page_dir(target: str) -> str:
    """docs/ 기준 .md 경로 → 사이트의 폴더 주소(use_directory_urls): a/b.md → a/b/, a/index.md → a/."""
    stem = target[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def download_path(src_uri: str) -> str:
    """페이지의 내려받기 노트북이 사이트에서 놓이는 곳: basics/loss-functions.md → basics/loss-functions/loss-functions.ipynb."""
    stem = Path(src_uri).stem
    return page_dir(src_uri) + f"{stem}.ipynb"


# --------------------------------------------------------------------------- 마크다운 셀
class Renderer:
    """마크다운 셀을 노트북이 알아듣는 마크다운 + HTML 로 바꿉니다."""

    def __init__(self, mode: str, page_uri: str, site_url: str, figure_svg: Callable[[str], bytes] | None):
        if mode not in ("site", "download"):
            raise ValueError(f"모르는 모드: {mode!r}")
        self.mode, self.page_uri, self.site_url = mode, page_uri, site_url.rstrip("/") + "/"
        self.figure_svg = figure_svg
        self.tabs = 0
        self.links: list[tuple[str, str | None]] = []
        self.attachments: dict = {}

    def cell(self, text: str) -> tuple[str, dict]:
        self.attachments = {}
        out = self.blocks(text.split("\n"))
        out = FIGURE.sub(self.figure, out)
        out = MD_LINK.sub(self.link, out)
        return out, self.attachments

    def blocks(self, lines: list[str]) -> str:
        out, i, in_fence = [], 0, False
        while i < len(lines):
            line = lines[i]
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            if in_fence or line.lstrip().startswith("```"):
                out.append(line)
                i += 1
                continue
            if m := HEADING.match(line):
                level, text = len(m["hashes"]), m["text"]
                out.append(f'<h{level} id="{m["id"]}">{html.escape(text, quote=False)}</h{level}>')
                i += 1
            elif m := BOX.match(line):
                body, i = _indented_block(lines, i + 1)
                out.append(self.box(m["kind"], m["type"], m["title"], self.blocks(body)))
            elif TAB.match(line):
                tabs = []
                while i < len(lines) and (m := TAB.match(lines[i])):
                    body, i = _indented_block(lines, i + 1)
                    tabs.append((m["label"], self.blocks(body)))
                    while i < len(lines) and not lines[i].strip() and i + 1 < len(lines) and TAB.match(lines[i + 1]):
                        i += 1
                out.append(self.tabset(tabs))
            elif CODEBLOCKS_MARK.match(line) or ALT_MARK.match(line) or CELL_MARK.match(line):
                i += 1  # 테스트용 표시는 독자에게 보이지 않습니다
            else:
                out.append(line)
                i += 1
        return "\n".join(out)

    def box(self, kind: str, kind_type: str, title: str | None, body: str) -> str:
        title = html.escape(title or kind_type.capitalize(), quote=False)
        if kind == "!!!":
            if self.mode == "download":
                # 인용문: 어느 주피터·Colab·GitHub 미리보기에서나 상자처럼 읽힙니다.
                quoted = "\n".join(f"> {line}".rstrip() for line in body.split("\n"))
                return f"> **{title}**\n>\n{quoted}"
            return (f'<div class="admonition {kind_type}">\n<p class="admonition-title">{title}</p>\n\n'
                    f"{body}\n\n</div>")
        opened = " open" if kind.endswith("+") else ""
        if self.mode == "download":
            return f"<details{opened}>\n<summary><b>{title}</b></summary>\n\n{body}\n\n</details>"
        return f'<details class="{kind_type}"{opened}>\n<summary>{title}</summary>\n\n{body}\n\n</details>'

    def tabset(self, tabs: list[tuple[str, str]]) -> str:
        if self.mode == "download":
            return "\n\n".join(f"**{html.escape(label, quote=False)}**\n\n{body}" for label, body in tabs)
        self.tabs += 1
        n = self.tabs
        inputs = "".join(
            f'<input{" checked" if k == 1 else ""} id="__tabbed_{n}_{k}" name="__tabbed_{n}" type="radio">'
            for k in range(1, len(tabs) + 1)
        )
        labels = "".join(f'<label for="__tabbed_{n}_{k}">{html.escape(label, quote=False)}</label>'
                         for k, (label, _) in enumerate(tabs, 1))
        blocks = "\n".join(f'<div class="tabbed-block">\n\n{body}\n\n</div>' for _, body in tabs)
        return (f'<div class="tabbed-set tabbed-alternate" data-tabs="{n}:{len(tabs)}">{inputs}'
                f'<div class="tabbed-labels">{labels}</div>\n<div class="tabbed-content">\n{blocks}\n</div>\n</div>')

    def figure(self, m: re.Match) -> str:
        name, alt, caption = m["name"], m["alt"], m["caption"].strip()
        if self.mode == "site":
            # 페이지 주소는 practice/<이름>/ 이므로 사이트 뿌리까지 두 단계 위입니다.
            src = "../" * (self.page_uri.count("/") + 1) + f"figures/{name}.svg"
            return (f'<figure>\n<img src="{src}" alt="{html.escape(alt)}">\n'
                    f"<figcaption>{caption}</figcaption>\n</figure>")
        svg = self.figure_svg(name)
        self.attachments[f"{name}.svg"] = {"image/svg+xml": base64.b64encode(svg).decode("ascii")}
        return f"![{alt}](attachment:{name}.svg)\n\n*{caption}*"

    def link(self, m: re.Match) -> str:
        target = os.path.normpath(os.path.join(os.path.dirname(self.page_uri), m["target"])).replace(os.sep, "/")
        anchor = m["anchor"] or ""
        self.links.append((target, anchor[1:] or None))
        url = page_dir(target)
        if self.mode == "site":
            url = "../" * (self.page_uri.count("/") + 1) + url
        else:
            url = self.site_url + url
        return f"[{m['text']}]({url}{anchor})"


# --------------------------------------------------------------------------- snippets 가져오기 → 그 자리에 코드
@dataclass
class _Module:
    path: Path
    source: str
    lines: list[str]
    stmts: list[ast.stmt]
    defines: dict[str, int]          # 이름 → 그 이름을 마지막으로 정의하는 문장 번호
    future: bool


def _defined_names(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [stmt.name]
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in stmt.names]
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []


def _used_names(stmt: ast.stmt) -> set[str]:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}


def _segment(lines: list[str], stmt: ast.stmt) -> str:
    """문장의 원본 글(데코레이터와 바로 위 주석 포함, 구간 표시 줄 제외)."""
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    while start > 1 and lines[start - 2].lstrip().startswith("#") and "--8<--" not in lines[start - 2]:
        start -= 1
    body = lines[start - 1: stmt.end_lineno]
    return "\n".join(line for line in body if "--8<--" not in line)


class SnippetLibrary:
    """snippets 패키지의 모듈을 읽어, 이름 하나를 정의하는 데 필요한 문장들을 찾아 줍니다."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._modules: dict[str, _Module] = {}

    def module(self, dotted: str) -> _Module:
        if dotted not in self._modules:
            path = self.root / (dotted.replace(".", "/") + ".py")
            if not path.is_file():
                raise NotebookSourceError(f"{dotted} 모듈 파일이 없습니다: {path}")
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source, filename=str(path))
            defines, future = {}, False
            for k, stmt in enumerate(tree.body):
                if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                    future = True
                    continue
                for name in _defined_names(stmt):
                    defines[name] = k
            self._modules[dotted] = _Module(path, source, source.split("\n"), tree.body, defines, future)
        return self._modules[dotted]

    def definition(self, dotted: str, name: str) -> str:
        """이름을 정의하는 문장의 AST 덤프(주석·빈 줄·줄바꿈이 달라도 같은 정의면 같음)."""
        mod = self.module(dotted)
        if name not in mod.defines:
            raise NotebookSourceError(f"{mod.path.relative_to(self.root)} 에 {name!r} 이(가) 없습니다")
        return ast.dump(mod.stmts[mod.defines[name]])

    def closure(self, wanted: list[tuple[str, str]], known: dict[str, str]) -> list[tuple[str, str]]:
        """(모듈, 이름)들을 정의하는 데 필요한 (모듈, 문장 글)을 실행 순서대로. 노트북에 이미 같은 정의가 있는 것은 뺍니다."""
        order: list[tuple[str, int]] = []
        seen: set[tuple[str, int]] = set()

        def need(dotted: str, name: str) -> None:
            mod = self.module(dotted)
            if name not in mod.defines:
                raise NotebookSourceError(f"{mod.path.relative_to(self.root)} 에 {name!r} 이(가) 없습니다")
            k = mod.defines[name]
            stmt = mod.stmts[k]
            if isinstance(stmt, ast.ImportFrom) and (stmt.module or "").split(".")[0] == PACKAGE:
                # 다른 snippets 모듈에서 가져온 이름: 그 모듈의 정의를 따라갑니다(import 문 자체는 넣지 않음).
                if (stmt.module, name) not in seen:
                    seen.add((stmt.module, name))
                    need(stmt.module, name)
                return
            if (dotted, k) in seen:
                return
            seen.add((dotted, k))
            # 이미 보인 정의라도 그것이 부르는 이름은 아직 없을 수 있습니다(페이지가 뒤에서 보여 주는 함수 등).
            for dep in sorted(_used_names(stmt) - set(_defined_names(stmt))):
                if dep in mod.defines:
                    need(dotted, dep)
            if not all(known.get(n) == ast.dump(stmt) for n in _defined_names(stmt)):
                order.append((dotted, k))

        for dotted, name in wanted:
            need(dotted, name)
        # 모듈 안에서는 원본 순서대로(원본이 위에서 아래로 돌듯이), 모듈끼리는 먼저 필요해진 것부터.
        modules = list(dict.fromkeys(d for d, _ in order))
        out = []
        for dotted in modules:
            mod = self.module(dotted)
            for k in sorted(k for d, k in order if d == dotted):
                out.append((dotted, _segment(mod.lines, mod.stmts[k]).strip()))
        return out


def _record(known: dict[str, str], source: str) -> None:
    """셀이 맨 위 수준에서 정의하는 이름과 그 정의(AST 덤프)를 기억합니다(같은 정의면 다시 넣지 않으려고)."""
    for stmt in ast.parse(source).body:
        for name in _defined_names(stmt):
            known[name] = ast.dump(stmt)


def inline_imports(cells: list[Cell], library: SnippetLibrary, where: str = "<page>") -> list[Cell]:
    """`from snippets.m import a, b` 를 지우고, 노트북에 아직 (같은 글로) 없는 정의를 바로 앞 셀에 넣습니다."""
    known: dict[str, str] = {}
    out: list[Cell] = []
    for cell in cells:
        if cell.kind != "code":
            out.append(cell)
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError as exc:
            raise NotebookSourceError(f"{where}:{cell.line + (exc.lineno or 1) - 1}: 파이썬 문법 오류: {exc.msg}") from None
        lines = cell.source.split("\n")
        wanted, drop = [], set()
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and (stmt.module or "").split(".")[0] == PACKAGE:
                for alias in stmt.names:
                    if alias.asname:
                        raise NotebookSourceError(
                            f"{where}:{cell.line + stmt.lineno - 1}: `import … as …` 는 노트북으로 옮길 수 없습니다; "
                            "이름 그대로 가져오세요")
                    wanted.append((stmt.module, alias.name))
                drop.update(range(stmt.lineno, stmt.end_lineno + 1))
            elif isinstance(stmt, ast.Import) and any(a.name.split(".")[0] == PACKAGE for a in stmt.names):
                raise NotebookSourceError(f"{where}:{cell.line + stmt.lineno - 1}: `import snippets…` 대신 "
                                          "`from snippets.모듈 import 이름` 으로 쓰세요")
        if wanted:
            helper = library.closure(wanted, known)
            if helper:
                future = any(library.module(d).future for d, _ in helper)
                parts = ["# 사이트 페이지에서는 snippets 패키지에서 가져오는 코드입니다(노트북만으로 돌도록 여기에 넣었습니다)."]
                if future:
                    parts.append("from __future__ import annotations")
                current = None
                for dotted, text in helper:
                    if dotted != current:
                        parts.append(f"# --- {dotted.replace('.', '/')}.py")
                        current = dotted
                    block = text.startswith(("def ", "class ", "@"))
                    parts.append(f"\n{text}\n" if block else text)
                code = re.sub(r"\n{3,}", "\n\n", "\n".join(parts)).strip()
                out.append(Cell("code", code, cell.line, tags=["snippets"]))
                _record(known, code)
            kept = [line for n, line in enumerate(lines, 1) if n not in drop]
            cell = Cell(cell.kind, "\n".join(kept).strip("\n"), cell.line, cell.alts, cell.tags, cell.expected)
        _record(known, cell.source)
        if cell.source.strip() or cell.expected is not None:
            out.append(cell)
    return out


# --------------------------------------------------------------------------- 셀 → 노트북
def build_notebook(expanded: str, mode: str, page_uri: str, site_url: str,
                   figure_svg: Callable[[str], bytes] | None = None, *,
                   library: SnippetLibrary | None = None, where: str = "<page>",
                   title: str | None = None) -> tuple[nbformat.NotebookNode, Renderer]:
    """스니펫을 펼친 원본 글 → nbformat 4 노트북. mode="download" 이면 library 로 가져오기를 셀에 넣습니다."""
    renderer = Renderer(mode, page_uri, site_url, figure_svg)
    # 원본 바로잡기 상자: 사이트 페이지와 같은 앵커와 '원본과 다른 점' 모음으로 가는 링크(scripts/corrections.py)
    cells = split_cells(corrections.annotate(expanded, where_uri(page_uri)), where)
    if mode == "download":
        if library is None:
            raise ValueError("download 노트북에는 SnippetLibrary 가 필요합니다")
        cells = inline_imports(cells, library, where)
    nb_cells = []
    if mode == "download":
        page_url = renderer.site_url + page_dir(where_uri(page_uri))
        nb_cells.append(v4.new_markdown_cell(
            f"*이 노트북은 [{html.escape(title or '사이트')}]({page_url}) 페이지에서 만들었습니다. "
            "numpy와 matplotlib만 있으면 위에서부터 차례로 실행할 수 있습니다(`셀 → 모두 실행`). "
            "코드 셀 아래의 출력은 페이지에 실린, 테스트로 확인한 출력입니다.*",
            id="cell-about"))
    for n, cell in enumerate(cells):
        cid = f"cell-{n}"
        if cell.kind == "markdown":
            source, attachments = renderer.cell(cell.source)
            node = v4.new_markdown_cell(source, id=cid)
            if attachments:
                node["attachments"] = attachments
        else:
            node = v4.new_code_cell(cell.source, id=cid)
            if cell.alts:
                node.metadata["alt"] = cell.alts
            tags = list(cell.tags)
            if mode == "site" and "data" in tags:
                tags.append("remove-input")
            if tags:
                node.metadata["tags"] = tags
            if cell.expected is not None:
                node.metadata["expected_output"] = True
                node.outputs = [v4.new_output("stream", name="stdout", text=cell.expected)]
        nb_cells.append(node)
    nb = v4.new_notebook(cells=nb_cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(nb)
    return nb, renderer


def where_uri(page_uri: str) -> str:
    """노트북 주소(practice/iris.ipynb)든 페이지 주소(basics/x.md)든 원본 .md 주소로."""
    return page_uri[: -len(".ipynb")] + ".md" if page_uri.endswith(".ipynb") else page_uri


def notebook_math(nb: dict, where: str) -> list[dict]:
    """마크다운 셀의 $…$, $$…$$ 수식(코드 펜스와 `코드` 밖)을 KaTeX 검사기 입력 모양으로."""
    items = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = re.sub(r"```.*?```", "", cell["source"], flags=re.DOTALL)
        text = re.sub(r"`[^`\n]*`", "", text)
        for m in MATH.finditer(text):
            tex, display = (m["display"], True) if m["display"] is not None else (m["inline"], False)
            items.append({"where": where, "tex": tex.strip(), "display": display})
    return items


def dumps(nb: dict) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_if_changed(path: Path, nb: dict) -> bool:
    """내용이 같으면 건드리지 않습니다(mkdocs-jupyter 캐시와 serve 가 헛돌지 않게). 썼으면 True."""
    text = dumps(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def colab_url(repo_url: str | None, branch: str, nb_path: str) -> str | None:
    """GitHub 저장소의 노트북 가지에 있는 노트북을 Colab 으로 여는 주소. 저장소가 없거나 GitHub 가 아니면 None."""
    if not repo_url:
        return None
    m = re.match(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$", repo_url)
    if not m:
        return None
    return f"https://colab.research.google.com/github/{m['owner']}/{m['repo']}/blob/{branch}/{nb_path}"
