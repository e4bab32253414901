"""빌드 때 수식을 KaTeX 로 HTML(+ 스크린 리더용 MathML)로 그립니다. 그리는 것이 곧 검사입니다.

- 페이지 수식: pymdownx.arithmatex(generic)가 남긴 `<span class="arithmatex">\\(…\\)</span>`,
  `<div class="arithmatex">\\[…\\]</div>` 의 안을 KaTeX 의 HTML 로 바꿉니다(`render_arithmatex`).
- 노트북 페이지(mkdocs-jupyter): 마크다운 셀(`.jp-RenderedMarkdown`)의 글자에 남은 `$…$`, `$$…$$` 를
  `<span class="arithmatex">` 로 감싼 KaTeX HTML 로 바꿉니다(`render_notebook_markdown`). 코드·출력은 건드리지 않습니다.
- KaTeX 는 package-lock.json 에 고정한 node_modules/katex 를 node 프로세스 하나(scripts/katex_render.cjs)로 부르고,
  그린 HTML 은 (KaTeX 판, 옵션, 디스플레이 여부, TeX) 의 해시로 캐시 폴더의 katex-html.json 에 둡니다.
  다시 빌드할 때 바뀌지 않은 수식은 node 를 부르지 않습니다.
- 그리지 못한 수식은 {"where", "tex", "display", "error"} 로 모아 `report` 가 페이지와 수식을 적습니다.
"""
from __future__ import annotations

import collections
import hashlib
import html
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Callable, Iterable

OPTIONS = Path(__file__).with_name("katex-options.json")
NODE_SCRIPT = Path(__file__).with_name("katex_render.cjs")
# 노트북 셀의 수식 구분자: scripts/notebook.py 의 MATH 와 같은 규칙($$…$$ 먼저, \$ 는 수식이 아님).
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.DOTALL)
ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.DOTALL)
DELIMS = [(r"\(", r"\)", False), (r"\[", r"\]", True)]

Render = Callable[[list[tuple[str, bool]]], list[dict]]


class UnknownMarkup(ValueError):
    """arithmatex 가 모르는 모양을 남겼습니다(설정이 바뀐 경우)."""


def cache_file(root: Path) -> Path:
    return root / os.environ.get("DLB_CACHE_DIR", ".cache") / "katex-html.json"


class Renderer:
    """KaTeX node 프로세스 하나와 그린 수식의 캐시. `render` 는 [(TeX, 디스플레이)] → [{"html"} | {"error"}]."""

    def __init__(self, root: Path):
        self.root = root
        self.path = cache_file(root)
        version = json.loads((root / "node_modules/katex/package.json").read_text())["version"]
        self.salt = f"{version}|{OPTIONS.read_text(encoding='utf-8')}"
        self.cache: dict[str, str] = json.loads(self.path.read_text()) if self.path.is_file() else {}
        self.dirty = False
        self.proc: subprocess.Popen | None = None
        # 그리지 못한 수식의 오류(캐시하지 않음: 이 프로세스 안에서만), 답을 아직 읽지 않은 요청들(보낸 차례대로)
        self.errors: dict[str, str] = {}
        self._pending: collections.deque[list[str]] = collections.deque()
        self._sent: set[str] = set()

    def key(self, tex: str, display: bool) -> str:
        return hashlib.sha256(f"{self.salt}|{display}|{tex}".encode()).hexdigest()[:32]

    def prefetch(self, items: list[tuple[str, bool]]) -> None:
        """캐시에 없는 수식을 node 에 미리 보내 두고 기다리지 않습니다(빌드가 다른 페이지를 그리는 동안 node 가 그림).
        답은 다음 render 가 읽습니다."""
        todo = {}
        for t, d in items:
            k = self.key(t, d)
            if k not in self.cache and k not in self.errors and k not in self._sent:
                todo[k] = (t, d)
        if todo:
            self._send([{"tex": t, "display": d} for t, d in todo.values()])
            self._pending.append(list(todo))
            self._sent.update(todo)

    def render(self, items: list[tuple[str, bool]]) -> list[dict]:
        self._collect()
        keys = [self.key(t, d) for t, d in items]
        todo = {k: (t, d) for k, (t, d) in zip(keys, items) if k not in self.cache and k not in self.errors}
        if todo:
            self._send([{"tex": t, "display": d} for t, d in todo.values()])
            self._pending.append(list(todo))
            self._collect()
        return [{"error": self.errors[k]} if k in self.errors else {"html": self.cache[k]} for k in keys]

    def _collect(self) -> None:
        """보내 둔 요청의 답을 차례로 읽어 캐시(또는 오류)에 넣습니다."""
        while self._pending:
            keys = self._pending.popleft()
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"KaTeX 를 실행하지 못했습니다(scripts/katex_render.cjs): {self.proc.stderr.read().strip()}")
            for k, answer in zip(keys, json.loads(line)):
                self._sent.discard(k)
                if "html" in answer:
                    self.cache[k] = answer["html"]
                    self.dirty = True
                else:
                    self.errors[k] = answer["error"]

    def _send(self, requests: list[dict]) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(["node", str(NODE_SCRIPT)], cwd=self.root, text=True, encoding="utf-8",
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self._pending.clear()
            self._sent.clear()
        self.proc.stdin.write(json.dumps(requests) + "\n")
        self.proc.stdin.flush()

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.cache, ensure_ascii=False, sort_keys=True))
            self.dirty = False

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()
            self.proc.stdout.close()
            self.proc.stderr.close()
            self.proc = None
        self._pending.clear()
        self._sent.clear()
        self.errors.clear()


