"""본문 글꼴 훅: 빌드가 끝난 사이트의 글자만 남긴 Pretendard(woff2 하나)와 그 CSS 를 assets/fonts/ 에 쓰고,
KaTeX 글꼴도 사이트의 수식이 쓰는 글자만 남긴 것으로 바꿉니다(assets/katex/fonts/, katex.min.css 의 주소).

페이지(노트북 페이지 포함)·검색 색인·Material 의 실행 중 문구를 다 쓴 뒤여야 하므로 on_post_build 에서,
다른 플러그인(search)이 색인을 쓴 뒤에 돕니다. 글자 집합이 그대로면 캐시(.cache/fonts)의 파일을 복사만 합니다.
일은 scripts/fonts.py 가 합니다.
"""
from __future__ import annotations

import os
from pathlib import Path

from scripts import fonts


def on_post_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    cache = root / os.environ.get("DLB_CACHE_DIR", ".cache") / "fonts"
    site = Path(config["site_dir"])
    fonts.install_all(site, cache)  # 본문·KaTeX 글꼴, 페이지마다 쓰는 글꼴을 <head> 에서 미리 받는 링크
