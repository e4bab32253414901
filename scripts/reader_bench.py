"""make bench 의 독자 쪽 측정: 빌드된 사이트를 127.0.0.1 에서 내주고 헤드리스 chromium(테스트와 같은 것)으로 엽니다.

1. 수식: 한 페이지에서 모든 수식이 DOM 에 들어오기까지, 그리고 글꼴까지 준비되기까지의 시간.
   이 사이트 그대로 vs 같은 HTML 에 Material 문서의 MathJax 3 방법(같은 TeX, 수식용 CSS·JS 만 바꿈)을
   CPU 1배·4배 느리게(CDP Emulation.setCPUThrottlingRate) 번갈아, 한 번 열 때마다 새 컨텍스트(빈 캐시)로,
   여러 번 열어 중앙값과 비율을 냅니다. --compare 로 다른 빌드(예: 바꾸기 전)를 같은 실행에 나란히 넣습니다.
   수식은 MutationObserver 가 더해진 노드만 들여다보며 셉니다(문서 전체를 다시 뒤지지 않음).
2. 첫 방문 전송량: 페이지마다 새 컨텍스트로 열고(load + 글꼴 + 네트워크 조용해질 때까지) 서버가 내준 파일을
   GitHub Pages 처럼 gzip 으로 보낸 크기로 셉니다(글자 파일은 gzip -6, woff2·png 는 그대로). 글꼴·검색 색인·
   노트북 CSS·수식 JS 몫을 따로 적습니다.

    python -m scripts.reader_bench SITE [--compare OLD_SITE] [--loads 5] [--page basics/activation-functions/]
"""
from __future__ import annotations

import argparse
import gzip
import html as htmlmod
import json
import re
import statistics
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
MATHJAX = ROOT / "node_modules/mathjax/es5"
MATH_PAGE = "basics/activation-functions/"
TEXT_TYPES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb", ".mjs"}
FONT_TYPES = {".woff2", ".woff", ".ttf", ".otf"}


# --------------------------------------------------------------------------- 서버
class _Server:
    """site 폴더를 내줍니다. overrides: 주소 → 바꿔 낼 HTML, mounts: 주소 앞부분 → 다른 폴더. 내준 경로를 기록합니다."""

    def __init__(self, site: Path, overrides: dict[str, bytes] | None = None, mounts: dict[str, Path] | None = None):
        self.site, self.overrides, self.mounts = site, overrides or {}, mounts or {}
        self.served: list[tuple[str, int, int]] = []  # (경로, 원래 크기, gzip 으로 보낸 크기)
        self.lock = threading.Lock()
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = unquote(urlsplit(self.path).path)
                body, name = server.resolve(path)
                if body is None:
                    self.send_error(404)
                    return
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", self.guess_type(name))
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # 측정이 끝나 컨텍스트를 닫았습니다(보내지 못한 것은 세지 않음)
                with server.lock:
                    server.served.append((path, len(body), wire_size(name, body)))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def resolve(self, path: str) -> tuple[bytes | None, str]:
        rel = path.lstrip("/")
        if rel.endswith("/") or rel == "":
            rel += "index.html"
        if rel in self.overrides:
            return self.overrides[rel], rel
        base = self.site
        for prefix, folder in self.mounts.items():
            if rel.startswith(prefix):
                base, rel = folder, rel[len(prefix):]
        file = (base / rel).resolve()
        if not file.is_file() or not file.is_relative_to(base.resolve()):
            return None, rel
        return file.read_bytes(), rel

    def take(self) -> list[tuple[str, int, int]]:
        with self.lock:
            out, self.served = self.served, []
        return out

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def wire_size(name: str, body: bytes) -> int:
    return _gzip_len(body) if Path(name).suffix in TEXT_TYPES else len(body)


@lru_cache(maxsize=4096)
def _gzip_len(body: bytes) -> int:
    return len(gzip.compress(body, 6, mtime=0))


# --------------------------------------------------------------------------- MathJax 비교본
MATHJAX_RECIPE = """<script>
window.MathJax = {
  tex: { inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]], processEscapes: true, processEnvironments: true,
         macros: { R: "\\\\mathbb{R}" } },
  options: { ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex" }
};
document$.subscribe(() => {
  if (!MathJax.startup || !MathJax.startup.output) return;
  MathJax.startup.output.clearCache(); MathJax.typesetClear(); MathJax.texReset(); MathJax.typesetPromise();
});
</script>
<script src="%sassets/mathjax/tex-mml-chtml.js"></script>
"""


def tex_sources(page_html: str) -> list[tuple[str, bool]]:
    """빌드된 페이지의 수식 → (TeX, 디스플레이). 빌드 때 그린 것은 MathML 주석에서, 아니면 \\( \\) · \\[ \\] 에서."""
    out = []
    for m in re.finditer(r'<annotation encoding="application/x-tex">(?P<tex>.*?)</annotation>', page_html, re.DOTALL):
        before = page_html.rfind('class="arithmatex"', 0, m.start())
        display = 'class="katex-display"' in page_html[before:m.start()]
        out.append((htmlmod.unescape(m["tex"]), display))
    if out:
        return out
    for m in re.finditer(r'<(span|div) class="arithmatex">(.*?)</\1>', page_html, re.DOTALL):
        body = htmlmod.unescape(m[2]).strip()
        out.append((body[2:-2], body.startswith("\\[")))
    return out


