"""III.2 그림과 예제에 쓰는 작은 손실 함수들과 그 기울기(값과 도함수를 나란히)."""
import numpy as np


# --8<-- [start:bowl]
def bowl(w):
    """볼록한 1차원 손실 L(w) = (w − 2)² + 0.5, 최솟값은 w = 2."""
    return (w - 2) ** 2 + 0.5


def bowl_grad(w):
    return 2 * (w - 2)
# --8<-- [end:bowl]


# --8<-- [start:gd-1d]
def gd_1d(grad, w0, lr, steps):
    """1차원 경사 하강법 w ← w − η·L'(w) 의 궤적 [w₀, w₁, …, w_steps]."""
    ws = [float(w0)]
    for _ in range(steps):
        ws.append(ws[-1] - lr * grad(ws[-1]))
    return np.array(ws)
# --8<-- [end:gd-1d]


def two_valleys(w):
    """골짜기가 둘인 손실: 오른쪽은 지역 최솟값(w≈1.97), 왼쪽이 전역 최솟값(w≈−2.03)."""
    return (w ** 2 - 4) ** 2 + w


def two_valleys_grad(w):
    return 4 * w * (w ** 2 - 4) + 1


def saddle(x, y):
    """안장점의 교과서 예: f(x, y) = x² − y², 원점에서 기울기 0."""
    return x ** 2 - y ** 2


def saddle_grad(p):
    return np.array([2 * p[0], -2 * p[1]])


def plateau(w):
    """골짜기 하나(w = 4)를 빼면 어디나 거의 평평한(높이 1) 손실: 골짜기에서 멀면 기울기가 사실상 0입니다."""
    return 1 - np.exp(-((w - 4) ** 2) / 2)


def plateau_grad(w):
    return (w - 4) * np.exp(-((w - 4) ** 2) / 2)


# --8<-- [start:elongated]
def elongated(p):
    """x 방향으로 길쭉한 그릇 f(x, y) = x²/20 + y²."""
    return p[..., 0] ** 2 / 20 + p[..., 1] ** 2


def elongated_grad(p):
    return np.array([p[0] / 10, 2 * p[1]])
# --8<-- [end:elongated]
