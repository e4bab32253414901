"""그림 훅: scripts/figures 의 등록소에서 SVG를 만들고 사이트의 figures/ 에 넣습니다.

- 입력(scripts/ 의 .py·.cjs, snippets/, package-lock.json)이 그대로면 아무것도 하지 않습니다(빠른 make serve).
- 바뀌었으면 새 파이썬 프로세스에서 그립니다: serve 중에 고친 모듈도 새로 읽히고,
  바뀐 그림만 다시 그려집니다(그림별 해시는 scripts/figures/build.py).
- 페이지의 <img src=".../figures/NAME.svg"> 는 밝은 화면용(#only-light)과
  어두운 화면용(NAME.dark.svg#only-dark) 두 장으로 바뀌어 팔레트를 따라갑니다.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

CACHE = Path(os.environ.get("DLB_CACHE_DIR", ".cache")) / "figures"
INPUT_GLOBS = ["scripts/**/*.py", "scripts/**/*.cjs", "snippets/**/*.py", "package-lock.json"]
# 그림 이름 → 그 그림의 수치 표 HTML(scripts/figures 의 @figure_data; on_files 가 채움)
_TABLES: dict[str, str] = {}
IMG = re.compile(r'<img (?P<pre>[^>]*?)src="(?P<url>[^"]*?figures/(?P<name>[a-z0-9-]+))\.svg"(?P<post>[^>]*)>')


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _inputs_hash(root: Path) -> str:
    h = hashlib.sha256()
    for pattern in INPUT_GLOBS:
        for path in sorted(root.glob(pattern)):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def on_pre_build(config) -> None:
    root = _root(config)
    out = root / CACHE
    stamp = out / "inputs.sha256"
    digest = _inputs_hash(root)
    if (out / "manifest.json").exists() and stamp.exists() and stamp.read_text() == digest:
        return
    proc = subprocess.run(
        [sys.executable, "-m", "scripts.figures.build", str(out)],
        cwd=root, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise PluginError(f"그림을 만들지 못했습니다:\n{proc.stdout}{proc.stderr}")
    stamp.write_text(digest)


def on_files(files: Files, config) -> Files:
    out = _root(config) / CACHE
    manifest = json.loads((out / "manifest.json").read_text())
    for name in manifest:
        for filename in (f"{name}.svg", f"{name}.dark.svg"):
            path = out / filename
            if not path.is_file():
                raise PluginError(f"그림 파일이 없습니다: {path}")
            files.append(File.generated(config, f"figures/{filename}", abs_src_path=str(path)))
    # 수치 표는 빌드마다 한 번만 읽어 두고 페이지마다 씁니다.
    _TABLES.clear()
    _TABLES.update({p.name[: -len(".data.html")]: p.read_text(encoding="utf-8") for p in out.glob("*.data.html")})
    return files


SVG_SIZE = re.compile(rb'<svg[^>]*? width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def _size_attrs(path: Path) -> str:
    """SVG 의 크기(pt)를 img 의 width/height(px)로: 지연 로딩 전에도 자리를 잡아 글이 밀리지 않게."""
    m = SVG_SIZE.search(path.read_bytes()[:2000])
    if not m:
        raise PluginError(f"그림 크기를 읽지 못했습니다: {path}")
    return f' width="{round(float(m["w"]) * 4 / 3)}" height="{round(float(m["h"]) * 4 / 3)}"'


def on_page_content(html: str, page, config, files) -> str:
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

    html = IMG.sub(both_variants, html)
    # 복잡한 그림(경로, 히스토그램 …)의 수치 표: 그림 아래 접힌 표로(scripts/figures 의 @figure_data).
    from scripts.figures import attach_data

    return attach_data(html, _TABLES)


def on_post_build(config) -> None:
    """페이지가 가리키는 그림(밝은·어두운 둘 다)이 사이트에 모두 있는지. 하나라도 없으면 배포하지 않습니다."""
    from scripts.site_check import missing_images

    missing = missing_images(Path(config["site_dir"]))
    if missing:
        raise PluginError("페이지가 가리키는 그림이 사이트에 없습니다(hooks/figures.py 가 밝은·어두운 SVG 를 모두 "
                          "site/figures/ 에 넣는지, 그림 이름이 scripts/figures 에 등록되어 있는지 확인하세요):\n  "
                          + "\n  ".join(missing))
