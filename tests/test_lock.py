"""잠금 파일이 선언과 맞는지: requirements.in 에 적은 패키지와 requirements.lock 의 직접 의존성(`-r requirements.in`)이
같아야 합니다. 하나를 더하거나 빼고 `make lock` 을 잊으면 환경에 그 패키지가 없거나 남습니다."""
from __future__ import annotations

import re

from tests.conftest import ROOT

NAME = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(text: str) -> dict[str, int]:
    """requirements.in 의 패키지 이름 → 줄 번호(주석·빈 줄 제외)."""
    out = {}
    for no, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line and (m := NAME.match(line)):
            out[_norm(m["name"])] = no
    return out


def direct_pins(lock: str) -> set[str]:
    """requirements.lock 에서 `via -r requirements.in` 이 붙은(직접 선언된) 패키지."""
    names, current = set(), None
    for line in lock.splitlines():
        if m := PIN.match(line):
            current = _norm(m["name"])
        elif current and "-r requirements.in" in line:
            names.add(current)
    return names


def lock_problems(req_in: str, lock: str) -> list[str]:
    want, have = declared(req_in), direct_pins(lock)
    problems = [f"requirements.in:{no}: {name} 이(가) requirements.lock 에 없습니다 — `make lock` 으로 잠금 파일을 다시 만드세요"
                for name, no in sorted(want.items(), key=lambda kv: kv[1]) if name not in have]
    problems += [f"requirements.lock: {name} 은(는) requirements.in 에서 지워졌습니다 — `make lock` 으로 잠금 파일을 다시 만드세요"
                 for name in sorted(have - set(want))]
    return problems


def test_lock_matches_what_the_project_declares():
    problems = lock_problems((ROOT / "requirements.in").read_text(encoding="utf-8"),
                             (ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_lock_check_names_the_drift():
    lock = "numpy==2.0 \\\n    --hash=sha256:x\n    # via -r requirements.in\nsix==1 \\\n    # via\n    #   -r requirements.in\n"
    assert lock_problems("numpy\nsix\n", lock) == []
    assert lock_problems("numpy\n# 주석\nsix\nrich>=13\n", lock) == [
        "requirements.in:4: rich 이(가) requirements.lock 에 없습니다 — `make lock` 으로 잠금 파일을 다시 만드세요"]
    assert lock_problems("numpy\n", lock) == [
        "requirements.lock: six 은(는) requirements.in 에서 지워졌습니다 — `make lock` 으로 잠금 파일을 다시 만드세요"]
