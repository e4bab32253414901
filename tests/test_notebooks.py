"""독자가 내려받는 노트북: 모든 내용 페이지에 하나씩, 프로젝트 없이 빈 폴더의 새 커널에서 끝까지 돌고 페이지의 출력을 냅니다.

- 노트북은 빌드된 사이트에서 HTTP 로 내려받습니다(독자와 똑같이). scripts/notebook.py 가 만든 것입니다.
- 커널은 numpy·matplotlib(과 커널을 띄우는 ipykernel)만 있는 새 가상 환경에서 돕니다(tests/reader_env.py).
  snippets 도, 이 저장소도 보이지 않습니다. 작업 폴더는 빈 임시 폴더이고, 끝나도 비어 있어야 합니다.
- 페이지에 적힌(docblocks 테스트가 확인한) 출력은 노트북의 코드 셀에 미리 들어 있습니다. 실행한 출력이 그와 같아야
  하고, 그런 셀의 수는 페이지의 expected-output 블록 수와 같아야 합니다.
- 실습 페이지는 노트북 끝에 검사 셀을 붙여 학습 결과(정확도, 기울기 검산)까지 확인합니다.
"""
from __future__ import annotations

import asyncio
import io
import json
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from mkdocs.config import load_config
from pytest_codeblocks.main import extract_from_buffer

from scripts import katex
from scripts import notebook as nbk
from tests import docblocks
from tests.conftest import ROOT, page_scope
from tests.reader_env import make_env, reader_notebook_client


DOCS = ROOT / "docs"
PAGES = nbk.notebook_pages(DOCS)
RESULT_MARK = "@@RESULT@@"
SOLUTION = re.compile(r"```python\n(?P<code>.*?)```\s*```text\n(?P<out>.*?)```", re.DOTALL)

ISOLATION = """
import importlib.util, json, os

report = {
    "snippets_importable": importlib.util.find_spec("snippets") is not None,
    "scripts_importable": importlib.util.find_spec("scripts") is not None,
    "cwd_empty": os.listdir(".") == [],
}
"""
# 실습 노트북 끝에 붙이는 검사 셀: 노트북이 만든 변수로 결과를 보고합니다.
FINAL = {
    "practice/iris.md": """
report.update(test_acc=test_acc, first=float(history[0]), last=float(history[-1]), seconds=seconds,
              n_train=int(X_train.shape[1]), n_test=int(X_test.shape[1]), cm=cm.tolist(),
              params=int(model.theta.size))
""",
    "practice/from-scratch.md": """
worst = 0.0
for key in parameters:
    num = numerical_gradient(cost_now, parameters[key], eps=1e-5)
    worst = max(worst, float(relative_error(num, grads["d" + key])))
report.update(
    worst=worst,
    xor=predict(X_xor, params_xor).tolist(),
    xor_costs=[float(costs_xor[0]), float(costs_xor[-1])],
    moons={k: [float(c[0]), float(c[-1]), float(np.mean(predict(X_moons, p) == Y_moons))]
           for k, (p, c) in results.items()},
)
""",
}


def page_expected_outputs(uri: str) -> list[str]:
    """페이지의 맨 바깥 python 블록 가운데 출력이 적힌 것들의 출력(docblocks 와 같은 추출)."""
    expanded = docblocks.expand((DOCS / uri).read_text(encoding="utf-8"))
    lines = expanded.split("\n")
    blocks = extract_from_buffer(io.StringIO(expanded))
    # 들여쓴 블록(연습문제 풀이, 탭 안)은 노트북에서 마크다운으로 남습니다.
    return [b.expected_output for b in blocks if (b.syntax or "").strip() == "python"
            and b.expected_output is not None and lines[b.lineno - 1].startswith("```")]


def stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


# --------------------------------------------------------------------------- 실행
@pytest.fixture(scope="module")
def reader_python(tmp_path_factory):
    """numpy·matplotlib·ipykernel 만 있는 새 환경의 파이썬과, 그 커널 스펙을 둘 폴더."""
    python = make_env(tmp_path_factory.mktemp("reader-env"), ["numpy", "matplotlib", "ipykernel"])
    return python, tmp_path_factory.mktemp("kernels")


