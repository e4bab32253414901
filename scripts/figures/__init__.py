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
_INFRA = {"style", "build", "job"}
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


@dataclass(frozen=True)
class FigureData:
    """대체 텍스트로는 다 전할 수 없는 그림(경로, 히스토그램, 막대)의 수치: 그림 아래 접힌 표로 붙습니다.

    summary 는 표를 읽는 법을 말하는 한두 문장(합니다체), columns 는 열 제목, rows 는 칸마다 보이는 글자입니다.
    그림과 같은 데이터에서 계산하므로 그림과 표가 어긋나지 않습니다.
    """
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


# 그림 이름 → 그 그림의 수치를 돌려주는 함수(그림을 그리는 함수와 같은 모듈에서 같은 데이터로)
DATA: dict[str, Callable[[], FigureData]] = {}


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


def figure_data(name: str):
    """그림 `name` 의 긴 설명(수치 표)을 만드는 함수를 등록합니다. 스크린 리더 사용자와 그림을 볼 수 없는 독자를 위해
    페이지의 그림 바로 아래에 접힌 <details> 표로 들어갑니다(hooks/figures.py)."""

    def register(make: Callable[[], FigureData]) -> Callable[[], FigureData]:
        DATA[name] = make
        return make

    return register


def data_html(name: str, data: FigureData) -> str:
    """FigureData 를 접힌 표 HTML 로. id 는 그림의 aria-describedby 가 가리킵니다."""
    from html import escape

    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in data.columns)
    body = "".join(
        "<tr>" + "".join((f'<th scope="row">{escape(v)}</th>' if k == 0 else f"<td>{escape(v)}</td>")
                         for k, v in enumerate(row)) + "</tr>"
        for row in data.rows
    )
    return (
        f'<details class="figure-data" id="figure-data-{name}"><summary>그림의 수치를 표로 보기</summary>'
        f"<p>{escape(data.summary)}</p>"
        f'<div class="figure-data__table" role="region" tabindex="0" aria-label="그림의 수치 표"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
        f"</details>"
    )


_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.DOTALL)
_SRC_NAME = re.compile(r'src="[^"]*?figures/(?P<name>[a-z0-9-]+)(?:\.dark)?\.svg[^"]*"')


def attach_data(html: str, tables: dict[str, str]) -> str:
    """페이지 HTML 의 <figure> 가운데 수치 표가 있는 그림 뒤에 표를 붙이고, 그 그림(img)이 표를 설명으로 가리키게
    (aria-describedby) 합니다. tables: 그림 이름 → data_html 의 결과."""

    def one(m: re.Match) -> str:
        block = m[0]
        names = {s["name"] for s in _SRC_NAME.finditer(block)}
        hit = sorted(names & set(tables))
        if not hit:
            return block
        for name in hit:
            block = re.sub(rf'(<img\b[^>]*?figures/{name}(?:\.dark)?\.svg[^>]*?)(/?>)',
                           rf'\1 aria-describedby="figure-data-{name}"\2', block)
        return block + "".join(tables[n] for n in hit)

    return _FIGURE.sub(one, html)


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
