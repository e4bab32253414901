"""IV.2 정규화: 최소-최대 정규화와 표준화. 샘플이 열이므로 통계는 axis=1(샘플 방향)로 냅니다."""
import numpy as np


# --8<-- [start:minmax]
def minmax_fit(X_train):
    """훈련 데이터에서만 특성(행)마다 최솟값과 최댓값을 구합니다."""
    return X_train.min(axis=1, keepdims=True), X_train.max(axis=1, keepdims=True)


def minmax_transform(X, stats):
    """X_new = (X − X_min) / (X_max − X_min). 훈련 데이터는 [0, 1]로, 새 데이터는 벗어날 수도 있습니다."""
    lo, hi = stats
    return (X - lo) / (hi - lo)
# --8<-- [end:minmax]


# --8<-- [start:standardize]
def standardize_fit(X_train):
    """훈련 데이터에서만 특성마다 평균과 표준편차를 구합니다."""
    return X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)


def standardize_transform(X, stats):
    """(X − μ) / σ: 훈련 데이터의 각 특성이 평균 0, 표준편차 1이 됩니다."""
    mu, sigma = stats
    return (X - mu) / sigma
# --8<-- [end:standardize]


def make_height_income(n=60, seed=0):
    """키(cm)와 연 소득(만 원)처럼 단위와 범위가 크게 다른 두 특성(행) — 그림용."""
    rng = np.random.default_rng(seed)
    height = rng.normal(170, 8, n)
    income = np.exp(rng.normal(8.2, 0.5, n))      # 대략 1,000만 ~ 1억 원, 오른쪽으로 긴 꼬리
    return np.vstack([height, income])


# --8<-- [start:gd-speed]
def gd_steps_to_fit(X, y, tol=0.01, max_steps=10_000):
    """선형 회귀 ŷ = wᵀx + b 를 경사 하강법으로 맞출 때, 비용이 최솟값의 (1 + tol)배 안에 드는 반복 수.

    학습률은 발산하지 않는 가장 큰 값 근처(1 / 헤세 행렬의 최대 고윳값)로 둡니다. 못 들어가면 max_steps.
    """
    A = np.vstack([X, np.ones((1, X.shape[1]))])          # 편향을 위한 1 행
    H = A @ A.T / X.shape[1]                               # 비용 ½·평균(오차²)의 헤세 행렬
    lr = 1.0 / np.linalg.eigvalsh(H).max()
    best = np.linalg.lstsq(A.T, y, rcond=None)[0]
    j_best = 0.5 * np.mean((best @ A - y) ** 2)
    w = np.zeros(A.shape[0])
    for step in range(1, max_steps + 1):
        w -= lr * A @ (w @ A - y) / X.shape[1]
        if 0.5 * np.mean((w @ A - y) ** 2) <= (1 + tol) * j_best:
            return step
    return max_steps
# --8<-- [end:gd-speed]
