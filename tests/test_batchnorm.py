"""snippets/batchnorm.py: 순전파의 통계, 수치 미분과 맞는 역전파(학습·추론), 이동 평균, 깊은 신경망에서의 효과."""
import numpy as np
import pytest

from snippets.backprop import Dense
from snippets.batchnorm import BatchNorm, make_deep_net_bn
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.initialization import grad_norms_per_layer, make_deep_net


def _layer(n=4, seed=0):
    rng = np.random.default_rng(seed)
    bn = BatchNorm(n)
    bn.gamma, bn.beta = rng.normal(1, 0.5, (n, 1)), rng.normal(0, 0.5, (n, 1))   # 1·0 이 아닌 값으로
    return bn, rng


def test_forward_standardises_each_feature_over_the_batch():
    bn, rng = _layer()
    bn.gamma, bn.beta = np.ones((4, 1)), np.zeros((4, 1))
    x = rng.normal(3.0, 5.0, size=(4, 50))
    y = bn.forward(x)
    np.testing.assert_allclose(y.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=1), 1, rtol=1e-5)       # ε 만큼만 1보다 작음
    bn.gamma, bn.beta = np.full((4, 1), 2.0), np.full((4, 1), -1.0)
    np.testing.assert_allclose(bn.forward(x).mean(axis=1), -1, atol=1e-12)
    np.testing.assert_allclose(bn.forward(x).std(axis=1), 2, rtol=1e-5)


@pytest.mark.parametrize("train", [True, False])
def test_backward_matches_numerical_gradient(train):
    bn, rng = _layer()
    x, u = rng.normal(1.0, 2.0, size=(4, 7)), rng.normal(size=(4, 7))
    bn.running_mean, bn.running_var = rng.normal(size=(4, 1)), rng.uniform(0.5, 2, (4, 1))
    saved = bn.running_mean.copy(), bn.running_var.copy()

    def f():
        bn.running_mean, bn.running_var = saved[0].copy(), saved[1].copy()   # 학습 때 바뀌는 통계를 되돌림
        return np.sum(bn.forward(x, train=train) * u)

    num_x, num_g, num_b = (numerical_gradient(f, a) for a in (x, bn.gamma, bn.beta))
    f()
    dx = bn.backward(u)
    assert relative_error(dx, num_x) < 1e-6
    assert relative_error(bn.dgamma, num_g) < 1e-6
    assert relative_error(bn.dbeta, num_b) < 1e-6


def test_training_gradient_has_no_mean_and_no_xhat_component():
    # x 를 모두 같은 만큼 옮기거나 평균 둘레로 늘려도 출력이 (ε 를 빼면) 그대로이므로, dx 는 1 과 x̂ 에 직교합니다.
    bn, rng = _layer()
    bn.eps = 0.0
    x, u = rng.normal(size=(4, 10)), rng.normal(size=(4, 10))
    bn.forward(x)
    dx = bn.backward(u)
    np.testing.assert_allclose(dx.sum(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(np.sum(dx * bn.xhat, axis=1), 0, atol=1e-12)


def test_running_statistics_and_inference():
    bn = BatchNorm(3, momentum=0.9)
    rng = np.random.default_rng(1)
    mean, std = np.array([[2.0], [-1.0], [0.0]]), np.array([[0.5], [3.0], [1.0]])
    for _ in range(200):
        bn.forward(mean + std * rng.normal(size=(3, 32)))
    assert np.all(np.abs(bn.running_mean - mean) < 0.15 * std)
    np.testing.assert_allclose(np.sqrt(bn.running_var), std, rtol=0.1)
    x = mean + std * rng.normal(size=(3, 5))
    one = bn.forward(x[:, :1], train=False)
    np.testing.assert_allclose(one, bn.forward(x, train=False)[:, :1])       # 추론: 배치와 상관없음
    assert not np.any(bn.forward(x[:, :1], train=True))                        # 샘플 하나의 배치 통계는 모두 0
    before = bn.running_mean.copy()
    bn.forward(x, train=False)
    np.testing.assert_array_equal(bn.running_mean, before)                     # 추론은 통계를 바꾸지 않음


def test_deep_net_bn_uses_the_same_weights_and_removes_vanishing():
    plain, bn = make_deep_net(10, 100, "sigmoid", "xavier"), make_deep_net_bn(10, 100, "sigmoid", "xavier")
    assert len(bn) == 30 and all(isinstance(bn[3 * i + 1], BatchNorm) for i in range(10))
    for a, b in zip([l for l in plain if isinstance(l, Dense)], [l for l in bn if isinstance(l, Dense)]):
        np.testing.assert_array_equal(a.W, b.W)
    X = np.random.default_rng(0).normal(size=(100, 256))
    g_plain, g_bn = grad_norms_per_layer(plain, X), grad_norms_per_layer(bn, X)
    assert g_plain[-1] / g_plain[0] > 1e5
    assert g_bn.max() / g_bn.min() < 1.5
    np.testing.assert_allclose(g_bn[[0, -1]], [1.7, 1.4], rtol=0.05)


def test_batchnorm_makes_the_output_independent_of_weight_scale():
    X = np.random.default_rng(0).normal(size=(100, 64))
    outs = []
    for scale in (0.1, 10.0):          # 첫 층의 분산이 ε 보다 훨씬 커서 ε 의 영향은 무시할 만합니다
        a = X
        for layer in make_deep_net_bn(5, 100, "relu", scale):
            a = layer.forward(a)
        outs.append(a)
    np.testing.assert_allclose(outs[0], outs[1], atol=1e-4)     # 값은 1 안팎, 차이는 ε 에서만
