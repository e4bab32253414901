"""그림 등록소: 그림마다 주어진 Axes 위에 그리는 작은 함수 하나를 등록합니다.

    from scripts.figures import figure

    @figure("sigmoid", size=(6, 3.4))
    def sigmoid(ax):
        ...

장(chapter)별 모듈(`scripts/figures/<이름>.py`)은 `load_all()`이 자동으로 불러옵니다.
그림 파일은 `python -m scripts.figures.build <출력 폴더>`가 밝은·어두운 SVG로 씁니다.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable

# 그림 모듈이 아닌 기반 모듈
_INFRA = {"style", "build"}
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class FigureSpec:
    name: str
    draw: Callable
    module: str
    size: tuple[float, float] = (6.4, 3.6)
    grid: tuple[int, int] = (1, 1)
    subplot_kw: dict = field(default_factory=dict)


REGISTRY: dict[str, FigureSpec] = {}


def figure(name: str, *, size=(6.4, 3.6), grid=(1, 1), **subplot_kw):
    """그림 함수를 `name`(영어 슬러그)으로 등록합니다. grid가 (1, 1)이 아니면 Axes 배열을 받습니다."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"그림 이름은 영어 소문자 슬러그여야 합니다: {name!r}")

    def register(draw: Callable) -> Callable:
        if name in REGISTRY and REGISTRY[name].draw.__qualname__ != draw.__qualname__:
            raise ValueError(f"그림 이름이 겹칩니다: {name!r} ({REGISTRY[name].module}, {draw.__module__})")
        REGISTRY[name] = FigureSpec(name, draw, draw.__module__, tuple(size), tuple(grid), subplot_kw)
        return draw

    return register


def figure_modules() -> list[ModuleType]:
    """scripts/figures/ 안의 모든 그림 모듈을 불러옵니다."""
    package = importlib.import_module(__name__)
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_") and info.name not in _INFRA
    )
    return [importlib.import_module(f"{__name__}.{n}") for n in names]


def load_all() -> dict[str, FigureSpec]:
    figure_modules()
    return dict(sorted(REGISTRY.items()))
