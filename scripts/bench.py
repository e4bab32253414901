"""make bench: 빌드·테스트 시간과 가장 무거운 페이지를 잽니다(테스트가 아니라 측정입니다).

목표(2코어): 차가운 빌드 ≤ 30 s, 장 하나를 고친 뒤 다시 빌드 ≤ 2 s, 테스트 ≤ 120 s, 그림 전체 ≤ 15 s.
노트북(만들기, 페이지마다 크기·실행 시간)과 인쇄용 책(시간·쪽수)도 잽니다.
본문 글꼴(처음 방문에 받는 바이트)과 그림 SVG 바이트는 예전 방식과 지금 방식을 같은 실행에서 나란히 잽니다
(scripts/bench_assets.py).
"""
from __future__ import annotations

import os
import re
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


def warm_rebuilds(site: Path, cache: Path) -> dict[str, float]:
    """make serve(mkdocs serve --dirty)처럼 한 프로세스에서: 한 번 빌드한 뒤 장 하나, 스니펫 하나를
    건드리고 다시 빌드하는 데 걸린 시간."""
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
    times = {}
    for label, path in [("장", TOUCHED), ("스니펫", TOUCHED_SNIPPET)]:
        time.sleep(0.05)  # 파일 시각이 빌드 결과보다 확실히 뒤가 되게
        path.touch()
        times[label] = once()
    return times


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


def main() -> None:
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
        assets = bench_assets.measure(tmp / "site", tmp)
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto"], env)

    print(f"차가운 빌드(캐시 없음, 그림 포함)      {cold:7.2f} s   (목표 ≤ 30 s)")
    for label, sec in warm.items():
        print(f"다시 빌드({label} 하나 수정, make serve)  {sec:6.2f} s   (목표 ≤ 2 s)")
    print(f"테스트 전체(make test 의 pytest)      {tests:7.2f} s   (목표 ≤ 120 s)")
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
    print("가장 무거운 페이지(HTML + 그 페이지의 그림, 공용 자산 제외):")
    for size, page, n in weights[:3]:
        print(f"    {size / 1024:7.1f} KiB  /{page}  (그림 파일 {n}개)")
    print("\n".join(bench_assets.report(assets)))


if __name__ == "__main__":
    main()
