"""내려받는 실습 노트북이 프로젝트 없이, 빈 폴더의 새 커널에서 위에서부터 끝까지 돌고 기대한 결과를 내는지.

- 노트북은 hooks/notebooks.py 가 빌드 때와 똑같이 docs/practice/*.md 와 snippets 에서 만듭니다("download" 모드).
- 커널은 `python -S`(site 를 읽지 않음: 편집 가능 설치의 snippets 경로가 빠짐)로, numpy·matplotlib 이 있는
  site-packages 만 PYTHONPATH 로 줍니다. 작업 폴더는 빈 임시 폴더입니다.
- 연습문제 풀이(마크다운 안의 ```python 과 그 뒤의 ```text 출력)도 노트북 끝에서 실행해 출력을 맞춰 봅니다.
- 마크다운 셀의 $…$ 수식은 모두 KaTeX(node)로 렌더링되어야 합니다.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from mkdocs.config import load_config
from nbclient import NotebookClient

from scripts import figures, katex
from scripts.figures import build as figure_build
from tests.conftest import ROOT

SOURCES = {"practice/iris.md": "iris", "practice/from-scratch.md": "from-scratch"}
SOLUTION = re.compile(r"```python\n(?P<code>.*?)```\s*```text\n(?P<out>.*?)```", re.DOTALL)
RESULT_MARK = "@@RESULT@@"


def _hook():
    spec = importlib.util.spec_from_file_location("notebooks_hook", ROOT / "hooks/notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()


@functools.cache
def _figure_svg(name: str) -> bytes:
    registry = figures.load_all()
    return figure_build.render(registry[name], "light")


@functools.cache
def _build(uri: str) -> str:
    config = load_config(str(ROOT / "mkdocs.yml"))
    expanded = HOOK.expander(config)((ROOT / "docs" / uri).read_text(encoding="utf-8"))
    nb, _ = HOOK.build_notebook(expanded, "download", uri[:-3] + ".ipynb", "https://example.org/site/", _figure_svg)
    return json.dumps(nb)


def build(uri: str) -> dict:
    return json.loads(_build(uri))


@pytest.fixture(scope="module")
def isolated_kernel(tmp_path_factory):
    """snippets 를 찾을 수 없는 커널: python -S + site-packages 만."""
    spec_dir = tmp_path_factory.mktemp("kernels") / "kernels" / "isolated-py"
    spec_dir.mkdir(parents=True)
    site_packages = sysconfig.get_paths()["purelib"]
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-S", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "isolated", "language": "python",
        "env": {"PYTHONPATH": site_packages, "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }))
    return KernelSpecManager(kernel_dirs=[str(spec_dir.parent)])


def run(nb: dict, workdir: Path, ksm: KernelSpecManager):
    node = nbformat.from_dict(nb)
    nbformat.validate(node)
    client = NotebookClient(node, kernel_name="isolated-py", timeout=120, allow_errors=False,
                            resources={"metadata": {"path": str(workdir)}})
    client.kernel_manager_class = _manager_factory(ksm)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return node


def _manager_factory(ksm):
    from jupyter_client.manager import AsyncKernelManager

    class Isolated(AsyncKernelManager):
        def __init__(self, **kw):
            super().__init__(kernel_spec_manager=ksm, **kw)

    return Isolated


def stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def with_checks(nb: dict, final_code: str) -> tuple[dict, list[tuple[str, str]]]:
    """노트북 끝에 연습문제 풀이 셀들과 결과 보고 셀을 붙입니다."""
    nb = json.loads(json.dumps(nb))
    solutions = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            solutions += [(m["code"], m["out"]) for m in SOLUTION.finditer(cell["source"])]
    for code, _ in solutions:
        nb["cells"].append({"cell_type": "code", "id": f"sol-{len(nb['cells'])}", "metadata": {},
                            "execution_count": None, "outputs": [], "source": code})
    nb["cells"].append({"cell_type": "code", "id": "final-check", "metadata": {}, "execution_count": None,
                        "outputs": [], "source": final_code})
    return nb, solutions


def check_common(node, solutions, workdir: Path) -> dict:
    n_sol = len(solutions)
    sol_cells = node.cells[-1 - n_sol:-1]
    for cell, (_, expected) in zip(sol_cells, solutions):
        assert stdout_of(cell) == expected, f"연습문제 풀이의 출력이 다릅니다:\n{cell.source}"
    for cell in node.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            assert not [o for o in cell.outputs if o.output_type == "error"]
    assert list(workdir.iterdir()) == [], "노트북이 작업 폴더에 파일을 만들거나 읽으려 했습니다"
    out = stdout_of(node.cells[-1])
    return json.loads(out.split(RESULT_MARK, 1)[1])


ISOLATION = f"""
import importlib.util, json, os, sys
report = {{
    "snippets_importable": importlib.util.find_spec("snippets") is not None,
    "scripts_importable": importlib.util.find_spec("scripts") is not None,
    "cwd_empty": os.listdir(".") == [],
}}
"""


def run_isolated(nb, final, tmp_path, kernel):
    """연습문제 풀이 검사와 마지막 보고 셀을 붙여 빈 폴더에서 실행하고, 프로젝트를 못 본 채 돌았는지 확인합니다."""
    nb, solutions = with_checks(nb, final)
    assert len(solutions) == 2
    node = run(nb, tmp_path, kernel)
    r = check_common(node, solutions, tmp_path)
    assert not r["snippets_importable"] and not r["scripts_importable"] and r["cwd_empty"]
    return node, r


@pytest.mark.parametrize("uri", ["practice/iris.md"])
def test_iris_notebook_runs_standalone(uri, tmp_path, isolated_kernel):
    nb = build(uri)
    final = ISOLATION + f"""
