"""II. 신경망과 딥러닝의 그림들(F07, F08, F17, F18).

도식 도우미는 background.py 의 것을 함께 씁니다. 곡선은 snippets.losses 로 계산합니다.
"""
import numpy as np
from matplotlib.collections import LineCollection

from scripts.figures import figure
from scripts.figures.background import box, canvas, edge, node
from scripts.figures.style import color
from snippets.depth import count_pieces, deep_tent
from snippets.losses import ce_grad_logit, cross_entropy, sse_grad_logit


def _column(x, n, spread):
    return [(x, y) for y in np.linspace(spread / 2, -spread / 2, n)] if n > 1 else [(x, 0.0)]


# ---------------------------------------------------------------------------------------------
# F07 깊은 완전 연결 신경망과 층 세기
# ---------------------------------------------------------------------------------------------
@figure("deep-network", size=(7.4, 3.6))
def draw_deep_network(ax):
    canvas(ax, (-0.8, 9.0), (-2.75, 2.0))
    fn, muted, fg = color("fn"), color("muted"), color("fg")
    sizes = [2, 3, 3, 3, 1]
    cols = [_column(1.9 * k, n, 1.0 * (n - 1)) for k, n in enumerate(sizes)]
    for left, right in zip(cols, cols[1:]):      # 완전 연결: 선 묶음 하나로(화살촉 없이, 빠르게)
        segs = [[a, b] for a in left for b in right]
        ax.add_collection(LineCollection(segs, colors=muted, linewidths=0.9, zorder=2))
    names = ["x₁", "x₂"]
    for k, col in enumerate(cols):
        for i, xy in enumerate(col):
            label = names[i] if k == 0 else ("ŷ" if k == len(cols) - 1 else "")
            node(ax, xy, label, r=0.24, edge=fn if 0 < k < len(cols) - 1 else fg, size=10)
    for k in range(1, len(cols)):
        ax.text(1.9 * k - 0.95, 1.45, rf"$W^{{[{k}]}}$", ha="center", fontsize=11.5, color=fn)
    labels = ["입력층\n(세지 않음)", "은닉층 1\n[1]", "은닉층 2\n[2]", "은닉층 3\n[3]", "출력층\n[4]"]
    for k, lab in enumerate(labels):
        ax.text(1.9 * k, -1.45, lab, ha="center", va="top", fontsize=9.5, color=muted if k == 0 else fg)
    ax.plot([1.9 - 0.4, 4 * 1.9 + 0.4], [-2.45, -2.45], color=fn, lw=1.4)
    for x in (1.9 - 0.4, 4 * 1.9 + 0.4):
        ax.plot([x, x], [-2.45, -2.3], color=fn, lw=1.4)
    ax.text(2.5 * 1.9, -2.55, "가중치가 있는 층 4개 → 4층 신경망 (L = 4)", ha="center", va="top",
            fontsize=10, color=fn)


# ---------------------------------------------------------------------------------------------
# (II.1 보충) 깊이의 효과: 노드 2개짜리 층을 쌓을수록 조각이 두 배
# ---------------------------------------------------------------------------------------------
@figure("deep-tent", size=(7.4, 2.5), grid=(1, 3))
def draw_deep_tent(axes):
    x = np.linspace(0, 1, 2**8 + 1)[None, :]
    for ax, k in zip(axes, (1, 2, 3)):
        y = deep_tent(x, k)
        ax.plot(x[0], y[0], color=color("fn"), lw=1.8)
        ax.set_title(f"은닉층 {k}개 (노드 {2 * k}개): {count_pieces(x[0], y[0])}조각", fontsize=10)
        ax.set_xticks([0, 0.5, 1])
        ax.set_yticks([0, 1])
        ax.set_ylim(-0.05, 1.12)
        ax.set_xlabel("x")


