"""노트북 훅: 실습 페이지의 원본(docs/practice/*.md) 하나에서 노트북 두 개를 만듭니다.

원본은 사이트의 다른 쪽과 같은 마크다운입니다(제목 id, !!!/??? 상자, === 탭, 그림, 스니펫 포함).
맨 바깥의 ```python 펜스가 코드 셀이 되고, 나머지는 마크다운 셀이 됩니다.

- 사이트용: 스니펫을 펼치고 상자·탭·그림·링크를 HTML로 바꾼 노트북을 .cache/notebooks/ 에 쓰고,
  원본 .md 대신 그 .ipynb 를 페이지로 넣습니다. mkdocs-jupyter 가 빌드 때 실행해 그립니다
  (셀 하나라도 실패하면 빌드 실패: execute: true, allow_errors: false 를 여기서 확인합니다).
- 내려받기용: 같은 셀에 그림을 첨부(attachment)로 넣고 링크를 사이트 주소로 바꾼 노트북을
  페이지 옆(practice/<이름>/<이름>.ipynb)에 쓰고, 페이지 맨 위에 내려받기 단추를 답니다.
  numpy·matplotlib 만 있으면 빈 폴더의 새 커널에서 그대로 돕니다(tests/test_notebooks.py).
- 노트북의 $…$ 수식은 arithmatex 를 거치지 않으므로, 여기서 KaTeX(node)로 따로 검사합니다.
"""
from __future__ import annotations

import base64
import html
import json
import os
import re
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from scripts import katex

# 노트북으로 만드는 원본(docs/ 기준). 여기 없는 .md 는 보통 페이지입니다.
SOURCES = ("practice/iris.md", "practice/from-scratch.md")
CACHE = Path(os.environ.get("DLB_CACHE_DIR", ".cache"))
OUT = CACHE / "notebooks"

FENCE_OPEN = re.compile(r"^```python\s*$")
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
CODEBLOCKS_MARK = re.compile(r"^\s*<!--\s*pytest[-.][^>]*-->\s*$")
MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.DOTALL)


# --------------------------------------------------------------------------- 원본 → 셀
def split_cells(text: str) -> list[tuple[str, str, list[str]]]:
    """[("markdown"|"code", 내용, 대체 텍스트들)]. 맨 바깥(들여쓰지 않은) ```python 펜스만 코드 셀입니다.

    코드 셀 바로 앞의 `<!-- alt: … -->` 줄은 그 셀이 그리는 그림의 대체 텍스트입니다(그림마다 한 줄).
    """
    cells, buf, code, alts = [], [], None, []
    for line in text.split("\n"):
        if code is None and FENCE_OPEN.match(line):
            cells.append(("markdown", "\n".join(buf), []))
            buf, code = [], []
        elif code is not None and line.rstrip() == "```":
            cells.append(("code", "\n".join(code), alts))
            code, alts = None, []
        elif code is not None:
            code.append(line)
        elif m := ALT_MARK.match(line):
            alts.append(m["alt"].strip())
        elif not CODEBLOCKS_MARK.match(line):
            buf.append(line)
    if code is not None:
        raise PluginError("닫히지 않은 ```python 펜스가 있습니다")
    if alts:
        raise PluginError(f"대체 텍스트 뒤에 코드 셀이 없습니다: {alts}")
    cells.append(("markdown", "\n".join(buf), []))
    return [(kind, body.strip("\n"), a) for kind, body, a in cells if body.strip()]


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


class Renderer:
    """마크다운 셀을 노트북이 알아듣는 마크다운 + HTML 로 바꿉니다.

    mode="site": Material 의 상자·탭 HTML, 사이트 안 상대 링크, 밝은·어두운 그림(훅이 바꿈).
    mode="download": 같은 내용을 어느 주피터에서나 보이게 — 그림은 첨부, 링크는 사이트 주소.
    """

    def __init__(self, mode: str, page_uri: str, site_url: str, figure_svg: Callable[[str], bytes] | None):
        if mode not in ("site", "download"):
            raise ValueError(f"모르는 모드: {mode!r}")
        self.mode, self.page_uri, self.site_url = mode, page_uri, site_url.rstrip("/") + "/"
        self.figure_svg = figure_svg
        self.tabs = 0
        self.links: list[tuple[str, str | None]] = []

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
            else:
                out.append(line)
                i += 1
        return "\n".join(out)

    def box(self, kind: str, kind_type: str, title: str | None, body: str) -> str:
        title = html.escape(title or kind_type.capitalize(), quote=False)
        if kind == "!!!":
            return (f'<div class="admonition {kind_type}">\n<p class="admonition-title">{title}</p>\n\n'
                    f"{body}\n\n</div>")
        opened = " open" if kind.endswith("+") else ""
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