def mathjax_variant(page_html: str, site_root: str) -> str:
    """같은 페이지를 Material 의 MathJax 3 방법으로: 수식은 TeX 로 되돌리고, KaTeX 의 CSS·JS 를 빼고 MathJax 를 넣습니다."""
    sources = iter(tex_sources(page_html))
    out, pos = [], 0
    for m in re.finditer(r'<(?P<tag>span|div) class="arithmatex">', page_html):
        if m.start() < pos:
            continue
        end = _element_end(page_html, m.start(), m["tag"])
        tex, display = next(sources)
        left, right = ("\\[", "\\]") if display else ("\\(", "\\)")
        out += [page_html[pos:m.start()], f'<{m["tag"]} class="arithmatex">{left}{htmlmod.escape(tex, quote=False)}{right}</{m["tag"]}>']
        pos = end
    out.append(page_html[pos:])
    text = "".join(out)
    text = re.sub(r'<link[^>]*assets/katex/katex\.min\.css[^>]*>\s*', "", text)
    # KaTeX 글꼴을 미리 받는 링크(scripts/fonts.py 의 add_preloads)도 뺍니다: MathJax 는 쓰지 않는 글꼴입니다.
    text = re.sub(r'<link rel="preload"[^>]*assets/katex/fonts/[^>]*>', "", text)
    text = re.sub(r'<script src="[^"]*(?:katex\.min\.js|auto-render\.min\.js|katex-init\.js)"></script>\s*', "", text)
    return text.replace("</body>", MATHJAX_RECIPE % site_root + "</body>", 1)


def _element_end(text: str, start: int, tag: str) -> int:
    """start 에서 열린 <tag> 가 닫히는 자리(같은 이름의 중첩을 셈)."""
    depth, pattern = 0, re.compile(rf"<(/?){tag}\b[^>]*>")
    for m in pattern.finditer(text, start):
        depth += -1 if m[1] else 1
        if depth == 0:
            return m.end()
    raise ValueError("닫히지 않은 수식 요소")


# --------------------------------------------------------------------------- 브라우저
# 문서가 만들어질 때 심습니다. 더해진 노드만 들여다보며 수식(sel)을 세고, want 개가 되면 시각을 적은 뒤
# 다음 그리기에서 배치를 강제하고 글꼴이 모두 준비되기를 기다립니다.
OBSERVER = """([want, sel]) => {
  const b = window.__bench = {seen: 0, math: null, fonts: null};
  const count = (n) => n.nodeType !== 1 ? 0 : (n.matches(sel) ? 1 : 0) + n.querySelectorAll(sel).length;
  const obs = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) b.seen += count(n);
    if (b.seen >= want && b.math === null) {
      b.math = performance.now();
      obs.disconnect();
      requestAnimationFrame(async () => {
        document.body.getBoundingClientRect();
        do { await document.fonts.ready; } while (document.fonts.status !== 'loaded');
        b.fonts = performance.now();
      });
    }
  });
  obs.observe(document, {childList: true, subtree: true});
}"""


def _launch(playwright):
    from scripts.book import READER_CHROMIUM
    from tests.test_browser import ARGS

    return playwright.chromium.launch(executable_path=READER_CHROMIUM, args=ARGS)


