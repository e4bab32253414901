"""make pdf: 빌드된 사이트 전체를 인쇄용 책 한 권(PDF)으로 만듭니다.

    python -m scripts.book SITE_DIR OUT_PDF

mkdocs.yml 의 nav 순서대로 장마다 테스트가 쓰는 headless Chromium(Playwright)으로 A4 PDF 를 찍고, pypdf 로
합쳐 부·장 책갈피를 답니다. 장을 따로 찍어 합치므로 부 속표지와 각 장은 저절로 새 쪽에서 시작합니다.
맨 앞에는 표지와 쪽 번호가 붙은 차례가 오고, 쪽 번호는 책 전체로 이어집니다.

- 수식(KaTeX)은 브라우저에서 그려지므로 모두 그려질 때까지 기다립니다.
- 그림은 밝은 쪽(#only-light)이 찍히도록 밝은 색 구성으로 열고, 지연 로딩 그림을 먼저 받아 둡니다.
- 접힌 풀이(details)는 펼쳐서 찍고, 탭은 Material 의 인쇄 CSS 대로 모든 탭을 차례로 찍습니다.
- 사이트는 이 스크립트가 127.0.0.1 에서 직접 띄우며, 다른 호스트로는 요청을 하나도 보내지 않습니다.
- 장 사이의 링크는 PDF 안에서 그 장(과 그 절)로 가는 링크로 바꿉니다.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import html
import http.server
import io
import os
import posixpath
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PDF_NAME = "dl-basics-ko.pdf"  # 사이트 맨 위에 놓이는 이름: 홈 페이지가 이 이름으로 링크합니다(Makefile 의 BOOK_PDF).
# 창 없이 페이지를 여는 검사·인쇄(tests, make pdf)의 브라우저: 데비안의 chromium-headless-shell 이 있으면 그것을 씁니다.
# chromium 과 같은 소스·같은 판의 Blink 인데 창을 띄우는 부분이 없어, 같은 페이지 검사에 CPU 를 12~15% 덜 씁니다
# (페이지 넷의 브라우저·접근성 검사 26.5/25.6 대 30.2/29.8 CPU초, 책 한 권 48.3/47.4 대 54.2/64.4 CPU초를 번갈아 잼).
# 없으면 chromium. CHROMIUM=경로 로 바꿀 수 있습니다.
CHROMIUM = (os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or "/usr/bin/chromium")
# 독자가 보는 것을 재는 make bench(첫 방문 시간, 검색 응답)는 독자와 같은, 창이 있는 chromium 으로 잽니다.
READER_CHROMIUM = os.environ.get("READER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# tests/test_browser.py 와 같은 실행 인자에 하나를 더합니다: 127.0.0.1 밖의 호스트 이름은 아예 풀지 못하게 해서
# 혹시 페이지가 바깥 자원을 부르더라도 요청이 기계 밖으로 나가지 않습니다(부른 것은 _print_all 이 오류로 알림).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
BOOK = "/__book__/"  # 표지·속표지·인쇄용 글꼴처럼 이 스크립트가 따로 내주는 것의 주소
# 장 하나를 찍는 동안 다음 장을 미리 열어 둡니다. 탭마다 브라우저 문맥을 따로 두어야 렌더러 프로세스가 갈려
# 두 코어를 함께 씁니다(같은 문맥의 탭은 한 프로세스를 나눠 씀).
WORKERS = 2
A4_CONTENT_PX = 665  # A4 폭 210mm 에서 좌우 여백 17mm 씩을 뺀 본문 폭(96dpi). 창 폭을 이것으로 맞춰 둡니다.

# 인쇄용 글꼴: 사이트의 가변 Pretendard 는 Chromium 이 PDF 에 Type3(글자마다 작은 그림)로 넣어 파일이 크고
# 합치기도 느립니다. 같은 글꼴의 고정 굵기판(npm 의 pretendard 패키지, make setup 이 설치)이 있으면, 사이트의
# 글꼴 CSS 대신 그것을 같은 이름("Pretendard Variable")으로 내줍니다. 없으면 사이트 글꼴 그대로 찍습니다.
STATIC_FONTS = ROOT / "node_modules/pretendard/dist/web/static"
SITE_FONT_CSS = "/assets/fonts/pretendard.css"  # hooks/fonts.py 가 쓰는 본문 글꼴(사이트에 쓰인 글자만)

Chapter = tuple[str, str]                 # (nav 제목, 사이트 안 주소 예: "training/backpropagation/")
Part = tuple[str | None, list[Chapter]]   # (부 제목, 장들). nav 맨 위의 단독 페이지는 (None, [그 페이지])


# ---------------------------------------------------------------------------
# nav → 부와 장
# ---------------------------------------------------------------------------
def _load_config(mkdocs_yml: Path) -> dict:
    # load_config 는 플러그인과 훅까지 불러오므로, MkDocs 와 같은 YAML 읽기(!ENV 태그 포함)만 씁니다.
    from mkdocs.utils import yaml_load

    with open(mkdocs_yml, encoding="utf-8") as f:
        return yaml_load(f)


def _url_path(src: str) -> str:
    """docs/ 안 파일 이름 → 사이트 주소(use_directory_urls): index.md → "", a/b.md → "a/b/"."""
    stem = src.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return stem + "/" if stem else ""


def book_pages(mkdocs_yml: Path = ROOT / "mkdocs.yml") -> list[Part]:
    """nav 의 맨 위 항목 하나가 책의 한 덩어리: 절(section)은 (부 제목, 장들), 단독 페이지는 (None, [그 페이지])."""
    parts: list[Part] = []
    for item in _load_config(mkdocs_yml)["nav"]:
        if not isinstance(item, dict):  # "- page.md" 처럼 제목 없는 항목은 책갈피 이름을 정할 수 없습니다.
            raise ValueError(f"nav 항목에 제목이 없습니다: {item!r}")
        (title, value), = item.items()
        if isinstance(value, str):
            parts.append((None, [(title, _url_path(value))]))
            continue
        chapters = []
        for child in value:
            (sub, src), = child.items()
            if not isinstance(src, str):  # 부 안의 부는 아직 없습니다. 생기면 여기서 알려 줍니다.
                raise ValueError(f"nav 의 '{title}' 안에 절이 또 있습니다: {sub}")
            chapters.append((sub, _url_path(src)))
        parts.append((title, chapters))
    return parts


# ---------------------------------------------------------------------------
# 사이트 띄우기
# ---------------------------------------------------------------------------
class _Handler(http.server.SimpleHTTPRequestHandler):
    """빌드된 사이트 + 메모리에 만든 표지·속표지 + 인쇄용 글꼴."""

    pages: dict[str, str] = {}
    static_fonts = False

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        if path in self.pages:
            return self._send(self.pages[path].encode("utf-8"), "text/html; charset=utf-8")
        if path == SITE_FONT_CSS and self.static_fonts:
            css = (STATIC_FONTS / "pretendard-dynamic-subset.css").read_text(encoding="utf-8")
            css = css.replace("'Pretendard'", "'Pretendard Variable'").replace("url(./", f"url({BOOK}pretendard/")
            return self._send(css.encode("utf-8"), "text/css; charset=utf-8")
        return super().do_GET()

    def translate_path(self, path):
        rel = unquote(urlsplit(path).path)
        if rel.startswith(BOOK + "pretendard/"):
            target = posixpath.normpath(rel[len(BOOK + "pretendard/"):])
            if not target.startswith(("..", "/")):
                return str(STATIC_FONTS / target)
        return super().translate_path(path)

    def _send(self, data: bytes, ctype: str):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(site_dir: Path, pages: dict[str, str]):
    attrs = {"pages": pages, "static_fonts": (STATIC_FONTS / "pretendard-dynamic-subset.css").is_file()}
    handler = functools.partial(type("Handler", (_Handler,), attrs), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------
# 인쇄용 CSS 와 페이지 준비
# ---------------------------------------------------------------------------
# 종이에서 뜻이 없는 것(머리글·옆 목차·바닥 이동·복사/내려받기 단추·검색)은 숨깁니다. Material 의 인쇄 CSS 가
# 대부분 숨기지만 코드 블록의 복사 단추와 노트북의 복사 단추는 남습니다. 쪽 머리에는 부·장 제목, 쪽 바닥에는
# 쪽 번호(@page 여백 상자)를 찍습니다.
PRINT_CSS = """
@page { size: A4; margin: 17mm 17mm 16mm; }
@page {
  @bottom-center { content: counter(page); font: 9pt "Pretendard Variable", sans-serif; color: #666; }
  @top-left { content: var(--book-part); font: 8pt "Pretendard Variable", sans-serif; color: #999; }
  @top-right { content: var(--book-chapter); font: 8pt "Pretendard Variable", sans-serif; color: #999; }
}
.md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-search, .md-dialog, .md-banner, .md-skip,
.md-content__button, .md-clipboard, .md-code__nav, .zeroclipboard-container, .md-source, .headerlink,
.md-typeset details > summary::after { display: none !important; }
html, body { background: #fff !important; }
.md-main__inner { margin-top: 0 !important; }
.md-content__inner { margin: 0 !important; padding-top: 0 !important; }
.md-content__inner::before { display: none; }
/* 용어 풀이 풍선(abbr)의 점선: 종이에서는 눌러 볼 수 없습니다. */
.md-typeset abbr { text-decoration: none; border-bottom: 0; cursor: auto; }
/* 제목이 쪽 맨 아래에 홀로 남지 않게, 그림·수식과 짧은 코드·상자(PREPARE 가 book-keep 을 붙임)는 쪽 사이에서
   끊기지 않게 합니다. Material 은 상자(admonition, details)를 모두 끊지 않게 하는데, 긴 상자까지 그러면
   통째로 다음 쪽으로 밀려 앞 쪽이 크게 빕니다(연습문제가 한 쪽에 하나씩). */
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4, .md-typeset summary,
.md-typeset .tabbed-labels > label { break-after: avoid; }
.md-typeset .admonition, .md-typeset details { break-inside: auto; }
.md-typeset figure, .md-typeset img, .md-typeset .katex-display, .md-typeset tr,
.md-typeset .book-keep { break-inside: avoid; }
/* 탭 이름은 종이에서 그 아래 내용의 작은 제목입니다. */
.md-typeset .tabbed-labels > label { font-weight: 700; color: var(--md-default-fg-color--light); }
.md-typeset img[src*="figures/"] { max-height: 110mm; width: auto; }
/* 화면에서는 옆으로 스크롤하던 긴 수식·표가 종이에서 잘리지 않게 하고(넘치면 _print_all 이 경고),
   좁은 화면용으로 표를 양옆 여백까지 넓히는 음수 여백은 없앱니다. */
.md-typeset div.arithmatex, .md-typeset__scrollwrap { overflow: visible; }
.md-typeset__scrollwrap, .md-typeset__table { margin-left: 0 !important; margin-right: 0 !important; padding: 0 !important; }
/* 노트북: In [n]: 칸을 숨겨 코드와 출력이 폭을 다 쓰게 합니다. */
.jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
"""

# 수식이 다 그려졌는지: 빌드 때 그려 넣으므로(hooks/math_check.py) 페이지가 읽히면 모든 .arithmatex 에 .katex 가 있습니다.
MATH_DONE = """() => [...document.querySelectorAll('.arithmatex')].every(el => el.querySelector('.katex'))"""

# 찍기 직전 준비. 인쇄 매체로 바꾸고 인쇄용 CSS 를 넣은 뒤에 실행하므로, 화면에서는 숨었다가 종이에 나오는
# 탭 내용까지 포함합니다. 1) 접힌 풀이를 펼침  2) 종이에 나오는 그림을 지금 받아 디코딩(loading=lazy 는 인쇄 때
# 비어 나올 수 있음)  3) 늘어난 글자의 글꼴 조각까지 기다림  4) 잘못 찍힐 것을 알림: 보이는 어두운 그림, KaTeX 오류,
# 종이 폭을 넘는 것. (코드 줄마다의 빈 닻은 mkdocs.yml 의 pymdownx.highlight 가 이제 달지 않습니다.)
# 홈 페이지의 "이 책(PDF) 내려받기" 문단은 책 안에서 뜻이 없으므로 지웁니다.
PREPARE = """async (bookName) => {
  const KEEP_PX = 420;  // 본문 한 쪽 높이(약 1000px)의 0.4: 이보다 짧은 블록은 쪽 사이에서 나누지 않습니다.
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll(`a[href$="${bookName}"]`).forEach(a => (a.closest('p, li') || a).remove());
  document.querySelectorAll('.highlight, .admonition, details, .jp-Cell, .jp-OutputArea-child').forEach(e => {
    if (e.getBoundingClientRect().height < KEEP_PX) e.classList.add('book-keep');
  });
  const shown = (e) => e.getClientRects().length > 0;
  const imgs = [...document.images].filter(shown);
  await Promise.all(imgs.map(async (i) => {
    i.loading = 'eager';
    try { await i.decode(); } catch (e) { throw new Error('그림을 불러오지 못했습니다: ' + i.getAttribute('src')); }
  }));
  await document.fonts.ready;
  const limit = document.documentElement.clientWidth + 1;
  const clipped = (e) => e.tagName !== 'TABLE' && e.tagName !== 'IMG' && e.scrollWidth > e.clientWidth + 1;
  const label = (e) => e.tagName.toLowerCase() + ': ' + (e.textContent || e.getAttribute('src') || '').trim().slice(0, 60);
  return {
    errors: [
      ...imgs.filter(i => (i.getAttribute('src') || '').endsWith('#only-dark')).map(i => '어두운 그림: ' + i.getAttribute('src')),
      ...[...document.querySelectorAll('.katex-error')].map(e => 'KaTeX 오류: ' + (e.title || e.textContent)),
    ],
    overflow: [...document.querySelectorAll('div.arithmatex, table, img, pre')]
      .filter(e => shown(e) && (e.getBoundingClientRect().right > limit || clipped(e))).map(label),
  };
}"""

# Material 은 페이지마다 검색 색인을 웹 워커에서 새로 만듭니다(2코어에서 페이지당 수백 ms). 인쇄에는 검색이
# 필요 없으므로 워커를 아무 일도 하지 않는 것으로 바꿉니다.
NO_WORKER = """window.Worker = class {
  postMessage() {} addEventListener() {} removeEventListener() {} terminate() {}
};"""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _page_css(start: int, part: str | None, chapter: str) -> str:
    """장 하나의 첫 쪽 번호와 쪽 머리에 찍을 부·장 제목.

    Chromium 은 조각마다 쪽 번호를 1부터 세므로, 첫 쪽의 counter-increment 로 앞 조각들의 쪽 수를 더해
    번호가 책 전체로 이어지게 합니다(다음 쪽부터는 1씩 늘어남).
    """
    return (f"@page :first {{ counter-increment: page {start}; }}\n"
            f":root {{ --book-part: {_css_string(part or '')}; --book-chapter: {_css_string(chapter)}; }}\n")


# 표지·차례·부 속표지: 사이트와 같은 한글 글꼴로, 같은 Chromium 이 찍습니다. 쪽 번호는 찍지 않습니다
# (차례 쪽만 로마 숫자). 부 속표지도 쪽 수에는 들어가므로 본문 번호는 그만큼 건너뜁니다.
TITLE_CSS = """
@page { size: A4; margin: 25mm 22mm; }
body { font-family: "Pretendard Variable", sans-serif; color: #222; margin: 0; word-break: keep-all; }
.part { padding-top: 75mm; }
.kicker { font-size: 11pt; color: #888; letter-spacing: .08em; margin: 0 0 4mm; }
h1 { font-size: 30pt; font-weight: 700; margin: 0 0 7mm; color: #303fa1; line-height: 1.25; }
.rule { width: 36mm; height: 1.4mm; background: #ff6e40; margin: 0 0 10mm; }
.part ol { list-style: none; padding: 0; margin: 0; font-size: 13pt; line-height: 2.1; color: #444; }
.cover { display: flex; flex-direction: column; height: 240mm; padding-top: 60mm; box-sizing: border-box; }
.cover h1 { font-size: 40pt; }
.cover .desc { font-size: 14pt; line-height: 1.7; color: #444; max-width: 140mm; }
.cover .note { margin-top: auto; font-size: 9pt; color: #888; line-height: 1.6; max-width: 160mm; }
.toc { break-before: page; }
.toc h1 { font-size: 22pt; margin-bottom: 10mm; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc .entry { display: flex; align-items: baseline; font-size: 11.5pt; line-height: 2; color: inherit; text-decoration: none; }
.toc .entry .dots { flex: 1; border-bottom: 1px dotted #aaa; margin: 0 2mm; }
.toc .entry .no { font-variant-numeric: tabular-nums; color: #555; }
.toc .top > .entry { font-weight: 700; margin-top: 3mm; }
.toc .top ol .entry { padding-left: 7mm; }
@page :first { @bottom-center { content: none; } }
@page { @bottom-center { content: counter(page, lower-roman); font: 9pt "Pretendard Variable"; color: #666; } }
"""


def _html(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="stylesheet" href="{SITE_FONT_CSS}"><style>{TITLE_CSS}</style></head><body>{body}</body></html>"""


def _part_html(site_name: str, part: str, chapters: list[Chapter]) -> str:
    items = "".join(f"<li>{html.escape(t)}</li>" for t, _ in chapters)
    return _html(part, f"""<div class="part"><p class="kicker">{html.escape(site_name)}</p>
<h1>{html.escape(part)}</h1><div class="rule"></div><ol>{items}</ol></div>""")


TocEntry = tuple[str, int, str]  # (제목, 쪽 번호, 그 쪽을 띄운 주소: 합칠 때 PDF 안 링크가 됩니다)


def _front_html(config: dict, toc: list[tuple[TocEntry, list[TocEntry]]]) -> str:
    """표지 한 쪽과 차례. toc: [(부나 단독 페이지, [그 부의 장들])]."""
    def entry(item: TocEntry) -> str:
        title, no, url = item
        return (f'<a class="entry" href="{html.escape(url)}"><span class="title">{html.escape(title)}</span>'
                f'<span class="dots"></span><span class="no">{no}</span></a>')

    rows = "".join(
        f'<li class="top">{entry(top)}'
        + (f"<ol>{''.join(f'<li>{entry(c)}</li>' for c in children)}</ol>" if children else "")
        + "</li>"
        for top, children in toc
    )
    esc = html.escape
    return _html(config["site_name"], f"""<div class="cover"><h1>{esc(config["site_name"])}</h1>
<div class="rule"></div><p class="desc">{esc(config.get("site_description") or "")}</p>
<p class="note">{esc(config.get("copyright") or "")}</p></div>
<div class="toc"><h1>차례</h1><ol>{rows}</ol></div>""")


# ---------------------------------------------------------------------------
# 찍기
# ---------------------------------------------------------------------------
@dataclass
class _Piece:
    """PDF 조각 하나: 부 속표지, 장, 또는 맨 앞의 표지·차례."""
    kind: str                    # "part" | "chapter" | "front"
    title: str
    part: str | None
    url: str
    data: bytes = b""
    pages: int = 0
    first: int = 0               # 합친 책에서 첫 쪽의 위치(0부터)
    dests: dict = field(default_factory=dict)  # 절 id → (쪽 위치, 쪽 안의 높이)


async def _load(page, piece: _Piece) -> dict:
    """페이지를 열고 수식·그림·글꼴이 다 준비될 때까지 기다립니다."""
    await page.goto(piece.url, wait_until="domcontentloaded")
    if piece.kind != "chapter":
        await page.evaluate("async () => { document.body.getBoundingClientRect(); await document.fonts.ready; }")
        return {"errors": [], "overflow": []}
    try:
        # 기본값(requestAnimationFrame 마다)보다 짧은 간격으로 확인합니다: 수식이 없는 쪽에서도 0.2초씩 기다리지 않게.
        await page.wait_for_function(MATH_DONE, timeout=20_000, polling=20)
    except Exception as e:
        raise RuntimeError(f"{piece.title}({piece.url}): 수식이 20초 안에 렌더링되지 않았습니다") from e
    # 인쇄용 CSS 를 먼저 넣어 두면(창 폭 = 종이 본문 폭) 넘침 검사가 종이에서와 같은 배치로 됩니다.
    await page.add_style_tag(content=PRINT_CSS)
    return await page.evaluate(PREPARE, PDF_NAME)


async def _pdf(page, css: str | None) -> bytes:
    if css:
        await page.add_style_tag(content=css)
    return await page.pdf(print_background=True, prefer_css_page_size=True)


async def _print_all(base: str, pieces: list[_Piece], front: _Piece, make_front, chromium: str) -> list[str]:
    """조각들을 순서대로 찍고(쪽 번호를 이어 가려면 앞 조각의 쪽 수를 알아야 함), 그동안 다음 조각은 다른
    탭에서 미리 열어 둡니다. 표지와 차례는 본문 쪽 번호를 안 뒤에 만들어 찍습니다. 경고 목록을 돌려줍니다."""
    from playwright.async_api import async_playwright
    from pypdf import PdfReader

    host = urlsplit(base).netloc
    foreign: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []

    def on_request(req):
        u = urlsplit(req.url)
        if u.scheme not in {"data", "blob", "about"} and u.netloc != host:
            foreign.append(req.url)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=ARGS)
        tabs = []
        for _ in range(WORKERS):
            ctx = await browser.new_context(color_scheme="light", viewport={"width": A4_CONTENT_PX, "height": 940})
            await ctx.add_init_script(NO_WORKER)
            tab = await ctx.new_page()
            tab.on("request", on_request)
            tab.on("pageerror", lambda e: errors.append(str(e)))
            await tab.emulate_media(media="print")
            tabs.append(tab)

        async def load(i: int, piece: _Piece):
            report = await _load(tabs[i % WORKERS], piece)
            errors.extend(f"{piece.title}: {e}" for e in report["errors"])
            warnings.extend(f"{piece.title}: 종이 폭을 넘습니다: {o}" for o in report["overflow"])

        loads = [asyncio.ensure_future(load(i, pieces[i])) for i in range(min(WORKERS, len(pieces)))]
        try:
            next_no = 1
            for i, piece in enumerate(pieces):
                await loads[i]
                css = _page_css(next_no, piece.part, piece.title) if piece.kind == "chapter" else None
                piece.data = await _pdf(tabs[i % WORKERS], css)
                if i + WORKERS < len(pieces):
                    loads.append(asyncio.ensure_future(load(i + WORKERS, pieces[i + WORKERS])))
                piece.pages = len(PdfReader(io.BytesIO(piece.data)).pages)
                next_no += piece.pages
            make_front()
            await load(0, front)
            front.data = await _pdf(tabs[0], None)
            front.pages = len(PdfReader(io.BytesIO(front.data)).pages)
        finally:
            for task in loads:
                task.cancel()
            await asyncio.gather(*loads, return_exceptions=True)
            await browser.close()
    if foreign:
        raise RuntimeError("다른 호스트로 요청했습니다:\n" + "\n".join(sorted(set(foreign))))
    if errors:
        raise RuntimeError("잘못 찍힐 페이지가 있습니다:\n" + "\n".join(errors))
    return warnings


# ---------------------------------------------------------------------------
# 합치기: 책 안 링크, 책갈피, 쪽 이름표
# ---------------------------------------------------------------------------
def _link_target(annot, piece: _Piece, targets: dict[str, _Piece], host: str):
    """링크 주석이 가리킬 곳: (쪽 위치, 높이), 그대로 둘 것이면 "keep", 책에 없는 곳이면 None."""
    from pypdf.generic import NameObject, TextStringObject

    action = annot.get("/A") or {}
    if action.get("/S") == "/URI":
        u = urlsplit(str(action["/URI"]))
        if u.netloc != host:
            return "keep"  # 바깥 링크(https://…)
        target = targets.get(u.path)
        if target is None:
            return None    # 사이트 안이지만 책에 없는 것(노트북 내려받기 등)
        return target.dests.get(unquote(u.fragment)) or (target.first, None)
    dest = annot.get("/Dest", action.get("/D") if action.get("/S") == "/GoTo" else None)
    if isinstance(dest, (NameObject, TextStringObject)):  # 같은 장 안의 절 링크(Chromium 이 이름표로 남김)
        return piece.dests.get(str(dest).lstrip("/"))
    return "keep"


def _merge(pieces: list[_Piece], base: str, config: dict, out_pdf: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, BooleanObject, DictionaryObject, FloatObject, NameObject,
                               NullObject, TextStringObject)

    writer = PdfWriter()
    for piece in pieces:
        reader = PdfReader(io.BytesIO(piece.data))
        piece.first = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        # Chromium 은 링크가 가리키는 id 마다 PDF 이름표(named destination)를 남깁니다: 다른 장에서 오는 절 링크에 씁니다.
        for name, dest in reader.named_destinations.items():
            piece.dests[name.lstrip("/")] = (piece.first + reader.get_destination_page_number(dest), dest.top)

    # 책 안 링크: Chromium 은 다른 장으로 가는 링크를 띄운 서버 주소(127.0.0.1:포트)로 남기므로 PDF 안의 쪽으로 바꿉니다.
    host = urlsplit(base).netloc
    targets = {urlsplit(p.url).path: p for p in pieces if p.kind != "front"}
    for piece in pieces:
        for page in writer.pages[piece.first: piece.first + piece.pages]:
            if "/Annots" not in page:
                continue
            kept = ArrayObject()
            for ref in page["/Annots"]:
                annot = ref.get_object()
                where = _link_target(annot, piece, targets, host) if annot.get("/Subtype") == "/Link" else "keep"
                if where is None:
                    continue
                if where != "keep":
                    index, top = where
                    annot.pop("/A", None)
                    annot[NameObject("/Dest")] = ArrayObject([
                        writer.pages[index].indirect_reference, NameObject("/XYZ"), NullObject(),
                        NullObject() if top is None else FloatObject(top), NullObject()])
                kept.append(ref)
            page[NameObject("/Annots")] = kept

    # 책갈피: 차례, 부 → 장. 맨 위 단독 페이지(홈·표기법·용어집)는 맨 위 책갈피.
    parents = {}
    for piece in pieces:
        if piece.kind == "front":
            writer.add_outline_item(title="차례", page_number=piece.first + 1)  # 표지 한 쪽 다음
        elif piece.kind == "part":
            parents[piece.title] = writer.add_outline_item(title=piece.title, page_number=piece.first)
        else:
            writer.add_outline_item(title=piece.title, page_number=piece.first, parent=parents.get(piece.part))
    # 쪽 이름표: 표지·차례는 i, ii…, 본문은 1쪽부터(종이에 찍힌 번호와 보기 프로그램의 쪽 번호가 같게).
    front = pieces[0]
    writer.set_page_label(0, front.pages - 1, style="/r")
    writer.set_page_label(front.pages, len(writer.pages) - 1, style="/D", start=1)
    writer.page_mode = "/UseOutlines"
    writer._root_object[NameObject("/Lang")] = TextStringObject("ko")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    writer.add_metadata({"/Title": config["site_name"], "/Subject": config.get("site_description") or "",
                         "/Author": config.get("site_author") or "", "/Creator": "scripts/book.py"})
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_pdf.with_name(out_pdf.name + ".tmp")
    with open(tmp, "wb") as f:
        writer.write(f)
    tmp.replace(out_pdf)  # 중간에 실패해도 반쯤 쓰인 PDF 가 남지 않게


def print_book(site_dir: Path, out_pdf: Path, chromium: str = CHROMIUM,
               mkdocs_yml: Path = ROOT / "mkdocs.yml", log=None) -> Path:
    """빌드된 사이트(site_dir)를 nav 순서의 책 한 권으로 찍어 out_pdf 에 씁니다. 경고는 log(기본 stderr)로."""
    site_dir, out_pdf = Path(site_dir), Path(out_pdf)
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir} 에 빌드된 사이트가 없습니다(mkdocs build 를 먼저).")
    config = _load_config(mkdocs_yml)
    generated: dict[str, str] = {}
    with _serve(site_dir, generated) as base:
        pieces: list[_Piece] = []
        for i, (part, chapters) in enumerate(book_pages(mkdocs_yml)):
            if part is not None:
                path = f"{BOOK}part-{i}.html"
                generated[path] = _part_html(config["site_name"], part, chapters)
                pieces.append(_Piece("part", part, part, base + path.lstrip("/")))
            for title, rel in chapters:
                if not (site_dir / rel / "index.html").is_file():
                    raise FileNotFoundError(f"nav 의 '{title}' 페이지가 사이트에 없습니다: {rel}index.html")
                pieces.append(_Piece("chapter", title, part, base + rel))
        front = _Piece("front", "차례", None, f"{base}{BOOK.lstrip('/')}front.html")

        def make_front():
            toc, by_part, no = [], {}, 1
            for piece in pieces:
                item = (piece.title, no, piece.url)
                if piece.kind == "part":
                    by_part[piece.title] = []
                    toc.append((item, by_part[piece.title]))
                elif piece.part is None:
                    toc.append((item, []))
                else:
                    by_part[piece.part].append(item)
                no += piece.pages
            generated[urlsplit(front.url).path] = _front_html(config, toc)

        # Playwright 의 동기 API(브라우저 테스트)가 이 스레드에서 이벤트 루프를 돌리고 있을 수 있어 새 스레드에서 돌립니다.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            warnings = pool.submit(asyncio.run, _print_all(base, pieces, front, make_front, chromium)).result()
        for w in warnings:
            print("경고:", w, file=log or sys.stderr)
        _merge([front] + pieces, base, config, out_pdf)
    return out_pdf


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("쓰는 법: python -m scripts.book SITE_DIR OUT_PDF", file=sys.stderr)
        return 2
    start = time.perf_counter()
    out = print_book(Path(argv[0]), Path(argv[1]))
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    print(f"{out}: {pages}쪽, {out.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - start:.1f}초")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
