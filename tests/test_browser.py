"""실제 브라우저(데비안 chromium + Playwright)로 빌드된 사이트를 엽니다.

모든 페이지: 수식이 모두 렌더링되고(KaTeX 오류·날 TeX 없음), 그림이 모두 로드되며,
콘솔 오류가 없고, 127.0.0.1 밖으로는 요청을 하나도 보내지 않으며, 휴대폰 폭에서 넘치지 않습니다.
접근성: 같은 한 번의 로드에서 밝은·어두운 팔레트 모두 axe-core(WCAG 2.1 A·AA)의 심각·치명 위반이 없고,
수식마다 스크린 리더용 MathML 이 있습니다. 키보드만으로 검색·팔레트·탭·풀이·복사·내려받기 단추를 씁니다.
한국어 검색, 어두운 팔레트의 그림, 즉시 이동 뒤의 수식도 확인합니다.

chromium 이 없으면 설치 방법을 알리며 건너뜁니다. 단, CI=true 이면 반드시 실행합니다.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts import search_eval
from scripts.book import CHROMIUM  # chromium-headless-shell 이 있으면 그것(scripts/book.py 참고)
from tests.conftest import ROOT, require_chromium, site_pages

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
SHOTS = os.environ.get("SCREENSHOTS")  # 폴더를 주면 페이지마다 스크린숏을 남깁니다.
# 접근성 검사기(package-lock.json 에 고정). 사이트에는 올리지 않고 테스트가 페이지에 넣습니다.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async (rules) => {
    const only = rules ? {type: 'rule', values: rules} : {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']};
    // KaTeX 의 보이는 수식 HTML(aria-hidden, 글자 수천 개)은 본문과 같은 색을 물려받습니다: 빼면 검사가 두세 배 빠릅니다.
    const r = await axe.run({exclude: [['.katex-html']]}, {runOnly: only, resultTypes: ['violations']});
    return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .flatMap(v => v.nodes.slice(0, 5).map(n => `${v.id} (${v.impact}) ${n.target.join(' ')}: ` +
                                                 (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()));
}"""


EMPTY_MATH = """() => {
    const checked = /^(role|tabindex|href|id|lang|xml:lang|aria-.*)$/;
    const mathml = [...document.querySelectorAll('.katex-mathml')];
    const inert = mathml.every(m => [...m.querySelectorAll('*')].every(e => ![...e.attributes].some(a => checked.test(a.name))));
    document.querySelectorAll('.katex-html').forEach(e => e.replaceChildren());
    if (inert) mathml.forEach(e => e.replaceChildren());
}"""


def axe_violations(page) -> dict[str, list[str]]:
    """한 번 불러온 페이지에서 밝은·어두운 팔레트 모두 axe-core 로 검사합니다(심각·치명만)."""
    page.add_script_tag(path=str(AXE))
    # KaTeX 의 보이는 수식 HTML(aria-hidden)은 AXE_RUN 이 어차피 검사에서 뺍니다. 빼더라도 axe 는 문서 전체의 나무를
    # 먼저 만들므로(수식 많은 페이지에서 요소의 2/3), 내용을 비워 두면 같은 검사가 훨씬 빠릅니다. 수식 검사는 이보다 앞에서 끝납니다.
    # 스크린 리더용 MathML(화면에는 보이지 않음: 색 대비 검사 대상이 아님)도 axe 가 볼 속성(role·aria-*·tabindex·
    # 링크·id·lang)이 하나도 없으면 비웁니다. 수식마다 MathML 이 있고 접근성 트리에서 math 로 읽히는지는 이 앞에서
    # 따로 봅니다. 그런 속성이 있으면 그대로 두어 axe 가 검사합니다(느려질 뿐 빠지는 검사는 없음).
    page.evaluate(EMPTY_MATH)
    # 팔레트 전환의 CSS 전환 효과가 끝나기 전 색을 재지 않게 전환 효과를 끕니다.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    found = {}
    # 밝은 화면에서 모든 규칙, 어두운 화면에서는 색에 달린 규칙만(나머지는 팔레트와 상관없음).
    # (본문 링크는 밑줄로 구별하므로 link-in-text-block 은 색과 상관없어 밝은 화면에서 한 번이면 됩니다.)
    for scheme, rules in (("default", None), ("slate", ["color-contrast"])):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        found[scheme] = page.evaluate(AXE_RUN, rules)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    return found


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class PageWatch:
    """한 페이지에서 일어난 콘솔 오류와 외부 요청을 모읍니다."""

    def __init__(self, context, base):
        self.errors, self.foreign = [], []
        host = urlsplit(base).netloc
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_request(req):
            u = urlsplit(req.url)
            if u.scheme not in {"data", "blob", "about"} and u.netloc != host:
                self.foreign.append(req.url)

        self.page.on("request", on_request)


