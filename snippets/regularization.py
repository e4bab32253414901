"""IV.1 과적합 피하기: 다항식 실험, 드롭아웃 층, L1·L2 규제, 조기 종료."""
import numpy as np
from numpy.polynomial import legendre


# --8<-- [start:poly-data]
def make_sine_data(n, seed, noise=0.25):
    """sin(πx)에 잡음을 더한 1차원 데이터. x 는 [−1, 1]에서 고르게 뽑습니다."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-1, 1, n))
    return x, np.sin(np.pi * x) + rng.normal(0, noise, n)


def poly_features(x, degree):
    """x 의 0차~degree 차 특성(르장드르 다항식). 거듭제곱 x^k 보다 학습이 훨씬 안정적입니다."""
    return legendre.legvander(x, degree) * np.sqrt(2 * np.arange(degree + 1) + 1)


def fit_poly(x, y, degree):
    """최소제곱으로 곧바로 맞춘 다항식 계수."""
    return np.linalg.lstsq(poly_features(x, degree), y, rcond=None)[0]


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))
# --8<-- [end:poly-data]


# --8<-- [start:experiment]
def overfit_experiment(degree=12, epochs=5000, lam=0.0, seed=1):
    """12개 점에 12차 다항식을 경사 하강법으로 맞추며 훈련·검증·테스트 오차를 기록합니다.

    lam > 0 이면 L2 규제(가중치 감쇠)를 켭니다. 절편(0차 계수)은 규제하지 않습니다.
    검증 데이터(30개)로 멈출 때를 고르고, 테스트 데이터(200개)는 고른 뒤 한 번만 봅니다.
    돌려주는 값: 기록한 에포크, 훈련·검증·테스트 MSE, 마지막 계수.
    """
    x, y = make_sine_data(12, seed)
    x_val, y_val = make_sine_data(30, seed + 50)
    x_test, y_test = make_sine_data(200, seed + 100)
    P, P_val, P_test = poly_features(x, degree), poly_features(x_val, degree), poly_features(x_test, degree)
    n = len(x)
    lr = 1.0 / np.linalg.eigvalsh(P.T @ P / n).max()   # 발산하지 않는 가장 큰 학습률 근처
    penalized = np.r_[0.0, np.ones(degree)]
    w = np.zeros(degree + 1)
    history = np.empty((epochs, degree + 1))       # 에포크마다의 계수
    for epoch in range(epochs):
        grad = P.T @ (P @ w - y) / n + lam * penalized * w
        w -= lr * grad
        history[epoch] = w
    # 오차는 학습이 끝난 뒤 모든 에포크의 계수로 한꺼번에 계산합니다(학습에는 영향 없음).
    return {"epoch": np.arange(1, epochs + 1),
            "train": np.mean((history @ P.T - y) ** 2, axis=1),
            "val": np.mean((history @ P_val.T - y_val) ** 2, axis=1),
            "test": np.mean((history @ P_test.T - y_test) ** 2, axis=1),
            "w": w}
# --8<-- [end:experiment]


# --8<-- [start:early-stopping]
def early_stopping_epoch(val_errors, patience):
    """검증 오차가 patience 번 연속 최고 기록을 넘지 못하면 멈춥니다. (멈춘 위치, 최고였던 위치)."""
    best, best_i = np.inf, 0
    for i, err in enumerate(val_errors):
        if err < best:
            best, best_i = err, i
        elif i - best_i >= patience:
            return i, best_i
    return len(val_errors) - 1, best_i
# --8<-- [end:early-stopping]


# --8<-- [start:dropout]
class Dropout:
    """역 드롭아웃(inverted dropout): 학습 때 확률 p로 끄고, 남은 값은 1/(1−p)배 키웁니다.

    그래서 추론 때는 아무것도 끄지도, 곱하지도 않고 그대로 통과시키면 됩니다.
    """

    def __init__(self, p=0.5, seed=0):
        self.p = p
        self.rng = np.random.default_rng(seed)

    def forward(self, x, train=True):
        if not train or self.p == 0:
            return x
        # 호출할 때마다(= 미니배치마다) 새 무작위 마스크
        self.mask = (self.rng.random(x.shape) >= self.p) / (1 - self.p)
        return x * self.mask

    def backward(self, dout):
        # 꺼진 노드로는 기울기도 흐르지 않습니다.
        return dout * self.mask
# --8<-- [end:dropout]


# --8<-- [start:penalties]
def l2_penalty(params, lam):
    """(λ/2)·Σ w²: 가중치(W로 시작하는 이름)만, 편향은 빼고."""
    return lam / 2 * sum(np.sum(v ** 2) for k, v in params.items() if k.startswith("W"))


def l2_grad(params, lam):
    """∂/∂W = λW (편향 쪽은 0). 손실의 기울기에 더하면 가중치 감쇠가 됩니다."""
    return {k: lam * v if k.startswith("W") else np.zeros_like(v) for k, v in params.items()}


def l1_penalty(params, lam):
    """λ·Σ |w|."""
    return lam * sum(np.sum(np.abs(v)) for k, v in params.items() if k.startswith("W"))


def l1_grad(params, lam):
    """∂/∂W = λ·sign(W) (0에서는 관례로 0)."""
    return {k: lam * np.sign(v) if k.startswith("W") else np.zeros_like(v) for k, v in params.items()}
# --8<-- [end:penalties]
