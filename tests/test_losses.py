"""snippets/losses.py: 알려진 값, 수치 안정성, 이진 = 2클래스, 로짓 기울기의 수치 미분 검사,
로짓에서 바로 구하는 손실(로그-소프트맥스), 엔트로피·교차 엔트로피·KL 발산."""
import math

import numpy as np
import pytest

from snippets.activations import sigmoid, softmax
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.losses import (
    accuracy, binary_cross_entropy, binary_cross_entropy_from_logits, ce_grad_logit, cross_entropy,
    cross_entropy_from_logits, cross_entropy_pq, entropy, kl_divergence, log_softmax, logsumexp, one_hot,
    softmax_ce_grad_logit, sse_grad_logit, sum_squared_error,
)


def test_one_hot_columns_are_samples_with_a_single_one():
    Y = one_hot([2, 1, 0, 0, 2, 1], 3)
    assert Y.shape == (3, 6)
    assert np.all(Y.sum(axis=0) == 1)
    assert Y.argmax(axis=0).tolist() == [2, 1, 0, 0, 2, 1]


def test_cross_entropy_known_values():
    y = np.array([0.0, 0.0, 1.0])
    assert cross_entropy([0.1, 0.2, 0.7], y) == pytest.approx(-np.log(0.7))
    assert cross_entropy(np.array([1.0, 0.0, 0.0]), np.array([1.0, 0.0, 0.0])) == pytest.approx(0.0, abs=1e-12)


def test_cross_entropy_averages_over_columns():
    Y = one_hot([0, 2], 3)
    P = np.array([[0.5, 0.1], [0.3, 0.1], [0.2, 0.8]])
    assert cross_entropy(P, Y) == pytest.approx(-(np.log(0.5) + np.log(0.8)) / 2)


def test_cross_entropy_is_finite_when_prediction_is_zero():
    loss = cross_entropy(np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]))
    assert np.isfinite(loss) and loss == pytest.approx(-np.log(1e-12))
    assert np.isfinite(binary_cross_entropy(np.array([0.0, 1.0]), np.array([1, 0])))


def test_binary_equals_two_class_cross_entropy():
    rng = np.random.default_rng(0)
    a = rng.uniform(0.01, 0.99, size=20)
    t = rng.integers(0, 2, size=20)
    two = cross_entropy(np.vstack([a, 1 - a]), np.vstack([t, 1 - t]))
    assert binary_cross_entropy(a, t) == pytest.approx(two, rel=1e-12)


def test_k_minus_one_target_gives_no_signal():
    """k−1 열 방식의 [0, 0] 정답: 어떤 예측이든 손실 0 (원본의 잘못을 보여 주는 성질)."""
    rng = np.random.default_rng(1)
    p = softmax(rng.normal(size=(2, 5)), axis=0)
    assert np.allclose(p.sum(axis=0), 1)
    assert cross_entropy(p, np.zeros((2, 5))) == 0.0


def test_sse_known_values_and_half():
    assert sum_squared_error([0.1, 0.2, 0.7], [0, 0, 1]) == pytest.approx(0.07)
    assert sum_squared_error([3.0], [1.0]) == pytest.approx(2.0)


def test_sse_gradient_is_prediction_minus_target():
    rng = np.random.default_rng(2)
    y_hat, y = rng.normal(size=4), rng.normal(size=4)
    num = numerical_gradient(lambda: sum_squared_error(y_hat, y), y_hat)
    assert relative_error(num, y_hat - y) < 1e-7


def test_cross_entropy_gradient_wrt_softmax_logits_is_p_minus_y():
    rng = np.random.default_rng(3)
    z, y = rng.normal(size=(4, 1)), one_hot([1], 4)
    num = numerical_gradient(lambda: cross_entropy(softmax(z, axis=0), y), z)
    assert relative_error(num, softmax(z, axis=0) - y) < 1e-6


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_logit_gradients_match_numerical_derivatives(y):
    z = np.array([-3.7, -0.4, 0.9, 2.2])
    ce = numerical_gradient(lambda: sum(binary_cross_entropy(sigmoid(zi), y) for zi in z), z)
    assert relative_error(ce, ce_grad_logit(z, y)) < 1e-6
    sse = numerical_gradient(lambda: sum(sum_squared_error([sigmoid(zi)], [y]) for zi in z), z)
    assert relative_error(sse, sse_grad_logit(z, y)) < 1e-6


def test_sse_gradient_vanishes_when_very_wrong_but_ce_does_not():
    assert ce_grad_logit(-6.0, 1.0) == pytest.approx(-0.9975, abs=1e-4)
    assert sse_grad_logit(-6.0, 1.0) == pytest.approx(-0.0025, abs=1e-4)


def test_accuracy():
    assert accuracy([1, 0, 1, 1], [1, 1, 1, 0]) == 0.5


# --- 로짓 기울기 유도, 로그-소프트맥스, 정보량 ----------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_ce_grad_logit_matches_numerical_gradient_for_one_hot_and_soft_targets(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=5) * 2
    for y in (one_hot([seed % 5], 5)[:, 0], rng.dirichlet(np.ones(5))):   # 원-핫과 부드러운 정답
        num = numerical_gradient(lambda: cross_entropy(softmax(z), y), z)
        assert relative_error(num, softmax_ce_grad_logit(z, y)) < 1e-6


