"""I. 딥러닝 배경지식의 그림들(F01, F02, F04, F05, F06).

도식은 matplotlib 패치(Circle, FancyBboxPatch, FancyArrowPatch)로 그리고, 점·경계는
snippets.perceptron / snippets.mlp 의 함수로 계산합니다. 아래 도식 도우미는 basics.py 도 씁니다.
"""
import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch

from scripts.figures import figure
from scripts.figures.style import color
from snippets.mlp import xor_mlp
from snippets.perceptron import GATES, INPUTS, XOR, truth_table

NODE_R = 0.28


# ---------------------------------------------------------------------------------------------
# 도식 도우미
# ---------------------------------------------------------------------------------------------
def canvas(ax, xlim, ylim):
    """격자·축 없는 도식용 Axes(가로세로 비율 1)."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()


def node(ax, xy, label="", r=NODE_R, edge=None, fill=None, size=11, lw=1.6):
    ax.add_patch(Circle(xy, r, facecolor=fill or color("panel"), edgecolor=edge or color("fg"), lw=lw, zorder=3))
    if label:
        ax.text(*xy, label, ha="center", va="center", fontsize=size, color=color("fg"), zorder=4)


def arrow(ax, start, end, c=None, lw=1.3, shrink=0, style="-|>", ms=10, z=2):
    """start→end 화살표(데이터 좌표). shrink 는 양 끝에서 비울 길이(pt)."""
    ax.add_patch(FancyArrowPatch(
        start, end, arrowstyle=style, mutation_scale=ms, color=c or color("muted"), lw=lw,
        shrinkA=shrink, shrinkB=shrink, zorder=z,
    ))


def box(ax, xy, w, h, text="", c=None, fill=None, size=10.5, ls="-", lw=1.4, pad=0.08, z=1, tc=None):
    """왼쪽 아래 모서리 xy, 너비 w, 높이 h 인 둥근 상자(가운데에 글자)."""
    ax.add_patch(FancyBboxPatch(
        xy, w, h, boxstyle=f"round,pad={pad}", facecolor=fill or "none",
        edgecolor=c or color("muted"), lw=lw, ls=ls, zorder=z,
    ))
    if text:
        ax.text(xy[0] + w / 2, xy[1] + h / 2, text, ha="center", va="center", fontsize=size,
                color=tc or color("fg"), zorder=z + 1, linespacing=1.35)


def edge(ax, a, b, c=None, lw=1.3, r=NODE_R, ms=10):
    """노드 중심 a → b 화살표(두 원의 테두리 사이)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    u = (b - a) / np.linalg.norm(b - a)
    arrow(ax, a + u * r, b - u * r, c=c, lw=lw, shrink=0, ms=ms)


# ---------------------------------------------------------------------------------------------
# F01 두 가지 흐름: 사람이 특성을 뽑는 머신러닝 vs 특성까지 배우는 딥러닝
# ---------------------------------------------------------------------------------------------
def _face(ax, cx, cy, s=0.55, ruler=False):
    fg, muted = color("fg"), color("muted")
    ax.add_patch(Ellipse((cx, cy), 1.5 * s, 1.9 * s, facecolor=color("panel"), edgecolor=fg, lw=1.4, zorder=3))
    for dx in (-0.28 * s, 0.28 * s):
        ax.add_patch(Circle((cx + dx, cy + 0.22 * s), 0.09 * s, color=fg, zorder=4))
    ax.plot([cx, cx - 0.08 * s, cx + 0.05 * s], [cy + 0.1 * s, cy - 0.22 * s, cy - 0.24 * s],
            color=fg, lw=1.2, zorder=4)
    ax.plot([cx - 0.25 * s, cx + 0.25 * s], [cy - 0.5 * s, cy - 0.5 * s], color=fg, lw=1.2, zorder=4)
    if ruler:  # 사람이 재는 값: 코 길이, 미간 길이
        bad = color("bad")
        ax.plot([cx + 0.2 * s] * 2, [cy + 0.1 * s, cy - 0.24 * s], color=bad, lw=1.6, zorder=5)
        ax.plot([cx - 0.19 * s, cx + 0.19 * s], [cy + 0.42 * s] * 2, color=bad, lw=1.6, zorder=5)
        ax.add_patch(Circle((cx - 0.28 * s, cy + 0.22 * s), 0.2 * s, fill=False, ec=bad, lw=1.3, zorder=5))
        ax.add_patch(Circle((cx + 0.28 * s, cy + 0.22 * s), 0.2 * s, fill=False, ec=bad, lw=1.3, zorder=5))
    ax.text(cx, cy - 1.25 * s, "입력: 얼굴 사진", ha="center", va="top", fontsize=9.5, color=muted)


