"""포함 줄(--8<-- "파일:구간")을 미리 검사해, 고칠 곳을 말하는 메시지를 만듭니다(MkDocs 없이 부를 수 있음).

pymdownx.snippets 는 "Snippet section 'x' could not be located" 만 말합니다. 여기서는 그 .md 의 줄, 스니펫 파일,
있는 구간들, 가장 가까운 이름(difflib)까지 알려 줍니다. 빌드(hooks/snippet_check.py)와 문서 테스트
(tests/docblocks.py)가 같은 함수를 씁니다.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

INCLUDE = re.compile(r'^\s*(?:;\s*)?--8<--\s+"(?P<path>[^":]+)(?::(?P<section>[A-Za-z0-9_-]+))?"\s*$')
SECTION = re.compile(r"--8<--\s+\[start:(?P<name>[A-Za-z0-9_-]+)\]")


def sections(path: Path) -> list[str]:
    return SECTION.findall(path.read_text(encoding="utf-8"))


def include_problems(md_name: str, text: str, root: Path) -> list[str]:
    """포함 줄마다 파일·구간이 있는지. 문제마다 "파일:줄: 무엇이 틀렸고 어떻게 고치나" 한 줄."""
    problems = []
    for no, line in enumerate(text.split("\n"), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        target = root / m["path"]
        where = f"{md_name}:{no}"
        if not target.is_file():
            near = difflib.get_close_matches(m["path"], [p.relative_to(root).as_posix() for p in
                                                          root.glob(f"{Path(m['path']).parts[0]}/**/*")
                                                          if p.is_file()], n=1)
            hint = f" 혹시 {near[0]!r} 인가요?" if near else ""
            problems.append(f"{where}: 포함할 파일 {m['path']} 이(가) 없습니다.{hint}")
            continue
        if m["section"] is None:
            continue
        have = sections(target)
        if m["section"] not in have:
            near = difflib.get_close_matches(m["section"], have, n=1, cutoff=0.5)
            hint = f" 혹시 {near[0]!r} 인가요?" if near else ""
            problems.append(f"{where}: {m['path']} 에 구간 {m['section']!r} 이(가) 없습니다.{hint} "
                            f"있는 구간: {', '.join(have) or '(없음)'} — 포함 줄의 이름이나 스니펫의 "
                            f"'# --8<-- [start:…]' 표시를 고치세요.")
    return problems
