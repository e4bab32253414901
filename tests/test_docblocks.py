"""문서 코드 블록 수집기(tests/docblocks.py)의 메시지와 검사를 작은 예제로: 빌드 없이 빠르게."""
from tests.docblocks import mismatch_message, output_line, unlabeled_python

PAGE = """# 제목

```python
x = 1
```

<!--pytest-codeblocks:cont-->
```python
print(x)
print(x + 1)
```

<!--pytest-codeblocks:expected-output-->
```
1
3
```

```
y = 2
print(y)
```

```
[1 2 3]
```
"""


def test_stale_output_is_reported_at_the_first_wrong_output_line():
    assert output_line(PAGE, 3) == 14  # 출력 블록의 여는 펜스
    first = mismatch_message("docs/x.md", PAGE, 3, "block1", "1\n3\n", "1\n2\n", "   1 | x = 1").split("\n")[0]
    assert first.startswith("docs/x.md:16: "), first  # "3" 이 적힌 줄
    assert "코드 블록 3행" in first
    # 출력 줄 수가 모자라면 모자란 첫 줄을 가리킵니다
    assert mismatch_message("docs/x.md", PAGE, 3, "b", "1\n", "1\n2\n", "").startswith("docs/x.md:16: ")


def test_a_block_without_output_falls_back_to_its_own_line():
    assert output_line("```python\nx = 1\n```\n", 1) is None
    assert mismatch_message("docs/x.md", "```python\nx = 1\n```\n", 1, "b", "a\n", "b\n", "").startswith("docs/x.md:1: ")


def test_python_in_a_plain_fence_is_flagged_but_printed_output_is_not():
    assert unlabeled_python(PAGE) == [19]


CHAIN = """# 제목

```python
x = 1
```

<!--pytest-codeblocks:cont-->
```python
y = x + 1
z = y
```

```python
w = 0
```
"""


def test_a_failure_deep_in_a_cont_chain_names_its_own_page_line():
    from tests.docblocks import chain_line

    assert chain_line(CHAIN, 3, 1) == (4, False)
    assert chain_line(CHAIN, 3, 3) == (10, False)   # 둘째 블록의 둘째 줄
    # 포함 줄(--8<--)은 펼친 줄 수만큼 자리를 차지하고, 그 안의 줄이면 포함 줄 자체를 가리킵니다
    from tests.docblocks import expand

    include = '--8<-- "snippets/gates.py:gates"'
    n = len(expand(include).split("\n"))
    page = CHAIN.replace("x = 1\n", include + "\nx = 1\n", 1)
    assert chain_line(page, 3, 2) == (4, True)
    assert chain_line(page, 3, n + 1) == (5, False)
    assert chain_line(page, 3, n + 3) == (11, False)
