// The sơ kết page's "In" button; kept out of the page so no inline script is needed.
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
})();