# site.css 의 content-visibility: auto 규칙(선택자는 스타일시트에서 읽음)의 요소를, 모두 그려진 상태(layout·style·paint
# 격리)와 규칙이 없는 상태로 두고 본문 블록의 위치·높이를 비교합니다. 끝나면 규칙 없는 상태로 둡니다.
CONTENT_VISIBILITY_MOVES = """() => {
    const rules = [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch (e) { return []; } })
        .filter(r => r.style && r.style.contentVisibility === 'auto');
    const rule = rules.length ? rules.map(r => r.selectorText).join(', ') : null;
    const blocks = [...document.querySelectorAll('.md-content__inner > *')];
    const boxes = () => blocks.map(b => { const r = b.getBoundingClientRect(); return [Math.round(r.top + scrollY), Math.round(r.height)]; });
    const els = rule ? [...document.querySelectorAll(rule)] : [];
    els.forEach(e => { e.style.contentVisibility = 'visible'; e.style.contain = 'layout style paint'; });
    const contained = boxes();
    els.forEach(e => { e.style.contain = 'none'; });
    const plain = boxes();
    const moves = [];
    blocks.forEach((b, i) => {
        if (moves.length < 3 && (contained[i][0] !== plain[i][0] || contained[i][1] !== plain[i][1])) {
            const name = b.tagName.toLowerCase() + (b.id ? '#' + b.id : '') + (b.className ? '.' + [...b.classList].join('.') : '');
            moves.push(`${i + 1}번째 블록 ${name} "${b.textContent.trim().slice(0, 30)}" 위치/높이 ${plain[i]} → ${contained[i]}px`);
        }
    });
    return {rule, moves};
}"""


