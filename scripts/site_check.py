"""빌드된 사이트의 검사(MkDocs 없이 부를 수 있는 함수). hooks/figures.py 가 빌드 끝에 부릅니다.

페이지가 가리키는 그림이 사이트에 실제로 있는지: 밝은·어두운 변형 가운데 하나라도 빠지면, 그 팔레트를 쓰는
독자에게는 빈 그림이 보입니다. 배포되는 것은 make build 결과이므로 빌드가 여기서 멈춰야 합니다.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

IMG_SRC = re.compile(r'<img\b[^>]*?\bsrc="(?P<src>[^"]+)"')


def source_of(site: Path, html: Path) -> str:
    """빌드된 페이지 → 고칠 원본 이름(docs/…md). use_directory_urls 를 가정합니다."""
    rel = html.parent.relative_to(site).as_posix()
    return "docs/index.md" if rel == "." else f"docs/{rel}.md"


def missing_images(site: Path) -> list[str]:
    """사이트 안의 <img src> 가운데 파일이 없는 것: "docs/…md: figures/x.dark.svg" 목록."""
    problems = []
    for html in sorted(site.rglob("*.html")):
        if "assets" in html.relative_to(site).parts:
            continue
        for m in IMG_SRC.finditer(html.read_text(encoding="utf-8")):
            url = urlsplit(m["src"])
            if url.scheme or url.netloc or m["src"].startswith("data:"):
                continue  # 다른 호스트의 그림은 test_site 가 따로 잡습니다
            target = (html.parent / unquote(url.path)).resolve()
            if not target.is_file():
                problems.append(f"{source_of(site, html)}: {target.relative_to(site.resolve()).as_posix()}")
    return sorted(set(problems))


def source_line(root: Path, md: str, needle: str) -> str:
    """docs/…md 안에서 needle 이 처음 나오는 줄: "docs/x.md:12" (못 찾으면 파일 이름만)."""
    path = root / md
    if path.is_file():
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return f"{md}:{no}"
    return md


def config_key_of(mkdocs_yml: Path, url: str) -> str | None:
    """URL 이 mkdocs.yml 에 적혀 있으면 그 줄과 키: "mkdocs.yml:88 (extra_javascript)"."""
    key = None
    for no, line in enumerate(mkdocs_yml.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            key = line.split(":", 1)[0]
        if url in line:
            return f"mkdocs.yml:{no} ({key})"
    return None


# <p> 안에 올 수 없는 블록 요소(HTML 명세의 "p 를 닫는" 시작 태그 가운데 마크다운이 만드는 것)
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
              "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
              "section", "table", "ul"}


class _BlockInParagraph(HTMLParser):
    """<p> 가 열린 채로 블록 요소가 시작되는 자리. 브라우저는 거기서 <p> 를 닫아 빈 문단이 생기고 여백이 어긋납니다.
    (html.parser 는 HTML 명세처럼 <p> 를 스스로 닫지 않으므로 마크다운이 쓴 그대로를 볼 수 있습니다.)"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_p, self.found = 0, []

    def handle_starttag(self, tag, attrs):
        if self.open_p and tag in BLOCK_TAGS:
            attrs = dict(attrs)
            self.found.append(f"<p> 안의 <{tag}" + (f' id="{attrs["id"]}"' if attrs.get("id") else "") + ">")
        if tag == "p":
            self.open_p += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.open_p:
            self.open_p -= 1


def blocks_in_paragraphs(html: str) -> list[str]:
    """<p> 안에서 시작된 블록 요소들: ['<p> 안의 <div id="x">', …]."""
    parser = _BlockInParagraph()
    parser.feed(html)
    return parser.found
