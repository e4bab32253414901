// 접근성: Material 의 즉시 이동 진행 막대(<div class="md-progress" role="progressbar">)에는 이름이 없어
// 스크린 리더가 무엇의 진행인지 읽지 못합니다(axe: aria-progressbar-name). 막대는 body 의 자식으로 생기므로
// body 의 직계 자식만 지켜보다가 이름을 붙입니다. Material 이 이름을 붙이게 되면 이 파일은 지웁니다.
(function () {
  const name = () => {
    const bar = document.querySelector("body > .md-progress:not([aria-label])");
    if (bar) bar.setAttribute("aria-label", "페이지 불러오는 중");
  };
  name();
  new MutationObserver(name).observe(document.body, { childList: true });
})();
