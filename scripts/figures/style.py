"""그림의 밝은·어두운 테마와 한글 글꼴.

그림 함수는 색을 직접 적지 않고 `color("fn")`처럼 뜻으로 고릅니다.
같은 개념에는 같은 색: 함수는 파랑(fn), 도함수는 주황(deriv).
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import matplotlib
from matplotlib import font_manager

ROOT = Path(__file__).resolve().parents[2]
FONT_DIR = ROOT / "node_modules/pretendard/dist/public/static/alternative"
FONT_FILES = [FONT_DIR / "Pretendard-Regular.ttf", FONT_DIR / "Pretendard-Bold.ttf"]

THEMES = ("light", "dark")
PALETTES = {
    "light": {
        "fg": "#1f2330", "muted": "#6b7080", "grid": "#d9dbe3", "panel": "#eef0f7",
        "fn": "#2f5bd3", "deriv": "#e8710a", "good": "#1e8e3e", "bad": "#d93025",
        "extra": "#8e44ad", "ref": "#9aa0ad",
    },
    "dark": {
        "fg": "#e6e8ef", "muted": "#a3a8b8", "grid": "#3a3f4d", "panel": "#2a2f3c",
        "fn": "#7ea6ff", "deriv": "#ffa24d", "good": "#5fd07f", "bad": "#ff7a6e",
        "extra": "#c792ea", "ref": "#7d8494",
    },
}
_current = {"theme": "light"}


def color(key: str) -> str:
    """지금 그리는 테마에서 `key`(fn, deriv, good, bad, extra, ref, fg, muted, grid, panel)의 색."""
    return PALETTES[_current["theme"]][key]


def register_fonts() -> str:
    """package-lock.json으로 고정한 Pretendard 글꼴을 matplotlib에 등록합니다."""
    for path in FONT_FILES:
        if not path.is_file():
            raise FileNotFoundError(f"한글 글꼴이 없습니다: {path}. `npm ci`를 먼저 실행하세요.")
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(FONT_FILES[0])).get_name()


def rc(theme: str) -> dict:
    p = PALETTES[theme]
    return {
        "font.family": [register_fonts()],
        "font.size": 11,
        "mathtext.fontset": "dejavusans",
        "axes.unicode_minus": True,
        "svg.hashsalt": "dl-basics-ko",
        "svg.fonttype": "path",
        "text.color": p["fg"],
        "axes.labelcolor": p["fg"],
        "axes.edgecolor": p["muted"],
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "axes.grid": True,
        "grid.color": p["grid"],
        "grid.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(
            color=[p["fn"], p["deriv"], p["good"], p["bad"], p["extra"], p["ref"]]
        ),
        "xtick.color": p["muted"],
        "ytick.color": p["muted"],
        "xtick.labelcolor": p["fg"],
        "ytick.labelcolor": p["fg"],
        "legend.frameon": False,
        "lines.linewidth": 2.2,
        "figure.dpi": 100,
    }


@contextlib.contextmanager
def use(theme: str):
    if theme not in PALETTES:
        raise ValueError(f"모르는 테마: {theme!r}")
    previous = _current["theme"]
    _current["theme"] = theme
    try:
        with matplotlib.rc_context(rc(theme)):
            yield
    finally:
        _current["theme"] = previous
