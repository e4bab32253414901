"""등록된 그림을 밝은·어두운 SVG로 씁니다. 입력이 바뀐 그림만 다시 그립니다.

    python -m scripts.figures.build .cache/figures          # 바뀐 그림만
    python -m scripts.figures.build .cache/figures --force  # 전부 다시

출력: <이름>.svg(밝은 테마), <이름>.dark.svg(어두운 테마), manifest.json(그림별 입력 해시).
matplotlib 이 쓴 SVG 는 svgo 로 보이는 모양 그대로 줄여 씁니다(scripts/svg_optimise.py).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import io
import json
import multiprocessing
import os
import sys
import time
import warnings
from pathlib import Path
from types import ModuleType

# 그림은 프로세스마다 하나씩 병렬로 그리므로 BLAS 스레드는 하나면 충분합니다(코어를 두고 다투지 않게).
# numpy 를 불러오기 전에 정해야 합니다.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import matplotlib  # noqa: E402

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

from scripts import figures, svg_optimise  # noqa: E402
from scripts.figures import style  # noqa: E402

ROOT = style.ROOT
# 모든 그림에 공통인 입력: 등록소, 스타일, 이 파일, 글꼴 버전
COMMON_INPUTS = [
    ROOT / "scripts/figures/__init__.py",
    ROOT / "scripts/figures/style.py",
    ROOT / "scripts/figures/build.py",
    ROOT / "scripts/svg_optimise.py",
    ROOT / "scripts/svgo_server.cjs",
    ROOT / "package-lock.json",
]


def input_files(module: ModuleType) -> list[Path]:
    """그림 모듈과, 그 모듈이 (다른 snippets 모듈을 거쳐서라도) 가져다 쓰는 snippets·scripts 모듈의 파일.

    거쳐 가는 모듈까지 따라가야, 예컨대 snippets/layers.py 의 Dropout 만 고쳐도 그것을 쓰는 그림이 다시 그려집니다.
    """
    used, todo = set(), [module.__name__]
    while todo:
        name = todo.pop()
        if name in used or name not in sys.modules:
            continue
        used.add(name)
        if name != module.__name__ and not name.startswith("snippets."):
            continue  # scripts 쪽(등록소, 스타일)은 파일만 넣고 따라가지 않습니다: 다른 그림 모듈까지 딸려 오므로
        for value in vars(sys.modules[name]).values():
            dep = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(dep, str) and dep.split(".")[0] in {"snippets", "scripts"} and dep not in used:
                todo.append(dep)
    return sorted(Path(sys.modules[n].__file__) for n in used if getattr(sys.modules[n], "__file__", None))


def figure_key(spec: figures.FigureSpec) -> str:
    h = hashlib.sha256(f"{spec.name}|{matplotlib.__version__}".encode())
    for path in COMMON_INPUTS + input_files(sys.modules[spec.module]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def render(spec: figures.FigureSpec, theme: str) -> bytes:
    """그림 하나를 사이트에 올리는 SVG 바이트로: matplotlib 으로 그리고 svgo 로 줄입니다."""
    return svg_optimise.optimise(render_raw(spec, theme))


def render_raw(spec: figures.FigureSpec, theme: str) -> bytes:
    """그림 하나를 matplotlib 의 SVG 바이트 그대로. 경고(예: 한글 글리프 없음)는 곧 오류입니다."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with style.use(theme):
            fig, axes = plt.subplots(
                *spec.grid, figsize=spec.size, subplot_kw=spec.subplot_kw or None,
                layout="constrained",
            )
            try:
                spec.draw(axes)
                buf = io.BytesIO()
                fig.savefig(buf, format="svg", metadata={"Date": None})
            finally:
                plt.close(fig)
    return buf.getvalue()


