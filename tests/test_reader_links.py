"""페이지마다 독자가 코드를 돌리는 길: 내려받기·Colab·고치기 단추, "코드를 직접 실행하려면" 상자, 저장소 링크, 책 링크.

- 배포 빌드(테스트가 빌드하는 사이트, tests/conftest.py 의 DEPLOY_ENV: .github/workflows/site.yml 이 넘기는
  SITE_URL·REPO_URL·EDIT_URI·BOOK_PDF 와 같은 종류): 모든 페이지의 단추가 그 저장소의 올바른 주소를 가리킵니다.
- 로컬 빌드(make build·serve, 저장소 변수 없음): 설정값만 다르므로 단추·상자를 만드는 함수(hooks/notebooks.py)에
  그 설정을 넣어 봅니다. 내려받기와 설치 줄은 있고, 저장소·Colab·책 링크는 없습니다(죽은 링크를 만들지 않음).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import notebook as nbk
from scripts import reader_wheel
from tests.conftest import ROOT, load_hook

notebooks_hook = load_hook("notebooks")


DOCS = ROOT / "docs"
CONTENT = nbk.notebook_pages(DOCS)
BUTTON = re.compile(r'<a href="(?P<href>[^"]+)"[^>]*class="md-content__button[^"]*"')


def html_of(site: Path, uri: str) -> str:
    return (site / nbk.page_dir(uri) / "index.html").read_text(encoding="utf-8")


LOCAL = {"site_url": "http://127.0.0.1:8000/", "repo_url": None, "extra": {"book_pdf": ""}}  # mkdocs.yml 의 기본값


@pytest.mark.parametrize("uri", CONTENT)
def test_local_build_offers_notebook_and_install_line_but_no_repository_links(uri):
    links = notebooks_hook.links_for(uri, LOCAL)
    assert links == {"notebook": Path(nbk.download_path(uri)).name, "colab": None,
                     "install": reader_wheel.install_command("http://127.0.0.1:8000/")}, f"docs/{uri}: {links}"
    box = notebooks_hook.run_box(links)
    assert "Colab에서 열기" not in box and "colab.research.google.com" not in box, f"docs/{uri}: 로컬 상자에 Colab 링크가 있습니다"
    assert links["notebook"] in box and links["install"] in box


def test_local_home_page_has_the_run_box_and_no_dead_book_link():
    box = notebooks_hook.run_box(notebooks_hook.links_for("index.md", LOCAL), home=True)
    assert "코드를 직접 실행하려면" in box and "/downloads/" + reader_wheel.wheel_filename() in box
    assert "Colab 단추" not in box, "로컬 홈 상자가 없는 Colab 단추를 가리킵니다"
    assert notebooks_hook.book_link(LOCAL) == "", "로컬 빌드에는 책이 없으므로 책 링크도 없어야 합니다"


@pytest.mark.parametrize("uri", CONTENT)
def test_deploy_build_links_every_page_to_its_repository(uri, site_dir):
    page = html_of(site_dir, uri)
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
    assert (site_dir / nb_path).is_file(), f"docs/{uri}: 내려받기 노트북 {nb_path} 가 사이트에 없습니다"
    if not uri.startswith("practice/") and re.search(r"^```python", (DOCS / uri).read_text(encoding="utf-8"), re.M):
        assert f"https://study.github.io/dl-basics/downloads/{reader_wheel.wheel_filename()}" in page
        assert f'href="https://colab.research.google.com/github/study/dl-basics/blob/notebooks/{nb_path}"' in page
        box = page.find("코드를 직접 실행하려면")
        blocks = [m.start() for m in re.finditer(r'<div class="highlight">', page)
                  if "pip<span" not in page[m.start(): m.start() + 400]]  # 상자 안의 설치 명령은 빼고
        first_code = blocks[0] if blocks else -1
        assert 0 <= box < first_code, f"docs/{uri}: 첫 코드 블록 앞에 '코드를 직접 실행하려면' 상자가 없습니다"


def test_deploy_home_page_links_the_book(site_dir):
    page = html_of(site_dir, "index.md")
    assert '<a href="dl-basics-ko.pdf">' in page
    assert "Colab" in page
    assert "코드를 직접 실행하려면" in page and "/downloads/" + reader_wheel.wheel_filename() in page
    assert "<!-- run-code -->" not in page and "<!-- book-pdf -->" not in page
    assert (site_dir / reader_wheel.DOWNLOAD_DIR / reader_wheel.wheel_filename()).is_file()