report.update(test_acc=test_acc, first=float(history[0]), last=float(history[-1]), seconds=seconds,
              n_train=int(X_train.shape[1]), n_test=int(X_test.shape[1]), cm=cm.tolist(),
              params=int(model.theta.size))
print("{RESULT_MARK}" + json.dumps(report))
"""
    node, r = run_isolated(nb, final, tmp_path, isolated_kernel)
    assert r["test_acc"] >= 0.93, r
    assert r["last"] < r["first"] / 10
    assert r["seconds"] < 10.0  # 벽시계 시간(속도 자체는 tests/test_iris.py 가 CPU 시간으로 검사)
    assert (r["n_train"], r["n_test"], r["params"]) == (114, 36, 697)
    assert sum(map(sum, r["cm"])) == 36
    # 그림(EDA, 손실, 혼동 행렬)이 실제로 나왔는지
    images = [o for c in node.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3


@pytest.mark.parametrize("uri", ["practice/from-scratch.md"])
def test_from_scratch_notebook_runs_standalone(uri, tmp_path, isolated_kernel):
    nb = build(uri)
    final = ISOLATION + f"""
worst = 0.0
for key in parameters:
    num = numerical_gradient(cost_now, parameters[key], eps=1e-5)
    worst = max(worst, float(relative_error(num, grads["d" + key])))
