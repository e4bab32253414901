"""III.2·III.3 배치·미니배치·확률적 경사 하강법: 1차원 선형 회귀로 비교합니다.

데이터는 사이트 표기대로 샘플이 열입니다: x, y 의 모양은 (1, N).
"""
import numpy as np


# --8<-- [start:minibatches]
def minibatches(n_samples, batch_size, rng):
    """에포크마다 한 번 섞고 앞에서부터 batch_size 개씩 잘라 열 번호 묶음을 차례로 내줍니다.

    모든 샘플이 한 에포크에 정확히 한 번씩 쓰이고, 마지막 묶음은 더 작을 수 있습니다.
    """
    order = rng.permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        yield order[start:start + batch_size]


def updates_per_epoch(n_samples, batch_size):
    """한 에포크의 반복(갱신) 횟수 ⌈N / m⌉."""
    return -(-n_samples // batch_size)
# --8<-- [end:minibatches]


# --8<-- [start:linreg]
def make_regression(n=200, seed=0):
    """y = 2x + 1 에 잡음을 더한 데이터(샘플이 열)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(1, n))
    y = 2 * x + 1 + rng.normal(0, 0.3, size=(1, n))
    return x, y


def mse_loss(w, b, x, y):
    """J(w, b) = ½·평균((wx + b − y)²). w, b 가 배열이면 격자 전체를 한 번에 계산합니다."""
    w, b = np.asarray(w, dtype=float)[..., None], np.asarray(b, dtype=float)[..., None]
    return 0.5 * np.mean((w * x[0] + b - y[0]) ** 2, axis=-1)


def mse_grad(w, b, x, y):
    """(∂J/∂w, ∂J/∂b): 미니배치의 평균 기울기."""
    r = w * x + b - y
    return float(np.mean(r * x)), float(np.mean(r))
# --8<-- [end:linreg]


# --8<-- [start:train-linreg]
def train_linreg(x, y, batch_size, lr, steps, start=(-2.0, -3.0), seed=0):
    """미니배치 경사 하강법으로 (w, b)를 steps 번 갱신하고, 지나간 자리 (steps+1, 2)를 돌려줍니다.

    batch_size = N 이면 배치 경사 하강법, 1 이면 확률적 경사 하강법(SGD)입니다.
    """
    rng = np.random.default_rng(seed)
    w, b = start
    path = [(w, b)]
    while len(path) <= steps:
        for idx in minibatches(x.shape[1], batch_size, rng):
            dw, db = mse_grad(w, b, x[:, idx], y[:, idx])
            w, b = w - lr * dw, b - lr * db
            path.append((w, b))
            if len(path) > steps:
                break
    return np.array(path)
# --8<-- [end:train-linreg]
