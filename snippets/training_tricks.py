"""III.2 최적화 더 보기: 학습률 스케줄과 워밍업, 기울기 클리핑, AdamW(분리된 가중치 감쇠).

최적화 기법은 snippets/optimizers.py 의 것과 같은 update(params, grads) 모양을 따릅니다.
"""
import numpy as np

from snippets.minibatch import minibatches, mse_grad
from snippets.optimizers import Adam


# --8<-- [start:schedules]
def step_decay(t, lr0, drop=0.5, every=100):
    """계단식 감쇠: every 걸음마다 학습률을 drop 배로."""
    return lr0 * drop ** (t // every)


def cosine_decay(t, lr0, total, lr_min=0.0):
    """코사인 감쇠: t = 0 에서 lr0, t = total 에서 lr_min 까지 반 주기 코사인으로 내려갑니다."""
    return lr_min + 0.5 * (lr0 - lr_min) * (1 + np.cos(np.pi * min(t, total) / total))


def warmup_cosine(t, lr0, total, warmup):
    """처음 warmup 걸음은 0 근처에서 lr0 까지 곧게 올리고(워밍업), 그 뒤는 코사인 감쇠."""
    if t < warmup:
        return lr0 * (t + 1) / warmup
    return cosine_decay(t - warmup, lr0, total - warmup)
# --8<-- [end:schedules]


# --8<-- [start:sgd-schedule]
def sgd_linreg_schedule(x, y, lr_fn, steps, batch_size=1, start=(-2.0, -3.0), seed=0):
    """미니배치 SGD 로 직선 wx + b 를 맞추되, t 번째 걸음의 학습률은 lr_fn(t). 마지막 (w, b)."""
    rng = np.random.default_rng(seed)
    w, b = start
    t = 0
    while t < steps:
        for idx in minibatches(x.shape[1], batch_size, rng):
            dw, db = mse_grad(w, b, x[:, idx], y[:, idx])
            lr = lr_fn(t)
            w, b = w - lr * dw, b - lr * db
            t += 1
            if t == steps:
                break
    return np.array([w, b])
# --8<-- [end:sgd-schedule]


# --8<-- [start:clip]
def global_norm(grads):
    """모든 기울기 배열을 한 벡터로 이어 붙였을 때의 길이 ‖g‖."""
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))


def clip_by_norm(grads, max_norm):
    """‖g‖ > max_norm 이면 모든 기울기에 같은 비율 max_norm/‖g‖ 을 곱합니다(방향은 그대로)."""
    norm = global_norm(grads)
    scale = min(1.0, max_norm / (norm + 1e-12))
    return {k: g * scale for k, g in grads.items()}


def clip_by_value(grads, limit):
    """원소마다 [−limit, limit] 로 자릅니다. 비교용: 방향이 바뀔 수 있습니다."""
    return {k: np.clip(g, -limit, limit) for k, g in grads.items()}
# --8<-- [end:clip]


# --8<-- [start:adamw]
class AdamW(Adam):
    """AdamW: Adam 의 걸음과 따로, 매 갱신마다 매개변수를 (1 − ηλ)배로 줄입니다(분리된 가중치 감쇠).

    λ 는 손실의 기울기에 더해지지 않으므로 Adam 의 √v̂ 로 나뉘지 않습니다.
    """

    def __init__(self, lr=0.001, weight_decay=0.01, **kwargs):
        super().__init__(lr=lr, **kwargs)
        self.weight_decay = weight_decay

    def update(self, params, grads):
        for key in params:
            params[key] *= 1 - self.lr * self.weight_decay    # 감쇠: 기울기와 상관없이 모든 원소에 같은 비율
        super().update(params, grads)
# --8<-- [end:adamw]
