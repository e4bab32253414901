"""III.2 최적화 기법: 모두 같은 update(params, grads) 하나로 매개변수를 제자리에서 갱신합니다.

params, grads 는 이름이 같은 numpy 배열의 사전(dict)입니다(예: {"W1": ..., "b1": ...}).
"""
import numpy as np


# --8<-- [start:sgd]
class SGD:
    """경사 하강법 그대로: θ ← θ − η·g."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]
# --8<-- [end:sgd]


# --8<-- [start:momentum]
class Momentum:
    """속도 v에 지난 갱신을 β만큼 남깁니다: v ← βv − η·g, θ ← θ + v."""

    def __init__(self, lr=0.01, beta=0.9):
        self.lr, self.beta = lr, beta
        self.v = {}

    def update(self, params, grads):
        for key in params:
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            v *= self.beta
            v -= self.lr * grads[key]
            params[key] += v
# --8<-- [end:momentum]


# --8<-- [start:adagrad]
class AdaGrad:
    """기울기 제곱을 계속 더한 h로 나눕니다: 많이 움직인 방향일수록 걸음이 작아집니다."""

    def __init__(self, lr=0.01, eps=1e-7):
        self.lr, self.eps = lr, eps
        self.h = {}

    def update(self, params, grads):
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + self.eps)
# --8<-- [end:adagrad]


# --8<-- [start:rmsprop]
class RMSProp:
    """h를 합 대신 지수 이동 평균으로: 오래된 기울기는 잊혀 걸음이 0으로 줄지 않습니다."""

    def __init__(self, lr=0.01, rho=0.99, eps=1e-7):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.h = {}

    def update(self, params, grads):
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h *= self.rho
            h += (1 - self.rho) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + self.eps)
# --8<-- [end:rmsprop]


# --8<-- [start:adam]
class Adam:
    """모멘텀(1차 모멘트 v)과 RMSProp(2차 모멘트 h)을 합치고, 0에서 시작한 치우침을 보정합니다."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.v, self.h, self.t = {}, {}, 0

    def update(self, params, grads):
        self.t += 1
        for key in params:
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            v += (1 - self.beta1) * (grads[key] - v)        # v ← β₁v + (1−β₁)g
            h += (1 - self.beta2) * (grads[key] ** 2 - h)   # h ← β₂h + (1−β₂)g²
            v_hat = v / (1 - self.beta1 ** self.t)          # 치우침 보정
            h_hat = h / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * v_hat / (np.sqrt(h_hat) + self.eps)
# --8<-- [end:adam]


# --8<-- [start:run]
def run(optimizer, grad_fn, start, steps):
    """점 하나(params = {"p": 좌표})를 steps 번 옮기며 지나간 자리를 (steps+1, 차원) 배열로 돌려줍니다."""
    params = {"p": np.array(start, dtype=float)}
    path = [params["p"].copy()]
    for _ in range(steps):
        optimizer.update(params, {"p": grad_fn(params["p"])})
        path.append(params["p"].copy())
    return np.array(path)
# --8<-- [end:run]