def _render_files(name: str, paths: dict[str, Path]) -> float:
    """그림 하나의 두 테마를 그려 파일로 씁니다. 걸린 시간을 돌려줍니다."""
    spec = figures.REGISTRY[name]
    start = time.perf_counter()
    for theme, path in paths.items():
        try:
            path.write_bytes(render(spec, theme))
        except Exception as exc:
            src = Path(sys.modules[spec.module].__file__).relative_to(ROOT)
            raise RuntimeError(f"그림 '{name}' ({src}, {theme}) 그리기 실패: {type(exc).__name__}: {exc}") from None
    # 수치 표(있으면): 그림과 같은 모듈·같은 데이터라 같은 입력 해시로 함께 새로 씁니다.
    table = next(iter(paths.values())).with_name(f"{name}.data.html")
    if name in figures.DATA:
        try:
            table.write_text(figures.data_html(name, figures.DATA[name]()), encoding="utf-8")
        except Exception as exc:
            src = Path(sys.modules[spec.module].__file__).relative_to(ROOT)
            raise RuntimeError(f"그림 '{name}' 의 수치 표({src}:{figures.DATA[name].__name__}, @figure_data) 만들기 실패: "
                               f"{type(exc).__name__}: {exc}") from None
    else:
        table.unlink(missing_ok=True)
    return time.perf_counter() - start


def build(out: Path, force: bool = False, only: list[str] | None = None, jobs: int | None = None,
          announce=None) -> dict:
    """announce(이름 목록): 등록소를 읽은 뒤 그리기 전에 부릅니다(빌드가 그림을 기다리지 않고 파일 목록을 만들게)."""
    out.mkdir(parents=True, exist_ok=True)
    registry = figures.load_all()
    unknown = sorted(set(only or []) - set(registry))
    if unknown:
        raise SystemExit(f"등록되지 않은 그림: {', '.join(unknown)}")
    manifest_path = out / "manifest.json"
    old = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest, todo = {}, {}
    orphans = sorted(set(figures.DATA) - set(registry))
    if orphans:
        raise SystemExit(f"@figure_data 로 수치 표를 등록한 그림이 등록소에 없습니다: {', '.join(orphans)} "
                         f"(scripts/figures/ 에서 이름을 @figure 와 같게 쓰세요)")
    if announce:
        announce(list(registry))
    for name, spec in registry.items():
        key = figure_key(spec)
        paths = {t: out / (f"{name}.svg" if t == "light" else f"{name}.{t}.svg") for t in style.THEMES}
        fresh = old.get(name, {}).get("key") == key and all(p.exists() for p in paths.values())
        fresh = fresh and (name not in figures.DATA or (out / f"{name}.data.html").exists())
        if force or not fresh or (only and name in only):
            todo[name] = paths
        manifest[name] = {"key": key, "module": spec.module}
    # 그림은 서로 독립이라 코어 수만큼 나눠 그립니다(fork: 등록소를 그대로 물려받음).
    jobs = min(jobs or os.cpu_count() or 1, len(todo))
    # 실패한 그림을 모두 모아 한 번에 알립니다(첫 실패에서 멈추면 다음 그림의 문제는 다음 빌드에서야 보임).
    timings, failures = {}, []
    if jobs > 1:
        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
            futures = {name: pool.submit(_render_files, name, paths) for name, paths in todo.items()}
            for name, f in futures.items():
                try:
                    timings[name] = f.result()
                except RuntimeError as exc:
                    failures.append(str(exc))
    else:
        for name, paths in todo.items():
            try:
                timings[name] = _render_files(name, paths)
            except RuntimeError as exc:
                failures.append(str(exc))
    if failures:
        raise SystemExit("\n".join(failures))
    # 등록에서 빠진 그림의 옛 파일은 지웁니다(사라진 그림이 살아 있는 것처럼 보이지 않게).
    for stale in set(old) - set(manifest):
        for path in [*out.glob(f"{stale}.*svg"), out / f"{stale}.data.html"]:
            if not path.exists():
                continue
            path.unlink()
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--force", action="store_true", help="바뀌지 않은 그림도 다시 그림")
    parser.add_argument("--only", nargs="*", help="이 그림들만 다시 그림")
    parser.add_argument("--timings", action="store_true", help="그림별 소요 시간을 출력")
    parser.add_argument("--jobs", type=int, help="동시에 그릴 프로세스 수(기본: 코어 수)")
    parser.add_argument("--names", action="store_true",
                        help="그리기 전에 그림 이름들을 JSON 한 줄로 출력(scripts/figures/job.py)")
    args = parser.parse_args(argv)

    def announce(names: list[str]) -> None:
        print(json.dumps(names), flush=True)

    timings = build(args.out, args.force, args.only, args.jobs, announce if args.names else None)
    if args.timings:
        for name, sec in sorted(timings.items(), key=lambda kv: -kv[1]):
            print(f"{sec:6.2f}s  {name}")
    print(f"그림 {len(timings)}개를 새로 그렸습니다 → {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
