"""snippets/optimizers.py: 모든 최적화 기법이 같은 update(params, grads)로 이차 함수를 줄이고, 첫 걸음이 손 계산과 같은지."""
import numpy as np
import pytest

from snippets.landscapes import (bowl_grad, elongated, elongated_grad, gd_1d, plateau_grad, saddle_grad,
                                 two_valleys_grad)
from snippets.optimizers import SGD, AdaGrad, Adam, Momentum, RMSProp, run

ALL = [lambda: SGD(lr=0.1), lambda: Momentum(lr=0.05, beta=0.9), lambda: AdaGrad(lr=0.5),
       lambda: RMSProp(lr=0.05), lambda: Adam(lr=0.1)]
# 이차 함수 f(W, b) = ½ΣaW² + ½Σ(b − 1)²: 최솟값 0
A = np.array([[1.0, 3.0], [0.5, 2.0]])


def _f(p):
    return 0.5 * np.sum(A * p["W"] ** 2) + 0.5 * np.sum((p["b"] - 1) ** 2)


def _grads(p):
    return {"W": A * p["W"], "b": p["b"] - 1}


@pytest.mark.parametrize("make", ALL, ids=["sgd", "momentum", "adagrad", "rmsprop", "adam"])
def test_decreases_a_quadratic_in_place(make):
    opt = make()
    p = {"W": np.array([[2.0, -1.0], [1.5, 0.5]]), "b": np.array([[3.0], [-2.0]])}
    W_obj = p["W"]
    start = _f(p)
    for _ in range(300):
        opt.update(p, _grads(p))
    assert p["W"] is W_obj                       # 제자리 갱신
    assert _f(p) < 1e-2 * start


def test_first_steps_match_hand_computation():
    g = np.array([0.5, -2.0])
    x0 = np.array([1.0, 1.0])

    def one(opt):
        p = {"x": x0.copy()}
        opt.update(p, {"x": g.copy()})
        return p["x"]

    np.testing.assert_allclose(one(SGD(lr=0.1)), x0 - 0.1 * g)
    np.testing.assert_allclose(one(Momentum(lr=0.1, beta=0.9)), x0 - 0.1 * g)         # v = −ηg
    np.testing.assert_allclose(one(AdaGrad(lr=0.1, eps=0)), x0 - 0.1 * np.sign(g))     # g/√(g²)
    np.testing.assert_allclose(one(RMSProp(lr=0.1, rho=0.9, eps=0)), x0 - 0.1 * g / np.sqrt(0.1 * g ** 2))
    np.testing.assert_allclose(one(Adam(lr=0.1, eps=0)), x0 - 0.1 * np.sign(g))        # 편향 보정 덕분


def test_momentum_second_step_by_hand():
    p = {"p": np.array([-7.0, 2.0])}
    opt = Momentum(lr=0.1, beta=0.9)
    for _ in range(2):
        opt.update(p, {"p": elongated_grad(p["p"])})
    np.testing.assert_allclose(opt.v["p"], [0.1323, -0.68])
    np.testing.assert_allclose(p["p"], [-6.7977, 0.92])


def test_adam_bias_correction():
    # 보정이 있으면 첫 걸음은 기울기 크기와 상관없이 η, 보정이 없으면 η·(1−β₁)/√(1−β₂).
    for g in (1e-4, 1.0, 1e4):
        p = {"w": np.array([0.0])}
        Adam(lr=0.01).update(p, {"w": np.array([g])})
        assert p["w"][0] == pytest.approx(-0.01, rel=1e-3)
    opt = Adam(lr=0.01)
    p = {"w": np.array([0.0])}
    for t in range(1, 4):
        opt.update(p, {"w": np.array([2.0])})
        v, h = opt.v["w"][0], opt.h["w"][0]
        assert v == pytest.approx(2.0 * (1 - 0.9 ** t))           # 보정 전: 0 쪽으로 치우침
        assert v / (1 - 0.9 ** t) == pytest.approx(2.0)             # 보정 후: 참값
        assert h / (1 - 0.999 ** t) == pytest.approx(4.0)
    assert p["w"][0] == pytest.approx(-0.03, rel=1e-3)


def test_figure_parameters_reproduce_verified_values():
    """FIGURES.md F29 의 검증된 값: 30걸음 뒤 f."""
    expected = {"SGD": (SGD(0.95), 0.013), "Momentum": (Momentum(0.1, 0.9), 0.048), "AdaGrad": (AdaGrad(1.5), 0.0007),
                "RMSProp": (RMSProp(0.1, 0.99), 0.024), "Adam": (Adam(0.3), 0.10)}
    for name, (opt, f30) in expected.items():
        path = run(opt, elongated_grad, (-7.0, 2.0), 30)
        assert path.shape == (31, 2)
        assert elongated(path[-1]) == pytest.approx(f30, rel=0.05, abs=1e-4), name


def test_landscapes_gradients_match_numerical():
    for f_grad, w in ((bowl_grad, 0.3), (two_valleys_grad, 1.1), (plateau_grad, 1.0)):
        from snippets import landscapes as ls
        f = {bowl_grad: ls.bowl, two_valleys_grad: ls.two_valleys, plateau_grad: ls.plateau}[f_grad]
        assert f_grad(w) == pytest.approx((f(w + 1e-6) - f(w - 1e-6)) / 2e-6, rel=1e-6)
    np.testing.assert_allclose(saddle_grad(np.array([0.3, -0.2])), [0.6, 0.4])


def test_plateau_is_really_flat_then_drops():
    """고원 예: 처음 200번은 기울기가 0에 가깝고 손실이 거의 그대로, 그 뒤 골짜기(w = 4)에 닿습니다."""
    from snippets.landscapes import plateau
    ws = gd_1d(plateau_grad, 0.0, 1.0, 250)
    assert np.abs(plateau_grad(ws[:200])).max() < 0.02
    assert plateau(ws[0]) - plateau(ws[200]) < 0.01 * plateau(ws[0])   # 200번 동안 1%도 못 줄임
    assert plateau(ws[-1]) < 1e-6 and ws[-1] == pytest.approx(4.0)


def test_gd_1d_known_iterates_and_local_minimum():
    np.testing.assert_allclose(gd_1d(bowl_grad, -1.5, 0.25, 4), [-1.5, 0.25, 1.125, 1.5625, 1.78125])
    assert gd_1d(two_valleys_grad, 3.0, 0.01, 500)[-1] == pytest.approx(1.968, abs=1e-3)     # 지역 최솟값
    assert gd_1d(two_valleys_grad, -0.4, 0.01, 500)[-1] == pytest.approx(-2.031, abs=1e-3)   # 전역 최솟값
    assert abs(gd_1d(bowl_grad, -1.5, 1.05, 20)[-1]) > 10                                     # 발산


def test_saddle_lingers_then_escapes():
    path = run(SGD(0.1), saddle_grad, (1.0, 1e-3), 60)
    assert (np.linalg.norm(path, axis=1) < 0.05).sum() == 8
    assert abs(path[-1, 1]) > 10
