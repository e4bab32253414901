"""snippets/initialization.py: 초기화의 분산이 공식과 맞는지, 깊은 신경망의 기울기 소실과 폭주."""
import numpy as np
import pytest

from snippets.initialization import VARIANCE, activations_per_layer, grad_norms_per_layer, init_weight, make_deep_net

FORMULA = {"lecun": lambda i, o: 1 / i, "xavier": lambda i, o: 2 / (i + o), "he": lambda i, o: 2 / i}


@pytest.mark.parametrize("scheme", ["lecun", "xavier", "he"])
@pytest.mark.parametrize("dist", ["uniform", "normal"])
def test_empirical_variance_matches_formula(scheme, dist):
    n_in, n_out = 500, 300
    W = init_weight(n_in, n_out, scheme, dist, np.random.default_rng(7))
    assert W.shape == (n_out, n_in)
    assert VARIANCE[scheme](n_in, n_out) == pytest.approx(FORMULA[scheme](n_in, n_out))
    assert abs(W.mean()) < 0.01 * np.sqrt(FORMULA[scheme](n_in, n_out)) * 10
    assert W.var() == pytest.approx(FORMULA[scheme](n_in, n_out), rel=0.02)


@pytest.mark.parametrize("scheme", ["lecun", "xavier", "he"])
def test_uniform_range_is_sqrt_three_variance(scheme):
    n_in, n_out = 400, 100
    W = init_weight(n_in, n_out, scheme, "uniform", np.random.default_rng(0))
    r = np.sqrt(3 * FORMULA[scheme](n_in, n_out))
    assert np.abs(W).max() <= r and np.abs(W).max() > 0.99 * r


def test_normal_form_is_not_a_range():
    W = init_weight(400, 400, "he", "normal", np.random.default_rng(0))
    assert np.abs(W).max() > np.sqrt(2 / 400) * 3            # 표준편차일 뿐, 범위가 아님
    with pytest.raises(ValueError):
        init_weight(3, 3, "he", "cauchy")


def test_vanishing_gradient_sigmoid_vs_relu():
    X = np.random.default_rng(0).normal(size=(100, 256))
    sig = grad_norms_per_layer(make_deep_net(10, 100, "sigmoid", "xavier"), X)
    rel = grad_norms_per_layer(make_deep_net(10, 100, "relu", "he"), X)
    assert np.all(np.diff(sig) > 0)                           # 입력 쪽으로 갈수록 작아짐
    assert sig[-1] / sig[0] > 1e4
    assert rel.max() / rel.min() < 2                          # 고르게 유지
    np.testing.assert_allclose(sig[[0, -1]], [2.9e-6, 0.73], rtol=0.05)


def test_activation_scale_per_init():
    X = np.random.default_rng(0).normal(size=(100, 1000))
    std = lambda act, init: np.array([a.std() for a in activations_per_layer(make_deep_net(5, 100, act, init), X)])
    assert np.all(np.diff(std("relu", 0.01)) < 0) and std("relu", 0.01)[-1] < 1e-5     # 사그라듦
    assert np.all(np.diff(std("relu", 1.0)) > 0) and std("relu", 1.0)[-1] > 1e3        # 폭주
    he = std("relu", "he")
    assert 0.5 < he.min() and he.max() < 1.5
    assert std("sigmoid", 0.01).max() < 0.03                                              # 0.5 에 뭉침
    assert std("sigmoid", 1.0).min() > 0.4                                                # 포화
