"""snippets/gates.py: 게이트의 backward 는 수치 미분과 같고, 꺾인 점을 건너는 수치 미분은 검사를 틀리게 합니다."""
import numpy as np
import pytest

from snippets.backprop import backward, cost, forward, init_params
from snippets.gates import AddGate, MaxGate, MulGate, kinks_crossed
from snippets.gradcheck import numerical_gradient, relative_error

TOL = 1e-6


def _check_gate(gate, x, y):
    """L = Σ gate(x, y)·u 의 기울기: backward(u) 가 x, y 각각의 수치 미분과 같아야 합니다."""
    u = np.random.default_rng(0).normal(size=x.shape)
    gate.forward(x, y)
    dx, dy = gate.backward(u)
    assert relative_error(dx, numerical_gradient(lambda: np.sum(gate.forward(x, y) * u), x)) < TOL
    assert relative_error(dy, numerical_gradient(lambda: np.sum(gate.forward(x, y) * u), y)) < TOL


@pytest.mark.parametrize("gate_cls", [AddGate, MulGate, MaxGate])
def test_gate_backward_matches_numerical_gradient(gate_cls):
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    assert np.min(np.abs(x - y)) > 1e-3          # max 게이트의 동점(꺾인 곳)에서 떨어진 값
    _check_gate(gate_cls(), x, y)


def test_gates_route_the_upstream_gradient_as_the_page_says():
    g = np.array([1.5, -2.0])
    x, y = np.array([3.0, -1.0]), np.array([-4.0, 5.0])
    add, mul, mx = AddGate(), MulGate(), MaxGate()
    add.forward(x, y)
    assert all(np.array_equal(d, g) for d in add.backward(g))          # 그대로 나눠 줌
    mul.forward(x, y)
    dx, dy = mul.backward(g)
    assert np.array_equal(dx, g * y) and np.array_equal(dy, g * x)     # 상대편 값을 곱함
    mx.forward(x, y)
    dx, dy = mx.backward(g)
    assert dx.tolist() == [1.5, 0.0] and dy.tolist() == [0.0, -2.0]   # 이긴 쪽으로만
    assert np.array_equal(dx + dy, g)


def test_page_example_f_equals_minus_twenty_with_known_gradients():
    mul, mx, add = MulGate(), MaxGate(), AddGate()
    s = add.forward(mul.forward(3.0, -4.0), mx.forward(2.0, -1.0))
    d_xy, d_max = add.backward(2.0)
    assert 2 * s == -20.0
    assert mul.backward(d_xy) == (-8.0, 6.0)
    assert [float(d) for d in mx.backward(d_max)] == [2.0, 0.0]


def _kink_network():
    params = {"W1": np.array([[0.4, -0.2], [0.3, 0.6]]), "b1": np.array([[-3e-7], [-0.1]]),
              "W2": np.array([[0.7, -0.5]]), "b2": np.array([[0.1]])}
    X, Y = np.array([[1.0, -1.0], [2.0, 1.0]]), np.array([[1.0, 0.0]])
    return params, X, Y


def test_gradient_check_fails_only_where_a_kink_is_crossed():
    params, X, Y = _kink_network()
    _, cache = forward(X, params)
    grads = backward(params, cache, Y)
    J = lambda: cost(forward(X, params)[0], Y)
    assert kinks_crossed(cache["Z1"], 1e-6) == 1 and kinks_crossed(cache["Z1"], 1e-7) == 0
    num = numerical_gradient(J, params["b1"], eps=1e-6)
    # 꺾인 점 자리: 역전파는 0, 수치 미분은 0.35 × (그 자리로 내려온 기울기)
    dA1 = (params["W2"].T @ (cache["A2"] - Y))[0, 0] / X.shape[1]
    assert grads["b1"][0, 0] == 0.0 and num[0, 0] == pytest.approx(0.35 * dA1, rel=1e-6)
    assert relative_error(grads["b1"][1], num[1]) < TOL            # 다른 노드는 그대로 맞음
    for key in params:                                              # ε 을 줄이면 모두 통과
        assert relative_error(grads[key], numerical_gradient(J, params[key], eps=1e-7)) < TOL


def test_zero_input_and_zero_bias_put_every_hidden_unit_on_the_kink():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Z1 = forward(X, init_params(2, 4, 1, seed=1))[1]["Z1"]
    assert np.all(Z1[:, 0] == 0.0) and kinks_crossed(Z1, 1e-6) == 4