def test_softmax_ce_grad_needs_a_target_that_sums_to_one():
    """유도는 Σy = 1 을 씁니다. 합이 1이 아니면 ŷ − y 는 기울기가 아닙니다(유도의 가정이 살아 있는지 확인)."""
    z, y = np.array([0.5, -1.0, 2.0]), np.array([0.0, 1.0, 1.0])
    num = numerical_gradient(lambda: cross_entropy(softmax(z), y), z)
    assert relative_error(num, softmax_ce_grad_logit(z, y)) > 1e-2
    assert np.allclose(num, softmax(z) * y.sum() - y, atol=1e-7)


def test_logsumexp_and_log_softmax_match_direct_formulas_where_those_are_safe():
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(4, 6)) * 3
    direct = np.array([math.log(math.fsum(math.exp(v) for v in col)) for col in Z.T])
    assert np.allclose(logsumexp(Z, axis=0).ravel(), direct, rtol=1e-13)
    assert np.allclose(log_softmax(Z, axis=0), np.log(softmax(Z, axis=0)), rtol=1e-12, atol=1e-13)


def test_log_softmax_is_finite_and_exact_at_extremes():
    z = np.array([1000.0, 1001.0, 1002.0])
    assert np.allclose(log_softmax(z), log_softmax(z - 1000.0))     # 상수를 빼도 같음
    assert np.isclose(np.exp(log_softmax(z)).sum(), 1.0)
    assert log_softmax(np.array([0.0, -800.0])).tolist() == [0.0, -800.0]


def test_cross_entropy_from_logits_equals_clipped_version_where_nothing_is_clipped():
    rng = np.random.default_rng(5)
    Z, Y = rng.normal(size=(3, 8)), one_hot(rng.integers(0, 3, 8), 3)
    assert cross_entropy_from_logits(Z, Y) == pytest.approx(cross_entropy(softmax(Z, axis=0), Y), rel=1e-12)
    num = numerical_gradient(lambda: cross_entropy_from_logits(Z, Y), Z)
    assert relative_error(num, (softmax(Z, axis=0) - Y) / Z.shape[1]) < 1e-6


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_binary_cross_entropy_from_logits_value_and_gradient(y):
    z = np.array([-45.0, -3.0, -0.2, 0.7, 4.0, 45.0])
    t = np.full_like(z, y)
    direct = [math.log1p(math.exp(-v)) + (1 - y) * v for v in z]   # 유도한 식 log(1 + e^−z) + (1 − y)z
    assert binary_cross_entropy_from_logits(z, t) == pytest.approx(np.mean(direct), rel=1e-12)
    num = numerical_gradient(lambda: binary_cross_entropy_from_logits(z, t) * z.size, z)
    assert relative_error(num, sigmoid(z) - y) < 1e-6


def test_clipping_sets_the_gradient_to_zero_where_it_clips():
    y = np.array([1.0])
    for value, clipped_grad in [(-20.0, -1.0), (-30.0, 0.0), (-60.0, 0.0)]:
        z = np.array([value])
        g_clip = numerical_gradient(lambda: binary_cross_entropy(sigmoid(z), y), z)[0]
        g_logit = numerical_gradient(lambda: binary_cross_entropy_from_logits(z, y), z)[0]
        assert g_clip == pytest.approx(clipped_grad, abs=1e-6)
        assert g_logit == pytest.approx(-1.0, abs=1e-6)
    assert binary_cross_entropy(sigmoid(np.array([-60.0])), y) == pytest.approx(-np.log(1e-12))
    assert binary_cross_entropy_from_logits(np.array([-60.0]), y) == pytest.approx(60.0)


def test_cross_entropy_is_entropy_plus_kl_and_kl_is_a_divergence():
    rng = np.random.default_rng(6)
    for _ in range(20):
        p, q = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(4))
        assert cross_entropy_pq(p, q) == pytest.approx(entropy(p) + kl_divergence(p, q), rel=1e-12)
        assert kl_divergence(p, q) > 0 and kl_divergence(p, p) == pytest.approx(0.0, abs=1e-15)
    assert entropy(np.full(5, 0.2)) == pytest.approx(math.log(5))
    assert entropy([0.0, 1.0, 0.0]) == 0.0


def test_kl_of_two_coins_matches_the_closed_form_and_is_not_symmetric():
    a, b = 0.3, 0.6
    closed = a * math.log(a / b) + (1 - a) * math.log((1 - a) / (1 - b))
    assert kl_divergence([a, 1 - a], [b, 1 - b]) == pytest.approx(closed, rel=1e-12)
    assert kl_divergence([a, 1 - a], [b, 1 - b]) != pytest.approx(kl_divergence([b, 1 - b], [a, 1 - a]))


def test_one_hot_cross_entropy_equals_kl_and_the_loss_on_the_page():
    y, y_hat = np.array([0.0, 0.0, 1.0]), np.array([0.1, 0.2, 0.7])
    assert cross_entropy_pq(y, y_hat) == pytest.approx(kl_divergence(y, y_hat)) == pytest.approx(cross_entropy(y_hat, y))
