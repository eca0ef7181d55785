/* A table that scrolls inside its own box on a phone must be reachable with the keyboard too
 * (WCAG 2.1.1; axe "scrollable-region-focusable"): a box that overflows and holds nothing
 * focusable is given tabindex="0", so arrow keys scroll it, and loses it again when the screen
 * is wide enough for it. Loaded by every page (base.html) and by the printable documents. */
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function update() {
    var boxes = document.querySelectorAll("div, section, table");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var overflowX = window.getComputedStyle(box).overflowX;
      var scrolls = (overflowX === "auto" || overflowX === "scroll") &&
        box.scrollWidth > box.clientWidth + 1;
      var ours = box.hasAttribute("data-scroll-focus");
      if (scrolls && !ours && !box.querySelector(FOCUSABLE) && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && ours) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    }
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 100);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