def page_dir(target: str) -> str:
    """docs/ 기준 .md 경로 → 사이트의 폴더 주소(use_directory_urls): a/b.md → a/b/, a/index.md → a/."""
    stem = target[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def build_notebook(expanded: str, mode: str, page_uri: str, site_url: str,
                   figure_svg: Callable[[str], bytes] | None = None) -> tuple[dict, Renderer]:
    """스니펫을 펼친 원본 글 → nbformat 4 노트북(dict)."""
    renderer = Renderer(mode, page_uri, site_url, figure_svg)
    cells = []
    for n, (kind, body, alts) in enumerate(split_cells(expanded)):
        cell = {"cell_type": kind, "id": f"cell-{n}", "metadata": {"alt": alts} if alts else {}, "source": body}
        if kind == "markdown":
            cell["source"], attachments = renderer.cell(body)
            if attachments:
                cell["attachments"] = attachments
        else:
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return nb, renderer


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


def write_if_changed(path: Path, nb: dict) -> None:
    """내용이 같으면 건드리지 않습니다(mkdocs-jupyter 캐시와 serve 가 헛돌지 않게)."""
    text = json.dumps(nb, ensure_ascii=False, indent=1) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- MkDocs 이벤트
_state: dict = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def expander(config) -> Callable[[str], str]:
    """빌드와 같은 설정의 pymdownx.snippets 로 원본의 --8<-- 를 펼칩니다."""
    import markdown

    options = dict(config["mdx_configs"]["pymdownx.snippets"])
    options["base_path"] = [str(_root(config) / p) for p in options.get("base_path", ["."])]
    options.pop("auto_append", None)  # 용어 풀이 정의(hooks/glossary.py)는 노트북에 넣지 않습니다
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    pre = md.preprocessors["snippet"]
    return lambda text: "\n".join(pre.run(text.split("\n")))


def on_config(config):
    plugin = config["plugins"].get("mkdocs-jupyter")
    if plugin is None:
        raise PluginError("hooks/notebooks.py 에는 mkdocs-jupyter 플러그인이 필요합니다")
    cfg = plugin.config
    if not cfg["execute"] or cfg["allow_errors"]:
        raise PluginError("mkdocs-jupyter 는 execute: true, allow_errors: false 여야 합니다(실패한 셀 = 빌드 실패)")
    if any(p.endswith((".py", ".md")) for p in cfg["include"]):
        raise PluginError("mkdocs-jupyter 의 include 는 .ipynb 만 골라야 합니다(docs/ 의 .py·.md 가 노트북이 되지 않게)")
    # 캐시를 돕는 사람마다 따로(DLB_CACHE_DIR) 둡니다. 노트북에 코드가 다 들어 있어 내용 해시로 충분합니다.
    cfg["cache_dir"] = str(_root(config) / CACHE / "mkdocs-jupyter")
    return config


@event_priority(100)  # mkdocs-jupyter 의 on_files 보다 먼저: 만든 .ipynb 를 그 플러그인이 보게
def on_files(files: Files, config) -> Files:
    root = _root(config)
    expand = expander(config)
    _state.clear()
    math = []
    for uri in SOURCES:
        src = files.get_file_from_path(uri)
        if src is None:
            raise PluginError(f"노트북 원본이 없습니다: docs/{uri}")
        files.remove(src)
        expanded = expand(Path(src.abs_src_path).read_text(encoding="utf-8"))
        nb_uri = uri[: -len(".md")] + ".ipynb"
        nb, renderer = build_notebook(expanded, "site", nb_uri, config["site_url"] or "/")
        path = root / OUT / nb_uri
        write_if_changed(path, nb)
        # 보통 파일처럼 src_dir 를 둡니다(mkdocs-jupyter 의 NotebookFile 은 생성 파일을 감싸지 못함).
        files.append(File(nb_uri, src_dir=str(root / OUT), dest_dir=config["site_dir"],
                          use_directory_urls=config["use_directory_urls"]))
        for target, _ in renderer.links:
            if files.get_file_from_path(target) is None and target not in SOURCES:
                raise PluginError(f"docs/{uri}: 없는 페이지로 가는 링크: {target}")
        math += notebook_math(nb, uri)
        alts = [a for c in nb["cells"] for a in c["metadata"].get("alt", [])]
        _state[nb_uri] = {"expanded": expanded, "links": renderer.links, "source": uri, "alts": alts}
    # 페이지 수식과 같은 검사기(통과한 수식은 캐시되어 node 를 다시 부르지 않음).
    try:
        failed = katex.errors(math, root)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    if failed:
        raise PluginError(katex.report(failed, "노트북 수식"))
    return files


_ANY_MD_LINK = re.compile(r"(?P<pre>\]\()(?P<target>[^)\s#]+\.md)(?P<rest>[#)])")


def on_page_markdown(markdown: str, page, config, files) -> str:
    """다른 쪽의 [글](../practice/iris.md#…) 링크를 노트북 페이지(.ipynb)로 돌립니다."""
    base = os.path.dirname(page.file.src_uri)

    def retarget(m: re.Match) -> str:
        target = os.path.normpath(os.path.join(base, m["target"])).replace(os.sep, "/")
        if target not in SOURCES:
            return m.group(0)
        return f"{m['pre']}{m['target'][: -len('.md')]}.ipynb{m['rest']}"

    return _ANY_MD_LINK.sub(retarget, markdown)


_HEADING_HTML = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[A-Za-z0-9_-]+)">(?P<text>.*?)</h(?P=level)>', re.DOTALL)
_DOWNLOAD_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                  '<path d="M5 20h14v-2H5m14-9h-4V3H9v6H5l7 7z"/></svg>')


