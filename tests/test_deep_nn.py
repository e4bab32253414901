"""snippets/deep_nn.py: 함수마다의 역전파, 전체 기울기 검사, cache·기울기 모양, 초기화, 학습."""
from __future__ import annotations

import numpy as np
import pytest

from snippets import deep_nn as dn
from snippets.gradcheck import numerical_gradient, relative_error

EPS = 1e-5  # 중앙 차분 간격: 반올림 오차와 절단 오차의 균형(float64)


def random_network(seed, dims, m):
    """0이 아닌 가중치·편향·입력을 가진 망과 이진 정답."""
    rng = np.random.default_rng(seed)
    params = dn.initialize_parameters(dims, method="he", seed=seed)
    for key in params:
        if key.startswith("b"):
            params[key] = params[key] + rng.normal(0, 0.1, params[key].shape)
    X = rng.normal(size=(dims[0], m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return params, X, Y


CASES = [(0, [4, 5, 3, 1], 1), (1, [3, 6, 1], 7), (2, [2, 8, 8, 4, 1], 16), (3, [5, 1], 3),
         (4, [3, 4, 4, 4, 1], 32), (5, [6, 3, 2, 1], 2)]


@pytest.mark.parametrize("seed, dims, m", CASES)
def test_every_parameter_matches_numerical_gradient(seed, dims, m):
    params, X, Y = random_network(seed, dims, m)
    AL, caches = dn.forward_model(X, params)
    grads = dn.backward_model(AL, Y, caches)
    for key, value in params.items():
        numeric = numerical_gradient(lambda: dn.compute_cost(dn.forward_model(X, params)[0], Y), value, eps=EPS)
        assert relative_error(numeric, grads["d" + key]) < 1e-6, key


@pytest.mark.parametrize("seed, dims, m", CASES)
def test_shapes_of_caches_and_gradients(seed, dims, m):
    params, X, Y = random_network(seed, dims, m)
    AL, caches = dn.forward_model(X, params)
    L = len(dims) - 1
    assert AL.shape == (1, m) and len(caches) == L
    for l, ((A_prev, W, b), Z) in enumerate(caches, 1):
        assert A_prev.shape == (dims[l - 1], m)
        assert W is params[f"W{l}"] and b is params[f"b{l}"]
        assert Z.shape == (dims[l], m)
    grads = dn.backward_model(AL, Y, caches)
    for l in range(1, L + 1):
        assert grads[f"dW{l}"].shape == (dims[l], dims[l - 1])
        assert grads[f"db{l}"].shape == (dims[l], 1)
        assert grads[f"dA{l - 1}"].shape == (dims[l - 1], m)
    assert set(grads) == {f"d{k}{l}" for l in range(1, L + 1) for k in "Wb"} | {f"dA{l}" for l in range(L)}


def test_sigmoid_and_relu_backward_alone():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(3, 4))
    Z[np.abs(Z) < 1e-3] = 0.5  # ReLU의 꺾인 점에서 떨어뜨림
    dA = rng.normal(size=(3, 4))
    for forward, backward in [(dn.sigmoid, dn.sigmoid_backward), (dn.relu, dn.relu_backward)]:
        A, cache = forward(Z)
        assert cache is Z
        numeric = numerical_gradient(lambda: float(np.sum(dA * forward(Z)[0])), Z, eps=EPS)
        assert relative_error(numeric, backward(dA, cache)) < 1e-7
    np.testing.assert_array_equal(dn.relu_backward(np.ones((1, 3)), np.array([[-1.0, 0.0, 2.0]])), [[0, 0, 1]])


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise"):
        A, _ = dn.sigmoid(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_array_equal(A, [[0.0, 0.5, 1.0]])


def test_linear_backward_alone_includes_1_over_m():
    rng = np.random.default_rng(1)
    A_prev, W, b = rng.normal(size=(3, 5)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    dZ = rng.normal(size=(2, 5))
    _, cache = dn.linear_forward(A_prev, W, b)
    dA_prev, dW, db = dn.linear_backward(dZ, cache)
    # dW, db 는 (1/m)·Σ dZ∘Z 의 기울기, dA_prev 는 Σ dZ∘Z 의 기울기(샘플마다)
    mean_obj = lambda: float(np.sum(dZ * dn.linear_forward(A_prev, W, b)[0])) / 5  # noqa: E731
    assert relative_error(numerical_gradient(mean_obj, W, eps=EPS), dW) < 1e-7
    assert relative_error(numerical_gradient(mean_obj, b, eps=EPS), db) < 1e-7
    sum_obj = lambda: float(np.sum(dZ * dn.linear_forward(A_prev, W, b)[0]))  # noqa: E731
    assert relative_error(numerical_gradient(sum_obj, A_prev, eps=EPS), dA_prev) < 1e-7
    assert db.shape == (2, 1)  # 원본의 squeeze 버그가 없음


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_linear_activation_backward_alone(activation):
    rng = np.random.default_rng(2)
    A_prev, W, b = rng.normal(size=(3, 4)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    dA = rng.normal(size=(2, 4))
    A, cache = dn.linear_activation_forward(A_prev, W, b, activation)
    (lin, act) = cache
    assert lin[0] is A_prev and act.shape == (2, 4)
    _, dW, db = dn.linear_activation_backward(dA, cache, activation)
    obj = lambda: float(np.sum(dA * dn.linear_activation_forward(A_prev, W, b, activation)[0])) / 4  # noqa: E731
    assert relative_error(numerical_gradient(obj, W, eps=EPS), dW) < 1e-7
    assert relative_error(numerical_gradient(obj, b, eps=EPS), db) < 1e-7


def test_unknown_activation_is_an_error():
    with pytest.raises(ValueError):
        dn.linear_activation_forward(np.ones((1, 1)), np.ones((1, 1)), np.ones((1, 1)), "tanh")
    with pytest.raises(ValueError):
        dn.linear_activation_backward(np.ones((1, 1)), ((np.ones((1, 1)),) * 3, np.ones((1, 1))), "tanh")


def test_cost_is_finite_at_saturation_and_matches_formula():
    assert np.isfinite(dn.compute_cost(np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])))
    assert dn.compute_cost(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])) < 1e-10
    AL, Y = np.array([[0.8, 0.3]]), np.array([[1.0, 0.0]])
    assert dn.compute_cost(AL, Y) == pytest.approx(-(np.log(0.8) + np.log(0.7)) / 2)
    assert isinstance(dn.compute_cost(AL, Y), float)


