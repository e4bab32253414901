// 수식 렌더링: pymdownx.arithmatex(generic)가 남긴 \( \) · \[ \] 와 노트북 셀의 $ $ · $$ $$.
// Material의 즉시 이동(instant navigation) 뒤에도 다시 그리도록 document$ 를 구독합니다.
(function () {
  const base = new URL("./", document.currentScript.src);
  const optionsReady = fetch(new URL("katex-options.json", base)).then((r) => r.json());

  function render(options) {
    const roots = document.querySelectorAll(".arithmatex, .jp-MarkdownCell, .jp-RenderedMarkdown");
    const delimiters = [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
      { left: "$", right: "$", display: false },
    ];
    roots.forEach((el) => {
      if (el.dataset.katexDone) return;
      renderMathInElement(el, { ...options, delimiters, throwOnError: false });
      el.dataset.katexDone = "1";
    });
  }

  document$.subscribe(() => optionsReady.then(render));
})();
