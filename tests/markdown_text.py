"""페이지 원본(.md)을 줄마다 읽되 코드 펜스와 HTML 주석은 빼는 한 가지 방법: 용어 검사(tests/test_terms.py)와
읽기 흐름 검사(tests/test_reading.py)가 함께 씁니다."""
from __future__ import annotations

import re
from pathlib import Path

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def lines_outside_code(path: Path, strip_display_math: bool = False):
    """(줄 번호, 줄) — 코드 펜스 안의 줄과 HTML 주석(여러 줄 가능)은 뺍니다. 인라인 코드는 남깁니다.

    strip_display_math 면 $$ … $$(여러 줄 가능)도 지우고, 수식 안의 ``` 는 펜스로 보지 않습니다.
    """
    fence = None
    in_comment = in_math = False
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        m = FENCE.match(line)
        if m and not in_comment and not in_math:
            fence = m.group(1)
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = re.sub(r"<!--.*?-->", "", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        if strip_display_math:
            parts, out = line.split("$$"), []
            for k, part in enumerate(parts):
                if k > 0:
                    in_math = not in_math
                if not in_math:
                    out.append(part)
            line = " ".join(out)
        yield no, line
