"""snippets/perceptron.py: 게이트의 진리표, 계단 함수 경계, XOR 의 격자 탐색."""
import itertools

import numpy as np
import pytest

from snippets.perceptron import GATES, INPUTS, XOR, best_single_perceptron, perceptron, truth_table

TRUTH = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "NAND": [1, 1, 1, 0]}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_gates_match_their_truth_tables(name):
    w, b = GATES[name]
    assert truth_table(w, b).tolist() == TRUTH[name]


def test_inputs_are_columns_in_binary_order():
    assert INPUTS.shape == (2, 4)
    assert [tuple(c) for c in INPUTS.T] == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_step_boundary_z_equal_zero_gives_zero():
    # z = 1·1 + 1·0 − 1 = 0 → 0 (z ≤ 0 이면 0)
    assert perceptron(np.array([[1], [0]]), [1.0, 1.0], -1.0).tolist() == [0]
    assert perceptron(np.array([[1], [0]]), [1.0, 1.0], -0.999).tolist() == [1]


def test_perceptron_accepts_single_sample_vector():
    assert int(perceptron(np.array([1, 1]), *GATES["AND"])) == 1


def test_grid_search_finds_all_linearly_separable_gates_but_not_xor():
    for name, table in TRUTH.items():
        count, (w1, w2, b) = best_single_perceptron(np.array(table))
        assert count == 4, name
        assert truth_table(np.array([w1, w2]), b).tolist() == table
    assert best_single_perceptron(XOR)[0] == 3
    assert best_single_perceptron(1 - XOR)[0] == 3


def test_every_two_input_function_except_xor_and_xnor_is_separable():
    """16개 논리 함수 중 직선으로 안 나뉘는 것은 XOR 과 XNOR 둘뿐."""
    not_separable = [t for t in itertools.product([0, 1], repeat=4)
                     if best_single_perceptron(np.array(t), grid=np.linspace(-2, 2, 9))[0] < 4]
    assert sorted(not_separable) == [(0, 1, 1, 0), (1, 0, 0, 1)]
