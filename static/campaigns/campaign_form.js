// "Toàn huyện" makes the commune list moot: grey it out so the form reads as it will be saved.
(function () {
  "use strict";
  var all = document.getElementById("id_all_communes");
  if (!all) { return; }
  var boxes = document.querySelectorAll("input[name='communes']");
  function sync() {
    boxes.forEach(function (box) { box.disabled = all.checked; });
  }
  all.addEventListener("change", sync);
  sync();
})();
