"""문서의 모든 python 코드 블록을 독자가 보는 그대로 실행하는 pytest 플러그인.

1. docs/**/*.md 를 pymdownx.snippets 의 전처리기(빌드와 같은 mkdocs.yml 설정)로 펼칩니다.
2. pytest-codeblocks 의 extract_from_buffer 로 블록을 뽑습니다(cont, expected-output,
   importorskip, pytest.mark.* 표시를 그대로 따름).
3. 블록마다 테스트 하나: `docs/basics/activation-functions.md::block3`.
   실패하면 예외의 원래 종류와 트레이스백, 펼친 소스 전체를 보여 줍니다.
4. pytest-codeblocks 가 조용히 건너뛸 파이썬 블록(```py, ```python title="…", ~~~python)은
   건너뛰지 않고 실패로 만듭니다.
5. 정보 문자열이 없는 펜스(```)에 든 파이썬 코드도 실패로 만듭니다. 출력 블록도 이 펜스를 쓰므로, 출력 표시
   (expected-output) 뒤의 것은 빼고, 식(expression)만이 아닌 문장(대입·import·def …)이 있는 파이썬일 때만.
"""
from __future__ import annotations

import ast
import functools
import io
import linecache
import re
import sys
import traceback
from pathlib import Path

import markdown
import numpy as np
import pytest
from mkdocs.config import load_config
from pytest_codeblocks.main import CodeBlock, extract_from_buffer, stdout_io

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
# 파이썬처럼 보이는 펜스 정보 문자열(정확히 "python"만 실행됩니다)
PYTHONISH = re.compile(r"^\s*\{?\s*\.?(python3?|py3?|pycon|ipython)\b", re.IGNORECASE)
TILDE_FENCE = re.compile(r"^\s*~~~+\s*(?P<info>.*)$")
BACKTICK_FENCE = re.compile(r"^(?P<indent>\s*)```(?P<info>.*?)\s*$")
OUTPUT_MARK = re.compile(r"^\s*<!--\s*pytest-codeblocks:expected-output")
SKIP_MARK = re.compile(r"^\s*<!--\s*pytest\.mark\.skip(?P<args>\(.*\))?\s*-->\s*$")


def fences(lines: list[str]):
    """``` 펜스마다 (여는 줄, 닫는 줄, 들여쓰기 폭, 정보 문자열, 바로 앞의 빈 줄 아닌 줄 번호 또는 None)."""
    i = 0
    while i < len(lines):
        m = BACKTICK_FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not re.match(r"^\s*```\s*$", lines[end]):
            end += 1
        prev = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
        yield i, end, len(m["indent"]), m["info"].strip(), prev
        i = end + 1


def output_line(text: str, start: int) -> int | None:
    """start 줄(1부터)의 python 블록에서 시작하는 묶음(cont)의 출력 블록이 시작하는 줄(1부터, 여는 펜스).

    출력 표시는 묶음의 마지막 블록 뒤에 한 번만 올 수 있으므로(pytest-codeblocks 규칙), start 뒤의 첫 출력 블록입니다.
    """
    lines = text.split("\n")
    for begin, _, _, _, prev in fences(lines):
        if begin + 1 > start and prev is not None and OUTPUT_MARK.match(lines[prev]):
            return begin + 1
    return None


def locate(text: str, code: str) -> tuple[int | None, int | None]:
    """노트북 셀(펼친 코드)이 페이지 원본의 어느 python 펜스에서 왔는가: (펜스 줄, 그 뒤 출력 펜스 줄), 1부터.

    노트북은 스니펫을 펼치고 import 를 셀로 옮기므로 글자 그대로 찾을 수 없습니다. 펜스마다 펼친 줄들과 셀의 줄들이
    가장 많이 겹치는 펜스를 고릅니다. 출력 펜스는 그 바로 다음 펜스가 ```text·``` 일 때입니다.
    """
    lines = text.split("\n")
    want = {ln.strip() for ln in code.splitlines() if ln.strip()}
    found = list(fences(lines))
    best, best_score = None, 0
    for k, (begin, end, indent, info, _) in enumerate(found):
        if info != "python":
            continue
        body = expand("\n".join(ln[indent:] for ln in lines[begin + 1:end]))
        score = len(want & {ln.strip() for ln in body.splitlines() if ln.strip()})
        if score > best_score:
            best, best_score = k, score
    if best is None:
        return None, None
    begin = found[best][0]
    after = found[best + 1] if best + 1 < len(found) else None
    out = after[0] + 1 if after and after[3] in ("", "text") else None
    return begin + 1, out


