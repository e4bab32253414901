"""make bench 의 글꼴·그림 몫: 예전 방식과 지금 방식을 같은 실행에서 나란히 잽니다(scripts/bench.py 가 부름).

- 예전 방식(before): 같은 빌드 결과에서 본문 글꼴만 npm 의 Pretendard 동적 부분집합 CSS(유니코드 구간별 woff2
  92개, 브라우저가 페이지의 글자가 든 조각만 받음)로, 그림만 svgo 를 거치지 않은 matplotlib SVG 로 되돌린 사본.
- 글꼴: 새 브라우저 문맥(빈 캐시)에서 페이지를 열고 글꼴이 준비된 뒤 받은 글꼴 파일의 바이트(woff2 는 이미
  압축되어 있어 gzip 을 하지 않음)와 글꼴 CSS 의 gzip 크기. 본문(Pretendard)과 KaTeX 를 따로 셉니다.
- 그림: 페이지가 가리키는 밝은 화면 SVG 의 합(날 크기와 gzip 크기).
- 빌드 비용: 글꼴 부분집합 만들기(캐시 없음 / 캐시 있음), 모든 그림의 svgo 시간.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import statistics
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from scripts import fonts
from scripts.book import READER_CHROMIUM  # 독자가 받는 바이트: 창이 있는 chromium

ROOT = Path(__file__).resolve().parents[1]
NPM_FONT = ROOT / "node_modules/pretendard/dist/web/variable"
FONT_PAGES = ["basics/activation-functions/", "practice/from-scratch/"]
SVG_PAGE = "training/optimization/"
RUNS = 3  # 글꼴 바이트는 매번 같아야 하지만(결정적), 한 번 튀는 값을 가려내려고 몇 번 엽니다


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_figures(site: Path, rel: str) -> list[Path]:
    """페이지가 가리키는 밝은 화면 그림 파일."""
    html = (site / rel / "index.html").read_text(encoding="utf-8")
    names = sorted(set(re.findall(r'figures/([a-z0-9-]+)\.svg#only-light', html)))
    return [site / "figures" / f"{n}.svg" for n in names]


def before_site(site: Path, out: Path, svg_page: str = SVG_PAGE) -> Path:
    """지금 빌드의 사본을 예전 방식으로: npm 의 동적 부분집합 글꼴 CSS, svg_page 의 그림은 svgo 전의 SVG."""
    from scripts import figures
    from scripts.figures import build

    shutil.copytree(site, out)
    fonts_dir = out / "assets/fonts"
    for old in fonts_dir.glob("*.woff2"):
        old.unlink()
    shutil.copytree(NPM_FONT / "woff2-dynamic-subset", out / "assets/pretendard/woff2-dynamic-subset")
    css = (NPM_FONT / "pretendardvariable-dynamic-subset.css").read_text(encoding="utf-8")
    (fonts_dir / "pretendard.css").write_text(css.replace("url(./", "url(../pretendard/"), encoding="utf-8")
    registry = figures.load_all()
    for path in page_figures(out, svg_page):
        path.write_bytes(build.render_raw(registry[path.stem], "light"))
    return out


@contextmanager
def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


FONT_ENTRIES = """() => performance.getEntriesByType('resource')
    .filter(e => /\\.woff2?(\\?|$)/.test(e.name)).map(e => [e.name, e.encodedBodySize])"""


def font_transfer(browser, base: str, rel: str) -> dict[str, int]:
    """새 문맥(빈 캐시)에서 한 번 열었을 때 받은 글꼴 바이트: {"body": Pretendard, "katex": KaTeX, "files": 개수}."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(base + rel, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => 0)")
    page.wait_for_timeout(300)  # 글꼴이 준비된 뒤 늦게 시작한 조각까지
    page.evaluate("document.fonts.ready.then(() => 0)")
    entries = page.evaluate(FONT_ENTRIES)
    ctx.close()
    katex = sum(size for name, size in entries if "/katex/" in name)
    return {"body": sum(size for _, size in entries) - katex, "katex": katex, "files": len(entries)}


