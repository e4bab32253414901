"""make new-chapter 의 뼈대: 만들 것과 거절할 것(임시 폴더의 사본에서)."""
from __future__ import annotations

import io
import re
import shutil

import pytest
from pytest_codeblocks.main import extract_from_buffer

from scripts import new_chapter as nc
from tests.conftest import ROOT


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(ROOT / "docs/index.md", tmp_path / "docs/index.md")
    for d in ("snippets", "scripts/figures", "tests", "docs/basics"):
        (tmp_path / d).mkdir(parents=True, exist_ok=True)
    return tmp_path


def test_new_part_gets_nav_section_contents_table_and_four_files(repo):
    # 실제 저장소에 없을 이름: 스터디 리더가 이미 cnn/convolution 을 만들었어도 이 테스트는 그대로 돕니다.
    written = nc.scaffold(repo, "zzprobe", "conv-probe", "합성곱 연산")
    names = sorted(p.relative_to(repo).as_posix() for p in written)
    assert names == ["docs/index.md", "docs/zzprobe/conv-probe.md", "mkdocs.yml", "scripts/figures/conv_probe.py",
                     "snippets/conv_probe.py", "tests/test_conv_probe.py"]
    mkdocs = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert ". 합성곱 연산:\n      - 합성곱 연산: zzprobe/conv-probe.md\n  - 실습:" in mkdocs
    index = (repo / "docs/index.md").read_text(encoding="utf-8")
    part = re.search(r"### [IVX]+\. 합성곱 연산 \{ #part-(\d+) \}", index)
    assert part and "[합성곱 연산](zzprobe/conv-probe.md)" in index
    assert index.index(part.group(0)) < index.index("### 실습")
    page = (repo / "docs/zzprobe/conv-probe.md").read_text(encoding="utf-8")
    assert '--8<-- "snippets/conv_probe.py:line"' in page and "../figures/conv-probe.svg" in page
    blocks = [b for b in extract_from_buffer(io.StringIO(page)) if b.syntax == "python"]
    assert len(blocks) == 3 and sum(b.expected_output is not None for b in blocks) == 2
    # 스니펫 구간은 포함 줄이 찾는 이름이고, 단위 테스트는 실제로 통과합니다
    assert "# --8<-- [start:line]" in (repo / "snippets/conv_probe.py").read_text(encoding="utf-8")


def test_existing_part_gets_its_entry_after_its_last_page(repo):
    nc.scaffold(repo, "basics", "attention", "주의 집중")
    mkdocs = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - 손실 함수: basics/loss-functions.md\n      - 주의 집중: basics/attention.md\n" in mkdocs
    index = (repo / "docs/index.md").read_text(encoding="utf-8")
    lines = index.splitlines()
    new = next(i for i, line in enumerate(lines) if "[주의 집중](basics/attention.md)" in line)
    assert "(basics/loss-functions.md)" in lines[new - 1]


@pytest.mark.parametrize("part, slug, title, message", [
    ("cnn", "합성곱", "합성곱", "SLUG='합성곱'"),
    ("CNN", "conv", "합성곱", "PART='CNN'"),
    ("basics", "loss-functions", "손실", "snippets/loss_functions.py"),
    ("cnn", "conv", " ", "TITLE 이 비어 있습니다"),
])
def test_refuses_with_a_clear_message(repo, part, slug, title, message):
    (repo / "snippets/loss_functions.py").write_text("")
    with pytest.raises(nc.ScaffoldError, match=message.replace("(", r"\(").replace(")", r"\)")):
        nc.plan(repo, part, slug, title)


def test_refuses_a_folder_that_exists_but_is_not_in_the_nav(repo):
    (repo / "docs/drafts").mkdir()
    with pytest.raises(nc.ScaffoldError, match="docs/drafts/ 는 있지만 nav"):
        nc.plan(repo, "drafts", "x", "초안")
    with pytest.raises(nc.ScaffoldError, match="이미 있습니다"):
        (repo / "docs/basics/new.md").write_text("")
        nc.plan(repo, "basics", "new", "새 장")