# ---------------------------------------------------------------------------------------------
# F08 가중치 행렬: j행 = 노드 j 로 들어오는 가중치
# ---------------------------------------------------------------------------------------------
@figure("weight-matrix", size=(7.2, 3.2))
def draw_weight_matrix(ax):
    canvas(ax, (-1.2, 9.4), (-0.95, 3.5))
    fn, hi, muted, fg = color("fn"), color("deriv"), color("muted"), color("fg")
    prev = _column(0.0, 3, 2.4)
    prev = [(x, y + 1.3) for x, y in prev]
    cur = [(2.6, 2.0), (2.6, 0.6)]
    for i, a in enumerate(prev):
        for j, b in enumerate(cur):
            edge(ax, a, b, c=hi if j == 0 else muted, lw=2.0 if j == 0 else 1.0, r=0.28)
    for i, xy in enumerate(prev, 1):
        node(ax, xy, f"a{'₁₂₃'[i - 1]}")
    for j, xy in enumerate(cur, 1):
        node(ax, xy, f"z{'₁₂'[j - 1]}", edge=hi if j == 1 else fg)
    ax.text(0, -0.55, "층 l−1 (노드 3개)", ha="center", va="top", fontsize=9.5, color=muted)
    ax.text(2.6, -0.55, "층 l (노드 2개)", ha="center", va="top", fontsize=9.5, color=muted)

    # 행렬 W[l] (2×3) 과 편향 b[l] (2×1)
    x0, y0, dx, dy = 4.6, 1.8, 1.05, 0.95
    ax.text(x0 - 0.7, y0 - dy / 2, r"$W^{[l]} =$", ha="right", va="center", fontsize=12, color=fg)
    box(ax, (x0 - 0.4, y0 - 0.05 - 0.4), 2 * dx + 0.8, 0.8, c=hi, fill=color("panel"), lw=1.6, z=1)
    for j in (1, 2):
        for i in (1, 2, 3):
            ax.text(x0 + (i - 1) * dx, y0 - (j - 1) * dy, rf"$w_{{{j}{i}}}$", ha="center", va="center",
                    fontsize=12, color=fg, zorder=3)
    top, bottom = y0 + 0.42, y0 - dy - 0.42
    for xx, d in ((x0 - 0.55, 0.12), (x0 + 2 * dx + 0.55, -0.12)):  # 행렬 괄호
        ax.plot([xx + d, xx, xx, xx + d], [top, top, bottom, bottom], color=fg, lw=1.6)
    for i in (1, 2, 3):
        ax.text(x0 + (i - 1) * dx, y0 + 0.75, f"{i}번에서", ha="center", fontsize=8.5, color=muted)
    ax.text(x0 + 2 * dx + 0.75, y0, "← 1번 노드로", va="center", fontsize=8.5, color=hi)
    ax.text(x0 + 2 * dx + 0.75, y0 - dy, "← 2번 노드로", va="center", fontsize=8.5, color=muted)
    ax.text(x0 + dx, -0.45, "크기 = (이 층의 노드 수) × (앞 층의 노드 수) = 2 × 3", ha="center",
            va="top", fontsize=9.5, color=fg)


# ---------------------------------------------------------------------------------------------
# F17 −log x : 정답 클래스의 예측 확률이 작을수록 손실이 커진다
# ---------------------------------------------------------------------------------------------
@figure("neg-log", size=(6.0, 3.3))
def draw_neg_log(ax):
    p = np.linspace(1e-3, 1, 1000)
    # 정답이 1번 클래스인 원-핫 벡터 [0, 1] 에 대해 예측 [1−p, p] 의 교차 엔트로피 = −log p
    y = np.array([[0.0], [1.0]])
    loss = np.array([cross_entropy(np.array([1 - q, q]), y) for q in p])
    ax.plot(p, loss, color=color("fn"))
    for q in (0.7, 0.2, 0.05):
        v = cross_entropy(np.array([1 - q, q]), y)
        ax.plot([q], [v], "o", ms=6.5, color=color("deriv"), zorder=5)
        ax.annotate(f"({q:g}, {v:.3f})", (q, v), xytext=(10, 6), textcoords="offset points",
                    fontsize=9.5, color=color("fg"))
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 7)
    ax.set_xlabel("정답 클래스의 예측 확률 ŷ")
    ax.set_ylabel("손실 −log ŷ")


# ---------------------------------------------------------------------------------------------
# F18 로짓에서의 기울기: 교차 엔트로피 vs 오차 제곱합 (시그모이드 출력, 정답 y = 1)
# ---------------------------------------------------------------------------------------------
@figure("ce-vs-sse-gradient", size=(6.4, 3.4))
def draw_ce_vs_sse(ax):
    z = np.linspace(-6, 6, 601)
    ce, sse = np.abs(ce_grad_logit(z, 1.0)), np.abs(sse_grad_logit(z, 1.0))
    ax.semilogy(z, ce, color=color("fn"), label="교차 엔트로피: |σ(z) − 1|")
    ax.semilogy(z, sse, color=color("deriv"), label="오차 제곱합: |(σ(z) − 1)·σ′(z)|")
    for v, c in ((abs(ce_grad_logit(-6.0, 1.0)), "fn"), (abs(sse_grad_logit(-6.0, 1.0)), "deriv")):
        ax.plot([-6], [v], "o", ms=6, color=color(c), clip_on=False, zorder=5)
        ax.annotate(f"{v:.4f}", (-6, v), xytext=(8, -12 if c == "deriv" else 4), textcoords="offset points",
                    fontsize=9.5, color=color(c))
    ax.set_xlabel("로짓 z (왼쪽일수록 크게 틀린 예측)")
    ax.set_ylabel("|∂L/∂z| (로그 눈금)")
    ax.set_xlim(-6, 6)
    ax.set_ylim(1e-4, 2)
    # 10⁻³ 같은 mathtext 눈금 대신 평범한 숫자(더 빠르고 읽기 쉬움)
    ticks = [1e-4, 1e-3, 1e-2, 1e-1, 1]
    ax.set_yticks(ticks, ["0.0001", "0.001", "0.01", "0.1", "1"])
    ax.minorticks_off()
    ax.legend(loc="lower left", fontsize=9.5)
