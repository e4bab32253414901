"""make serve 처럼 한 프로세스에서 거듭 빌드할 때: 입력이 같으면 지난번에 만든 결과를 다시 씁니다(빌드 속도만).

열쇠는 결과를 정하는 입력 전부의 해시여야 합니다(부르는 쪽이 정함). 프로세스가 끝나면 잊습니다.
"""
from __future__ import annotations

import hashlib

_store: dict[tuple[str, str], tuple[str, object]] = {}


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\0")
    return h.hexdigest()


def get(space: str, name: str, key: str):
    """(space, name) 에 key 로 적어 둔 결과, 없거나 열쇠가 다르면 None."""
    hit = _store.get((space, name))
    return hit[1] if hit is not None and hit[0] == key else None


def put(space: str, name: str, key: str, value) -> None:
    _store[(space, name)] = (key, value)
