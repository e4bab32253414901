"""make bench: 빌드·테스트 시간과 가장 무거운 페이지를 잽니다(테스트가 아니라 측정입니다).

목표(2코어): 차가운 빌드 ≤ 30 s, 장 하나를 고친 뒤 다시 빌드 ≤ 1 s, 테스트 ≤ 90 s, 그림 전체 ≤ 15 s,
검색어 입력에서 결과까지 중앙값 ≤ 100 ms(헤드리스 Chromium), 검색 색인 나누기는 차가운 빌드에 ≤ 5 s·다시 빌드에 ≤ 0.5 s.
노트북(만들기, 페이지마다 크기·실행 시간)과 인쇄용 책(시간·쪽수)도 잽니다.
독자 쪽(scripts/reader_bench.py): 수식이 DOM 에 들어오고 글꼴까지 준비되는 시간(MathJax 방법 대비, CPU 1배·4배),
페이지마다 첫 방문 전송량(gzip; 글꼴·검색 색인·노트북 CSS 몫), 노트북 페이지 HTML 크기.
바꾸기 전 빌드와 나란히 재려면: python -m scripts.reader_bench 새site --compare 옛site
빌드 시간만 재려면(몇 분): python -m scripts.bench --builds
본문 글꼴(처음 방문에 받는 바이트)과 그림 SVG 바이트는 예전 방식과 지금 방식을 같은 실행에서 나란히 잽니다
(scripts/bench_assets.py).
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from scripts import bench_assets

ROOT = Path(__file__).resolve().parents[1]
TOUCHED = ROOT / "docs/basics/activation-functions.md"
TOUCHED_SNIPPET = ROOT / "snippets/activations.py"


def run(cmd, env=None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"실패: {' '.join(map(str, cmd))}\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return elapsed


def warm_rebuilds(site: Path, cache: Path, rounds: int = 3) -> dict[str, float]:
    """make serve(mkdocs serve --dirty)처럼 한 프로세스에서: 한 번 빌드한 뒤 장 하나, 스니펫 하나를
    건드리고 다시 빌드하는 데 걸린 시간. 기계가 바빠 흔들리므로 rounds 번씩 번갈아 재어 중앙값."""
    os.environ["DLB_CACHE_DIR"] = str(cache)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def once() -> float:
        start = time.perf_counter()
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        config.plugins.on_shutdown()
        return time.perf_counter() - start

    once()
    times: dict[str, list[float]] = {"장": [], "스니펫": []}
    for _ in range(rounds):
        for label, path in [("장", TOUCHED), ("스니펫", TOUCHED_SNIPPET)]:
            time.sleep(0.05)  # 파일 시각이 빌드 결과보다 확실히 뒤가 되게
            path.touch()
            times[label].append(once())
    return {label: statistics.median(t) for label, t in times.items()}


def builds() -> tuple[float, dict[str, float]]:
    """빌드 시간만: 차가운 빌드(빈 캐시 폴더) 한 번과, 그 캐시로 make serve 처럼 다시 빌드하기(중앙값)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / "site")],
                   dict(env, DLB_CACHE_DIR=str(tmp / "cache")))
        warm = warm_rebuilds(tmp / "site-warm", tmp / "cache")
    return cold, warm


def print_builds(cold: float, warm: dict[str, float]) -> None:
    print(f"차가운 빌드(캐시 없음, 그림 포함)      {cold:7.2f} s   (목표 ≤ 30 s)")
    for label, sec in warm.items():
        print(f"다시 빌드({label} 하나 수정, make serve)  {sec:6.2f} s   (목표 ≤ 1 s; 세 번의 중앙값)")


class _Srcs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs = set()

    def handle_starttag(self, tag, attrs):
        src = dict(attrs).get("src")
        if tag == "img" and src and not src.startswith("data:"):
            self.srcs.add(urlsplit(src).path)


def page_weights(site: Path) -> list[tuple[int, str, int]]:
    """페이지마다 HTML + 그 페이지의 그림(테마·KaTeX 같은 공용 자산 제외)."""
    rows = []
    for html in site.rglob("index.html"):
        if "assets" in html.relative_to(site).parts:
            continue
        parser = _Srcs()
        text = html.read_text(encoding="utf-8")
        parser.feed(text)
        images = [(html.parent / s).resolve() for s in parser.srcs]
        image_bytes = sum(p.stat().st_size for p in images if p.is_file() and "assets" not in p.parts)
        rows.append((len(text.encode()) + image_bytes, html.parent.relative_to(site).as_posix(), len(images)))
    return sorted(rows, reverse=True)


def iris_training() -> tuple[float, float]:
    """원본 과제 설정(4-30-16-3, Adam, 100 에포크, 배치 크기 1)의 학습 시간(벽시계)과 테스트 정확도."""
    from snippets import iris

    X, species = iris.load_iris((ROOT / "data/iris.csv").read_text(encoding="utf-8"))
    y = iris.encode_labels(species)
    train, test = iris.stratified_split(y, seed=417)
    Xtr, Xte = iris.standardize(X[:, train], X[:, test])
    model = iris.MLP((4, 30, 16, 3), seed=0)
    start = time.perf_counter()
    iris.train(model, Xtr, iris.one_hot(y)[:, train], epochs=100, batch_size=1, lr=1e-3, seed=417)
    seconds = time.perf_counter() - start
    return seconds, iris.accuracy(y[test], model.predict(Xte))


