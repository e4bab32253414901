"""snippets/activations.py 검사: 도함수는 수치 미분과, 소프트맥스는 성질(합 1, 상수 불변, 오버플로 없음)로."""
from __future__ import annotations

import numpy as np
import pytest

from snippets import activations as act
from snippets.gradcheck import numerical_gradient, relative_error

TOL = 1e-6


def away_from_kinks(shape, seed, low=0.1, high=4.0):
    """꺾이는 점 0에서 떨어진 float64 입력: 부호는 무작위, 크기는 [low, high]."""
    rng = np.random.default_rng(seed)
    return rng.uniform(low, high, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def check_elementwise(f, df, x, seed=0):
    """스칼라 L = Σ f(x)·u (u는 무작위 가중치)의 기울기 df(x)·u 를 수치 미분과 비교합니다."""
    u = np.random.default_rng(seed + 100).normal(size=x.shape)
    numeric = numerical_gradient(lambda: np.sum(f(x) * u), x)
    analytic = df(x) * u
    assert relative_error(numeric, analytic) < TOL


# --- 도함수의 수치 미분 검사 ------------------------------------------------------------------
ELEMENTWISE = {
    "sigmoid": (act.sigmoid, act.sigmoid_grad),
    "tanh": (act.tanh, act.tanh_grad),
    "relu": (act.relu, act.relu_grad),
    "leaky-relu-default": (act.leaky_relu, act.leaky_relu_grad),
    "leaky-relu-0.2": (lambda x: act.leaky_relu(x, 0.2), lambda x: act.leaky_relu_grad(x, 0.2)),
    "prelu-dx": (lambda x: act.prelu(x, 0.25), lambda x: act.prelu_grad(x, 0.25)),
    "identity": (act.identity, act.identity_grad),
}


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@pytest.mark.parametrize("seed", [0, 1])
def test_derivative_matches_numerical_gradient(name, seed):
    f, df = ELEMENTWISE[name]
    check_elementwise(f, df, away_from_kinks((3, 4), seed), seed)


def test_step_gradient_is_zero_away_from_zero():
    x = away_from_kinks((2, 5), seed=3)
    numeric = numerical_gradient(lambda: np.sum(act.step(x)), x)
    assert np.array_equal(numeric, np.zeros_like(x))
    assert np.array_equal(act.step_grad(x), np.zeros_like(x))


def test_prelu_gradient_with_respect_to_a():
    x = away_from_kinks((4, 3), seed=4)
    u = np.random.default_rng(5).normal(size=x.shape)
    a = np.array([0.3])
    numeric = numerical_gradient(lambda: np.sum(act.prelu(x, a[0]) * u), a)
    analytic = np.sum(act.prelu_grad_a(x) * u)
    assert relative_error(numeric[0], analytic) < TOL
    # 양수 입력은 a와 무관합니다.
    assert np.all(act.prelu_grad_a(np.abs(x)) == 0)


def test_softmax_jacobian_matches_numerical_gradient():
    z = np.random.default_rng(6).normal(size=4) * 2
    jac = act.softmax_jacobian(z)
    for i in range(4):
        numeric = numerical_gradient(lambda: act.softmax(z)[i], z)
        assert relative_error(numeric, jac[i]) < TOL
    # 출력의 합이 늘 1이므로 열의 합은 0, 행렬은 대칭입니다.
    assert np.allclose(jac.sum(axis=0), 0.0)
    assert np.allclose(jac, jac.T)


# --- 층 클래스의 backward ----------------------------------------------------------------------
@pytest.mark.parametrize("layer_cls", [act.Sigmoid, act.ReLU])
def test_layer_backward_matches_numerical_gradient(layer_cls):
    x = away_from_kinks((3, 5), seed=7)
    dout = np.random.default_rng(8).normal(size=x.shape)
    layer = layer_cls()
    numeric = numerical_gradient(lambda: np.sum(layer_cls().forward(x) * dout), x)
    layer.forward(x)
    dx = layer.backward(dout)
    assert dx.shape == x.shape
    assert relative_error(numeric, dx) < TOL


def test_prelu_layer_backward_gives_dx_and_da():
    x = away_from_kinks((3, 5), seed=9)
    dout = np.random.default_rng(10).normal(size=x.shape)
    a = np.array([0.2])
    layer = act.PReLU(a=a[0])
    layer.forward(x)
    dx = layer.backward(dout)
    numeric_dx = numerical_gradient(lambda: np.sum(act.PReLU(a=a[0]).forward(x) * dout), x)
    numeric_da = numerical_gradient(lambda: np.sum(act.PReLU(a=a[0]).forward(x) * dout), a)
    assert relative_error(numeric_dx, dx) < TOL
    assert relative_error(numeric_da[0], layer.da) < TOL


def test_layers_remember_only_what_backward_needs():
    x = np.array([[-1.0, 2.0]])
    sig, relu = act.Sigmoid(), act.ReLU()
    sig.forward(x)
    relu.forward(x)
    assert set(vars(sig)) == {"out"}
    assert set(vars(relu)) == {"mask"}


# --- 알려진 값과 성질 ----------------------------------------------------------------------------
def test_step_convention_and_thermometer():
    assert act.step(0.0) == 0.0 and act.step(1e-9) == 1.0 and act.step(-3.0) == 0.0
    temps = np.array([36.5, 37.4, 37.49999, 37.5, 38.2])
    assert np.array_equal(act.thermometer(temps), [0, 0, 0, 1, 1])


def test_sigmoid_known_values_symmetry_and_max_derivative():
    assert act.sigmoid(0.0) == 0.5
    x = np.linspace(-10, 10, 2001)
    assert np.allclose(act.sigmoid(-x), 1 - act.sigmoid(x))
    grad = act.sigmoid_grad(x)
    assert grad.max() == pytest.approx(0.25)
    assert x[np.argmax(grad)] == pytest.approx(0.0)
    assert np.all(grad <= 0.25)


def test_sigmoid_is_stable_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise"):  # 넘침(아래 넘침은 무해)이 있으면 FloatingPointError
        out = act.sigmoid(np.array([-800.0, 800.0]))
    assert np.array_equal(out, [0.0, 1.0])


def test_tanh_is_a_rescaled_sigmoid():
    x = np.linspace(-8, 8, 1601)
    assert np.max(np.abs(act.tanh(x) - (2 * act.sigmoid(2 * x) - 1))) < 1e-12
    assert np.max(np.abs(act.tanh_grad(x) - 4 * act.sigmoid_grad(2 * x))) < 1e-12
    assert act.tanh_grad(0.0) == 1.0
    assert np.allclose(act.tanh(-x), -act.tanh(x))  # 홀수 함수(원점 대칭)


def test_relu_family_values_and_convention_at_zero():
    x = np.array([-2.0, 0.0, 3.0])
    assert np.array_equal(act.relu(x), [0, 0, 3])
    assert np.array_equal(act.relu_grad(x), [0, 0, 1])  # x = 0 에서는 관례로 0
    assert np.allclose(act.leaky_relu(x, 0.1), [-0.2, 0, 3])
    assert np.allclose(act.leaky_relu_grad(x, 0.1), [0.1, 0.1, 1])
    assert np.allclose(act.prelu(x, 0.25), act.leaky_relu(x, 0.25))


def test_zero_centred_means():
    z = np.random.default_rng(5).normal(size=100_000)
    assert act.sigmoid(z).mean() == pytest.approx(0.5, abs=0.01)
    assert act.tanh(z).mean() == pytest.approx(0.0, abs=0.01)
    assert act.relu(z).mean() == pytest.approx(1 / np.sqrt(2 * np.pi), abs=0.01)  # ≈ 0.399


def test_vanishing_product_crosses_one_in_a_million_at_ten_layers():
    best = act.sigmoid_grad(0.0)
    assert best**9 > 1e-6 > best**10 > 0


# --- 소프트맥스 --------------------------------------------------------------------------------
def test_softmax_columns_sum_to_one_for_2d_input():
    Z = np.random.default_rng(11).normal(size=(3, 6)) * 5  # 행 = 클래스, 열 = 샘플
    P = act.softmax(Z)
    assert P.shape == Z.shape
    assert np.allclose(P.sum(axis=0), 1.0)
    assert np.all((P > 0) & (P < 1))
    assert np.allclose(act.softmax(Z.T, axis=1), P.T)
    # 열마다 따로 계산한 것과 같습니다(열끼리 섞이지 않음).
    for j in range(Z.shape[1]):
        assert np.allclose(P[:, j], act.softmax(Z[:, j]))


def test_softmax_is_invariant_to_adding_a_constant():
    Z = np.random.default_rng(12).normal(size=(4, 3))
    shift = np.array([[100.0, -50.0, 3.0]])  # 열마다 다른 상수도 괜찮습니다.
    assert np.allclose(act.softmax(Z + shift), act.softmax(Z))
    assert np.allclose(act.softmax(Z + 7.0), act.softmax(Z))


def test_softmax_does_not_overflow_but_the_naive_one_does():
    z = np.array([1000.0, 1001.0, 1002.0])
    with np.errstate(over="raise", invalid="raise"):
        stable = act.softmax(z)
    assert np.all(np.isfinite(stable)) and stable.sum() == pytest.approx(1.0)
    assert np.allclose(stable, act.softmax_naive(z - 1000))
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.all(np.isnan(act.softmax_naive(z)))


def test_softmax_naive_agrees_for_small_logits():
    Z = np.random.default_rng(13).normal(size=(3, 4))
    assert np.allclose(act.softmax_naive(Z), act.softmax(Z))


def test_iris_example_and_argmax():
    z = np.log([0.2, 0.1, 0.7]) - np.log(0.2)
    assert np.allclose(act.softmax(z), [0.2, 0.1, 0.7])
    assert int(np.argmax(act.softmax(z))) == int(np.argmax(z)) == 2  # virginica


def test_two_class_softmax_is_sigmoid_of_difference():
    rng = np.random.default_rng(14)
    for z1, z2 in rng.normal(size=(10, 2)) * 4:
        assert act.softmax(np.array([z1, z2]))[0] == pytest.approx(act.sigmoid(z1 - z2), rel=1e-12)


# --- 모양 ----------------------------------------------------------------------------------------
SHAPE_FUNCS = [
    act.step, act.step_grad, act.sigmoid, act.sigmoid_grad, act.tanh, act.tanh_grad, act.relu,
    act.relu_grad, act.leaky_relu, act.leaky_relu_grad, act.prelu_grad_a, act.identity,
    act.identity_grad, act.thermometer, lambda x: act.prelu(x, 0.25), lambda x: act.prelu_grad(x, 0.25),
    act.softmax, act.softmax_naive,
]


@pytest.mark.parametrize("shape", [(), (5,), (3, 4)])
@pytest.mark.parametrize("k", range(len(SHAPE_FUNCS)))
def test_shapes_are_preserved(k, shape):
    x = np.random.default_rng(15).normal(size=shape)
    out = np.asarray(SHAPE_FUNCS[k](x))
    assert out.shape == shape
    assert out.dtype == np.float64


# --- GELU와 SiLU ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name,f,df", [("gelu", act.gelu, act.gelu_grad), ("silu", act.silu, act.silu_grad)])
@pytest.mark.parametrize("seed", [0, 1])
def test_smooth_activation_derivative_matches_numerical_gradient_even_at_zero(name, f, df, seed):
    # 매끄러운 함수라 꺾인 점을 피할 필요가 없습니다: 0과 0 바로 옆도 넣습니다.
    x = np.concatenate([np.random.default_rng(seed).normal(size=10) * 3, [0.0, 1e-7, -1e-7]])
    check_elementwise(f, df, x, seed)


def test_gelu_matches_an_independent_normal_cdf():
    from statistics import NormalDist

    x = np.linspace(-5, 5, 41)
    reference = np.array([v * NormalDist().cdf(v) for v in x])
    assert np.allclose(act.gelu(x), reference, rtol=1e-12, atol=1e-15)
    assert np.allclose(act.normal_cdf(x), [NormalDist().cdf(v) for v in x], rtol=1e-12, atol=1e-15)


def test_silu_is_x_times_sigmoid_and_behaves_like_relu_far_from_zero():
    x = np.array([-40.0, -8.0, 8.0, 40.0])
    assert np.allclose(act.silu(x), x / (1 + np.exp(-x)))
    for f in (act.gelu, act.silu):
        assert np.allclose(f(x), act.relu(x), atol=3e-3)          # 멀리서는 ReLU
        assert f(0.0) == 0.0
    assert act.gelu_grad(0.0) == pytest.approx(0.5) and act.silu_grad(0.0) == pytest.approx(0.5)


def test_page_facts_minimum_and_peak_of_gelu_and_silu():
    grid = np.linspace(-4, 4, 80_001)
    k = np.argmin(act.gelu(grid))
    assert grid[k] == pytest.approx(-0.7518, abs=2e-4) and act.gelu(grid)[k] == pytest.approx(-0.1700, abs=1e-4)
    k = np.argmin(act.silu(grid))
    assert grid[k] == pytest.approx(-1.2785, abs=2e-4) and act.silu(grid)[k] == pytest.approx(-0.2785, abs=1e-4)
    k = np.argmax(act.gelu_grad(grid))                              # GELU'' = φ(x)(2 − x²) = 0 → x = √2
    assert grid[k] == pytest.approx(np.sqrt(2), abs=2e-4) and act.gelu_grad(grid)[k] == pytest.approx(1.1289, abs=1e-4)
    assert act.silu_grad(-1.0) > 0 > act.gelu_grad(-1.0)


def test_tanh_approximation_of_gelu_is_close_but_not_equal():
    x = np.linspace(-6, 6, 1201)
    gap = np.max(np.abs(act.gelu(x) - act.gelu_tanh(x)))
    assert 1e-4 < gap < 5e-4


@pytest.mark.parametrize("shape", [(), (5,), (3, 4)])
@pytest.mark.parametrize("f", [act.gelu, act.gelu_grad, act.gelu_tanh, act.silu, act.silu_grad, act.normal_cdf])
def test_gelu_silu_shapes_are_preserved(f, shape):
    out = np.asarray(f(np.random.default_rng(16).normal(size=shape)))
    assert out.shape == shape and out.dtype == np.float64
