"""IV.1 신경망의 과적합: 작은 잡음 데이터에 큰 다층 퍼셉트론을 맞추고, 드롭아웃·L2 규제·조기 종료를 비교합니다.

층은 사이트의 작은 클래스를 그대로 씁니다: Dense(역전파), ReLU(활성화 함수), Dropout(과적합), Adam(최적화).
표기는 사이트 전체와 같습니다: 샘플이 열, X 의 모양은 (2, m), Y 는 (1, m).
"""
import numpy as np

from snippets.activations import ReLU, sigmoid
from snippets.backprop import Dense
from snippets.deep_nn import make_moons
from snippets.optimizers import Adam
from snippets.regularization import Dropout


# --8<-- [start:data]
def make_split_moons(n_train=30, n_val=100, n_test=500, noise=0.35, seed=0):
    """반달 데이터를 한 번 만들어 섞은 뒤 훈련·검증·테스트로 나눕니다. 각각 (X, Y)."""
    X, Y = make_moons(n_train + n_val + n_test, noise=noise, seed=seed)
    order = np.random.default_rng(seed).permutation(X.shape[1])   # make_moons 는 부류별로 줄지어 있음
    X, Y = X[:, order], Y[:, order]
    cuts = [n_train, n_train + n_val]
    return [(x, y) for x, y in zip(np.split(X, cuts, axis=1), np.split(Y, cuts, axis=1))]
# --8<-- [end:data]


# --8<-- [start:model]
def make_mlp(sizes, p=0.0, seed=0):
    """[Dense → ReLU (→ Dropout)] × 은닉층 수, 마지막 Dense. 출력은 로짓이고 시그모이드는 손실 쪽에서 씌웁니다."""
    rng = np.random.default_rng(seed)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(rng.normal(0.0, np.sqrt(2 / n_in), (n_out, n_in)), np.zeros((n_out, 1))))   # He 초기화
        layers += [ReLU()] + ([Dropout(p, seed=seed + 1 + i)] if p > 0 else [])   # p 와 상관없이 같은 초기 가중치
    return layers[:-2] if p > 0 else layers[:-1]   # 출력층 뒤에는 활성화·드롭아웃이 없음


def predict_proba(layers, X, train=False):
    """순전파. train=False(평가)이면 드롭아웃은 아무것도 끄지 않습니다."""
    a = X
    for layer in layers:
        a = layer.forward(a, train=train) if isinstance(layer, Dropout) else layer.forward(a)
    return sigmoid(a)


def bce(A, Y):
    """이진 교차 엔트로피의 평균(log(0)을 피하려고 A 를 자릅니다)."""
    A = np.clip(A, 1e-12, 1 - 1e-12)
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def accuracy(layers, X, Y):
    return float(np.mean((predict_proba(layers, X) >= 0.5) == Y))
# --8<-- [end:model]


# --8<-- [start:train]
def gradients(layers, X, Y, lam=0.0):
    """순전파·역전파 한 번으로 비용 J = 평균 교차 엔트로피 + (λ/2)·ΣW² 의 기울기를 구합니다."""
    d = (predict_proba(layers, X, train=True) - Y) / X.shape[1]   # 시그모이드 + 교차 엔트로피: (A − Y)/m
    for layer in reversed(layers):
        d = layer.backward(d)
    dense = [layer for layer in layers if isinstance(layer, Dense)]
    grads = {f"W{i}": l.dW + lam * l.W for i, l in enumerate(dense)}   # L2: 가중치에만 λW
    grads.update({f"b{i}": l.db for i, l in enumerate(dense)})
    return grads


def train_mlp(train, val, hidden=(32, 32), epochs=800, lr=2e-3, p=0.0, lam=0.0, patience=None, seed=0):
    """전체 배치 Adam 으로 학습하며 에포크마다 훈련·검증 손실(드롭아웃 없이 잰 값)을 기록합니다.

    p: 드롭아웃 비율, lam: L2 규제 λ(가중치만), patience: 조기 종료(검증 손실이 patience 에포크 동안
    최고 기록을 넘지 못하면 멈추고 최고였던 때의 매개변수로 되돌립니다). 돌려주는 값: (층 목록, 기록).
    """
    (X, Y), (X_val, Y_val) = train, val
    layers = make_mlp([X.shape[0], *hidden, 1], p=p, seed=seed)
    dense = [layer for layer in layers if isinstance(layer, Dense)]
    params = {f"{k}{i}": getattr(d, k) for i, d in enumerate(dense) for k in ("W", "b")}
    opt = Adam(lr=lr)
    log = {"train": [], "val": []}
    best, best_epoch, saved = np.inf, 0, None
    for epoch in range(epochs):
        opt.update(params, gradients(layers, X, Y, lam))
        log["train"].append(bce(predict_proba(layers, X), Y))
        log["val"].append(bce(predict_proba(layers, X_val), Y_val))
        if patience is not None:
            if log["val"][-1] < best:
                best, best_epoch = log["val"][-1], epoch
                saved = {k: v.copy() for k, v in params.items()}
            elif epoch - best_epoch >= patience:
                break
    if patience is not None:
        for k, v in saved.items():
            params[k][...] = v          # 제자리에 되돌려 층의 W·b 도 함께 바뀝니다
        log["best"] = best_epoch
    return layers, {k: np.array(v) for k, v in log.items()}
# --8<-- [end:train]


# --8<-- [start:compare]
SETTINGS = {
    "규제 없음": {},
    "드롭아웃 p=0.5": {"p": 0.5},
    "L2 규제 λ=0.01": {"lam": 0.01},
    "조기 종료": {"patience": 100},
}


def compare(data, settings=SETTINGS):
    """설정마다 학습하고 (층, 기록, 마지막 훈련 손실, 마지막 검증 손실)을 모읍니다. 테스트 데이터는 쓰지 않습니다."""
    train, val, _test = data
    results = {}
    for name, kw in settings.items():
        layers, log = train_mlp(train, val, **kw)
        at = log.get("best", len(log["val"]) - 1)    # 조기 종료는 되돌아간 에포크의 값
        results[name] = (layers, log, log["train"][at], log["val"][at])
    return results
# --8<-- [end:compare]