def notebook_generation(site: Path) -> float:
    """모든 페이지의 내려받기 노트북을 다시 만드는 데 걸린 시간(빌드의 on_post_build 가 하는 일, 그림은 캐시에서)."""
    from scripts import notebook as nbk
    from tests.docblocks import expand  # 빌드와 같은 mkdocs.yml 설정의 pymdownx.snippets

    figures = Path(os.environ.get("DLB_CACHE_DIR", ROOT / ".cache")) / "figures"
    expand("")  # 설정 읽기(한 번뿐)는 재지 않습니다
    start = time.perf_counter()
    library = nbk.SnippetLibrary(ROOT)
    for uri in nbk.notebook_pages(ROOT / "docs"):
        expanded = expand((ROOT / "docs" / uri).read_text(encoding="utf-8"))
        nbk.build_notebook(expanded, "download", uri, "https://example.org/", lambda n: (figures / f"{n}.svg").read_bytes(),
                           library=library, where=uri)
    return time.perf_counter() - start


def notebook_runs(site: Path, tmp: Path) -> list[tuple[str, int, float]]:
    """내려받기 노트북마다 (주소, 크기, numpy·matplotlib·ipykernel 만 있는 새 환경·빈 폴더에서 처음부터 끝까지 도는 시간)."""
    import asyncio

    import nbformat

    from tests.reader_env import make_env, reader_notebook_client

    python = make_env(tmp / "reader-env", ["numpy", "matplotlib", "ipykernel"])
    rows = []
    for path in sorted(site.rglob("*.ipynb")):
        work = tmp / "work" / path.stem
        work.mkdir(parents=True)
        node = nbformat.read(path, as_version=4)
        client = reader_notebook_client(node, python, work, tmp / "kernels", timeout=300)
        start = time.perf_counter()
        asyncio.run(client.async_execute(cwd=str(work)))
        rows.append((path.relative_to(site).as_posix(), path.stat().st_size, time.perf_counter() - start))
    return rows


def book(site: Path, tmp: Path) -> tuple[float, int, int]:
    """인쇄용 책: (시간, 쪽수, 크기)."""
    from pypdf import PdfReader

    from scripts import book as book_module

    out = tmp / "book.pdf"
    start = time.perf_counter()
    book_module.print_book(site, out)
    return time.perf_counter() - start, len(PdfReader(out).pages), out.stat().st_size


def search_costs(site: Path) -> dict:
    """검색: 색인 크기(날것·gzip), 색인 다시 쓰기의 비용(분석기 띄우기·처음 나누기·캐시로 다시), 검색어 처리 표의 크기."""
    import gzip
    import json

    import yaml

    from scripts import search_index as si

    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    plain = raw.replace(si.ZWSP, "")  # 훅이 나누기 전의 글(가볍게 하기는 두 번 해도 같음)
    terms = yaml.safe_load((ROOT / "terms.yml").read_text(encoding="utf-8"))
    words = si.hangul_words(json.loads(plain)["docs"])
    seg = si.Segmenter(si.user_words(terms), cache={})
    start = time.perf_counter()
    seg.cuts(["가중치"])  # 분석기 프로세스 띄우기(빌드에서는 on_config 에서 시작해 빌드와 겹침)
    load = time.perf_counter() - start
    start = time.perf_counter()
    seg.cuts(words)
    first = time.perf_counter() - start
    seg.close()
    warm_seg = si.Segmenter(si.user_words(terms), cache=dict(seg.cache))
    start = time.perf_counter()
    si.rewrite_index(plain, warm_seg)
    warm = time.perf_counter() - start
    return {"raw": len(raw.encode()), "gzip": len(gzip.compress(raw.encode(), 9)), "words": len(words),
            "load": load, "first": first, "warm": warm}


def search_build_cost(cache: Path, site: Path, rounds: int = 2) -> tuple[float, float]:
    """검색 색인 나누기가 차가운 빌드에 더하는 시간: 다른 캐시는 그대로 두고 나누기 캐시(search/)만 지운 빌드와
    둔 빌드를 번갈아(기계가 바빠 흔들리므로 각각 가장 짧은 것)."""
    import shutil

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DLB_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    cold, warm = [], []
    for _ in range(rounds):
        shutil.rmtree(cache / "search", ignore_errors=True)
        cold.append(run(cmd, env))
        warm.append(run(cmd, env))
    return min(cold), min(warm)