def time_math(browser, url: str, want: int, selector: str, rate: float) -> tuple[float, float]:
    """새 컨텍스트 하나로 한 번 열어 (모든 수식이 DOM 에, 글꼴까지) 초."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        page.add_init_script(f"({OBSERVER})({json.dumps([want, selector])})")
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__bench && window.__bench.fonts !== null", timeout=120_000, polling=50)
        b = page.evaluate("window.__bench")
        return b["math"] / 1000, b["fonts"] / 1000
    finally:
        ctx.close()


@dataclass
class Transfer:
    page: str
    requests: int
    total: int
    shares: dict[str, int] = field(default_factory=dict)


def category(path: str) -> str:
    if Path(path).suffix in FONT_TYPES:
        return "fonts"
    if "search" in path and path.endswith(".json"):
        return "search"
    if path.endswith("notebook.css"):
        return "notebook-css"
    if re.search(r"katex.*\.js$|auto-render|mathjax", path):
        return "math-js"
    return "other"


def first_visit(browser, server: _Server, page_rel: str) -> Transfer:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        server.take()
        page = ctx.new_page()
        page.goto(server.url + page_rel, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => 1)")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        served = server.take()
    finally:
        ctx.close()
    shares: dict[str, int] = {}
    for path, _, wire in served:
        shares[category(path)] = shares.get(category(path), 0) + wire
    return Transfer(page_rel, len(served), sum(w for _, _, w in served), shares)


def site_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if not rel.startswith("assets"):
            pages.append("" if rel == "." else rel + "/")
    return pages


def math_recipes(sites: dict[str, Path], page: str) -> dict[str, tuple[_Server, int, str]]:
    """표 이름 → (서버, 수식 수, 세는 셀렉터). 첫 사이트로 MathJax 비교본을 만듭니다."""
    recipes = {}
    first = next(iter(sites.values()))
    page_html = (first / page / "index.html").read_text(encoding="utf-8")
    n = len(tex_sources(page_html))
    for label, site in sites.items():
        recipes[label] = (_Server(site), n, ".katex")
    variant = mathjax_variant(page_html, "../" * page.count("/")).encode()
    recipes["Material 의 MathJax 3 방법(같은 HTML)"] = (
        _Server(first, overrides={page + "index.html": variant}, mounts={"assets/mathjax/": MATHJAX}), n, "mjx-container")
    return recipes


def bench_math(browser, sites: dict[str, Path], page: str, loads: int, rates=(1, 4)) -> dict:
    recipes = math_recipes(sites, page)
    results = {(label, rate): [] for label in recipes for rate in rates}
    try:
        for rate in rates:
            for _ in range(loads):
                for label, (server, n, sel) in recipes.items():  # 번갈아: 같은 순간의 기계 상태를 나눠 갖게
                    results[(label, rate)].append(time_math(browser, server.url + page, n, sel, rate))
    finally:
        for server, _, _ in recipes.values():
            server.close()
    return {"n": next(iter(recipes.values()))[1], "results": results, "labels": list(recipes), "rates": rates}


def median_pair(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def format_math(m: dict, page: str, loads: int) -> list[str]:
    mj = m["labels"][-1]
    lines = [f"수식 {m['n']}개(/{page}): 모두 DOM 에 / 글꼴까지, 새 컨텍스트로 {loads}번 연 중앙값, MathJax 대비 비율"]
    header = "    " + "방법".ljust(34) + "".join(f"CPU {r}배".ljust(38) for r in m["rates"])
    lines.append(header)
    for label in m["labels"]:
        row = "    " + label[:34].ljust(34)
        for rate in m["rates"]:
            a, b = median_pair(m["results"][(label, rate)])
            ra, rb = median_pair(m["results"][(mj, rate)])
            row += f"{a:5.2f} s / {b:5.2f} s ({a / ra:4.2f}× / {b / rb:4.2f}×)".ljust(38)
        lines.append(row)
    return lines


def bench_transfer(browser, site: Path) -> list[Transfer]:
    server = _Server(site)
    try:
        return [first_visit(browser, server, p) for p in site_pages(site)]
    finally:
        server.close()


def format_transfer(rows: list[Transfer], label: str = "") -> list[str]:
    kib = lambda b: f"{b / 1024:7.1f}"  # noqa: E731
    lines = [f"첫 방문 전송량{label}(gzip, 새 컨텍스트, 스크롤 전): 요청 수, 합계 KiB = 글꼴 + 검색 색인 + 노트북 CSS + 수식 JS + 나머지"]
    for t in sorted(rows, key=lambda t: -t.total):
        s = t.shares
        lines.append(f"    {t.requests:3d}  {kib(t.total)} = {kib(s.get('fonts', 0))} + {kib(s.get('search', 0))} + "
                     f"{kib(s.get('notebook-css', 0))} + {kib(s.get('math-js', 0))} + {kib(s.get('other', 0))}  /{t.page}")
    worst = max(rows, key=lambda t: t.total)
    lines.append(f"    가장 무거운 페이지: /{worst.page} {worst.total / 1024:.1f} KiB (목표 ≤ 400 KiB)")
    return lines


def notebook_html_sizes(site: Path) -> list[str]:
    lines = ["노트북(실습) 페이지 HTML(압축 전, 목표 ≤ 250 KB):"]
    for html in sorted(site.glob("practice/*/index.html")):
        lines.append(f"    {html.stat().st_size / 1000:7.1f} KB  /{html.parent.relative_to(site).as_posix()}/")
    return lines


def report(site: Path, compare: Path | None = None, loads: int = 5, page: str = MATH_PAGE) -> list[str]:
    from playwright.sync_api import sync_playwright

    sites = {"이 사이트(빌드 때 그린 KaTeX)": site}
    if compare:
        sites["비교 빌드(--compare)"] = compare
    with sync_playwright() as p:
        browser = _launch(p)
        try:
            lines = format_math(bench_math(browser, sites, page, loads), page, loads)
            lines += format_transfer(bench_transfer(browser, site))
            if compare:
                lines += format_transfer(bench_transfer(browser, compare), " — 비교 빌드")
        finally:
            browser.close()
    lines += notebook_html_sizes(site)
    if compare:
        lines += [line.replace("노트북(실습)", "비교 빌드의 노트북(실습)") for line in notebook_html_sizes(compare)]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--compare", type=Path, help="같은 실행에 나란히 잴 다른 빌드(예: 바꾸기 전)")
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--page", default=MATH_PAGE)
    args = ap.parse_args()
    print("\n".join(report(args.site, args.compare, args.loads, args.page)))


if __name__ == "__main__":
    main()