_shared: dict[Path, Renderer] = {}


def renderer(root: Path) -> Renderer:
    """빌드(와 make serve 의 다시 빌드)마다 같은 캐시 파일이면 같은 Renderer 를 씁니다: 캐시를 다시 읽지 않습니다."""
    path = cache_file(root)
    if path not in _shared:
        _shared[path] = Renderer(root)
    return _shared[path]


def close_all() -> None:
    for r in _shared.values():
        r.close()


def errors(items: list[dict], root: Path) -> list[dict]:
    """KaTeX 가 그리지 못한 항목들(각각에 "error" 를 더해서). 항목: {"where", "tex", "display"}."""
    r = renderer(root)
    answers = r.render([(i["tex"], i["display"]) for i in items])
    r.save()
    return [{**i, "error": a["error"]} for i, a in zip(items, answers) if "error" in a]


def report(failed: list[dict], what: str) -> str:
    lines = [f"  {e['where']}: ${e['tex']}$ → {e['error']}" for e in failed]
    return f"KaTeX가 렌더링하지 못한 {what}이 있습니다:\n" + "\n".join(lines)


# --------------------------------------------------------------------------- 페이지 HTML 안의 수식
def formulas(page_html: str) -> list[tuple[str, bool]]:
    """arithmatex 요소에서 (TeX, 디스플레이 여부)를 꺼냅니다. 모르는 모양이면 UnknownMarkup."""
    return [_arithmatex_tex(m) for m in ARITHMATEX.finditer(page_html)]


def _arithmatex_tex(m: re.Match) -> tuple[str, bool]:
    body = html.unescape(m["body"]).strip()
    for left, right, display in DELIMS:
        if body.startswith(left) and body.endswith(right):
            return body[len(left): -len(right)], display
    raise UnknownMarkup(f"알 수 없는 arithmatex 출력: {body[:80]!r}")


def _substitute(text: str, spans: list[tuple[int, int, str, bool, Callable[[str], str]]], where: str,
                render: Render) -> tuple[str, list[dict]]:
    """spans: (시작, 끝, TeX, 디스플레이, 그린 HTML → 바꿔 넣을 HTML). 한 번에 그리고 뒤에서부터 바꿉니다."""
    answers = render([(tex, display) for _, _, tex, display, _ in spans])
    failed, out, last = [], [], 0
    for (start, end, tex, display, wrap), answer in zip(spans, answers):
        out.append(text[last:start])
        if "error" in answer:
            failed.append({"where": where, "tex": tex, "display": display, "error": answer["error"]})
            out.append(text[start:end])
        else:
            out.append(wrap(answer["html"]))
        last = end
    out.append(text[last:])
    return "".join(out), failed


def render_arithmatex(page_html: str, where: str, render: Render) -> tuple[str, list[dict]]:
    """arithmatex 요소 안의 TeX 를 KaTeX HTML 로 바꿉니다. (새 HTML, 그리지 못한 수식 목록)."""
    spans = []
    for m in ARITHMATEX.finditer(page_html):
        tex, display = _arithmatex_tex(m)
        tag = m["tag"]
        spans.append((m.start(), m.end(), tex, display, lambda h, tag=tag: f'<{tag} class="arithmatex">{h}</{tag}>'))
    return _substitute(page_html, spans, where, render)


_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG = re.compile(r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>[^>]*)>")
_CLASS = re.compile(r'\bclass="([^"]*)"')
_SKIP = {"pre", "code", "script", "style", "textarea", "kbd"}


def markdown_cell_text(page_html: str) -> Iterable[tuple[int, int]]:
    """노트북 페이지에서 마크다운 셀(.jp-RenderedMarkdown) 안, 코드·스크립트 밖의 글자 구간(시작, 끝)."""
    divs: list[bool] = []     # 열린 div 마다: 마크다운 셀인가
    skip = 0                  # 열린 pre·code·script… 의 깊이
    inside = 0                # 열린 마크다운 셀의 깊이
    pos = 0
    for m in _TOKEN.finditer(page_html):
        if inside and not skip and m.start() > pos:
            yield pos, m.start()
        pos = m.end()
        tag = _TAG.fullmatch(m.group(0))
        if not tag:
            continue
        name = tag["name"].lower()
        if name == "div" and not tag["close"]:
            cls = _CLASS.search(tag["attrs"])
            cell = bool(cls) and "jp-RenderedMarkdown" in cls[1].split()
            divs.append(cell)
            inside += cell
        elif name == "div" and divs:
            inside -= divs.pop()
        elif name in _SKIP and not tag["attrs"].rstrip().endswith("/"):
            skip += -1 if tag["close"] else 1
            skip = max(skip, 0)


def render_notebook_markdown(page_html: str, where: str, render: Render) -> tuple[str, list[dict]]:
    """마크다운 셀 글자의 $…$·$$…$$ 를 KaTeX HTML(`.arithmatex` 로 감쌈)로 바꿉니다."""
    spans = []
    for start, end in markdown_cell_text(page_html):
        for m in DOLLARS.finditer(page_html, start, end):
            display = m["display"] is not None
            tex = html.unescape(m["display"] if display else m["inline"]).strip()
            spans.append((m.start(), m.end(), tex, display, lambda h: f'<span class="arithmatex">{h}</span>'))
    return _substitute(page_html, spans, where, render)