def _with_checks(nb: dict, uri: str) -> dict:
    """끝에 연습문제 풀이 셀(실습)과 격리·결과 보고 셀을 붙입니다."""
    nb = json.loads(json.dumps(nb))
    extra = []
    if uri in FINAL:
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                extra += [(m["code"], m["out"]) for m in SOLUTION.finditer(cell["source"])]
    for k, (code, _) in enumerate(extra):
        nb["cells"].append(nbformat.v4.new_code_cell(code, id=f"solution-{k}"))
    final = ISOLATION + FINAL.get(uri, "") + f'\nprint("{RESULT_MARK}" + json.dumps(report))\n'
    nb["cells"].append(nbformat.v4.new_code_cell(final, id="final-check"))
    nb["metadata"]["solutions"] = [out for _, out in extra]
    return nb


async def _run_one(nb: dict, workdir: Path, reader) -> nbformat.NotebookNode:
    python, spec_root = reader
    node = nbformat.from_dict(nb)
    client = reader_notebook_client(node, python, workdir, spec_root, timeout=120, allow_errors=True)
    await client.async_execute(cwd=str(workdir))
    return node


@pytest.fixture(scope="module")
def executed(site_dir, site_url, reader_python, tmp_path_factory):
    """모든 노트북을 사이트에서 내려받아 동시에(커널 둘씩) 실행합니다: {uri: (실행 전, 실행 후, 작업 폴더)}."""
    scope = page_scope()
    pages = [scope["uri"]] if scope else PAGES  # make test-page: 그 페이지만
    downloaded = {}
    for uri in pages:
        url = site_url + nbk.download_path(uri)
        with urllib.request.urlopen(url) as resp:
            downloaded[uri] = json.loads(resp.read().decode("utf-8"))

    async def main():
        gate = asyncio.Semaphore(2)

        async def one(uri):
            workdir = tmp_path_factory.mktemp("empty")
            async with gate:
                try:
                    node = await _run_one(_with_checks(downloaded[uri], uri), workdir, reader_python)
                except Exception as exc:  # 커널을 못 띄우는 등: 그 페이지의 실패로 보고합니다
                    return uri, exc, workdir
            return uri, node, workdir

        return await asyncio.gather(*(one(u) for u in pages))

    # 브라우저 테스트(Playwright)가 이 스레드에 이벤트 루프를 돌리고 있을 수 있어, 새 스레드의 새 루프에서 돌립니다.
    with ThreadPoolExecutor(1) as pool:
        results = pool.submit(asyncio.run, main()).result()
    return {uri: (downloaded[uri], node, workdir) for uri, node, workdir in results}