report.update(
    worst=worst,
    xor=predict(X_xor, params_xor).tolist(),
    xor_costs=[float(costs_xor[0]), float(costs_xor[-1])],
    moons={{k: [float(c[0]), float(c[-1]), float(np.mean(predict(X_moons, p) == Y_moons))]
           for k, (p, c) in results.items()}},
)
print("{RESULT_MARK}" + json.dumps(report))
"""
    node, r = run_isolated(nb, final, tmp_path, isolated_kernel)
    assert r["worst"] < 1e-6
    assert r["xor"] == [[0, 1, 1, 0]]
    assert r["xor_costs"][1] < 0.01
    for method in ("xavier", "he"):
        first, last, acc = r["moons"][method]
        assert acc >= 0.97 and last < first / 10
    assert r["moons"]["small"][1] > r["moons"]["he"][1]


@pytest.mark.parametrize("uri", sorted(SOURCES))
def test_download_notebook_is_self_contained(uri):
    nb = build(uri)
    nbformat.validate(nbformat.from_dict(nb))
    text = json.dumps(nb, ensure_ascii=False)
    assert "--8<--" not in text and "pytest-codeblocks" not in text and "pytest.mark" not in text
    code = "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "code")
    assert not re.search(r"^\s*(from|import)\s+(snippets|scripts|tests)\b", code, re.MULTILINE)
    assert "open(" not in code and "read_text" not in code
    # 그림은 첨부로 들어 있고 대체 텍스트는 한국어입니다
    for cell in nb["cells"]:
        for name in cell.get("attachments", {}):
            m = re.search(r"!\[(?P<alt>[^\]]+)\]\(attachment:" + re.escape(name) + r"\)", cell["source"])
            assert m and re.search(r"[가-힣]", m["alt"])
            assert cell["attachments"][name]["image/svg+xml"]
    assert any("attachments" in c for c in nb["cells"])
    # 머리글은 명시 id 를 가진 HTML 제목으로 바뀌어 있습니다
    assert re.search(r'<h1 id="[a-z-]+">', nb["cells"][0]["source"])


@pytest.mark.parametrize("uri", sorted(SOURCES))
def test_notebook_math_renders_with_katex(uri):
    config = load_config(str(ROOT / "mkdocs.yml"))
    expanded = HOOK.expander(config)((ROOT / "docs" / uri).read_text(encoding="utf-8"))
    nb, _ = HOOK.build_notebook(expanded, "site", uri[:-3] + ".ipynb", "/")
    items = HOOK.notebook_math(nb, uri)
    assert len(items) > 10
    assert katex.errors(items, ROOT) == []
    bad = katex.errors([{"where": uri, "tex": r"\frac{1}{", "display": False}], ROOT)
    assert len(bad) == 1


def test_renderer_turns_site_markdown_into_notebook_html():
    src = "\n".join([
        "# 제목 { #title }", "", "본문 [링크](../basics/loss-functions.md#cross-entropy)", "",
        '!!! warning "원본 바로잡기"', "    고친 점 $x$", "", '=== "가"', "    하나", "", '=== "나"', "    둘", "",
        "<!-- alt: 한국어 그림 설명 -->", "<!--pytest-codeblocks:cont-->", "```python", "x = 1", "```",
    ])
    nb, renderer = HOOK.build_notebook(src, "site", "practice/iris.ipynb", "https://example.org/")
    md, code = nb["cells"][0]["source"], nb["cells"][1]
    assert code["cell_type"] == "code" and code["source"] == "x = 1"
    assert code["metadata"] == {"alt": ["한국어 그림 설명"]} and "alt:" not in md
    assert '<h1 id="title">제목</h1>' in md
    assert "../../basics/loss-functions/#cross-entropy" in md
    assert '<div class="admonition warning">' in md and "고친 점 $x$" in md
    assert 'class="tabbed-set tabbed-alternate"' in md and "pytest" not in md
    assert renderer.links == [("basics/loss-functions.md", "cross-entropy")]
    nb, _ = HOOK.build_notebook(src, "download", "practice/iris.ipynb", "https://example.org/")
    md = nb["cells"][0]["source"]
    assert "https://example.org/basics/loss-functions/#cross-entropy" in md
    assert "**가**" in md and "tabbed" not in md


@pytest.mark.parametrize("uri", sorted(SOURCES))
def test_site_page_offers_the_download_notebook(uri, site_dir):
    """빌드된 페이지: 코드 셀이 실행되어 출력이 있고, 내려받기 단추가 옆의 .ipynb 를 가리키며, 그 파일은
    이 테스트가 만든 것과 같은 노트북(사이트 주소만 빌드 설정을 따름)입니다."""
    stem = SOURCES[uri]
    page = site_dir / "practice" / stem / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'href="{stem}.ipynb" download="{stem}.ipynb"' in html
    assert len(re.findall(r'<div class="[^"]*jp-OutputArea-output', html)) >= 5, "빌드 때 노트북이 실행되지 않았습니다"
    assert len(re.findall(r'<img [^>]*src="data:image/png', html)) >= 2
    assert not re.search(r'<div [^>]*data-mime-type="application/vnd.jupyter.stderr"', html)
    assert "Traceback" not in html
    downloaded = json.loads((page.parent / f"{stem}.ipynb").read_text(encoding="utf-8"))
    config = load_config(str(ROOT / "mkdocs.yml"))
    expanded = HOOK.expander(config)((ROOT / "docs" / uri).read_text(encoding="utf-8"))
    expected, _ = HOOK.build_notebook(expanded, "download", uri[:-3] + ".ipynb", config["site_url"] or "/",
                                      _figure_svg)
    assert [c["source"] for c in downloaded["cells"]] == [c["source"] for c in expected["cells"]]
    assert all(not c.get("outputs") for c in downloaded["cells"] if c["cell_type"] == "code")


def test_hook_refuses_a_notebook_plugin_that_would_hide_failures():
    """실패한 셀이 빌드를 멈추도록: execute 꺼짐이나 allow_errors 켜짐은 설정 오류입니다."""
    from mkdocs.exceptions import PluginError

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config["plugins"]["mkdocs-jupyter"]
    HOOK.on_config(config)
    assert plugin.config["cache_dir"].startswith(str(ROOT / HOOK.CACHE))
    for key, bad in [("allow_errors", True), ("execute", False), ("include", ["*.py"])]:
        good = plugin.config[key]
        plugin.config[key] = bad
        with pytest.raises(PluginError):
            HOOK.on_config(config)
        plugin.config[key] = good
