"""snippets/regularization.py: 드롭아웃과 L1·L2 규제의 기울기, 역 드롭아웃의 기댓값, 과적합 실험의 모양."""
import numpy as np
import pytest

from snippets.backprop import backward, cost, forward, init_params
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.regularization import (Dropout, early_stopping_epoch, fit_poly, l1_grad, l1_penalty, l2_grad,
                                     l2_penalty, make_sine_data, mse, overfit_experiment, poly_features)


def test_dropout_backward_matches_numerical_gradient():
    rng = np.random.default_rng(0)
    x, u = rng.normal(size=(6, 5)), rng.normal(size=(6, 5))
    drop = Dropout(p=0.4, seed=2)
    drop.forward(x, train=True)
    mask = drop.mask.copy()
    f = lambda: np.sum(x * mask * u)      # 같은 마스크로 고정한 순전파
    assert relative_error(drop.backward(u), numerical_gradient(f, x)) < 1e-6


def test_inverted_dropout_keeps_expectation_and_inference_is_identity():
    drop = Dropout(p=0.3, seed=0)
    x = np.ones((400, 500))
    out = drop.forward(x, train=True)
    assert np.mean(out == 0) == pytest.approx(0.3, abs=0.01)
    np.testing.assert_allclose(np.unique(out), [0.0, 1 / 0.7])
    assert out.mean() == pytest.approx(1.0, abs=0.01)
    assert drop.forward(x, train=False) is x
    first = drop.mask.copy()
    drop.forward(x, train=True)
    assert not np.array_equal(first, drop.mask)           # 반복마다 새 마스크


def test_l2_and_l1_gradients_numerically():
    rng = np.random.default_rng(1)
    params = {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=(3, 1)), "W2": rng.normal(size=(1, 3))}
    for penalty, grad in ((l2_penalty, l2_grad), (l1_penalty, l1_grad)):
        g = grad(params, 0.3)
        for key in params:
            num = numerical_gradient(lambda: penalty(params, 0.3), params[key])
            assert relative_error(g[key], num) < 1e-6 or not np.any(num), key
        assert not np.any(g["b1"])                            # 편향은 규제하지 않음
    assert l2_penalty(params, 2.0) == pytest.approx(sum(np.sum(params[k] ** 2) for k in ("W1", "W2")))
    assert l1_penalty(params, 1.0) == pytest.approx(sum(np.sum(np.abs(params[k])) for k in ("W1", "W2")))


def test_network_with_l2_backward_numerically():
    rng = np.random.default_rng(4)
    X, Y = rng.normal(size=(3, 7)), (rng.random((1, 7)) > 0.5).astype(float)
    params = init_params(3, 4, 1, seed=4)
    params["b1"] = rng.normal(size=(4, 1))
    lam = 0.1
    grads = backward(params, forward(X, params)[1], Y)
    reg = l2_grad(params, lam)
    J = lambda: cost(forward(X, params)[0], Y) + l2_penalty(params, lam)
    for key in params:
        assert relative_error(grads[key] + reg[key], numerical_gradient(J, params[key])) < 1e-6, key


def test_overfitting_experiment_shape():
    log = overfit_experiment()
    train, val, test = log["train"], log["val"], log["test"]
    assert np.all(np.diff(train) < 0)                          # 훈련 오차는 계속 줄고
    for err in (val, test):
        best = int(np.argmin(err))
        assert 0 < best < len(err) - 1
        assert err[-1] > 2 * err[best]                         # 검증·테스트 오차는 최저점 뒤에 다시 오른다
        assert np.all(np.diff(err[best + 200:]) > 0)
    l2 = overfit_experiment(lam=3e-3)
    assert l2["val"][-1] < 0.5 * val[-1]                        # L2 규제가 상승을 막는다
    assert l2["test"][-1] < 0.5 * test[-1]
    assert np.linalg.norm(l2["w"][1:]) < np.linalg.norm(log["w"][1:])


def test_early_stopping():
    errs = [5, 4, 3, 3.5, 3.2, 3.1, 3.05, 2.9, 3, 3.1, 3.2]
    assert early_stopping_epoch(errs, patience=3) == (5, 2)      # 3번 연속 나아지지 않아 멈춤
    assert early_stopping_epoch(errs, patience=5) == (10, 7)     # 참으면 7번째의 더 좋은 값을 찾음
    assert early_stopping_epoch(errs, patience=2) == (4, 2)
    assert early_stopping_epoch([3, 2, 1], patience=1) == (2, 2)


def test_polynomial_degree_sweep():
    x, y = make_sine_data(12, 1)
    xt, yt = make_sine_data(200, 101)
    xv, yv = make_sine_data(30, 51)
    val = {d: mse(poly_features(xv, d) @ fit_poly(x, y, d), yv) for d in range(1, 12)}
    assert min(val, key=val.get) == 3                           # 검증 데이터가 고르는 차수
    test = {d: mse(poly_features(xt, d) @ fit_poly(x, y, d), yt) for d in (1, 3, 11)}
    assert mse(poly_features(x, 11) @ fit_poly(x, y, 11), y) < 1e-12   # 11차는 12점을 모두 지난다
    assert test[3] < test[1] < test[11]
