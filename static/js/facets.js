/* Facets beside the results on a wide screen, a collapsed panel above them on a phone
   (templates/research/facets.html). Without script the panel stays closed and opens on a tap. */
(function () {
  "use strict";
  var panel = document.getElementById("facets");
  if (!panel || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 64rem)");
  function follow() {
    panel.open = wide.matches;
  }
  follow();
  if (wide.addEventListener) {
    wide.addEventListener("change", follow);
  }
})();
