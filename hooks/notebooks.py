"""노트북 훅(어댑터): 페이지 → 노트북의 논리는 scripts/notebook.py 에 있고, 여기서는 MkDocs 이벤트에 잇기만 합니다.

- 실습 페이지(docs/practice/*.md): 사이트용 노트북(.cache/notebooks/)을 만들어 원본 .md 대신 넣고,
  mkdocs-jupyter 가 빌드 때 실행해 그립니다(셀 하나라도 실패하면 빌드 실패).
- 모든 내용 페이지(장, 표기법, 실습): 내려받기용 노트북을 페이지 옆(<폴더>/<이름>/<이름>.ipynb)에 씁니다.
  페이지 위의 내려받기 단추, 저장소가 있으면 "Colab에서 열기" 단추(overrides/partials/actions.html),
  첫 코드 블록 앞의 "코드를 직접 실행하려면" 상자가 그것을 가리킵니다.
- 독자용 snippets 휠(scripts/reader_wheel.py)을 site/downloads/ 에 두어, 상자의 설치 명령 한 줄이 됩니다.
- 노트북의 $…$ 수식은 arithmatex 를 거치지 않으므로 여기서 KaTeX(node)로 따로 검사합니다.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Callable

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from scripts import build_memo, katex, notebook_css, reader_wheel
from scripts import notebook as nbk
from scripts.snippet_check import include_problems

# 실행되는 노트북 페이지로 그리는 원본(docs/ 기준). 나머지 .md 는 보통 페이지입니다.
SOURCES = ("practice/iris.md", "practice/from-scratch.md")
CACHE = Path(os.environ.get("DLB_CACHE_DIR", ".cache"))
OUT = CACHE / "notebooks"
RUN_BOX_MARK = "<!-- run-code -->"  # 홈 페이지에서 "코드 실행하기" 상자가 들어갈 자리
BOOK_MARK = "<!-- book-pdf -->"     # 홈 페이지에서 인쇄용 PDF 링크가 들어갈 자리(책이 있을 때만)
FIRST_FENCE = re.compile(r"^(?:<!--[^>]*-->\n)*```python[ \t]*$", re.MULTILINE)


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


def has_notebook(src_uri: str) -> bool:
    return src_uri.endswith(".md") and src_uri not in nbk.NO_NOTEBOOK or src_uri[:-6] + ".md" in SOURCES


def links_for(src_uri: str, config) -> dict:
    """페이지의 노트북·Colab·설치 명령. Colab 은 저장소(repo_url)가 GitHub 일 때만."""
    md_uri = nbk.where_uri(src_uri)
    nb_path = nbk.download_path(md_uri)
    branch = config["extra"].get("notebooks_branch", "notebooks")
    return {
        "notebook": Path(nb_path).name,
        "colab": nbk.colab_url(config["repo_url"], branch, nb_path),
        "install": reader_wheel.install_command(config["site_url"] or "/"),
    }


def run_box(links: dict, home: bool = False) -> str:
    """코드를 실행하는 방법을 상자 하나에. 장에서는 접힌 상자라 읽기를 끊지 않고, 홈에서는 펼쳐 둡니다."""
    install = ["", "    ```bash", f"    {links['install']}", "    ```"]
    copy = ("    - **복사해서 실행**: 코드 블록의 복사 단추로 차례로 붙여 넣기 전에, 이 사이트의 예제 코드"
            "(`snippets` 패키지)를 한 번 설치합니다. Colab·주피터에서는 앞에 `%`를 붙여 `%pip`으로 씁니다.")
    if home:
        lines = ['!!! tip "코드를 직접 실행하려면"',
                 "    - **노트북**: 장마다 맨 위 오른쪽의 내려받기 단추로 그 장을 주피터 노트북(.ipynb)으로 받습니다. "
                 "필요한 코드가 모두 들어 있어 numpy와 matplotlib만 있으면 위에서부터 차례로 돕니다."]
        if links["colab"]:
            lines.append("    - **Colab**: 같은 자리의 Colab 단추로 그 장의 노트북을 Colab에서 엽니다. 설치할 것이 없습니다.")
    else:
        lines = ['??? tip "코드를 직접 실행하려면"',
                 f'    - **노트북**: <a href="{links["notebook"]}" download>이 페이지를 노트북(.ipynb)으로 '
                 "내려받기</a>. 필요한 코드가 모두 들어 있어 numpy와 matplotlib만 있으면 됩니다."]
        if links["colab"]:
            lines.append(f'    - **Colab**: <a href="{links["colab"]}">Colab에서 열기</a>. 설치할 것이 없습니다.')
    lines += [copy] + ["    " + line if line else line for line in install]
    return "\n".join(lines) + "\n"


def book_link(config) -> str:
    """make pdf 가 만드는 책(BOOK_PDF)이 있을 때만 홈 페이지에 링크를 답니다(없는 파일로 가는 링크를 만들지 않게)."""
    name = config["extra"].get("book_pdf")
    if not name:
        return ""
    return (f'**인쇄용 책**: 사이트 전체를 한 권으로 묶은 <a href="{name}">PDF 내려받기</a>. '
            "스터디 모임에서 그 주의 장을 인쇄해 읽기 좋습니다.\n")


# --------------------------------------------------------------------------- MkDocs 이벤트
_state: dict = {}   # 실습 노트북 페이지: nb_uri → 원본 정보
_serving = {"on": False}
_titles: dict = {}  # src_uri → 탐색 막대의 제목
_css: dict = {}     # 이번 빌드에서 그린 실습 페이지 → mkdocs-jupyter 가 본문에 넣었던 CSS 블록들


def on_startup(*, command, dirty):
    _serving["on"] = command == "serve"


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
        raw = Path(src.abs_src_path).read_text(encoding="utf-8")
        if problems := include_problems(f"docs/{uri}", raw, root):
            raise PluginError("\n".join(problems))
        expanded = expand(raw)
        nb_uri = uri[: -len(".md")] + ".ipynb"
        try:
            nb, renderer = nbk.build_notebook(expanded, "site", nb_uri, config["site_url"] or "/", where=f"docs/{uri}")
        except nbk.NotebookSourceError as exc:
            raise PluginError(str(exc)) from None
        nbk.write_if_changed(root / OUT / nb_uri, nb)
        # 보통 파일처럼 src_dir 를 둡니다(mkdocs-jupyter 의 NotebookFile 은 생성 파일을 감싸지 못함).
        files.append(File(nb_uri, src_dir=str(root / OUT), dest_dir=config["site_dir"],
                          use_directory_urls=config["use_directory_urls"]))
        for target, _ in renderer.links:
            if files.get_file_from_path(target) is None and target not in SOURCES:
                raise PluginError(f"docs/{uri}: 없는 페이지로 가는 링크: {target}")
        math += nbk.notebook_math(nb, uri)
        alts = [a for c in nb["cells"] for a in c["metadata"].get("alt", [])]
        _state[nb_uri] = {"links": renderer.links, "source": uri, "alts": alts}
    # 페이지 수식과 같은 검사기(통과한 수식은 캐시되어 node 를 다시 부르지 않음).
    try:
        failed = katex.errors(math, root)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    if failed:
        raise PluginError(katex.report(failed, "노트북 수식"))
    return files


def on_nav(nav, config, files):
    _titles.clear()
    for page in nav.pages:
        _titles[nbk.where_uri(page.file.src_uri)] = page.title
    return nav


_ANY_MD_LINK = re.compile(r"(?P<pre>\]\()(?P<target>[^)\s#]+\.md)(?P<rest>[#)])")


def on_page_markdown(markdown: str, page, config, files) -> str:
    """다른 페이지의 [글](../practice/iris.md#…) 링크를 노트북 페이지(.ipynb)로 돌리고, 실행 상자를 넣습니다."""
    base = os.path.dirname(page.file.src_uri)

    def retarget(m: re.Match) -> str:
        target = os.path.normpath(os.path.join(base, m["target"])).replace(os.sep, "/")
        if target not in SOURCES:
            return m.group(0)
        return f"{m['pre']}{m['target'][: -len('.md')]}.ipynb{m['rest']}"

    markdown = _ANY_MD_LINK.sub(retarget, markdown)
    uri = page.file.src_uri
    if RUN_BOX_MARK in markdown:
        markdown = markdown.replace(RUN_BOX_MARK, run_box(links_for("index.md", config), home=True), 1)
        markdown = markdown.replace(BOOK_MARK, book_link(config), 1)
    elif has_notebook(uri) and (m := FIRST_FENCE.search(markdown)):
        markdown = markdown[: m.start()] + run_box(links_for(uri, config)) + "\n" + markdown[m.start():]
    return markdown


def on_page_context(context, page, config, nav):
    """overrides/partials/actions.html 이 쓰는 단추 주소(페이지 위 오른쪽: 내려받기, Colab, 고치기)."""
    if has_notebook(page.file.src_uri):
        page.meta.update({f"dlb_{k}": v for k, v in links_for(page.file.src_uri, config).items()})
    if page.edit_url and page.file.src_uri in _state:
        # 실습 페이지의 원본은 만들어진 .ipynb 가 아니라 docs/ 의 .md 입니다.
        page.edit_url = page.edit_url[: -len(".ipynb")] + ".md"
    return context


_HEADING_HTML = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[A-Za-z0-9_-]+)">(?P<text>.*?)</h(?P=level)>', re.DOTALL)


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
    # 옆으로 스크롤되는 코드 셀을 키보드로도 닿고 스크린 리더가 이름으로 읽게 합니다(Material 의 코드 블록처럼).
    page_html = page_html.replace('<div class="highlight-ipynb hl-python">',
                                  '<div class="highlight-ipynb hl-python" tabindex="0" role="region" aria-label="코드 셀">')
    # 다른 페이지에서 이 노트북의 #앵커로 거는 링크도 MkDocs 가 검사하도록 실제 id 들을 알려 줍니다.
    page.present_anchor_ids = set(re.findall(r'\bid="([^"]+)"', page_html))
    # 본문의 CSS(약 600 KB)는 공용 스타일시트로(on_post_build), 셀이 그린 PNG 는 페이지 옆 파일로.
    ex = notebook_css.extract(page_html, "../" * page.url.count("/"))
    _css[nb_uri] = ex.css
    out_dir = Path(config["site_dir"]) / page.url
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in ex.images.items():
        (out_dir / name).write_bytes(data)
    return ex.html


