"""검색어 모음(tests/search_queries.tsv)을 실제 브라우저의 검색창에 치고 결과를 잽니다.

브라우저 테스트(tests/test_search.py)와 `make bench`(scripts/bench.py: 입력에서 결과까지 걸린 시간)가 함께 씁니다.
결과는 페이지 단위로 봅니다(Material 은 결과를 페이지마다 묶어 보여 줍니다). 첫 3개 페이지에 expected 가 있으면
찾은 것(recall), 그보다 위에 expected 도 related 도 아닌 페이지가 있으면 "관련 없는 결과가 위에 있음"입니다.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "search_queries.tsv"
TOP = 3
META = ".md-search-result__meta"
INITIALIZING = "검색 초기화"        # Material 의 ko 번역: 색인을 받는 중
PLACEHOLDER = "검색어를 입력하세요"  # Material 의 ko 번역: 검색창이 비어 있음


@dataclass
class Query:
    text: str
    expected: str | None  # None: 아무것도 찾지 않아야 함
    related: set[str]
    kind: str
    line: int

    @property
    def page(self) -> str | None:
        return self.expected.split("#")[0] if self.expected else None

    @property
    def anchor(self) -> str | None:
        return self.expected.split("#", 1)[1] if self.expected and "#" in self.expected else None


@dataclass
class Outcome:
    query: Query
    pages: list[tuple[str, set[str]]]  # 결과 순서대로 (페이지 주소, 그 페이지 결과에 있는 절 id)
    ms: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def top(self) -> list[str]:
        return [p for p, _ in self.pages[:TOP]]

    @property
    def found(self) -> bool:
        """recall: 기대한 페이지(와 절)가 첫 3개 안에 있음. 없어야 하는 검색어는 결과가 없음."""
        q = self.query
        if q.expected is None:
            return not self.pages
        for path, anchors in self.pages[:TOP]:
            if path == q.page and (q.anchor is None or q.anchor in anchors):
                return True
        return False

    @property
    def relevant_in_top(self) -> tuple[int, int]:
        """precision 의 (관련 있는 결과 수, 본 결과 수): 첫 3개 중 expected·related 인 페이지."""
        q = self.query
        ok = {q.page, *q.related}
        return sum(p in ok for p in self.top), len(self.top)

    @property
    def unrelated_above(self) -> list[str]:
        q = self.query
        if q.expected is None:
            return []
        above = []
        for path in self.top:
            if path == q.page:
                break
            if path not in q.related:
                above.append(path)
        return above

    @property
    def passed(self) -> bool:
        return self.found and not self.unrelated_above

    def describe(self) -> str:
        q = self.query
        shown = ", ".join(self.top) or "결과 없음"
        if q.expected is None:
            return f"tests/search_queries.tsv:{q.line}: '{q.text}' 는 아무것도 찾지 않아야 하는데 {shown}"
        why = "첫 3개에 없음" if not self.found else f"관련 없는 {', '.join(self.unrelated_above)} 이(가) 위에 있음"
        return f"tests/search_queries.tsv:{q.line}: '{q.text}' → {q.expected}: {why} (첫 3개: {shown})"


def load_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise ValueError(f"{path}:{no}: 칸이 4개(query, expected, related, kind)여야 합니다: {line!r}")
        text, expected, related, kind = cols
        queries.append(Query(text, None if expected == "-" else expected,
                             {r for r in related.split(",") if r}, kind, no))
    return queries


def open_search(page, base_url: str) -> str:
    """홈을 열고 검색창을 연 뒤, 색인을 다 받고 검색창이 빈 상태가 될 때까지 기다립니다."""
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(f"p => document.querySelector('{META}').textContent === p", arg=PLACEHOLDER,
                           timeout=20_000)
    return PLACEHOLDER


# 결과 목록: 페이지마다 (첫 링크의 주소, 그 페이지 결과에 든 절 id 들).
_RESULTS = """() => [...document.querySelectorAll('.md-search-result__list > li')].map(li => {
    const links = [...li.querySelectorAll('a')].map(a => new URL(a.href));
    return [links.length ? links[0].pathname : '', links.map(u => u.hash.slice(1)).filter(Boolean)];
})"""


# 검색어마다 검색창을 비우고(자리표시 문구가 돌아올 때까지), 검색어를 한 번에 넣어 keyup 하나로 검색을 한 번만
# 하고(한국어는 어차피 입력기가 글자를 조합한 뒤에 넘김; Material 은 keyup 에서 검색), 결과 수 문구가 바뀌면 읽습니다.
# Material 은 결과 수 문구와 첫 10개 결과를 워커의 응답 하나를 처리하는 같은 흐름에서 그리므로, 문구가 바뀐 뒤 한 틱
# 쉬면 첫 10개가 다 있습니다(첫 3개 페이지만 봄). 모두 한 번의 evaluate 안에서: 검색어마다 Playwright 왕복
# 대여섯 번과 150 ms 대기를 하던 예전 방법과 72개의 결과가 같고, 약 20초 → 수 초입니다.
_RUN_ALL = f"""async ([texts, placeholder]) => {{
    const box = document.querySelector('input.md-search__input');
    const meta = document.querySelector('{META}');
    const results = {_RESULTS};
    const keyup = () => box.dispatchEvent(new KeyboardEvent('keyup', {{key: 'End', bubbles: true}}));
    const until = (ok) => new Promise((resolve, reject) => {{
        if (ok()) return resolve();
        const timer = setTimeout(() => {{ obs.disconnect(); reject(new Error('검색 결과가 10초 안에 오지 않았습니다')) }}, 10000);
        const obs = new MutationObserver(() => {{ if (ok()) {{ clearTimeout(timer); obs.disconnect(); resolve(); }} }});
        obs.observe(meta, {{childList: true, subtree: true, characterData: true}});
    }});
    const out = [];
    for (const text of texts) {{
        box.value = ''; keyup();
        await until(() => meta.textContent === placeholder);
        box.value = text; keyup();
        await until(() => meta.textContent !== placeholder);
        await new Promise(r => setTimeout(r, 0));
        out.push(results());
    }}
    return out;
}}"""


def run_queries(page, base_url: str, placeholder: str, queries: list[Query]) -> list[Outcome]:
    """검색어들을 차례로 검색창에 넣어 본 결과(페이지 안에서 한꺼번에). 검색창은 open_search 로 열어 둡니다."""
    base = urlsplit(base_url).path
    outcomes = []
    for query, found in zip(queries, page.evaluate(_RUN_ALL, [[q.text for q in queries], placeholder])):
        pages = [((path[len(base):] if path.startswith(base) else path) or "/", set(anchors))
                 for path, anchors in found]
        outcomes.append(Outcome(query, pages))
    return outcomes


# 타자에서 결과까지: 완성된 검색어를 넣고 keyup 을 보낸 때부터 결과 수(meta)가 바뀔 때까지(make bench).
_TIMED = f"""async (q) => {{
    const box = document.querySelector('input.md-search__input');
    const meta = document.querySelector('{META}');
    box.value = ''; box.dispatchEvent(new KeyboardEvent('keyup', {{key: 'End', bubbles: true}}));
    await new Promise(r => setTimeout(r, 50));
    const before = meta.textContent;
    return await new Promise(resolve => {{
        const obs = new MutationObserver(() => {{ obs.disconnect(); resolve(performance.now() - start) }});
        obs.observe(meta, {{childList: true, subtree: true, characterData: true}});
        box.value = q;
        const start = performance.now();
        box.dispatchEvent(new KeyboardEvent('keyup', {{key: 'End', bubbles: true}}));
    }});
}}"""


def time_query(page, text: str) -> float:
    return page.evaluate(_TIMED, text)


def summary(outcomes: list[Outcome]) -> dict:
    recall = sum(o.found for o in outcomes) / len(outcomes)
    passed = sum(o.passed for o in outcomes) / len(outcomes)
    rel = [o.relevant_in_top for o in outcomes if o.query.expected is not None and o.top]
    precision = sum(r for r, _ in rel) / max(1, sum(n for _, n in rel))
    negatives = [o for o in outcomes if o.query.expected is None]
    return {"queries": len(outcomes), "recall_at_3": recall, "passed": passed, "precision_at_3": precision,
            "negatives_empty": sum(o.found for o in negatives) / max(1, len(negatives)),
            "failing": [o.describe() for o in outcomes if not o.passed]}


def median_ms(values: list[float]) -> float:
    return statistics.median(values)