CONT_MARK = re.compile(r"^\s*<!--\s*pytest-codeblocks:cont\s*-->")


def chain_line(text: str, start: int, merged_line: int) -> tuple[int, bool]:
    """cont 로 이어 붙인 묶음(start 줄의 python 블록부터)의 펼친 코드에서 merged_line 번째 줄(1부터)이 원본 페이지의
    몇째 줄인가. (줄 번호, 그 줄이 포함(--8<--)으로 들어온 코드인가). 포함으로 들어온 줄이면 그 블록의 펜스 줄을 줍니다.

    실습 페이지는 블록 수십 개가 한 묶음이라, 묶음의 첫 줄만 말하면 고칠 곳을 찾을 수 없습니다.
    """
    lines = text.split("\n")
    seen = 0
    for begin, end, indent, info, prev in fences(lines):
        if begin + 1 < start or info != "python":
            continue
        if begin + 1 > start and not (prev is not None and CONT_MARK.match(lines[prev])):
            break  # 묶음이 끝났습니다
        raw = [ln[indent:] for ln in lines[begin + 1:end]]
        cursor = 0
        for k, ln in enumerate(raw):
            n = len(expand(ln).split("\n")) if ln.lstrip().startswith("--8<--") else 1
            if seen + cursor + n >= merged_line:
                return begin + 2 + k, n > 1 or ln.lstrip().startswith("--8<--")
            cursor += n
        seen += cursor
    return start, False


def first_difference(expected: str, got: str) -> int:
    """처음 다른 줄의 번호(0부터). 한쪽이 짧으면 모자란 첫 줄."""
    pairs = list(zip(expected.splitlines() + [None], got.splitlines() + [None]))
    return next((k for k, (a, b) in enumerate(pairs) if a != b), 0)


def mismatch_message(page: str, text: str, lineno: int, name: str, expected: str, got: str, listing: str) -> str:
    """적힌 출력이 실제와 다를 때의 메시지. 고칠 곳은 출력 블록이므로 그 안의 처음 다른 줄을 앞에 둡니다."""
    at = output_line(text, lineno)
    if at:  # 여는 펜스 다음 줄부터가 출력입니다
        at += 1 + first_difference(expected, got)
    return (
        f"{page}:{at or lineno}: 페이지에 적힌 출력이 실제 출력과 다릅니다(코드 블록 {lineno}행, {name}). "
        f"출력 블록을 아래 '실제 출력'으로 고치세요.\n"
        f"--- 페이지에 적힌 출력\n{expected}--- 실제 출력\n{got}--- 실행한 코드\n{listing}"
    )


def detach_skipped(text: str) -> tuple[str, list[int]]:
    """뽑기 전에, 실행하지 않는 펜스를 빈 줄로 바꿉니다(줄 번호는 그대로): skip 표시가 붙은 python 블록과,
    출력 블록이 아닌 다른 언어·정보 문자열 없는 블록(```text, ```console, ``` …; 정보 문자열 없는 펜스 속의
    파이썬은 unlabeled_python 이 원본에서 따로 찾습니다). skip 블록의 줄 번호들도 돌려줍니다.

    pytest-codeblocks 는 cont 블록을 언어와 상관없이 바로 앞 블록에 합칩니다. 그래서 앞 블록이 skip 이거나
    ```text 이면 뒤따르는 python 블록들이 통째로 실행되지 않았습니다(iris 의 케라스 탭, CSV 모양 예시 뒤).
    """
    lines, skipped = text.split("\n"), []
    for start, end, _, info, prev in list(fences(lines)):
        marked_skip = prev is not None and SKIP_MARK.match(lines[prev])
        is_output = prev is not None and OUTPUT_MARK.match(lines[prev])
        if info == "python" and marked_skip:
            skipped.append(start + 1)
            lines[prev] = ""
        elif info == "python" or not info and is_output or PYTHONISH.match(info):
            continue  # 실행할 블록, 출력 블록, 잘못 쓴 파이썬 블록(따로 실패로 알림)은 그대로
        for k in range(start, min(end + 1, len(lines))):
            lines[k] = ""
    return "\n".join(lines), skipped


