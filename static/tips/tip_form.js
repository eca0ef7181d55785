// Intake/edit form: keep the village list to the chosen commune, and show the urgent instruction.
(function () {
  "use strict";
  var dataNode = document.getElementById("village-data");
  var commune = document.querySelector("[data-commune-select]");
  var village = document.querySelector("[data-village-select]");
  if (dataNode && commune && village) {
    var parentOf = {};
    JSON.parse(dataNode.textContent).forEach(function (v) { parentOf[String(v.pk)] = String(v.parent_id); });
    var filter = function () {
      Array.prototype.forEach.call(village.options, function (option) {
        if (!option.value) { return; }
        var visible = parentOf[option.value] === commune.value;
        option.hidden = !visible;
        option.disabled = !visible;
        if (!visible && option.selected) { village.value = ""; }
      });
    };
    commune.addEventListener("change", filter);
    filter();
  }
  var urgent = document.getElementById("id_urgent");
  var instruction = document.getElementById("urgent-instruction");
  if (urgent && instruction) {
    var toggle = function () { instruction.classList.toggle("d-none", !urgent.checked); };
    urgent.addEventListener("change", toggle);
    toggle();
  }
})();