def on_pre_build(config) -> None:
    _css.clear()


def on_post_build(config) -> None:
    root, site = _root(config), Path(config["site_dir"])
    if _css:  # 실습 페이지를 다시 그린 빌드만: 빌드된 실습 페이지 전체에서 쓰는 규칙을 찾습니다
        pages = [(site / nbk.page_dir(uri) / "index.html").read_text(encoding="utf-8") for uri in SOURCES]
        blocks = [css for found in _css.values() for css in found]
        notebook_css.write_trimmed(blocks, pages, site / notebook_css.STYLESHEET, root / CACHE / "notebook-css")
    figures = root / CACHE / "figures"
    expand = expander(config)
    library = nbk.SnippetLibrary(root)
    site_url = config["site_url"] or "/"

    def figure_svg(name: str) -> bytes:
        path = figures / f"{name}.svg"
        if not path.is_file():
            raise PluginError(f"노트북에 넣을 그림이 없습니다: {path}")
        return path.read_bytes()

    docs = Path(config["docs_dir"])
    # 그림·스니펫·scripts 의 입력 해시(hooks/figures.py): make serve 가 거듭 빌드할 때 입력이 같은 노트북은 다시 만들지 않습니다.
    stamp = figures / "inputs.sha256"
    inputs = stamp.read_text() if stamp.is_file() else ""
    for uri in nbk.notebook_pages(docs):
        raw = (docs / uri).read_text(encoding="utf-8")
        if problems := include_problems(f"docs/{uri}", raw, root):
            if _serving["on"]:
                continue  # make serve: 오류는 hooks/snippet_check.py 가 이미 알렸고, 고치면 다음 저장 때 만들어집니다
            raise PluginError("\n".join(problems))
        expanded, out = expand(raw), site / nbk.download_path(uri)
        key = build_memo.digest(uri, expanded, site_url, _titles.get(uri) or "", inputs)
        links = build_memo.get("download-notebook", str(out), key) if inputs and out.is_file() else None
        if links is None:
            try:
                nb, renderer = nbk.build_notebook(expanded, "download", uri, site_url,
                                                  figure_svg, library=library, where=f"docs/{uri}",
                                                  title=_titles.get(uri))
            except nbk.NotebookSourceError as exc:
                raise PluginError(str(exc)) from None
            nbk.write_if_changed(out, nb)
            links = renderer.links
            build_memo.put("download-notebook", str(out), key, links)
        # 링크의 앵커가 실제로 있는지: 빌드된 대상 페이지에서 id 를 찾습니다.
        for target, anchor in links:
            if anchor is None:
                continue
            target_html = site / nbk.page_dir(target) / "index.html"
            if not target_html.is_file() or f'id="{anchor}"' not in target_html.read_text(encoding="utf-8"):
                raise PluginError(f"docs/{uri}: 링크 앵커가 없습니다: {target}#{anchor}")
    try:
        reader_wheel.build_wheel(root, site / reader_wheel.DOWNLOAD_DIR)
    except RuntimeError as exc:
        raise PluginError(f"독자용 snippets 휠을 만들지 못했습니다(scripts/reader_wheel.py): {exc}") from None