@pytest.mark.parametrize("uri", PAGES)
def test_downloaded_notebook_runs_for_a_reader(uri, executed):
    before, node, workdir = executed[uri]
    where = f"docs/{uri} 의 내려받기 노트북({nbk.download_path(uri)})"
    if isinstance(node, Exception):
        pytest.fail(f"{where}: 실행하지 못했습니다: {type(node).__name__}: {node}", pytrace=False)
    problems = []
    page = f"docs/{uri}"
    text = (DOCS / uri).read_text(encoding="utf-8")

    def at(code: str, expected: str | None = None, got: str | None = None) -> str:
        """고칠 곳: 셀이 온 페이지 줄(출력이 다르면 출력 블록의 처음 다른 줄)."""
        code_line, out_line = docblocks.locate(text, code)
        if expected is not None and out_line:
            return f"{page}:{out_line + 1 + docblocks.first_difference(expected, got)}"
        return f"{page}:{code_line}" if code_line else page

    for cell in node.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tb = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(out.get("traceback", [])))
                problems.append(f"{at(cell.source)}: 노트북 셀이 실패했습니다({out['ename']}: {out['evalue']}). "
                                f"이 줄의 코드 블록을 고치세요.\n--- 셀\n{cell.source}\n--- 트레이스백\n{tb[-2000:]}")
    # 페이지에 적힌 출력과 같은가: 미리 넣어 둔 출력(= 페이지의 출력)과 실행한 출력을 셀마다 비교
    expected_cells = [c for c in before["cells"] if c["cell_type"] == "code" and c["metadata"].get("expected_output")]
    by_id = {c.id: c for c in node.cells}
    for cell in expected_cells:
        got, want = stdout_of(by_id[cell["id"]]), stdout_of(cell)
        if got != want:
            problems.append(f"{at(cell['source'], want, got)}: 페이지에 적힌 출력이 노트북에서 실행한 출력과 다릅니다. "
                            f"출력 블록을 고치세요.\n--- 셀\n{cell['source']}\n--- 페이지\n{want}--- 노트북\n{got}")
    page_outputs = page_expected_outputs(uri)
    if [stdout_of(c) for c in expected_cells] != page_outputs:
        problems.append(f"{page}: 노트북에 든 출력 {len(expected_cells)}개가 페이지의 출력 블록 {len(page_outputs)}개와 "
                        f"맞지 않습니다(scripts/notebook.py 의 출력 셀 나누기를 보세요)")
    for k, expected in enumerate(node.metadata.get("solutions", [])):
        cell = by_id[f"solution-{k}"]
        got = stdout_of(cell)
        if got != expected:
            problems.append(f"{at(cell.source, expected, got)}: 연습문제 풀이 {k + 1} 의 적힌 출력이 실행한 출력과 "
                            f"다릅니다. 풀이의 출력 블록을 고치세요.\n--- 셀\n{cell.source}\n--- 페이지\n{expected}"
                            f"--- 노트북\n{got}")
    if problems:
        pytest.fail("\n\n".join(problems) + f"\n(내려받기 노트북 {nbk.download_path(uri)} 을 새 환경에서 실행한 결과)",
                    pytrace=False)
    report = json.loads(stdout_of(by_id["final-check"]).split(RESULT_MARK, 1)[1])
    assert not report["snippets_importable"] and not report["scripts_importable"], \
        f"{where}: 커널이 이 저장소의 패키지를 봅니다 — 격리된 환경이 아닙니다"
    assert report["cwd_empty"] and list(workdir.iterdir()) == [], \
        f"{where}: 노트북이 작업 폴더에 파일을 만들었습니다: {list(workdir.iterdir())}"
    if uri == "practice/iris.md":
        assert report["test_acc"] >= 0.93, report
        assert report["last"] < report["first"] / 10
        assert (report["n_train"], report["n_test"], report["params"]) == (114, 36, 697)
        assert sum(map(sum, report["cm"])) == 36
        images = [o for c in node.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        assert len(images) >= 3, "iris 노트북이 그림(EDA, 손실, 혼동 행렬)을 그리지 않았습니다"
    if uri == "practice/from-scratch.md":
        assert report["worst"] < 1e-6
        assert report["xor"] == [[0, 1, 1, 0]]
        assert report["xor_costs"][1] < 0.01
        for method in ("xavier", "he"):
            first, last, acc = report["moons"][method]
            assert acc >= 0.97 and last < first / 10
        assert report["moons"]["small"][1] > report["moons"]["he"][1]
        assert len(node.metadata["solutions"]) == 2


# --------------------------------------------------------------------------- 노트북의 모양
@pytest.mark.parametrize("uri", PAGES)
def test_download_notebook_is_self_contained_and_matches_the_build(uri, site_dir):
    path = site_dir / nbk.download_path(uri)
    assert path.is_file(), f"docs/{uri}: 빌드된 사이트에 내려받기 노트북이 없습니다: {path}"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(nb))
    text = json.dumps(nb, ensure_ascii=False)
    assert "--8<--" not in text and "pytest-codeblocks" not in text and "pytest.mark" not in text
    code = "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "code")
    assert not re.search(r"^\s*(from|import)\s+(snippets|scripts|tests)\b", code, re.MULTILINE), \
        f"docs/{uri}: 노트북 코드가 이 저장소의 패키지를 가져옵니다"
    assert "open(" not in code and "read_text" not in code
    for cell in nb["cells"]:
        for name in cell.get("attachments", {}):
            m = re.search(r"!\[(?P<alt>[^\]]+)\]\(attachment:" + re.escape(name) + r"\)", cell["source"])
            assert m and re.search(r"[가-힣]", m["alt"]), f"docs/{uri}: 그림 {name} 에 한국어 대체 텍스트가 없습니다"
            assert cell["attachments"][name]["image/svg+xml"]
    n_figures = len(re.findall(r"figures/[a-z0-9-]+\.svg", (DOCS / uri).read_text(encoding="utf-8")))
    assert sum(len(c.get("attachments", {})) for c in nb["cells"]) == n_figures
    assert re.search(r'<h1 id="[a-z-]+">', "\n".join(c["source"] for c in nb["cells"][:3]))
    # 같은 원본에서 다시 만들면 똑같습니다(사이트 주소만 빌드 설정을 따름). 그림은 빌드가 사이트에 넣은 것을 씁니다
    # (그림이 다시 그려도 같은지는 tests/test_figures.py 의 결정성 검사가 봅니다).
    config = load_config(str(ROOT / "mkdocs.yml"))
    again, _ = nbk.build_notebook(docblocks.expand((DOCS / uri).read_text(encoding="utf-8")), "download", uri,
                                  config["site_url"] or "/", lambda name: (site_dir / "figures" / f"{name}.svg").read_bytes(),
                                  library=nbk.SnippetLibrary(ROOT),
                                  where=f"docs/{uri}", title=nb["cells"][0]["source"].split("[", 1)[1].split("]")[0])
    assert nbk.dumps(again) == path.read_text(encoding="utf-8"), f"docs/{uri}: 빌드된 노트북이 원본과 다릅니다(낡은 빌드?)"