@figure("ml-vs-dl-pipeline", size=(7.6, 3.9))
def draw_pipelines(ax):
    canvas(ax, (-0.9, 11.2), (-0.6, 5.3))
    fg, fn, bad, muted = color("fg"), color("fn"), color("bad"), color("muted")
    rows = {"ml": 3.75, "dl": 1.05}
    ax.text(-0.8, 5.15, "전통적인 머신러닝", fontsize=11.5, fontweight="bold", color=fg, va="top")
    ax.text(-0.8, 2.45, "딥러닝", fontsize=11.5, fontweight="bold", color=fg, va="top")

    y = rows["ml"]
    _face(ax, 0.4, y, ruler=True)
    box(ax, (2.0, y - 0.75), 3.3, 1.5, "사람이 특성 추출\n눈·코 위치, 코 길이,\n미간 길이, 얼굴형 → 숫자",
        c=bad, size=9.5)
    box(ax, (6.3, y - 0.45), 1.9, 0.9, "분류기", c=muted)
    box(ax, (9.2, y - 0.45), 1.7, 0.9, "출력\n(누구인가)", c=muted, size=9.5)
    for a, b in [((1.15, y), (1.9, y)), ((5.42, y), (6.2, y)), ((8.3, y), (9.1, y))]:
        arrow(ax, a, b, shrink=0)

    y = rows["dl"]
    _face(ax, 0.4, y)
    box(ax, (2.0, y - 0.75), 6.2, 1.5, "", c=fn, lw=1.8)
    ax.text(5.1, y + 0.92, "신경망: 특성 추출과 분류를 함께 학습", ha="center", fontsize=9.5, color=fn)
    cols = [np.linspace(-0.45, 0.45, k) for k in (3, 4, 4, 2)]
    xs = np.linspace(2.6, 7.6, len(cols))
    for (x0, c0), (x1, c1) in zip(zip(xs, cols), zip(xs[1:], cols[1:])):
        for ya in c0:
            for yb in c1:
                ax.plot([x0, x1], [y + ya, y + yb], color=muted, lw=0.6, zorder=2)
    for x, col in zip(xs, cols):
        for yy in col:
            ax.add_patch(Circle((x, y + yy), 0.11, facecolor=color("panel"), edgecolor=fn, lw=1.2, zorder=3))
    box(ax, (9.2, y - 0.45), 1.7, 0.9, "출력\n(누구인가)", c=muted, size=9.5)
    for a, b in [((1.15, y), (1.9, y)), ((8.3, y), (9.1, y))]:
        arrow(ax, a, b, shrink=0)


