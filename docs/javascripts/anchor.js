// site.css 의 content-visibility: auto(화면 밖 덩어리는 화면에 가까워질 때에야 그림)와 짝입니다. #주소로 들어오면
// 브라우저가 목표로 스크롤한 뒤, 목표 바로 위(화면 근처)의 덩어리가 자리표시 높이(평균 높이)에서 제 높이로 그려지며 목표가
// 밀릴 수 있습니다(넓은 화면에서 마지막 절의 제목이 약 50px 아래로). 독자가 스크롤하거나 누르기 전까지 1.5초 동안
// 프레임마다 목표가 제자리(scroll-margin-top)에 있는지 보고 아니면 다시 맞춥니다. 첫 방문(load), 같은 페이지 안의
// 링크(hashchange), Material 의 즉시 이동(document$) 모두.
(function () {
  let touched = false;
  for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) {
    addEventListener(type, () => { touched = true; }, { passive: true, capture: true });
  }
  const realign = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    touched = false;
    const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    const until = performance.now() + 1500;
    const check = () => {
      if (touched || performance.now() > until) return;
      if (Math.abs(target.getBoundingClientRect().top - margin) > 1) target.scrollIntoView({ behavior: "instant" });
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };
  if (document.readyState === "complete") realign();
  else addEventListener("load", realign, { once: true });
  addEventListener("hashchange", realign);  // 같은 페이지 안의 링크(목차 등)
  let first = true;  // document$ 의 첫 값은 처음 읽은 문서: 위의 load 가 맡습니다
  if (window.document$) document$.subscribe(() => { if (first) first = false; else realign(); });
})();