@pytest.mark.parametrize("uri", sorted(("practice/iris.md", "practice/from-scratch.md")))
def test_notebook_math_renders_with_katex(uri):
    nb, _ = nbk.build_notebook(docblocks.expand((DOCS / uri).read_text(encoding="utf-8")), "site",
                               uri[:-3] + ".ipynb", "/")
    items = nbk.notebook_math(nb, uri)
    assert len(items) > 10
    assert katex.errors(items, ROOT) == []
    bad = katex.errors([{"where": uri, "tex": r"\frac{1}{", "display": False}], ROOT)
    assert len(bad) == 1


def test_renderer_turns_site_markdown_into_notebook_html():
    src = "\n".join([
        "# 제목 { #title }", "", "본문 [링크](../basics/loss-functions.md#cross-entropy)", "",
        '!!! warning "원본 바로잡기"', "    고친 점 $x$", "", '=== "가"', "    하나", "", '=== "나"', "    둘", "",
        '??? success "풀이"', "    답", "",
        "<!-- alt: 한국어 그림 설명 -->", "<!--pytest-codeblocks:cont-->", "```python", "x = 1", "print(x)", "```", "",
        "<!--pytest-codeblocks:expected-output-->", "```", "1", "```", "", "끝",
    ])
    nb, renderer = nbk.build_notebook(src, "site", "practice/iris.ipynb", "https://example.org/")
    md, code, tail = nb["cells"][0]["source"], nb["cells"][1], nb["cells"][2]
    assert code["cell_type"] == "code" and code["source"] == "x = 1\nprint(x)"
    assert code["metadata"]["alt"] == ["한국어 그림 설명"] and "alt:" not in md
    assert code["outputs"][0]["text"] == "1\n" and tail["source"] == "끝"
    assert '<h1 id="title">제목</h1>' in md
    assert "../../basics/loss-functions/#cross-entropy" in md
    assert '<div class="admonition warning">' in md and "고친 점 $x$" in md
    assert 'class="tabbed-set tabbed-alternate"' in md and "pytest" not in md
    # 원본 바로잡기 상자에는 사이트 페이지와 같은 앵커와 '원본과 다른 점' 모음으로 가는 링크가 들어갑니다
    assert '<div id="fix-title" class="dlb-fix-anchor"></div>' in md
    assert "../../corrections/#practice-iris--fix-title" in md
    assert renderer.links == [("basics/loss-functions.md", "cross-entropy"), ("corrections.md", "practice-iris--fix-title")]
    nb, _ = nbk.build_notebook(src, "download", "practice/iris.md", "https://example.org/",
                               library=nbk.SnippetLibrary(ROOT), title="실습")
    md = nb["cells"][1]["source"]
    assert "https://example.org/practice/iris/" in nb["cells"][0]["source"]
    assert "https://example.org/basics/loss-functions/#cross-entropy" in md
    assert "**가**" in md and "tabbed" not in md
    assert "> **원본 바로잡기**\n>\n> 고친 점 $x$" in md
    assert "<details>\n<summary><b>풀이</b></summary>" in md


