"""테스트용 표시 주석(<!--pytest-codeblocks:…-->)을 페이지 HTML 에서 빼는 훅(어댑터): scripts/codeblock_marks.py."""
from __future__ import annotations

from scripts.codeblock_marks import blank_marks


def on_page_markdown(markdown: str, page, config, files) -> str:
    return blank_marks(markdown)
