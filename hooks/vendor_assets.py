"""npm 패키지의 프런트엔드 자산을 빌드 결과의 assets/ 로 복사합니다(저장소에는 넣지 않음).

- KaTeX(수식): node_modules/katex/dist → assets/katex/

본문 글꼴(Pretendard)은 여기서 복사하지 않습니다: hooks/fonts.py 가 빌드 끝에 사이트가 쓰는 글자만 남겨 씁니다.

package-lock.json 으로 고정한 node_modules 에서 필요한 파일만 MkDocs 파일 목록에 더하므로
mkdocs build 와 mkdocs serve 모두에서 쓰이고, 다른 호스트에 요청할 일이 없습니다.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# 사이트 안의 폴더 → (node_modules 안의 원본 폴더, 꼭 있어야 하는 파일, 함께 복사할 glob)
VENDOR = {
    "assets/katex": (
        "node_modules/katex/dist",
        ["katex.min.css"],  # 수식은 빌드 때 그리므로(hooks/math_check.py) 스타일시트와 글꼴만
        ["fonts/*.woff2"],
    ),
}


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    for dest, (src, required, globs) in VENDOR.items():
        base = root / src
        missing = [name for name in required if not (base / name).is_file()]
        extra = sorted(p.relative_to(base).as_posix() for g in globs for p in base.glob(g))
        if missing or not extra:
            raise PluginError(
                f"{src} 에 필요한 파일이 없습니다: {missing or globs}. `make setup`(npm ci)을 먼저 실행하세요."
            )
        for name in required + extra:
            files.append(File.generated(config, f"{dest}/{name}", abs_src_path=str(base / name)))
    return files