def unlabeled_python(text: str) -> list[int]:
    """정보 문자열 없는 펜스 가운데 파이썬 문장이 든 것의 (펜스가 열리는) 줄 번호. 출력 블록은 뺍니다."""
    lines, found = text.split("\n"), []
    for start, end, indent, info, prev in fences(lines):
        if info or prev is not None and OUTPUT_MARK.match(lines[prev]):
            continue
        try:
            tree = ast.parse("\n".join(line[indent:] for line in lines[start + 1:end]))
        except SyntaxError:
            continue
        if any(not isinstance(stmt, ast.Expr) for stmt in tree.body):
            found.append(start + 1)
    return found


@functools.cache
def snippet_preprocessor():
    """빌드와 같은 설정의 pymdownx.snippets 전처리기."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    options = dict(config["mdx_configs"]["pymdownx.snippets"])
    # base_path 는 빌드처럼 저장소 루트 기준입니다(테스트를 어느 폴더에서 돌려도 같게).
    options["base_path"] = [str(ROOT / p) for p in options.get("base_path", ["."])]
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    return md.preprocessors["snippet"]


def expand(text: str) -> str:
    return "\n".join(snippet_preprocessor().run(text.split("\n")))


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and DOCS in file_path.parents:
        return MarkdownPage.from_parent(parent, path=file_path)


class MarkdownPage(pytest.File):
    def collect(self):
        raw = self.path.read_text(encoding="utf-8")
        try:
            expanded = expand(raw)
        except Exception as exc:  # 지워진 스니펫 구간, 없는 파일 …
            yield ExpansionError.from_parent(self, name="snippets", error=exc)
            return
        expanded, _ = detach_skipped(expanded)
        raw_detached, skipped = detach_skipped(raw)
        for k in skipped:
            yield MarkedSkip.from_parent(self, name=f"line{k}-skip", lineno=k)
        blocks = extract_from_buffer(io.StringIO(expanded))
        # 원본 파일의 줄 번호: 포함은 펜스 안에서만 일어나므로 블록 순서가 같습니다.
        raw_blocks = extract_from_buffer(io.StringIO(raw_detached))
        raw_lines = [b.lineno for b in raw_blocks] if len(raw_blocks) == len(blocks) else None
        n = 0
        for i, block in enumerate(blocks):
            lineno = raw_lines[i] if raw_lines else block.lineno
            syntax = (block.syntax or "").strip()
            if syntax == "python":
                n += 1
                first = raw_blocks[i].code.lstrip().split("\n", 1)[0] if raw_lines else ""
                item = DocBlock.from_parent(self, name=f"block{n}", block=block, lineno=lineno,
                                            starts_with_include=first.startswith("--8<--"))
                for mark in block.marks:
                    item.add_marker(eval(mark, {"sys": sys, "pytest": pytest}))
                yield item
            elif PYTHONISH.match(syntax):
                yield SkippedBlock.from_parent(self, name=f"line{lineno}-not-run", syntax=syntax, lineno=lineno)
        for k in unlabeled_python(raw):
            yield SkippedBlock.from_parent(self, name=f"line{k}-unlabeled", syntax="", lineno=k)
        for k, line in enumerate(expanded.split("\n"), 1):
            m = TILDE_FENCE.match(line)
            if m and PYTHONISH.match(m["info"]):
                yield SkippedBlock.from_parent(self, name=f"tilde{k}-not-run", syntax="~~~" + m["info"], lineno=k)


class DocBlock(pytest.Item):
    def __init__(self, *, block: CodeBlock, lineno: int, starts_with_include: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.block = block
        self.lineno = lineno
        self.starts_with_include = starts_with_include
        self.filename = f"<{self.nodeid}>"

    def runtest(self):
        block = self.block
        if block.importorskip:
            pytest.importorskip(block.importorskip)
        code = block.code
        # 트레이스백이 펼친 소스 줄을 보여 주도록 linecache 에 등록합니다.
        linecache.cache[self.filename] = (len(code), None, code.splitlines(True), self.filename)
        compiled = compile(code, self.filename, "exec")
        with np.printoptions(), stdout_io() as out:
            exec(compiled, {"__name__": "__main__"})
        if block.expected_output is not None:
            expected, got = block.expected_output, out.getvalue()
            if block.expected_output_ignore_whitespace:
                expected, got = re.sub(r"\s+", "", expected), re.sub(r"\s+", "", got)
            if expected != got:
                raise OutputMismatch(block.expected_output, out.getvalue())

    def repr_failure(self, excinfo):
        where = f"{self.path.relative_to(ROOT)}:{self.lineno} ({self.name})"
        listing = "\n".join(f"{i:4d} | {line}" for i, line in enumerate(self.block.code.splitlines(), 1))
        if isinstance(excinfo.value, OutputMismatch):
            exp, got = excinfo.value.args
            page = self.path.relative_to(ROOT).as_posix()
            return mismatch_message(page, self.path.read_text(encoding="utf-8"), self.lineno, self.name, exp, got,
                                    listing)
        tb = "".join(traceback.format_exception(excinfo.type, excinfo.value, excinfo.tb))
        # 플러그인 자신의 프레임은 빼고, 코드 블록 안의 프레임부터 보여 줍니다.
        tb = tb[tb.find(f'File "{self.filename}"') - 2:] if self.filename in tb else tb
        # 고칠 줄: 트레이스백에서 이 블록 코드 안의 마지막 프레임 줄 → 원본 페이지의 줄(cont 묶음을 따라가며)
        frames = [f for f in traceback.extract_tb(excinfo.tb) if f.filename == self.filename]
        if isinstance(excinfo.value, SyntaxError) and excinfo.value.filename == self.filename:
            merged = excinfo.value.lineno or 1
        else:
            merged = frames[-1].lineno if frames else None
        in_include = False
        if merged:
            line, in_include = chain_line(self.path.read_text(encoding="utf-8"), self.lineno, merged)
            where = f"{self.path.relative_to(ROOT)}:{line} ({self.name}, 코드 블록 {self.lineno}행부터의 묶음)"
        hint = ""
        if isinstance(excinfo.value, NameError) and in_include:
            hint = (f" 이 블록은 포함 줄(--8<--)로 시작하고, 블록은 저마다 새 이름공간에서 실행됩니다: 포함한 코드가 쓰는 "
                    f"이름({excinfo.value.name})을 가져오는 줄(예: import numpy as np)을 펜스 안, --8<-- 줄 앞에 두세요.")
        return f"{where}: 코드 블록이 실패했습니다.{hint}\n--- 펼친 코드\n{listing}\n--- 트레이스백\n  {tb}"

    def reportinfo(self):
        return self.path, self.lineno - 1, f"{self.name} (line {self.lineno})"


class OutputMismatch(AssertionError):
    pass


class SkippedBlock(pytest.Item):
    """pytest-codeblocks 가 조용히 건너뛸 블록: 실패로 알립니다."""

    def __init__(self, *, syntax: str, lineno: int, **kwargs):
        super().__init__(**kwargs)
        self.syntax, self.lineno = syntax, lineno

    def runtest(self):
        if not self.syntax:
            raise AssertionError(
                f"{self.path.relative_to(ROOT)}:{self.lineno}: 정보 문자열이 없는 펜스(```)에 파이썬 코드가 있어 "
                "실행되지 않습니다. 실행할 코드면 ```python, 출력이면 앞 줄에 <!--pytest-codeblocks:expected-output-->, "
                "실행하지 않을 글이면 ```text 로 쓰세요."
            )
        raise AssertionError(
            f"{self.path.relative_to(ROOT)}:{self.lineno}: 펜스 정보 문자열 {self.syntax!r} 인 파이썬 블록은 "
            "테스트에서 실행되지 않습니다. 정보 문자열을 정확히 ```python 으로 쓰세요."
        )

    def repr_failure(self, excinfo):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, self.lineno - 1, self.name


class MarkedSkip(pytest.Item):
    """<!--pytest.mark.skip--> 가 붙은 블록: 실행하지 않았다고 보고합니다(페이지가 그 까닭을 적습니다)."""

    def __init__(self, *, lineno: int, **kwargs):
        super().__init__(**kwargs)
        self.lineno = lineno

    def runtest(self):
        pytest.skip(f"{self.path.relative_to(ROOT)}:{self.lineno}: pytest.mark.skip 표시가 붙은 블록(실행하지 않음)")

    def reportinfo(self):
        return self.path, self.lineno - 1, self.name


class ExpansionError(pytest.Item):
    def __init__(self, *, error: Exception, **kwargs):
        super().__init__(**kwargs)
        self.error = error

    def runtest(self):
        raise self.error

    def repr_failure(self, excinfo):
        from scripts.snippet_check import include_problems

        name = self.path.relative_to(ROOT).as_posix()
        problems = include_problems(name, self.path.read_text(encoding="utf-8"), ROOT)
        if problems:
            return "\n".join(problems)
        return f"{name}: 스니펫을 펼치지 못했습니다: {type(self.error).__name__}: {self.error}"

    def reportinfo(self):
        return self.path, 0, self.name
