"""페이지마다 독자가 코드를 돌리는 길: 내려받기·Colab·고치기 단추, "코드를 직접 실행하려면" 상자, 저장소 링크, 책 링크.

- 로컬 빌드(저장소 변수 없음, conftest 의 site_dir): 내려받기 단추와 상자는 있고, 저장소·Colab·고치기·책 링크는
  없습니다(죽은 링크를 만들지 않음). 엄격 빌드가 통과하는 것은 test_site 가 봅니다.
- 배포 빌드(.github/workflows/site.yml 이 넘기는 SITE_URL·REPO_URL·EDIT_URI·BOOK_PDF): 모든 페이지의 단추가
  그 저장소의 올바른 주소를 가리킵니다.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import notebook as nbk
from scripts import reader_wheel
from tests.conftest import ROOT


DOCS = ROOT / "docs"
CONTENT = nbk.notebook_pages(DOCS)
DEPLOY_ENV = {
    "SITE_URL": "https://study.github.io/dl-basics/",
    "REPO_URL": "https://github.com/study/dl-basics",
    "EDIT_URI": "edit/main/docs/",
    "BOOK_PDF": "dl-basics-ko.pdf",
}
BUTTON = re.compile(r'<a href="(?P<href>[^"]+)"[^>]*class="md-content__button[^"]*"')


def html_of(site: Path, uri: str) -> str:
    return (site / nbk.page_dir(uri) / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def deploy_site(tmp_path_factory, site_dir):  # site_dir 먼저: 그림·수식 캐시가 따뜻한 뒤에 빌드합니다
    site = tmp_path_factory.mktemp("deploy-site")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **DEPLOY_ENV),
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"저장소 변수를 넣은 엄격 빌드가 실패했습니다:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
    return site


@pytest.mark.parametrize("uri", CONTENT)
def test_local_build_offers_notebook_and_install_line_but_no_repository_links(uri, site_dir):
    page = html_of(site_dir, uri)
    hrefs = [m["href"] for m in BUTTON.finditer(page)]
    notebook = Path(nbk.download_path(uri)).name
    assert hrefs == [notebook], f"docs/{uri}: 로컬 빌드의 단추는 노트북 내려받기 하나여야 합니다: {hrefs}"
    assert (site_dir / nbk.download_path(uri)).is_file()
    assert "colab.research.google.com" not in page and 'rel="edit"' not in page and 'class="md-source"' not in page
    source = (DOCS / uri).read_text(encoding="utf-8")
    if uri.startswith("practice/"):
        return  # 실습 페이지는 그 자체가 노트북입니다(snippets 를 가져오지 않음)
    if re.search(r"^```python", source, re.MULTILINE):
        box = page.find("코드를 직접 실행하려면")
        blocks = [m.start() for m in re.finditer(r'<div class="highlight">', page)
                  if "pip<span" not in page[m.start(): m.start() + 400]]  # 상자 안의 설치 명령은 빼고
        first_code = blocks[0] if blocks else -1
        assert 0 <= box < first_code, f"docs/{uri}: 첫 코드 블록 앞에 '코드를 직접 실행하려면' 상자가 없습니다"
        install = reader_wheel.install_command("http://127.0.0.1:8000/")
        assert install.split("/downloads/")[1] in page and "/downloads/" in page


def test_local_home_page_has_the_run_box_and_no_dead_book_link(site_dir):
    page = html_of(site_dir, "index.md")
    assert "코드를 직접 실행하려면" in page and "/downloads/" + reader_wheel.wheel_filename() in page
    assert ".pdf" not in page, "로컬 빌드에는 책이 없으므로 책 링크도 없어야 합니다"
    assert "<!-- run-code -->" not in page and "<!-- book-pdf -->" not in page
    assert (site_dir / reader_wheel.DOWNLOAD_DIR / reader_wheel.wheel_filename()).is_file()


@pytest.mark.parametrize("uri", CONTENT)
def test_deploy_build_links_every_page_to_its_repository(uri, deploy_site):
    page = html_of(deploy_site, uri)
    hrefs = [m["href"] for m in BUTTON.finditer(page)]
    nb_path = nbk.download_path(uri)
    edit_src = uri  # 실습 페이지도 원본 .md 를 고칩니다
    assert hrefs == [
        Path(nb_path).name,
        f"https://colab.research.google.com/github/study/dl-basics/blob/notebooks/{nb_path}",
        f"https://github.com/study/dl-basics/edit/main/docs/{edit_src}",
    ], f"docs/{uri}: 단추 주소가 다릅니다: {hrefs}"
    assert re.search(r'<a href="https://github.com/study/dl-basics" title="[^"]+" class="md-source">', page)
    assert "data-md-component=\"source\"" not in page, "저장소 링크가 GitHub API 를 부르게 됩니다"
    if not uri.startswith("practice/") and re.search(r"^```python", (DOCS / uri).read_text(encoding="utf-8"), re.M):
        assert f"https://study.github.io/dl-basics/downloads/{reader_wheel.wheel_filename()}" in page
        assert f'href="https://colab.research.google.com/github/study/dl-basics/blob/notebooks/{nb_path}"' in page


def test_deploy_home_page_links_the_book(deploy_site):
    page = html_of(deploy_site, "index.md")
    assert '<a href="dl-basics-ko.pdf">' in page
    assert "Colab" in page
