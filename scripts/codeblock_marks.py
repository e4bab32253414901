"""pytest-codeblocks 의 표시 주석(`<!--pytest-codeblocks:cont-->`, `…:expected-output-->` 등)을 페이지에서 빼기.

표시는 테스트(tests/docblocks.py)와 노트북 만들기(scripts/notebook.py)가 .md 원본에서 읽는 것이고 독자에게는 쓸모가
없습니다. 게다가 상자(??? / !!!) 안처럼 들여 쓴 주석은 파이썬 마크다운이 HTML 블록으로 보지 않아 문단이 되고, 바로
뒤의 코드 블록이 그 문단(<p>) 안에 들어가 브라우저가 빈 문단을 만듭니다. 줄을 지우지 않고 비워 두므로 줄 번호(오류
메시지)와 블록의 경계는 그대로입니다. 훅은 hooks/codeblock_marks.py.
"""
from __future__ import annotations

import re

MARK = re.compile(r"^[ \t]*<!--\s*pytest-codeblocks:[\w-]+\s*-->[ \t]*$")


def blank_marks(markdown: str) -> str:
    """표시 주석만 있는 줄을 빈 줄로(코드 펜스 안의 같은 줄은 남깁니다)."""
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence and stripped.startswith(fence) and not stripped.strip(fence[0]):
            fence = None
        elif fence is None and MARK.match(line):
            line = ""
        out.append(line)
    return "\n".join(out)
