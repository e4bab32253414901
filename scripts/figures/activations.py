"""II.3 활성화 함수의 그림들. 값은 모두 snippets.activations 의 함수로 계산합니다."""
import numpy as np

from scripts.figures import figure
from scripts.figures.style import color
from snippets.activations import sigmoid, sigmoid_grad, step

X = np.linspace(-6, 6, 601)


@figure("sigmoid", size=(6.4, 3.4))
def draw_sigmoid(ax):
    ax.plot(X, step(X), color=color("ref"), lw=1.6, ls="--", label="계단 함수")
    ax.plot(X, sigmoid(X), color=color("fn"), label=r"시그모이드 $\sigma(x)$")
    ax.plot([0], [0.5], "o", color=color("fn"))
    ax.annotate(r"$\sigma(0)=0.5$", (0, 0.5), xytext=(1.2, 0.35), arrowprops={"arrowstyle": "->", "color": color("muted")})
    ax.set_xlabel("입력 $x$")
    ax.set_ylabel("출력")
    ax.set_ylim(-0.08, 1.08)
    ax.legend(loc="upper left")


@figure("sigmoid-derivative", size=(6.4, 3.4))
def draw_sigmoid_derivative(ax):
    ax.plot(X, sigmoid(X), color=color("fn"), label=r"$\sigma(x)$")
    ax.plot(X, sigmoid_grad(X), color=color("deriv"), label=r"$\sigma'(x)$")
    ax.annotate("최댓값 0.25", (0, 0.25), xytext=(1.5, 0.5), arrowprops={"arrowstyle": "->", "color": color("muted")})
    ax.set_xlabel("입력 $x$")
    ax.legend(loc="upper left")
