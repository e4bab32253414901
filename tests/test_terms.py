"""용어표(terms.yml)와 그 약속을 검사합니다.

- 표 자체: 항목마다 ko·en·desc, 한국어 용어 중복 없음, avoid 표기가 어떤 용어 안에도 들어 있지 않음.
- 모든 페이지의 본문(코드 펜스·인라인 코드·수식·HTML 주석·링크 주소 제외)에:
  * avoid 표기가 없어야 합니다(파일:줄을 알려 줌).
  * first_use: true 인 핵심 용어는 그 페이지에서 본문에 처음 나올 때 `한국어(English)` 또는
    `한국어(English, …)` 꼴이어야 합니다. 제목과 상자 제목(!!! … "제목")은 "처음"으로 세지 않습니다.
    링크 글자와 그림의 대체 텍스트도 세지 않습니다. 더 긴 용어 안의 글자(예: '기울기 소실' 안의 '기울기')와, 조사가 아닌 글자가 바로 붙은 꼴
    (예: '편향된')도 세지 않습니다.
  영어 대신 also 에 적힌 영어 약어(예: `확률적 경사 하강법(SGD)`)도 받아들입니다.
- avoid 검사는 큰따옴표 안의 인용(원본의 표현을 옮겨 적은 것)을 건너뜁니다.
- 훅: 조사가 붙은 낱말에도 풍선이 달리고, 제목·링크·수식에는 달리지 않습니다.
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from tests.conftest import load_hook
from tests.markdown_text import lines_outside_code

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


HOOK = load_hook("glossary")
TERMS = HOOK.load_terms(ROOT / "terms.yml")
CORE = [t for t in TERMS if t.get("first_use")]
HANGUL = re.compile(r"[가-힣]")

# --- 본문 뽑기 ------------------------------------------------------------------------------
HEADING = re.compile(r"^\s*#{1,6}\s")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*(?:"(?P<title>[^"]*)")?\s*$')
ABBR_DEF = re.compile(r"^\s*\*\[[^\]]*\]:")
REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
INLINE_MATH = re.compile(r"(?<!\\)\$(?!\$)(?:\\\$|[^$\n])+?(?<!\\)\$")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_BRACKETED = r"(?:[^\[\]]|\[[^\[\]]*\])*"   # 대괄호 한 겹까지 허용: [그림 [1] 설명]
IMAGE = re.compile(rf"!\[(?P<alt>{_BRACKETED})\]\([^)]*\)")
LINK = re.compile(rf"\[(?P<text>{_BRACKETED})\](?:\([^)]*\)|\[[^\]]*\])")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
EMPHASIS = re.compile(r"\*\*|__")


def prose(path: Path):
    """(줄 번호, 종류, 첫 사용 검사용 글자, avoid 검사용 글자) — 종류: body | heading | title.
    코드 펜스, 주석, 수식, 인라인 코드, 링크 주소, HTML 태그는 지웁니다. 그림의 대체 텍스트와 링크 글자는
    avoid 검사에는 넣고, 첫 사용 검사에서는 뺍니다(링크 글자는 흔히 다른 페이지의 제목입니다)."""
    for no, line in lines_outside_code(path, strip_display_math=True):
        if ABBR_DEF.match(line) or REF_DEF.match(line) or "--8<--" in line:
            continue
        line = INLINE_CODE.sub(" ", line)
        line = INLINE_MATH.sub(" ", line)
        line = AUTOLINK.sub(" ", line)
        kind = "body"
        am = ADMONITION.match(line)
        if am:
            kind, line = "title", am["title"] or ""
        elif HEADING.match(line):
            kind, line = "heading", ATTR_LIST.sub("", line.lstrip().lstrip("#"))
        line = ATTR_LIST.sub(" ", line)
        # 대체 텍스트와 링크 글자는 \0 … \1 로 표시해 두었다가, 첫 사용 검사에서만 지웁니다.
        line = LINK.sub(lambda m: "\0" + m["text"] + "\1", IMAGE.sub(lambda m: "\0" + m["alt"] + "\1", line))
        line = EMPHASIS.sub("", TAG.sub(" ", line))
        with_alt = line.replace("\0", " ").replace("\1", " ")
        without_alt = re.sub("\x00[^\x00\x01]*\x01", lambda m: " " * len(m.group(0)), line)
        yield no, kind, without_alt, with_alt


# --- 표 자체 --------------------------------------------------------------------------------
def test_every_entry_has_ko_en_desc_and_no_duplicate_ko():
    kos = [t["ko"] for t in TERMS]
    assert len(kos) == len(set(kos))
    for t in TERMS:
        assert t["ko"].strip() and t["en"].strip() and t["desc"].strip(), t


def test_avoid_variants_never_occur_inside_a_term():
    """avoid 표기가 어떤 한국어 용어의 일부라면 그 용어를 쓰는 페이지마다 실패할 것입니다."""
    clashes = [(a, t["ko"]) for e in TERMS for a in e.get("avoid", []) for t in TERMS if a in t["ko"]]
    assert not clashes, f"avoid 표기가 용어 안에 들어 있습니다: {clashes}"


def test_core_terms_cover_the_key_words_of_the_brief():
    core = {t["ko"] for t in CORE}
    for ko in ["가중치", "편향", "활성화 함수", "손실 함수", "역전파", "경사 하강법", "학습률",
               "미니배치", "에포크", "과적합", "기울기 소실", "은닉층", "기울기"]:
        assert ko in core, ko


def test_loader_rejects_bad_tables(tmp_path):
    bad = {
        "missing-en.yml": "- {ko: 가중치, desc: x}\n",
        "dup.yml": "- {ko: 가중치, en: weight, desc: x}\n- {ko: 가중치, en: weights, desc: y}\n",
        "unknown-key.yml": "- {ko: 가중치, en: weight, desc: x, firstuse: true}\n",
        "not-a-list.yml": "ko: 가중치\n",
    }
    for name, text in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(HOOK.PluginError):
            HOOK.load_terms(path)


# --- 페이지 검사 ----------------------------------------------------------------------------
def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if ROOT in path.parents else path.name


# 홈 페이지는 목차 표라서 용어를 소개하지 않습니다(각 용어는 자기 페이지에서 소개됨).
FIRST_USE_EXEMPT = {"docs/index.md"}


QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|「[^」\n]*」')


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_no_avoided_variants(page):
    """큰따옴표 안은 인용(예: 원본의 표현을 바로잡을 때)이므로 검사하지 않습니다."""
    problems = []
    for no, _kind, _text, text in prose(page):
        text = QUOTED.sub(" ", text)
        for t in TERMS:
            for variant in t.get("avoid", []):
                if variant in text:
                    problems.append(f"{_rel(page)}:{no}: '{variant}' 대신 '{t['ko']}'({t['en']}) — {text.strip()[:80]!r}")
    assert not problems, "\n".join(problems)


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def _term_pattern(ko: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(w) for w in ko.split()))


PARTICLE_TAILS = {t["ko"]: {f[len(t["ko"]):] for f in HOOK.surface_forms(t["ko"])} for t in TERMS}


def _counts(body: str, start: int, end: int, ko: str) -> bool:
    """앞에 한글이 붙지 않았고, 뒤가 한글이 아니거나 조사로 시작하면 이 용어로 셉니다."""
    if start > 0 and HANGUL.match(body[start - 1]):
        return False
    rest = re.match(r"[가-힣]*", body[end:]).group(0)
    return not rest or any(rest.startswith(p) for p in PARTICLE_TAILS[ko] if p)


def first_use_problems(page: Path) -> list[str]:
    lines = [(no, text) for no, kind, text, _ in prose(page) if kind == "body"]
    body, starts = "", []
    for no, text in lines:
        starts.append((len(body), no))
        body += text + "\n"

    def line_of(pos):
        return max((s for s in starts if s[0] <= pos), default=(0, 0))[1]

    problems = []
    for term in CORE:
        ko = term["ko"]
        masked = body
        for longer in TERMS:
            if ko in longer["ko"] and longer["ko"] != ko:
                masked = _term_pattern(longer["ko"]).sub(lambda m: " " * len(m.group(0)), masked)
        for m in _term_pattern(ko).finditer(masked):
            if not _counts(masked, m.start(), m.end(), ko):
                continue
            gloss = re.match(r"\s?\(([^)]*)\)", masked[m.end():])
            first = gloss.group(1).split(",")[0].strip() if gloss else ""
            # 영어 용어(복수형 등 뒤에 붙는 것은 허용) 또는 also 에 있는 영어 약어(SGD, MLP …)
            accepted = _norm(first).startswith(_norm(term["en"])) or (
                first in term.get("also", []) and first.isascii())
            if not (first and accepted):
                shown = masked[m.start(): m.end() + 20].replace("\n", " ")
                problems.append(
                    f"{_rel(page)}:{line_of(m.start())}: 핵심 용어의 첫 사용은 "
                    f"'{ko}({term['en']})' 꼴로 씁니다 — {shown!r}"
                )
            break
    return problems


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_core_terms_are_glossed_at_first_use(page):
    if _rel(page) in FIRST_USE_EXEMPT:
        pytest.skip("목차 페이지")
    problems = first_use_problems(page)
    assert not problems, "\n".join(problems)


def test_first_use_rule_itself(tmp_path):
    """규칙이 실제로 잡아내는지: 잘못된 페이지는 실패, 올바른 페이지는 통과."""
    page = tmp_path / "p.md"
    page.write_text(
        "# 가중치 { #w }\n\n```python\nw = 1  # 가중치\n```\n\n가중치를 곱합니다. 가중치(weight)\n", encoding="utf-8")
    assert first_use_problems(page) and "p.md:7:" in first_use_problems(page)[0]
    page.write_text(
        "# 가중치 { #w }\n\n$가중치$ 편향된 표본. **가중치(weights, $w$)**를 곱합니다.\n"
        "기울기 소실(vanishing gradient)이 생기면 기울기(gradient)가 작아집니다.\n", encoding="utf-8")
    assert first_use_problems(page) == []
    page.write_text("기울기 소실(vanishing gradient)이 생기면 기울기가 작아집니다.\n", encoding="utf-8")
    assert "'기울기(gradient)'" in first_use_problems(page)[0]


def test_prose_skips_code_math_comments_and_urls(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "앞 `그래디언트` $그래디언트$ <!-- 그래디언트 -->\n"
        "<!--\n그래디언트\n-->\n$$\n그래디언트\n$$\n"
        "    ```python\n    그래디언트 = 1\n    ```\n"
        "[링크](https://x.org/그래디언트) ![그림 설명](a.svg)\n", encoding="utf-8")
    text = " ".join(t for _, _, _, t in prose(page))
    assert "그래디언트" not in text and "앞" in text and "링크" in text and "그림 설명" in text


# --- 훅: 용어집 표와 풍선 -----------------------------------------------------------------------
def test_glossary_page_has_the_marker_and_every_term_gets_a_row():
    assert (DOCS / "glossary.md").read_text(encoding="utf-8").count(HOOK.MARKER) == 1
    table = HOOK.glossary_tables(TERMS)
    for t in TERMS:
        assert f"**{t['ko']}**" in table and t["en"] in table


def _render(md_text: str) -> str:
    md = markdown.Markdown(extensions=["abbr", "attr_list", "toc", "pymdownx.arithmatex",
                                       HOOK.NoAbbrInHeadingsAndLinks()],
                           extension_configs={"pymdownx.arithmatex": {"generic": True}})
    return md.convert(md_text + "\n\n" + HOOK.abbreviations(TERMS))


def test_tooltips_on_words_with_particles_but_not_in_headings_links_or_math():
    html = _render(
        "## 가중치 { #w }\n\n가중치를 곱하고 편향은 더합니다. 은닉층마다 활성화 함수가 있습니다. "
        "[가중치](x.md) $\\text{가중치}$ 편향된"
    )
    abbrs = re.findall(r"<abbr[^>]*>([^<]*)</abbr>", html)
    assert abbrs == ["가중치를", "편향은", "은닉층마다", "활성화 함수가"]
    assert '<h2 id="w">가중치</h2>' in html
    assert 'title="weight — ' in html


def test_only_the_first_occurrence_of_a_term_keeps_its_tooltip():
    html = HOOK.first_tooltips_only(_render("가중치를 곱합니다. 다시 가중치를 바꾸고 편향은 더합니다. 편향을 봅니다."))
    assert re.findall(r"<abbr[^>]*>([^<]*)</abbr>", html) == ["가중치를", "편향은"]
    assert "다시 가중치를 바꾸고" in html and "편향을 봅니다" in html
