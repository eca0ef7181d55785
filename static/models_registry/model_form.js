// Model form helpers: offer only the villages of the chosen commune, and show the camera
// figures only for types that have them. The server checks both again; this only saves taps.
(function () {
  "use strict";
  var form = document.getElementById("model-form");
  if (!form) { return; }
  var commune = form.querySelector("[name=commune]");
  var village = form.querySelector("[name=village]");
  var type = form.querySelector("[name=model_type]");

  function filterVillages() {
    if (!commune || !village) { return; }
    Array.prototype.forEach.call(village.options, function (option) {
      var owner = option.getAttribute("data-commune");
      var hide = owner !== null && owner !== commune.value;
      option.hidden = hide;
      option.disabled = hide;
      if (hide && option.selected) { village.value = ""; }
    });
  }

  function toggleCameras() {
    if (!type) { return; }
    var chosen = type.options[type.selectedIndex];
    var show = chosen && chosen.getAttribute("data-camera") === "1";
    ["cameras_installed", "cameras_working"].forEach(function (name) {
      var wrapper = document.getElementById("div_id_" + name);
      if (wrapper) { wrapper.hidden = !show; }
    });
  }

  if (commune) { commune.addEventListener("change", filterVillages); }
  if (type) { type.addEventListener("change", toggleCameras); }
  filterVillages();
  toggleCameras();
})();
