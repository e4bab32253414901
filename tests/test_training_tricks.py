"""snippets/training_tricks.py: 학습률 스케줄의 값, 스케줄이 SGD 의 잡음을 줄이는지, 기울기 클리핑, AdamW 와 Adam + L2 의 차이."""
import numpy as np
import pytest

from snippets.minibatch import make_regression
from snippets.optimizers import Adam
from snippets.regularization import l2_grad
from snippets.training_tricks import (AdamW, clip_by_norm, clip_by_value, cosine_decay, global_norm,
                                      sgd_linreg_schedule, step_decay, warmup_cosine)


def test_schedule_values():
    assert [step_decay(t, 0.1, 0.5, 100) for t in (0, 99, 100, 250)] == pytest.approx([0.1, 0.1, 0.05, 0.025])
    assert cosine_decay(0, 0.1, 400) == pytest.approx(0.1)
    assert cosine_decay(200, 0.1, 400) == pytest.approx(0.05)                 # 반에서 정확히 절반
    assert cosine_decay(400, 0.1, 400, lr_min=0.01) == pytest.approx(0.01)
    assert cosine_decay(500, 0.1, 400) == pytest.approx(0.0)                  # 끝난 뒤에는 lr_min 에 머묾
    lrs = np.array([warmup_cosine(t, 0.1, 400, 10) for t in range(400)])
    np.testing.assert_allclose(lrs[:10], 0.01 * np.arange(1, 11))             # 곧게 올라감
    assert np.all(np.diff(lrs[10:]) <= 0) and lrs[10] == pytest.approx(0.1)


def test_decaying_schedules_end_closer_to_the_least_squares_solution():
    x, y = make_regression(200, 0)
    A = np.vstack([x, np.ones_like(x)]).T
    best = np.linalg.lstsq(A, y[0], rcond=None)[0]
    dist = {name: np.mean([np.linalg.norm(sgd_linreg_schedule(x, y, fn, 600, seed=s) - best) for s in range(5)])
            for name, fn in {"const": lambda t: 0.1, "step": lambda t: step_decay(t, 0.1, 0.5, 150),
                             "cos": lambda t: cosine_decay(t, 0.1, 600)}.items()}
    assert dist["step"] < 0.3 * dist["const"] and dist["cos"] < 0.3 * dist["const"]
    # 같은 학습률이 고정이면 train_linreg 와 같은 경로
    from snippets.minibatch import train_linreg
    np.testing.assert_allclose(sgd_linreg_schedule(x, y, lambda t: 0.05, 37, batch_size=16),
                               train_linreg(x, y, 16, 0.05, 37)[-1])


def test_clip_by_norm_scales_everything_by_one_factor():
    grads = {"W": np.array([[3.0, 4.0]]), "b": np.array([12.0])}
    assert global_norm(grads) == pytest.approx(13.0)
    clipped = clip_by_norm(grads, 5.0)
    assert global_norm(clipped) == pytest.approx(5.0)
    np.testing.assert_allclose(clipped["W"], grads["W"] * 5 / 13)
    np.testing.assert_allclose(clipped["b"], grads["b"] * 5 / 13)
    small = clip_by_norm(grads, 20.0)
    np.testing.assert_array_equal(small["W"], grads["W"])                      # 한도 안이면 그대로
    by_value = clip_by_value(grads, 5.0)
    np.testing.assert_array_equal(by_value["b"], [5.0])
    cos = np.sum(by_value["W"] * grads["W"]) + by_value["b"][0] * 12
    assert cos / (global_norm(by_value) * 13) < 0.99                            # 값으로 자르면 방향이 바뀜


def test_clipping_tames_a_steep_wall():
    def descend(clip):
        w = 3.0
        for _ in range(40):
            g = {"w": np.array(w ** 3)}
            w -= 0.3 * float((clip_by_norm(g, clip) if clip else g)["w"])
            if abs(w) > 1e6:
                return np.inf
        return w
    assert descend(None) == np.inf
    assert abs(descend(1.0)) < 0.3


def test_adamw_with_zero_decay_is_adam_and_decay_is_one_factor_per_step():
    g = {"W": np.array([0.3, -2.0])}
    a, b = {"W": np.array([1.0, 2.0])}, {"W": np.array([1.0, 2.0])}
    adam, adamw = Adam(lr=0.1), AdamW(lr=0.1, weight_decay=0.0)
    for _ in range(5):
        adam.update(a, g)
        adamw.update(b, g)
    np.testing.assert_allclose(a["W"], b["W"])
    p = {"W": np.array([1.0, -3.0])}
    AdamW(lr=0.1, weight_decay=0.5).update(p, {"W": np.zeros(2)})             # 손실 기울기 0: 감쇠만
    np.testing.assert_allclose(p["W"], [0.95, -2.85])


def test_l2_in_adam_is_not_weight_decay():
    def run(make, l2):
        p, opt = {"W": np.array([1.0, 1.0])}, make()
        for t in range(200):
            g = {"W": (-1) ** t * np.array([5.0, 0.05])}          # 평균 0 으로 흔들리는 기울기: 손실은 당기지 않음
            if l2:
                g = {"W": g["W"] + l2_grad(p, 0.1)["W"]}
            opt.update(p, g)
        return p["W"]
    l2 = run(lambda: Adam(lr=0.01), True)
    wd = run(lambda: AdamW(lr=0.01, weight_decay=0.1), False)
    assert l2[0] > 0.9 and l2[1] < 0.1                               # 기울기가 큰 가중치는 거의 안 줄고, 작은 것은 사라짐
    np.testing.assert_allclose(wd, wd[0])                             # AdamW: 두 가중치가 똑같이
    assert wd[0] == pytest.approx((1 - 0.01 * 0.1) ** 200, abs=0.03)
