/* Copy buttons for citations (templates/research/cite.html). Served from our own origin: the
   site's CSP allows scripts from 'self' only. Without script the buttons stay hidden and a
   click on a citation selects all of it (site.css: user-select: all). */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http (an intranet copy of the archive): the older way still works.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var status = button.closest("section").querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent.trim()).then(
        function () {
          button.textContent = "已复制";
          if (status) {
            status.textContent = "引文已复制到剪贴板";
          }
          window.setTimeout(function () { button.textContent = "复制"; }, 2000);
        },
        function () {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          if (status) {
            status.textContent = "无法直接复制，已选中引文，请按 Ctrl+C";
          }
        }
      );
    });
  });
})();
