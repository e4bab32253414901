"""실습 쪽의 그림: iris 모델 구조(F41)와 L층 신경망의 cache 흐름(F40).

그림에 적는 숫자(매개변수 개수, cache 속 배열의 모양)는 snippets 의 코드를 실제로 돌려 얻습니다.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyBboxPatch

from scripts.figures import figure
from scripts.figures.style import color
from snippets.deep_nn import backward_model, forward_model, initialize_parameters
from snippets.iris import MLP, SPECIES

IRIS_SIZES = (4, 30, 16, 3)


def _column(n_total: int, shown: int) -> list[float | None]:
    """세로로 놓을 노드 위치. 많으면 위·아래 몇 개와 가운데 '⋮'(None)만 그립니다."""
    if n_total <= shown:
        return list(np.linspace(-(n_total - 1) / 2, (n_total - 1) / 2, n_total))
    half = shown // 2
    ys = list(np.linspace(-(shown) / 2, (shown) / 2, shown + 1))
    return ys[:half] + [None] + ys[half + 1:]


@figure("iris-mlp", size=(7.6, 4.0))
def draw_iris_mlp(ax):
    model = MLP(IRIS_SIZES, seed=0)
    counts = [W.size + b.size for W, b in zip(model.W, model.b)]
    columns = [_column(n, 6) for n in IRIS_SIZES]
    fills = [color("muted"), color("fn"), color("fn"), color("deriv")]
    for c in range(len(columns) - 1):
        for y0 in columns[c]:
            for y1 in columns[c + 1]:
                if y0 is not None and y1 is not None:
                    ax.plot([c, c + 1], [y0, y1], color=color("grid"), lw=0.6, zorder=1)
        ax.text(c + 0.5, 3.55, f"{IRIS_SIZES[c]}·{IRIS_SIZES[c + 1]} + {IRIS_SIZES[c + 1]}\n= {counts[c]}",
                ha="center", va="bottom", fontsize=9.5, color=color("fg"))
    for c, ys in enumerate(columns):
        for y in ys:
            if y is None:
                continue
            ax.scatter([c], [y], s=150, color=fills[c], edgecolors=color("fg"), linewidths=0.6, zorder=3)
        if None in ys:
            ax.text(c, 0, r"$\vdots$", ha="center", va="center", fontsize=15, color=color("fg"), zorder=4)
    labels = ["입력 4", "은닉 30\nReLU", "은닉 16\nReLU", "출력 3\n소프트맥스"]
    for c, text in enumerate(labels):
        ax.text(c, -3.95, text, ha="center", va="top", fontsize=10.5, color=color("fg"))
    for y, name in zip(reversed(columns[-1]), SPECIES):  # 위에서부터 0, 1, 2번
        ax.text(3.18, y, name, ha="left", va="center", fontsize=10, color=color("fg"))
    ax.text(1.5, -5.55, f"매개변수 모두 {sum(counts)}개", ha="center", va="top", fontsize=10.5,
            color=color("deriv"), fontweight="bold")
    ax.set_xlim(-0.4, 3.85)
    ax.set_ylim(-6.3, 4.6)
    ax.axis("off")


def _box(ax, x, y, text, edge, w=1.62, h=0.66, size=10):
    ax.add_patch(FancyBboxPatch(
        (x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
        facecolor=color("panel"), edgecolor=edge, linewidth=1.4, zorder=2))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=color("fg"), zorder=3)


def _arrow(ax, start, end, col, style="-|>"):
    ax.annotate("", xy=end, xytext=start, zorder=1,
                arrowprops={"arrowstyle": style, "color": col, "lw": 1.4, "shrinkA": 0, "shrinkB": 0})


@figure("cache-flow", size=(7.6, 4.5))
def draw_cache_flow(ax):
    # 작은 망(2 → 4 → 3 → 1, 샘플 5개)을 실제로 돌려 cache 와 기울기의 모양을 읽습니다.
    dims, m = [2, 4, 3, 1], 5
    rng = np.random.default_rng(0)
    params = initialize_parameters(dims, seed=0)
    X, Y = rng.normal(size=(dims[0], m)), (rng.uniform(size=(1, m)) > 0.5).astype(float)
    AL, caches = forward_model(X, params)
    grads = backward_model(AL, Y, caches)
    L = len(caches)
    xs = [0.95 + 1.9 * l for l in range(L)]
    fwd_y, cache_y, bwd_y = 2.35, 0.95, -0.55
    fc, bc, cc = color("fn"), color("deriv"), color("muted")

    def shape(a):
        return "×".join(str(s) for s in a.shape)

    ax.text(-0.5, fwd_y, "순전파", ha="left", va="center", fontsize=10.5, color=fc, fontweight="bold")
    ax.text(-0.5, bwd_y, "역전파", ha="left", va="center", fontsize=10.5, color=bc, fontweight="bold")
    ax.text(-0.5, cache_y, "caches", ha="left", va="center", fontsize=10.5, color=color("fg"),
            fontweight="bold")
    for l, ((A_prev, W, b), Z) in enumerate(caches, 1):
        x = xs[l - 1]
        act = "sigmoid" if l == L else "relu"
        _box(ax, x, fwd_y, f"linear_forward\n→ {act}", fc)
        _box(ax, x, cache_y, f"$A^{{[{l - 1}]}}$ {shape(A_prev)}, $W^{{[{l}]}}$ {shape(W)}\n$b^{{[{l}]}}$ {shape(b)}  |  $Z^{{[{l}]}}$ {shape(Z)}",
             cc, w=1.8, h=0.74, size=8.8)
        back = "dZ = AL − Y\n→ linear_backward" if l == L else f"{act}_backward\n→ linear_backward"
        _box(ax, x, bwd_y, back, bc)
        _arrow(ax, (x, fwd_y - 0.31), (x, cache_y + 0.36), cc)
        _arrow(ax, (x, cache_y - 0.36), (x, bwd_y + 0.31), cc)
        dW, db = grads[f"dW{l}"], grads[f"db{l}"]
        ax.text(x, bwd_y - 0.45, f"dW{l} {shape(dW)}, db{l} {shape(db)}", ha="center", va="top",
                fontsize=9.5, color=bc)
        if l < L:
            _arrow(ax, (x + 0.81, fwd_y), (xs[l] - 0.81, fwd_y), fc)
            _arrow(ax, (xs[l] - 0.81, bwd_y), (x + 0.81, bwd_y), bc)
    end = xs[-1] + 1.6
    _box(ax, end, fwd_y, f"AL {shape(AL)}\ncompute_cost", fc, w=1.2)
    _arrow(ax, (xs[-1] + 0.81, fwd_y), (end - 0.6, fwd_y), fc)
    # 역전파는 1층에서 끝나므로, 모은 기울기는 왼쪽 아래의 갱신 단계로 넘어갑니다.
    upd_y = bwd_y - 1.3
    _box(ax, xs[0], upd_y, "모든 dW, db\n→ update_parameters", bc, w=1.7, h=0.56, size=9)
    _arrow(ax, (xs[0], bwd_y - 0.78), (xs[0], upd_y + 0.28), bc)
    # 비용을 구한 뒤(AL, Y) 역전파는 맨 오른쪽 층에서 시작합니다.
    _arrow(ax, (end - 0.3, fwd_y - 0.33), (xs[-1] + 0.6, bwd_y + 0.33), color("fg"))
    ax.text((end + xs[-1]) / 2 + 0.3, (fwd_y + bwd_y) / 2 + 0.1, "AL, Y", ha="left", va="center", fontsize=9, color=color("fg"))
    ax.text(xs[1] - 0.85, upd_y, "cache = (linear_cache, activation_cache) = ((A_prev, W, b), Z)\n"
            "순전파가 남기고, 역전파가 뒤에서부터 꺼내 씁니다", ha="left", va="center", fontsize=9,
            color=color("muted"))
    ax.set_xlim(-0.55, end + 0.65)
    ax.set_ylim(-2.2, 2.8)
    ax.axis("off")