def test_imports_from_snippets_become_the_code_they_import():
    """페이지에 이미 보인 정의는 다시 넣지 않고, 보이지 않은 것은 의존하는 것까지 바로 앞 셀에 넣습니다."""
    lib = nbk.SnippetLibrary(ROOT)
    src = "\n".join([
        "```python", "import numpy as np", "", "def sigmoid(x):", '    """다른 정의"""', "    return x", "```", "",
        "```python", "from snippets.losses import binary_cross_entropy", "from snippets.activations import step",
        "print(step(np.array([1.0])))", "```",
    ])
    nb, _ = nbk.build_notebook(src, "download", "basics/x.md", "/", library=lib)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    helper = code[1]
    assert helper["metadata"]["tags"] == ["snippets"]
    assert "def binary_cross_entropy" in helper["source"] and "def step" in helper["source"]
    assert "EPS =" in helper["source"], "정의가 쓰는 모듈 상수도 따라 들어옵니다"
    assert "import numpy as np" not in helper["source"], "노트북에 이미 있는 import 는 다시 넣지 않습니다"
    assert code[2]["source"] == "print(step(np.array([1.0])))"
    # 실제로 실행해 보면 그 셀이 돕니다(새 이름공간에서 셀을 차례로)
    ns: dict = {}
    for cell in code:
        exec(cell["source"], ns)
    # 페이지에 똑같이 보인 정의(포함 펜스)는 다시 넣지 않습니다
    shown = lib.module("snippets.activations")
    step_src = nbk._segment(shown.lines, shown.stmts[shown.defines["step"]])
    src2 = "```python\nimport numpy as np\n" + step_src + "\n```\n\n```python\nfrom snippets.activations import step\nprint(step(1))\n```"
    nb2, _ = nbk.build_notebook(src2, "download", "basics/x.md", "/", library=lib)
    assert [c for c in nb2["cells"] if c["metadata"].get("tags") == ["snippets"]] == []
    with pytest.raises(nbk.NotebookSourceError, match=r"basics/x\.md:2: `import … as …`"):
        nbk.build_notebook("```python\nfrom snippets.activations import step as s\n```", "download", "basics/x.md",
                           "/", library=lib, where="basics/x.md")


def test_colab_url_only_for_a_github_repository():
    assert nbk.colab_url("https://github.com/me/dl-basics/", "notebooks", "basics/a/a.ipynb") == \
        "https://colab.research.google.com/github/me/dl-basics/blob/notebooks/basics/a/a.ipynb"
    assert nbk.colab_url(None, "notebooks", "a.ipynb") is None
    assert nbk.colab_url("https://gitlab.com/me/x", "notebooks", "a.ipynb") is None
    assert nbk.download_path("basics/loss-functions.md") == "basics/loss-functions/loss-functions.ipynb"
    assert nbk.download_path("notation.md") == "notation/notation.ipynb"


@pytest.mark.parametrize("uri", ["practice/iris.md", "practice/from-scratch.md"])
def test_site_page_runs_the_notebook_and_offers_the_download(uri, site_dir):
    """실습 페이지는 빌드 때 실행된 노트북이고, 내려받기 단추가 옆의 .ipynb 를 가리킵니다."""
    stem = Path(uri).stem
    html = (site_dir / "practice" / stem / "index.html").read_text(encoding="utf-8")
    assert f'href="{stem}.ipynb" download="{stem}.ipynb"' in html
    assert len(re.findall(r'<div class="[^"]*jp-OutputArea-output', html)) >= 5, "빌드 때 노트북이 실행되지 않았습니다"
    # 셀이 그린 그림은 페이지 옆 PNG 파일입니다(scripts/notebook_css.py 가 본문의 base64 를 꺼냄).
    drawn = re.findall(r'<img [^>]*src="(cell-[0-9a-f]{12}\.png)"', html)
    assert len(drawn) >= 2 and "data:image/png" not in html
    for name in drawn:
        assert (site_dir / "practice" / stem / name).read_bytes().startswith(b"\x89PNG"), name
    assert not re.search(r'<div [^>]*data-mime-type="application/vnd.jupyter.stderr"', html)
    assert "Traceback" not in html
    if stem == "iris":
        assert "4.9,3.0,1.4,0.2,setosa\n4.7" not in html, "iris CSV 150줄이 페이지에 그대로 보입니다"


def test_hook_refuses_a_notebook_plugin_that_would_hide_failures():
    """실패한 셀이 빌드를 멈추도록: execute 꺼짐이나 allow_errors 켜짐은 설정 오류입니다."""
    from mkdocs.exceptions import PluginError

    config = load_config(str(ROOT / "mkdocs.yml"))
    hook = config["hooks"]["hooks/notebooks.py"] if "hooks/notebooks.py" in config["hooks"] else None
    hook = hook or next(h for name, h in config["hooks"].items() if name.endswith("notebooks.py"))
    plugin = config["plugins"]["mkdocs-jupyter"]
    hook.on_config(config)
    for key, bad in [("allow_errors", True), ("execute", False), ("include", ["*.py"])]:
        good = plugin.config[key]
        plugin.config[key] = bad
        with pytest.raises(PluginError):
            hook.on_config(config)
        plugin.config[key] = good