# ---------------------------------------------------------------------------------------------
# F02 퍼셉트론 하나
# ---------------------------------------------------------------------------------------------
@figure("perceptron-diagram", size=(6.4, 3.0))
def draw_perceptron(ax):
    canvas(ax, (-1.3, 5.6), (-0.95, 2.05))
    fg, fn, muted = color("fg"), color("fn"), color("muted")
    x1, x2, out = (0, 1.4), (0, 0.0), (2.6, 0.7)
    node(ax, x1, "x₁")
    node(ax, x2, "x₂")
    node(ax, out, "", r=0.42, edge=fn)
    ax.plot([out[0], out[0]], [out[1] - 0.42, out[1] + 0.42], color=fn, lw=1.2, zorder=4)
    ax.text(out[0] - 0.2, out[1], "Σ", ha="center", va="center", fontsize=13, color=fg, zorder=5)
    sx = out[0] + 0.2 + np.array([-0.13, 0.0, 0.0, 0.13])
    ax.plot(sx, out[1] + np.array([-0.1, -0.1, 0.1, 0.1]), color=fg, lw=1.4, zorder=5)
    edge(ax, x1, out, r=0.3)
    edge(ax, x2, out, r=0.3)
    ax.text(1.2, 1.28, "w₁", fontsize=11, color=fn)
    ax.text(1.2, 0.02, "w₂", fontsize=11, color=fn)
    arrow(ax, (2.6, 1.85), (2.6, 1.14), shrink=0)
    ax.text(2.75, 1.7, "편향 b", fontsize=10.5, color=fg)
    arrow(ax, (3.04, 0.7), (4.1, 0.7), shrink=0)
    ax.text(4.2, 0.7, "y", fontsize=12, va="center", color=fg)
    box(ax, (-0.45, -0.45), 0.9, 2.3, c=muted, ls="--", lw=1.1)
    ax.text(0, -0.7, "입력층", ha="center", va="top", fontsize=10, color=muted)
    box(ax, (2.1, 0.2), 1.0, 1.0, c=muted, ls="--", lw=1.1)
    ax.text(2.6, -0.05, "출력층", ha="center", va="top", fontsize=10, color=muted)
    ax.text(4.55, -0.35, "z = w₁x₁ + w₂x₂ + b\ny = step(z)", ha="center", va="top", fontsize=10, color=fg)


# ---------------------------------------------------------------------------------------------
# F04 AND·OR 는 직선 하나로 나뉘고 XOR 은 나뉘지 않는다
# ---------------------------------------------------------------------------------------------
def _points(ax, targets, wrong=()):
    for (x1, x2), t in zip(INPUTS.T, targets):
        if t:
            ax.plot(x1, x2, "x", ms=11, mew=2.6, color=color("good"), zorder=4)
        else:
            ax.plot(x1, x2, "o", ms=10, mew=2.0, mfc="none", color=color("fn"), zorder=4)
    for x1, x2 in wrong:
        ax.add_patch(Circle((x1, x2), 0.2, fill=False, ec=color("bad"), lw=2.0, ls="--", zorder=5))
    _unit_square(ax)
    ax.set_xlabel("x₁")


def _unit_square(ax):
    """네 점 (0,0)…(1,1)을 둘러싼 정사각형 좌표."""
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])


def _line(ax, w, b, c):
    """w₁x₁ + w₂x₂ + b = 0 과, 출력이 1인 쪽 옅은 칠."""
    x = np.linspace(-0.5, 1.5, 2)
    y = -(w[0] * x + b) / w[1]
    ax.plot(x, y, color=c, lw=2.0)
    ax.fill_between(x, y, 1.5 if w[1] > 0 else -0.5, color=color("good"), alpha=0.12, lw=0)


@figure("and-or-xor", size=(7.6, 2.95), grid=(1, 3))
def draw_and_or_xor(axes):
    for ax, name in zip(axes[:2], ("AND", "OR")):
        w, b = GATES[name]
        _line(ax, w, b, color("fn"))
        _points(ax, truth_table(w, b))
        ax.set_title(f"{name}: 직선 하나로 나뉨", fontsize=10.5)
    ax = axes[2]
    w, b = GATES["OR"]
    _line(ax, w, b, color("bad"))
    wrong = [tuple(x) for x, y, t in zip(INPUTS.T, truth_table(w, b), XOR) if y != t]
    _points(ax, XOR, wrong=wrong)
    ax.set_title("XOR: 어떤 직선도 실패", fontsize=10.5)
    ax.text(-0.45, 1.45, "많아야 4개 중 3개", ha="left", va="top", fontsize=9, color=color("bad"))
    axes[0].set_ylabel("x₂")