def measure(site: Path, tmp: Path) -> dict:
    """예전·지금 방식의 글꼴 전송량(페이지별 중앙값), 그림 바이트, 글꼴 부분집합·svgo 의 시간."""
    from playwright.sync_api import sync_playwright

    before = before_site(site, tmp / "site-before")
    result = {"fonts": {}, "svg": {}}
    css_now = _gzip((site / "assets/fonts/pretendard.css").read_bytes())
    css_before = _gzip((before / "assets/fonts/pretendard.css").read_bytes())
    with serve(site) as now_url, serve(before) as before_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=READER_CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        for rel in FONT_PAGES:
            row = {}
            for label, base, css in (("before", before_url, css_before), ("now", now_url, css_now)):
                runs = [font_transfer(browser, base, rel) for _ in range(RUNS)]
                pick = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                row[label] = dict(pick, css=css)
            result["fonts"][rel] = row
        browser.close()
    for label, folder in (("before", before), ("now", site)):
        data = [p.read_bytes() for p in page_figures(folder, SVG_PAGE)]
        result["svg"][label] = {"files": len(data), "raw": sum(map(len, data)), "gzip": sum(map(_gzip, data))}
    result["build"] = build_costs(site, tmp)
    return result


def build_costs(site: Path, tmp: Path) -> dict[str, float]:
    """빌드가 더 하는 일의 시간: 글꼴 부분집합(캐시 없이 / 캐시로), 모든 그림(밝은·어두운)의 svgo."""
    from scripts import figures, svg_optimise
    from scripts.figures import build, style

    start = time.perf_counter()
    chars = fonts.site_characters(site)
    fonts.subset(chars, tmp / "font-cache")
    cold = time.perf_counter() - start
    fonts._seen.clear()  # 다시 빌드: 새 프로세스처럼 페이지를 다시 읽고, 부분집합은 캐시에서
    start = time.perf_counter()
    fonts.subset(fonts.site_characters(site), tmp / "font-cache")
    warm = time.perf_counter() - start
    raw = [build.render_raw(spec, theme) for spec in figures.load_all().values() for theme in style.THEMES]
    svgo_start = time.perf_counter()
    for svg in raw:
        svg_optimise.optimise(svg, cache=False)
    svgo = time.perf_counter() - svgo_start
    return {"font_cold": cold, "font_warm": warm, "svgo": svgo, "svgo_files": len(raw)}


def report(m: dict) -> list[str]:
    kib = lambda n: f"{n / 1024:7.1f} KiB"  # noqa: E731
    lines = ["본문 글꼴, 처음 방문(빈 캐시)에 받는 바이트 — 예전(npm 동적 부분집합) → 지금(사이트의 글자만, woff2 하나):"]
    for rel, row in m["fonts"].items():
        b, n = row["before"], row["now"]
        total_b, total_n = b["body"] + b["css"], n["body"] + n["css"]
        lines.append(f"    /{rel}")
        lines.append(f"        Pretendard {kib(b['body'])} + CSS(gzip) {kib(b['css'])} = {kib(total_b)}  →  "
                     f"{kib(n['body'])} + {kib(n['css'])} = {kib(total_n)}  ({total_n / total_b:.2f}×)")
        lines.append(f"        KaTeX 글꼴 {kib(b['katex'])} → {kib(n['katex'])};  글꼴 파일 {b['files']:.0f}개 → {n['files']:.0f}개;"
                     f"  글꼴 전체 {kib(total_b + b['katex'])} → {kib(total_n + n['katex'])}")
    sb, sn = m["svg"]["before"], m["svg"]["now"]
    lines.append(f"/{SVG_PAGE} 의 밝은 화면 그림 {sn['files']}개: 날 {kib(sb['raw'])} → {kib(sn['raw'])} "
                 f"({sn['raw'] / sb['raw']:.2f}×), gzip {kib(sb['gzip'])} → {kib(sn['gzip'])} ({sn['gzip'] / sb['gzip']:.2f}×)")
    c = m["build"]
    lines.append(f"빌드가 더 하는 일: 글꼴 부분집합 캐시 없이 {c['font_cold']:.2f} s / 캐시로 {c['font_warm']:.2f} s, "
                 f"svgo {c['svgo_files']}개 {c['svgo']:.2f} s(그림이 바뀐 것만, 코어마다 나눠 돌림)")
    return lines


if __name__ == "__main__":  # 이미 빌드된 사이트로 이 부분만: python -m scripts.bench_assets site/
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(report(measure(Path(sys.argv[1]), Path(tmp)))))