def on_page_content(page_html: str, page, config, files) -> str:
    nb_uri = page.file.src_uri
    if nb_uri not in _state:
        return page_html
    # 목차: 원본의 제목(명시 id)으로 다시 만듭니다(mkdocs-jupyter 는 HTML 제목을 못 봄).
    tokens, stack = [], []
    for m in _HEADING_HTML.finditer(page_html):
        level = int(m["level"])
        name = re.sub(r"<[^>]+>", "", m["text"]).strip()
        token = {"level": level, "id": m["id"], "name": name, "html": name, "data-toc-label": "", "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    page.toc = get_toc(tokens)

    # 셀이 그린 그림(nbconvert 는 대체 텍스트를 영어 자리표시로 채움)에 원본의 <!-- alt: … --> 를 차례로 답니다.
    placeholder = 'alt="No description has been provided for this image"'
    alts = _state[nb_uri]["alts"]
    if page_html.count(placeholder) != len(alts):
        raise PluginError(f"docs/{_state[nb_uri]['source']}: 셀이 그린 그림 {page_html.count(placeholder)}개, "
                          f"대체 텍스트(<!-- alt: … -->) {len(alts)}개 — 그림마다 하나씩 적어 주세요")
    for alt in alts:
        page_html = page_html.replace(placeholder, f'alt="{html.escape(alt)}"', 1)

    def permalink(m: re.Match) -> str:
        lv, hid = m["level"], m["id"]
        return (f'<h{lv} id="{hid}">{m["text"]}<a class="headerlink" href="#{hid}" '
                f'title="이 절의 링크">¶</a></h{lv}>')

    page_html = _HEADING_HTML.sub(permalink, page_html)
    # 다른 쪽에서 이 노트북의 #앵커로 거는 링크도 MkDocs 가 검사하도록 실제 id 들을 알려 줍니다.
    page.present_anchor_ids = set(re.findall(r'\bid="([^"]+)"', page_html))
    name = Path(nb_uri).name
    button = (f'<a href="{name}" download="{name}" title="이 노트북(.ipynb) 내려받기" '
              f'class="md-content__button md-icon nb-download">{_DOWNLOAD_ICON}</a>')
    return button + page_html


def on_post_build(config) -> None:
    root, site = _root(config), Path(config["site_dir"])
    figures = root / CACHE / "figures"

    def figure_svg(name: str) -> bytes:
        path = figures / f"{name}.svg"
        if not path.is_file():
            raise PluginError(f"노트북에 넣을 그림이 없습니다: {path}")
        return path.read_bytes()

    for nb_uri, info in _state.items():
        nb, _ = build_notebook(info["expanded"], "download", nb_uri, config["site_url"] or "/", figure_svg)
        stem = Path(nb_uri).stem
        write_if_changed(site / Path(nb_uri).parent / stem / f"{stem}.ipynb", nb)
        # 링크의 앵커가 실제로 있는지: 빌드된 대상 페이지에서 id 를 찾습니다.
        for target, anchor in info["links"]:
            if anchor is None:
                continue
            target_html = site / page_dir(target) / "index.html"
            if not target_html.is_file() or f'id="{anchor}"' not in target_html.read_text(encoding="utf-8"):
                raise PluginError(f"docs/{info['source']}: 링크 앵커가 없습니다: {target}#{anchor}")