# ---------------------------------------------------------------------------------------------
# F05 2-2-1 다층 퍼셉트론
# ---------------------------------------------------------------------------------------------
@figure("mlp-2-2-1", size=(6.6, 3.4))
def draw_mlp_221(ax):
    canvas(ax, (-0.8, 6.3), (-1.05, 2.6))
    fg, fn, muted = color("fg"), color("fn"), color("muted")
    xs = [(0, 1.8), (0, 0.2)]
    hs = [(2.6, 1.8), (2.6, 0.2)]
    out = (5.0, 1.0)
    box(ax, (2.15, -0.55), 0.9, 2.85, c=fn, fill=color("panel"), lw=1.8, z=0)
    ax.text(2.6, -0.78, "은닉층", ha="center", va="top", fontsize=10.5, color=fn)
    ax.text(0, -0.78, "입력층", ha="center", va="top", fontsize=10.5, color=muted)
    ax.text(5.0, -0.78, "출력층", ha="center", va="top", fontsize=10.5, color=muted)
    for xy, lab in zip(xs, ("x₁", "x₂")):
        node(ax, xy, lab)
    for xy, lab in zip(hs, ("a₁", "a₂")):
        node(ax, xy, lab, edge=fn)
    node(ax, out, "ŷ")
    for x in xs:
        for h in hs:
            edge(ax, x, h)
    for h in hs:
        edge(ax, h, out)
    # 가중치 이름은 화살표 위, 도착 노드 가까이(아래첨자 = 도착, 출발)
    tag = dict(fontsize=10, color=fg, ha="center", va="center", zorder=6,
               bbox=dict(boxstyle="round,pad=0.12", fc=color("panel"), ec="none"))
    for (j, i), t in {(1, 1): 0.55, (2, 1): 0.72, (1, 2): 0.72, (2, 2): 0.55}.items():
        a, b = np.array(xs[i - 1]), np.array(hs[j - 1])
        ax.text(*(a + t * (b - a)), rf"$w^{{[1]}}_{{{j}{i}}}$", **tag)
    for i in (1, 2):
        a, b = np.array(hs[i - 1]), np.array(out)
        ax.text(*(a + 0.5 * (b - a)), rf"$w^{{[2]}}_{{1{i}}}$", **tag)
    small = dict(color=muted, fontsize=10, ha="center", va="top")
    ax.text(2.6, 1.45, r"$+\,b^{[1]}_1$", **small)
    ax.text(2.6, -0.15, r"$+\,b^{[1]}_2$", **small)
    ax.text(5.0, 0.65, r"$+\,b^{[2]}_1$", **small)


# ---------------------------------------------------------------------------------------------
# F06 은닉층이 XOR 을 푸는 모습: 입력 공간의 띠, 은닉 공간의 직선
# ---------------------------------------------------------------------------------------------
@figure("mlp-xor-boundary", size=(7.2, 3.4), grid=(1, 2))
def draw_mlp_xor(axes):
    ax, bx = axes
    g = np.linspace(-0.5, 1.5, 161)
    g1, g2 = np.meshgrid(g, g)
    Y, _ = xor_mlp(np.vstack([g1.ravel(), g2.ravel()]))
    ax.contourf(g1, g2, Y.reshape(g1.shape), levels=[0.5, 1.5], colors=[color("good")], alpha=0.18)
    for w, b in [(np.array([1.0, 1.0]), -0.5), (np.array([-1.0, -1.0]), 1.5)]:
        x = np.linspace(-0.5, 1.5, 2)
        ax.plot(x, -(w[0] * x + b) / w[1], color=color("fn"), lw=1.6, ls="--")
    _points(ax, XOR)
    ax.set_ylabel("x₂")
    ax.set_title("입력 공간: OR 선과 NAND 선 사이가 1", fontsize=10.5)

    _, acts = xor_mlp(INPUTS)
    H = acts[1]
    for (h1, h2), t, x in zip(H.T, XOR, INPUTS.T):
        mk = dict(ms=11, mew=2.6, color=color("good")) if t else dict(ms=10, mew=2.0, mfc="none", color=color("fn"))
        bx.plot(h1, h2, "x" if t else "o", zorder=4, **mk)
    bx.text(0.95, 1.12, "x = (0,1), (1,0)", fontsize=9, color=color("good"))
    bx.text(0.0, 0.84, "x = (0,0)", fontsize=9, color=color("fn"), ha="center", va="top")
    bx.text(1.08, -0.1, "x = (1,1)", fontsize=9, color=color("fn"))
    x = np.linspace(-0.5, 1.5, 2)
    bx.plot(x, 1.5 - x, color=color("good"), lw=2.0)
    _unit_square(bx)
    bx.set_xlabel("a₁ (OR)")
    bx.set_ylabel("a₂ (NAND)")
    bx.set_title("은닉 공간: 직선 하나로 나뉨", fontsize=10.5)
