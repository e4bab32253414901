"""테마 템플릿(jinja2)의 컴파일 결과를 프로세스 안에 둡니다: make serve 가 거듭 빌드할 때 Material 의 템플릿
수십 개를 빌드마다 다시 컴파일하지 않게(빌드 속도만). jinja2 는 원본의 체크섬이 같을 때만 이것을 쓰므로,
템플릿(overrides/ 포함)을 고치면 다시 컴파일합니다. hooks/dirty_deps.py 가 MkDocs 의 jinja 환경에 붙입니다.
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_shared = MemoryBytecodeCache()


def shared() -> MemoryBytecodeCache:
    return _shared