def search_latency(site: Path, rounds: int = 3) -> list[float]:
    """헤드리스 Chromium 에서 검색어 모음의 검색어마다: 완성된 검색어의 keyup 에서 결과가 그려질 때까지(ms)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from scripts import search_eval
    from scripts.book import READER_CHROMIUM  # 독자가 느끼는 검색 응답: 창이 있는 chromium
    from tests.test_browser import ARGS

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=READER_CHROMIUM, args=ARGS)
            page = browser.new_page()
            search_eval.open_search(page, base)
            for _ in range(rounds):
                for q in search_eval.load_queries():
                    times.append(search_eval.time_query(page, q.text))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return times


def main(argv: list[str] | None = None) -> None:
    if "--builds" in (sys.argv[1:] if argv is None else argv):  # 빌드 시간만(몇 분): python -m scripts.bench --builds
        print_builds(*builds())
        return
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold_env = dict(env, DLB_CACHE_DIR=str(tmp / "cache"))
        cold = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / "site")], cold_env)
        warm = warm_rebuilds(tmp / "site-warm", tmp / "cache")
        fig_start = time.perf_counter()
        fig_out = subprocess.run(
            [sys.executable, "-m", "scripts.figures.build", str(tmp / "figs"), "--force", "--timings"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.splitlines()
        fig_wall = time.perf_counter() - fig_start
        fig_times = [(float(line.split("s", 1)[0]), line.split()[-1]) for line in fig_out if re.match(r"\s*\d", line)]
        weights = page_weights(tmp / "site")
        nb_gen = notebook_generation(tmp / "site")
        nb_runs = notebook_runs(tmp / "site", tmp)
        pdf_seconds, pdf_pages, pdf_bytes = book(tmp / "site", tmp)
        search = search_costs(tmp / "site")
        search_cold, search_warm = search_build_cost(tmp / "cache", tmp / "site-search")
        latency = search_latency(tmp / "site")
        from scripts import reader_bench

        reader = reader_bench.report(tmp / "site")
        assets = bench_assets.measure(tmp / "site", tmp)
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto"], env)

    print_builds(cold, warm)
    print(f"테스트 전체(make test 의 pytest)      {tests:7.2f} s   (목표 ≤ 90 s)")
    total = sum(t for t, _ in fig_times)
    print(f"그림 {len(fig_times)}개 × 밝은/어두운, 처음부터       {fig_wall:7.2f} s   (목표 ≤ 15 s; 그림별 합 {total:.2f} s, 코어 {os.cpu_count()}개로 나눠 그림)")
    print("가장 느린 그림:")
    for t, name in sorted(fig_times, reverse=True)[:5]:
        print(f"    {t:5.2f} s  {name}")
    seconds, acc = iris_training()
    print(f"iris 학습(100 에포크, 배치 크기 1)          {seconds:7.2f} s   (목표 ≤ 3 s), 테스트 정확도 {acc:.3f}")
    print(f"내려받기 노트북 {len(nb_runs)}개 만들기(빌드 안에서)        {nb_gen:7.2f} s")
    print("노트북마다 크기와 독자 환경(새 커널, 빈 폴더)에서 끝까지 도는 시간:")
    for rel, size, sec in nb_runs:
        print(f"    {size / 1024:7.1f} KiB  {sec:6.2f} s  {rel}")
    print(f"    합계 {sum(r[2] for r in nb_runs):.1f} s")
    print(f"인쇄용 책(make pdf 의 인쇄·합치기, 빌드 제외)   {pdf_seconds:7.2f} s   ({pdf_pages}쪽, {pdf_bytes / 1024 / 1024:.1f} MiB)")
    print(f"검색 색인 {search['raw'] / 1024:7.1f} KiB, gzip {search['gzip'] / 1024:6.1f} KiB   "
          f"(이 작업 전: 523.4 KiB, gzip 113.7 KiB; 목표: 그 이하)")
    print(f"검색 색인 복합어 나누기: 분석기 프로세스 띄우기 {search['load']:5.2f} s(빌드와 겹쳐 따로), "
          f"한글 낱말 {search['words']}개 처음 나누기 {search['first']:5.2f} s, 캐시로 다시 쓰기 {search['warm']:5.2f} s"
          f"   (목표: 차가운 빌드에 ≤ 5 s, 다시 빌드에 ≤ 0.5 s)")
    print(f"빌드: 나누기 캐시 없이 {search_cold:6.2f} s, 있을 때 {search_warm:6.2f} s → 차가운 빌드에 더하는 시간 "
          f"{search_cold - search_warm:5.2f} s   (목표 ≤ 5 s)")
    print(f"검색어 입력 → 결과(헤드리스 Chromium, {len(latency)}번) 중앙값 {statistics.median(latency):6.1f} ms, "
          f"최대 {max(latency):6.1f} ms   (목표: 중앙값 ≤ 100 ms)")
    print("가장 무거운 페이지(HTML + 그 페이지의 그림, 공용 자산 제외):")
    for size, page, n in weights[:3]:
        print(f"    {size / 1024:7.1f} KiB  /{page}  (그림 파일 {n}개)")
    print("\n".join(reader))
    print("\n".join(bench_assets.report(assets)))


if __name__ == "__main__":
    main()
