"""snippets/losses.py: 알려진 값, 수치 안정성, 이진 = 2클래스, 로짓 기울기의 수치 미분 검사."""
import numpy as np
import pytest

from snippets.activations import sigmoid, softmax
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.losses import (
    accuracy, binary_cross_entropy, ce_grad_logit, cross_entropy, one_hot, sse_grad_logit, sum_squared_error,
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