def _wait_for_math(page):
    """수식은 빌드 때 그려 HTML 에 들어 있습니다(hooks/math_check.py): 읽히자마자 모두 .katex 여야 합니다."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.arithmatex')].every(el => el.querySelector('.katex'))",
        timeout=10_000,
    )


@pytest.fixture(scope="session")
def light_context(browser):
    ctx = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def _page_urls() -> list[str]:
    """docs/ 의 페이지 → 사이트 주소(빌드 전에 알 수 있어 페이지마다 테스트를 나눕니다: xdist 가 워커에 나눠 줌)."""
    urls = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()[: -len(".md")]
        urls.append("" if rel == "index" else rel + "/")
    return urls


@pytest.mark.parametrize("rel", _page_urls(), ids=lambda r: r or "home")
def test_every_page_renders_offline_without_errors(rel, site_dir, site_url, light_context):
    problems = []
    assert rel in site_pages(site_dir), f"{rel}: 빌드된 사이트에 이 페이지가 없습니다"
    w = PageWatch(light_context, site_url)
    w.page.goto(site_url + rel)
    try:
        _wait_for_math(w.page)
    except Exception:
        problems.append(f"{rel or '/'}: 수식이 10초 안에 렌더링되지 않았습니다")
    report = w.page.evaluate(
        """async () => ({
            katexErrors: [...document.querySelectorAll('.katex-error')].map(e => e.title || e.textContent),
            rawTex: [...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex'))
                      .map(e => e.textContent.slice(0, 60)),
            rawDollar: (() => {
                // 본문에서 코드·렌더링된 수식을 뺀 글자에 $…$ 나 \\( \\) 가 남아 있으면 렌더링 안 된 수식입니다.
                const body = document.querySelector('article');
                if (!body) return [];
                const clone = body.cloneNode(true);
                clone.querySelectorAll('pre, code, .katex, .katex-display, script, style, textarea, .highlight, .jp-OutputArea, .clipboard-copy-txt')
                     .forEach(e => e.remove());
                return (clone.textContent.match(/\\$[^$\\s][^$\\n]*\\$|\\\\\\(|\\\\\\[/g) || []).map(t => t.slice(0, 60));
            })(),
            brokenImages: await (async () => {
                // 지연 로딩 그림(숨겨진 팔레트 쪽 포함)도 모두 실제로 받아 디코딩해 봅니다.
                const imgs = [...document.querySelectorAll('img')];
                const results = await Promise.all(imgs.map(async (i) => {
                    i.loading = 'eager';
                    try { await i.decode(); return i.naturalWidth > 0 ? null : i.getAttribute('src'); }
                    catch (e) { return i.getAttribute('src'); }
                }));
                return results.filter(Boolean);
            })(),
        })"""
    )
    # 스크린 리더: 수식마다 KaTeX 의 MathML 이 있고 보이는 HTML 은 접근성 트리에서 숨겨져 있어야 합니다.
    math = w.page.evaluate("""() => { const k = [...document.querySelectorAll('.arithmatex .katex')];
        return {n: k.length, noMathml: k.filter(e => !e.querySelector('.katex-mathml math')).length,
                visible: k.filter(e => { const h = e.querySelector('.katex-html'); return h && h.getAttribute('aria-hidden') !== 'true'; }).length}; }""")
    if math["noMathml"] or math["visible"]:
        problems.append(f"{rel or '/'}: 수식 {math['n']}개 중 MathML 없음 {math['noMathml']}개, 보이는 HTML 이 "
                        f"접근성 트리에 노출 {math['visible']}개(scripts/katex_render.cjs 의 output: htmlAndMathml 확인)")
    elif math["n"]:
        tree = w.page.locator(".arithmatex").first.aria_snapshot()
        if "math" not in tree:
            problems.append(f"{rel or '/'}: 첫 수식이 접근성 트리에서 math 로 읽히지 않습니다: {tree[:80]}")
    for key, label in [("katexErrors", "KaTeX 오류"), ("rawTex", "렌더링 안 된 수식"),
                       ("rawDollar", "렌더링 안 된 $수식$"), ("brokenImages", "로드 안 된 그림")]:
        problems += [f"{rel or '/'}: {label}: {v}" for v in report[key]]
    problems += [f"{rel or '/'}: 콘솔 오류: {e}" for e in w.errors]
    problems += [f"{rel or '/'}: 다른 호스트로 요청: {u}" for u in w.foreign]
    n_errors = len(w.errors)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        w.page.screenshot(path=f"{SHOTS}/{(rel or 'home').strip('/').replace('/', '_')}-light.png", full_page=True)
    # 휴대폰 폭(390px)에서 가로로 넘치지 않습니다(넓은 코드·수식·표는 제 안에서 스크롤).
    w.page.set_viewport_size({"width": 390, "height": 844})
    w.page.wait_for_timeout(50)
    # 화면 밖 덩어리를 미루는 규칙(site.css 의 content-visibility: auto)은 배치를 바꾸지 않습니다. 그 규칙의 요소가 모두
    # 그려졌을 때(= layout·paint 격리만 남음)와 규칙이 없을 때 본문 블록의 위치를 비교하고, 이 뒤의 검사(폭·axe)는
    # 규칙 없이 모두 그려진 페이지에서 합니다(화면 밖 내용의 넘침·대비도 그대로 잡힘).
    moved = w.page.evaluate(CONTENT_VISIBILITY_MOVES)
    if moved["rule"] is None:
        problems.append(f"{rel or '/'}: 페이지의 스타일시트에서 content-visibility: auto 규칙(docs/stylesheets/site.css)을 "
                        "찾지 못해 배치 비교를 못 했습니다")
    if moved["moves"]:
        problems.append(f"{rel or '/'}: docs/stylesheets/site.css 의 content-visibility 규칙({moved['rule']})이 배치를 "
                        "바꿉니다 — 그 요소를 규칙에서 빼거나, 원본의 HTML(블록이 <p> 안에 든 것 등)을 고치세요:\n    "
                        + "\n    ".join(moved["moves"]))
    width = w.page.evaluate("document.documentElement.scrollWidth")
    if width > 390:
        problems.append(f"{rel or '/'}: 휴대폰 폭 390px 에서 문서 폭이 {width}px 입니다")
    # 노트북 페이지: 셀이 본문 폭을 다 씁니다(떠 있는 단추 옆에서 좁아진 채 끝까지 가지 않음).
    narrow = w.page.evaluate("""() => { const a = document.querySelector('article'); if (!a) return [];
        const full = a.getBoundingClientRect().width;
        return [...document.querySelectorAll('.jp-Notebook > .jp-Cell')].map(c => Math.round(c.getBoundingClientRect().width))
            .filter(cw => cw < full - 40).slice(0, 3).map(cw => `${cw}px / ${Math.round(full)}px`); }""")
    if narrow:
        problems.append(f"{rel or '/'}: 휴대폰 폭에서 노트북 셀이 본문보다 좁습니다({narrow}) — docs/stylesheets/site.css 의 "
                        ".jupyter-wrapper 규칙(떠 있는 단추를 비켜 가기)을 확인하세요")
    # 접근성은 맨 끝에: axe_violations 가 보이는 수식 HTML 을 비우므로 위의 화면 검사(폭·스크린숏)가 먼저입니다.
    w.page.set_viewport_size({"width": 1280, "height": 900})
    for scheme, found in axe_violations(w.page).items():
        palette = "밝은" if scheme == "default" else "어두운"
        problems += [f"{rel or '/'} ({palette} 화면): 접근성 {v} — docs/stylesheets/site.css 또는 해당 페이지를 고치세요"
                     for v in found]
    problems += [f"{rel or '/'}: 콘솔 오류: {e}" for e in w.errors[n_errors:]]  # axe 를 돌리는 동안 난 오류
    w.page.close()
    assert not problems, "\n".join(problems)


# 긴 장의 마지막 절과 그 앞 절: 화면 밖 덩어리를 미루는 규칙(site.css 의 content-visibility)과 상관없이
# #주소로 들어오거나 같은 페이지 안의 링크를 따라가면 제목이 제자리(scroll-margin-top)에 멈춥니다(docs/javascripts/anchor.js).
ANCHORS = ("basics/activation-functions/", "summary", "gelu-silu")
AT_TARGET = """(id) => { const h = document.getElementById(id); if (!h) return false;
    return Math.abs(h.getBoundingClientRect().top - parseFloat(getComputedStyle(h).scrollMarginTop)) <= 1; }"""


def test_links_to_a_section_stop_at_its_heading(site_url, light_context):
    page_rel, first, second = ANCHORS
    page = light_context.new_page()
    try:
        page.goto(f"{site_url}{page_rel}#{first}", wait_until="load")
        for target in (first, second):
            if target == second:
                page.evaluate(f"location.hash = '{second}'")
            try:
                page.wait_for_function(AT_TARGET, arg=target, timeout=5_000, polling=100)
            except Exception:
                top = page.evaluate(f"Math.round(document.getElementById('{target}').getBoundingClientRect().top)")
                pytest.fail(f"/{page_rel}#{target}: 제목이 화면 위 {top}px 에 멈춥니다(제자리: scroll-margin-top) — "
                            "docs/javascripts/anchor.js 와 docs/stylesheets/site.css 의 content-visibility 규칙을 "
                            "확인하세요", pytrace=False)
    finally:
        page.close()


SEARCHES = [
    ("시그모이드", "basics/activation-functions/"),
    ("활성화 함수", "basics/activation-functions/"),
    ("퍼셉트론", "background/perceptron/"),
    ("XOR", "background/perceptron/"),
    ("은닉층", "background/multilayer-perceptron/"),
    ("교차 엔트로피", "basics/loss-functions/"),
    ("역전파", "training/backpropagation/"),
    ("경사 하강법", "training/optimization/"),
    ("안장점", "training/optimization/"),
    ("Adam", "training/optimization/"),
    ("미니배치", "training/mini-batch/"),
    ("과적합", "improving/overfitting/"),
    ("드롭아웃", "improving/overfitting/"),
    ("기울기 소실", "improving/more-techniques/"),
    ("가중치 초기화", "improving/more-techniques/"),
]


def test_korean_search_finds_each_section(site_url, light_context):
    """절마다 대표 검색어를 검색창에 넣으면(값을 넣고 keyup: 사람이 친 뒤와 같음) 그 페이지가 결과 목록에 있습니다.
    페이지를 한 번만 열고 검색창을 비워 가며 씁니다(scripts/search_eval.py 의 run_queries)."""
    w = PageWatch(light_context, site_url)
    placeholder = search_eval.open_search(w.page, site_url)
    queries = [search_eval.Query(text, page, set(), "", 0) for text, page in SEARCHES]
    missing = []
    for outcome in search_eval.run_queries(w.page, site_url, placeholder, queries):
        q, pages = outcome.query, [path for path, _ in outcome.pages]
        if not pages:
            missing.append(f"'{q.text}': 결과가 없습니다")
        elif q.expected not in pages:
            missing.append(f"'{q.text}' 검색 결과에 {q.expected} 가 없습니다: {pages[:8]} — 검색어와 페이지의 짝은 "
                           "tests/test_browser.py 의 SEARCHES")
    w.page.close()
    assert not w.errors, f"콘솔 오류: {w.errors}"
    assert not missing, "\n".join(missing)


def test_math_renders_after_instant_navigation(site_url, light_context):
    w = PageWatch(light_context, site_url)
    page = w.page
    page.goto(site_url)
    page.wait_for_load_state("load")
    page.locator('a[href$="basics/activation-functions/"]').first.click()
    page.wait_for_url("**/basics/activation-functions/")
    _wait_for_math(page)
    rendered = page.evaluate("document.querySelectorAll('.arithmatex .katex').length")
    # 즉시 이동은 페이지를 다시 불러오지 않습니다: 스크립트가 한 번만 실행됐는지 확인.
    navigations = page.evaluate("performance.getEntriesByType('navigation').length")
    page.close()
    assert not w.errors, f"즉시 이동 뒤 콘솔 오류 — mkdocs.yml 의 extra_javascript 를 확인하세요: {w.errors}"
    assert navigations == 1, "즉시 이동(navigation.instant)이 페이지를 다시 불러왔습니다: mkdocs.yml 의 theme.features 를 확인하세요"
    assert rendered > 0, ("즉시 이동 뒤 basics/activation-functions 의 수식이 렌더링되지 않았습니다: "
                          "hooks/math_check.py 가 빌드 때 수식을 그려 넣는지 확인하세요")


def test_dark_palette_shows_dark_figures(browser, site_url, site_dir):
    ctx = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(site_url + "basics/activation-functions/")
    _wait_for_math(page)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    shown = page.eval_on_selector_all(
        "img[src*='figures/']", "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.getAttribute('src'))")
    hidden = page.eval_on_selector_all(
        "img[src*='figures/']", "els => els.filter(e => getComputedStyle(e).display === 'none').map(e => e.getAttribute('src'))")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/basics_activation-functions-dark.png", full_page=True)
    # 토글을 누르면 밝은 그림으로 바뀝니다.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    shown_after = page.eval_on_selector_all(
        "img[src*='figures/']", "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.getAttribute('src'))")
    ctx.close()
    assert scheme == "slate"
    assert shown and all(s.endswith(".dark.svg#only-dark") for s in shown), shown
    assert hidden and all(s.endswith("#only-light") for s in hidden)
    assert shown_after and all(s.endswith("#only-light") for s in shown_after), shown_after



KEYBOARD_KINDS = {"search", "palette", "tab", "solution", "copy", "download"}


def test_keyboard_alone_reaches_and_uses_every_control(site_url, light_context):
    """Tab 만으로 검색창·팔레트·탭·풀이·복사·내려받기 단추에 닿고, 초점이 보이며, Enter 로 풀이가 열립니다."""
    w = PageWatch(light_context, site_url)
    page = w.page
    page.goto(site_url + "practice/iris/")
    page.wait_for_load_state("load")
    reached = {}
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement, cs = getComputedStyle(e);
            const kind = e.matches('.md-search__input') ? 'search'
                : e.matches('input.md-option') ? 'palette'
                : e.matches('.tabbed-set > input') ? 'tab'
                : e.matches('summary') ? 'solution'
                : e.matches('.md-clipboard, clipboard-copy, button.md-code__button') ? 'copy'
                : e.matches('.nb-download') ? 'download' : null;
            const shown = cs.outlineStyle !== 'none' || cs.boxShadow !== 'none'
                || (e.matches('input') && e.labels && [...e.labels].some(l => getComputedStyle(l).outlineStyle !== 'none'));
            return kind && {kind, shown, text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30)}; }""")
        if info and info["kind"] not in reached:
            reached[info["kind"]] = info
            if len(reached) == len(KEYBOARD_KINDS):
                break  # 모두 닿았으면 나머지 Tab 은 볼 것이 없습니다
    missing = KEYBOARD_KINDS - set(reached)
    assert not missing, f"practice/iris/: Tab 으로 닿지 않는 것: {sorted(missing)} (닿은 것: {sorted(reached)})"
    hidden = [k for k, v in reached.items() if not v["shown"] and k not in ("palette", "tab", "search")]
    assert not hidden, f"practice/iris/: 초점이 보이지 않는 것: {hidden} — docs/stylesheets/site.css 의 :focus-visible"
    # 풀이(<details>)는 Enter 로 열립니다.
    summary = page.locator("details > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details').open"), "Enter 로 풀이가 열리지 않습니다"
    page.close()


# 한국어 검색: 공개 검색어 모음과 강조(색인·검색어 처리의 단위 검사는 tests/test_search.py)

def test_public_query_set_in_browser(site_url, light_context, capsys):
    queries = search_eval.load_queries()
    assert len(queries) >= 60, "tests/search_queries.tsv 에 검색어가 60개 이상 있어야 합니다"
    w = PageWatch(light_context, site_url)
    placeholder = search_eval.open_search(w.page, site_url)
    outcomes = search_eval.run_queries(w.page, site_url, placeholder, queries)
    w.page.close()
    s = search_eval.summary(outcomes)
    report = (f"검색어 {s['queries']}개: recall@3 {s['recall_at_3']:.1%}, 통과(찾고 관련 없는 것이 위에 없음) "
              f"{s['passed']:.1%}, precision@3 {s['precision_at_3']:.1%}, 없어야 할 검색어가 비어 있음 "
              f"{s['negatives_empty']:.0%}")
    with capsys.disabled():
        print("\n" + report + "".join(f"\n  실패: {f}" for f in s["failing"]))
    assert not w.errors, f"콘솔 오류: {w.errors}"
    assert s["passed"] >= 0.95, report + "\n" + "\n".join(s["failing"])


def test_search_index_loads_when_search_is_first_used(site_url, light_context):
    """첫 방문에 검색 색인을 받지 않고(scripts/bundle_patch.py), 검색창에 초점이 가거나 검색 결과에서 ?h= 로 오면 받습니다.
    팔레트 단추는 그대로 색을 바꿉니다(같은 파일의 팔레트 고치기)."""
    w = PageWatch(light_context, site_url)
    page = w.page
    index = []
    page.on("request", lambda r: "search_index" in r.url and index.append(r.url))
    page.goto(site_url + "basics/loss-functions/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert not index, f"검색창을 쓰기 전에 검색 색인을 받았습니다: {index}"
    page.keyboard.press("/")  # Material 의 단축키: 검색창에 초점
    page.wait_for_function(f"p => document.querySelector('{search_eval.META}').textContent === p",
                           arg=search_eval.PLACEHOLDER, timeout=20_000)
    assert len(index) == 1, f"검색창을 연 뒤 색인 요청: {index}"
    page.keyboard.press("Escape")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=before)
    page.close()
    w2 = PageWatch(light_context, site_url)
    asked = []
    w2.page.on("request", lambda r: "search_index" in r.url and asked.append(r.url))
    w2.page.goto(site_url + "basics/loss-functions/?h=%EC%86%90%EC%8B%A4")
    w2.page.wait_for_selector("article mark[data-md-highlight]")
    assert asked, "?h= 로 왔는데 색인을 받지 않았습니다(본문 강조에 색인 설정이 필요)"
    w2.page.close()
    assert not w.errors and not w2.errors, f"콘솔 오류: {w.errors + w2.errors}"


def test_highlighting_in_results_and_on_page(site_url, light_context):
    """붙여 쓴 검색어의 낱말이 결과 목록과, 결과를 눌러 간 페이지에서 모두 강조됩니다."""
    w = PageWatch(light_context, site_url)
    page = w.page
    placeholder = search_eval.open_search(page, site_url)
    q = search_eval.Query("손실함수", "basics/loss-functions/", set(), "", 0)
    outcome, = search_eval.run_queries(page, site_url, placeholder, [q])
    assert outcome.top[:1] == ["basics/loss-functions/"], outcome.describe()
    marks = page.eval_on_selector_all(".md-search-result__item mark", "els => els.map(e => e.textContent)")
    assert {"손실", "함수"} <= set(marks), f"결과 목록의 강조: {marks}"
    page.locator(".md-search-result__list > li a").first.click()
    page.wait_for_url(re.compile(r"loss-functions/.*h="))
    page.wait_for_selector("article mark[data-md-highlight]")
    on_page = page.eval_on_selector_all("article mark[data-md-highlight]", "els => els.map(e => e.textContent)")
    assert {"손실", "함수"} <= set(on_page), f"페이지의 강조: {sorted(set(on_page))[:10]}"
    page.close()
    assert not w.errors, f"콘솔 오류: {w.errors}"


# 본문 글꼴 부분집합(scripts/fonts.py): HTML 을 읽는 tests/test_fonts.py 와 따로, 브라우저가 실제로 그린 글로 봅니다.
FONT_PAGES = ["", "basics/activation-functions/", "practice/from-scratch/"]
# 화면에 그려진 글: (수식 밖의 innerText, 보이는 수식의 글). 수식의 MathML 은 화면에 그리지 않으므로 뺍니다.
SHOWN_TEXT = """() => {
    const math = [...document.querySelectorAll('.katex-html')].map(e => e.textContent).join('');
    const moved = [...document.querySelectorAll('.katex')].map(e => { const c = document.createComment(''); e.replaceWith(c); return [c, e]; });
    const text = document.title + document.body.innerText;
    moved.forEach(([c, e]) => c.replaceWith(e));
    return [text, math];
}"""


def test_rendered_text_uses_only_the_font_subset(browser, site_url, site_dir):
    """HTML 을 읽는 방법과 따로, 브라우저가 실제로 그린 글(검색 결과·복사 풍선처럼 실행 중에 생기는 글 포함)의
    글자가 글꼴에 있는지 봅니다. 본문 글꼴 요청은 부분집합 파일 하나뿐이어야 합니다."""
    from scripts import fonts

    _, font, points = fonts.served(site_dir)
    katex = fonts.katex_served(site_dir)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    problems = []
    try:
        for rel in FONT_PAGES:
            w = PageWatch(ctx, site_url)
            requested = []
            w.page.on("request", lambda r: r.resource_type == "font" and requested.append(r.url))
            w.page.goto(site_url + rel)
            w.page.wait_for_load_state("load")
            w.page.evaluate("document.fonts.ready")
            shown, math = w.page.evaluate(SHOWN_TEXT)
            copy = w.page.locator(".md-clipboard").first
            if copy.count():  # 복사 단추의 풍선(Material 의 한국어 문구)
                copy.hover()
                w.page.wait_for_timeout(300)
                shown += w.page.evaluate(SHOWN_TEXT)[0]
            if rel == FONT_PAGES[0]:  # 검색 결과의 글은 어느 페이지에서 찾든 같습니다(색인 하나): 한 번만
                w.page.locator("label.md-search__icon, .md-search__input").first.click()
                box = w.page.locator("input.md-search__input")
                box.fill("함수")
                box.press("End")
                w.page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
                shown += w.page.evaluate("document.querySelector('.md-search-result').innerText")
            allowed = points.union(*(fonts.codepoints(f) for f in katex.values()))  # 사이트의 KaTeX 부분집합
            missing = sorted(c for c in fonts.visible(shown) if ord(c) not in points and c not in fonts.FALLBACK_CHARS)
            missing += sorted(c for c in fonts.visible(math) if ord(c) not in allowed and c not in fonts.FALLBACK_CHARS)
            problems += [f"{rel or '/'}: 화면의 글자가 글꼴에 없습니다: {missing}"] if missing else []
            body_fonts = [u for u in requested if "katex" not in u]
            if [u.rsplit("/", 1)[-1] for u in body_fonts] != [font.name]:
                problems.append(f"{rel or '/'}: 본문 글꼴 요청이 {font.name} 하나가 아닙니다: {body_fonts}")
            w.page.close()
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