@pytest.mark.parametrize("method, expected", [("small", lambda i, o: 0.01),
                                              ("xavier", lambda i, o: np.sqrt(2 / (i + o))),
                                              ("he", lambda i, o: np.sqrt(2 / i))])
def test_initialisation_scales(method, expected):
    params = dn.initialize_parameters([400, 300, 1], method=method, seed=0)
    assert params["W1"].std() == pytest.approx(expected(400, 300), rel=0.02)
    np.testing.assert_array_equal(params["b1"], 0)
    assert params["b1"].shape == (300, 1)


def test_initialisation_leaves_the_global_rng_alone():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = dn.initialize_parameters([3, 2, 1], seed=0)
    np.testing.assert_array_equal(np.random.get_state()[1], before)
    b = dn.initialize_parameters([3, 2, 1], seed=1)
    assert not np.allclose(a["W1"], b["W1"])


def test_update_parameters_is_one_gradient_step():
    params = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 2), 2.0), "db1": np.ones((2, 1))}
    dn.update_parameters(params, grads, 0.5)
    np.testing.assert_array_equal(params["W1"], 0)
    np.testing.assert_array_equal(params["b1"], -0.5)


def test_softmax_columns():
    S, Z = dn.softmax(np.array([[1000.0, 1.0], [999.0, 2.0], [998.0, 3.0]]))
    np.testing.assert_allclose(S.sum(axis=0), 1)
    np.testing.assert_allclose(S[:, 0], [0.665, 0.245, 0.090], atol=5e-4)


def test_learns_xor():
    X, Y = dn.xor_data()
    params, costs = dn.train(X, Y, [2, 8, 1], learning_rate=0.5, epochs=1000, batch_size=4, seed=1)
    np.testing.assert_array_equal(dn.predict(X, params), Y)
    assert costs[-1] < 0.01 < costs[0]


@pytest.mark.parametrize("method", ["xavier", "he"])
def test_learns_moons_with_minibatches(method):
    X, Y = dn.make_moons(200, noise=0.15, seed=0)
    assert X.shape == (2, 200) and Y.sum() == 100
    params, costs = dn.train(X, Y, [2, 16, 8, 1], learning_rate=0.2, epochs=300, batch_size=32,
                             method=method, seed=3)
    assert np.mean(dn.predict(X, params) == Y) >= 0.97
    assert costs[-1] < costs[0] / 10
    assert costs[-20:].mean() < costs[:20].mean()


def test_small_init_is_slow_at_the_start():
    """원본의 ×0.01: 같은 조건에서 처음 30 에포크 동안 비용이 거의 줄지 않습니다."""
    X, Y = dn.make_moons(200, noise=0.15, seed=0)
    _, small = dn.train(X, Y, [2, 16, 8, 1], learning_rate=0.2, epochs=30, batch_size=32, method="small", seed=3)
    _, he = dn.train(X, Y, [2, 16, 8, 1], learning_rate=0.2, epochs=30, batch_size=32, method="he", seed=3)
    assert small[-1] > 0.6 and he[-1] < 0.3
