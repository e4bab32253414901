"""KaTeX(npm 패키지)를 빌드 결과의 assets/katex/ 로 복사합니다.

저장소에는 KaTeX를 넣지 않습니다. package-lock.json 으로 고정한 node_modules/katex 에서
필요한 파일만 MkDocs 파일 목록에 더해, mkdocs build 와 mkdocs serve 모두에서 쓰이게 합니다.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

KATEX_DIST = Path("node_modules/katex/dist")
NEEDED = ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js"]


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent / KATEX_DIST
    missing = [name for name in NEEDED if not (root / name).is_file()]
    if missing:
        raise PluginError(
            f"KaTeX 파일이 없습니다: {', '.join(missing)} ({root}). "
            "`make setup`(또는 npm ci)을 먼저 실행하세요."
        )
    names = NEEDED + sorted(
        p.relative_to(root).as_posix() for p in (root / "fonts").glob("*.woff2")
    )
    for name in names:
        files.append(
            File.generated(config, f"assets/katex/{name}", abs_src_path=str(root / name))
        )
    return files
