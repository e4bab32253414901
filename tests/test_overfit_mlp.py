"""snippets/overfit_mlp.py: 데이터 나누기, 다층 퍼셉트론의 기울기(L2 포함), 세 처방이 훈련–검증 차이를 줄이는지."""
import numpy as np
import pytest

from snippets.backprop import Dense
from snippets.gradcheck import numerical_gradient, relative_error
from snippets.overfit_mlp import (SETTINGS, accuracy, bce, compare, gradients, make_mlp, make_split_moons,
                                  predict_proba, train_mlp)
from snippets.regularization import Dropout


def test_split_sizes_are_disjoint_and_balanced():
    (X, Y), (Xv, Yv), (Xt, Yt) = make_split_moons()
    assert X.shape == (2, 30) and Xv.shape == (2, 100) and Xt.shape == (2, 500)
    columns = {tuple(c) for part in (X, Xv, Xt) for c in part.T}
    assert len(columns) == 630                                    # 겹치는 점이 없음
    for y in (Y, Yv, Yt):
        assert 0.3 < y.mean() < 0.7                               # 섞었으므로 부류가 한쪽에 몰리지 않음
    np.testing.assert_array_equal(make_split_moons()[0][0], X)     # 같은 시드면 같은 데이터


def test_model_layout_and_dropout_keeps_initial_weights():
    plain, drop = make_mlp([2, 8, 8, 1]), make_mlp([2, 8, 8, 1], p=0.5)
    assert [type(l).__name__ for l in plain] == ["Dense", "ReLU", "Dense", "ReLU", "Dense"]
    assert [type(l).__name__ for l in drop] == ["Dense", "ReLU", "Dropout", "Dense", "ReLU", "Dropout", "Dense"]
    for a, b in zip([l for l in plain if isinstance(l, Dense)], [l for l in drop if isinstance(l, Dense)]):
        np.testing.assert_array_equal(a.W, b.W)
    X = np.random.default_rng(0).normal(size=(2, 5))
    np.testing.assert_array_equal(predict_proba(plain, X), predict_proba(drop, X))   # 평가 때 드롭아웃은 그대로 통과


@pytest.mark.parametrize("lam", [0.0, 0.3])
def test_gradients_match_numerical(lam):
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(2, 9)), (rng.random((1, 9)) > 0.5).astype(float)
    layers = make_mlp([2, 5, 4, 1], seed=3)
    dense = [l for l in layers if isinstance(l, Dense)]
    for l in dense:
        l.b += rng.normal(0, 0.3, l.b.shape)            # 0 편향은 잘못된 db 를 숨길 수 있음
    grads = gradients(layers, X, Y, lam)

    def J():
        return bce(predict_proba(layers, X), Y) + lam / 2 * sum(np.sum(l.W ** 2) for l in dense)

    for i, l in enumerate(dense):
        assert relative_error(grads[f"W{i}"], numerical_gradient(J, l.W)) < 1e-6
        assert relative_error(grads[f"b{i}"], numerical_gradient(J, l.b)) < 1e-6


def test_early_stopping_restores_best_parameters():
    train, val, _ = make_split_moons()
    layers, log = train_mlp(train, val, patience=100)
    assert len(log["val"]) == log["best"] + 101                    # 최고 기록 뒤 100 에포크 참고 멈춤
    assert log["best"] == int(np.argmin(log["val"]))
    assert bce(predict_proba(layers, val[0]), val[1]) == pytest.approx(log["val"][log["best"]])


def test_each_remedy_closes_the_train_validation_gap():
    data = make_split_moons()
    results = compare(data)
    assert list(results) == list(SETTINGS)
    gap = {name: r[3] - r[2] for name, r in results.items()}
    plain = results["규제 없음"]
    assert plain[2] < 0.01 and gap["규제 없음"] > 0.5                # 훈련 데이터를 외움
    assert accuracy(plain[0], *data[0]) == 1.0
    for name in ("드롭아웃 p=0.5", "L2 규제 λ=0.01", "조기 종료"):
        assert gap[name] < 0.3 * gap["규제 없음"], name
        assert results[name][3] < 0.5 * plain[3], name            # 검증 손실도 크게 낮음
    assert all(len(r[1]["val"]) == 800 for n, r in results.items() if n != "조기 종료")
