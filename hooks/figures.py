"""그림 훅: scripts/figures 의 등록소에서 SVG를 만들고 사이트의 figures/ 에 넣습니다.

- 입력(scripts/ 의 .py·.cjs, snippets/, package-lock.json)이 그대로면 아무것도 하지 않습니다(빠른 make serve).
- 바뀌었으면 빌드 맨 앞(on_config)에서 새 파이썬 프로세스를 띄워 그리게 하고 기다리지 않습니다: 그림은 페이지를
  그리는 동안 함께 그려지고, 빌드는 페이지의 그림 자리를 채우기 직전(on_env)에야 기다립니다. 새 프로세스라서
  serve 중에 고친 모듈도 새로 읽히고, 바뀐 그림만 다시 그려집니다(그림별 해시는 scripts/figures/build.py,
  띄우고 기다리기는 scripts/figures/job.py).
- 페이지의 <img src=".../figures/NAME.svg"> 는 밝은 화면용(#only-light)과
  어두운 화면용(NAME.dark.svg#only-dark) 두 장으로 바뀌어 팔레트를 따라갑니다. 그림의 크기와 수치 표가 있어야
  하므로 on_page_context 에서, 검색 색인(search 플러그인의 on_page_context)보다 먼저 바꿉니다.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from scripts.figures.job import FigureBuildError, FigureJob, variants

CACHE = Path(os.environ.get("DLB_CACHE_DIR", ".cache")) / "figures"
# 이번 빌드의 그림 작업과, 그림 이름 → 그 그림의 수치 표 HTML(scripts/figures 의 @figure_data; on_env 가 채움)
_state: dict = {}
_TABLES: dict[str, str] = {}
IMG = re.compile(r'<img (?P<pre>[^>]*?)src="(?P<url>[^"]*?figures/(?P<name>[a-z0-9-]+))\.svg"(?P<post>[^>]*)>')


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    _state["job"] = FigureJob(_root(config), _root(config) / CACHE).start()
    return config


def on_files(files: Files, config) -> Files:
    job = _state["job"]
    try:
        names = job.names()  # 그리기 전에 알려 주는 이름: 파일은 on_env 전에 다 그려집니다
    except FigureBuildError as exc:
        raise PluginError(str(exc)) from None
    for name in names:
        for filename in variants(name):
            files.append(File.generated(config, f"figures/{filename}", abs_src_path=str(job.out / filename)))
    return files


def on_env(env, config, files):
    """페이지를 다 읽은 뒤, 그림 자리를 채우고 파일을 복사하기 전: 여기서 그림을 기다립니다."""
    job = _state["job"]
    try:
        job.wait()
    except FigureBuildError as exc:
        raise PluginError(str(exc)) from None
    # 수치 표는 빌드마다 한 번만 읽어 두고 페이지마다 씁니다.
    _TABLES.clear()
    _TABLES.update({p.name[: -len(".data.html")]: p.read_text(encoding="utf-8") for p in job.out.glob("*.data.html")})
    return env


def on_build_error(error) -> None:
    if "job" in _state:
        _state["job"].stop()


SVG_SIZE = re.compile(rb'<svg[^>]*? width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def _size_attrs(path: Path) -> str:
    """SVG 의 크기(pt)를 img 의 width/height(px)로: 지연 로딩 전에도 자리를 잡아 글이 밀리지 않게."""
    m = SVG_SIZE.search(path.read_bytes()[:2000])
    if not m:
        raise PluginError(f"그림 크기를 읽지 못했습니다: {path}")
    return f' width="{round(float(m["w"]) * 4 / 3)}" height="{round(float(m["h"]) * 4 / 3)}"'


@event_priority(100)  # search 플러그인이 page.content 로 색인을 만들기 전에
def on_page_context(context, page, config, nav):
    out = _root(config) / CACHE

    def both_variants(match: re.Match) -> str:
        pre, url, post, name = match["pre"], match["url"], match["post"], match["name"]
        if not (out / f"{name}.svg").is_file():
            return match[0]  # 없는 그림: MkDocs 의 링크 검사가 페이지와 그림 이름을 적어 빌드를 멈춥니다.
        # loading="lazy": 숨겨진 쪽(다른 팔레트)은 받지 않고, 화면 아래 그림은 스크롤할 때 받습니다.
        extra = ' loading="lazy"' + _size_attrs(out / f"{name}.svg")
        return (
            f'<img {pre}src="{url}.svg#only-light"{extra}{post}>'
            f'<img {pre}src="{url}.dark.svg#only-dark"{extra}{post}>'
        )

    html = IMG.sub(both_variants, page.content)
    # 복잡한 그림(경로, 히스토그램 …)의 수치 표: 그림 아래 접힌 표로(scripts/figures 의 @figure_data).
    from scripts.figures import attach_data

    page.content = attach_data(html, _TABLES)
    return context


def on_post_build(config) -> None:
    """페이지가 가리키는 그림(밝은·어두운 둘 다)이 사이트에 모두 있는지. 하나라도 없으면 배포하지 않습니다."""
    from scripts.site_check import missing_images

    missing = missing_images(Path(config["site_dir"]))
    if missing:
        raise PluginError("페이지가 가리키는 그림이 사이트에 없습니다(hooks/figures.py 가 밝은·어두운 SVG 를 모두 "
                          "site/figures/ 에 넣는지, 그림 이름이 scripts/figures 에 등록되어 있는지 확인하세요):\n  "
                          + "\n  ".join(missing))
