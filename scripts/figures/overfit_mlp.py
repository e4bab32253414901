"""IV.1 신경망의 과적합: 학습 곡선과 결정 경계. 값은 snippets.overfit_mlp 로 계산합니다."""
import functools

import numpy as np
from matplotlib.lines import Line2D

from scripts.figures import figure
from scripts.figures.style import color
from snippets.overfit_mlp import compare, make_split_moons, predict_proba

# 방법마다 한 색: 규제 없음은 빨강, 드롭아웃은 보라, L2 규제는 초록
COLORS = {"규제 없음": "bad", "드롭아웃 p=0.5": "extra", "L2 규제 λ=0.01": "good"}


@functools.cache
def _results():
    data = make_split_moons()
    return data, compare(data)


@figure("mlp-overfitting", size=(8.8, 3.5), grid=(1, 2))
def draw_mlp_overfitting(axes):
    data, results = _results()
    ax = axes[0]
    for name, key in COLORS.items():
        log = results[name][1]
        epochs = np.arange(1, len(log["val"]) + 1)
        ax.plot(epochs, log["train"], "--", color=color(key), lw=1.3)
        ax.plot(epochs, log["val"], color=color(key), lw=1.9, label=name)
    best = results["조기 종료"][1]["best"] + 1
    ax.axvline(best, color=color("muted"), lw=1.2, ls=":")
    ax.annotate(f"조기 종료\n(에포크 {best})", (best, results["조기 종료"][3]), xytext=(best + 120, 0.62),
                fontsize=9, arrowprops={"arrowstyle": "->", "color": color("muted")})
    ax.set_ylim(0, 0.85)
    ax.set_xlabel("에포크")
    ax.set_ylabel("평균 이진 교차 엔트로피")
    handles = [Line2D([], [], color=color(k), lw=1.9) for k in COLORS.values()]
    handles += [Line2D([], [], color=color("fg"), lw=1.9), Line2D([], [], color=color("fg"), lw=1.3, ls="--")]
    ax.legend(handles, [*COLORS, "검증", "훈련"], fontsize=8, loc="upper left", ncol=2)

    ax = axes[1]
    (X, Y), _, _ = data
    gx, gy = np.meshgrid(np.linspace(-1.6, 2.6, 160), np.linspace(-1.4, 1.9, 130))
    grid = np.stack([gx.ravel(), gy.ravel()])
    for name, key in COLORS.items():
        P = predict_proba(results[name][0], grid).reshape(gx.shape)
        ax.contour(gx, gy, P, levels=[0.5], colors=color(key), linewidths=1.8)
    for k, marker in ((0, "o"), (1, "^")):
        mask = Y[0] == k
        ax.scatter(X[0, mask], X[1, mask], s=30, marker=marker, color=color("fn" if k == 0 else "deriv"),
                   edgecolors=color("fg"), linewidths=0.4, zorder=3)
    ax.set_title("훈련 데이터 30개와 결정 경계(확률 0.5)", fontsize=10)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
