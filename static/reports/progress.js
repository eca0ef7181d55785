// Rendering a report takes a few seconds: disable what was clicked and say so, so nobody clicks
// twice. Forms and links opt in with data-report-busy; data-confirm asks first.
(function () {
  "use strict";
  var busy = document.getElementById("report-busy");

  function showBusy() {
    if (busy) {
      busy.classList.remove("d-none");
    }
  }

  document.querySelectorAll("form[data-report-busy]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
      }
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
      showBusy();
    });
  });

  document.querySelectorAll("a[data-report-busy]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (link.getAttribute("aria-disabled") === "true") {
        event.preventDefault();
        return;
      }
      link.setAttribute("aria-disabled", "true");
      link.classList.add("disabled");
      showBusy();
      // A download leaves the page in place: give the button back once the file has had time.
      window.setTimeout(function () {
        link.removeAttribute("aria-disabled");
        link.classList.remove("disabled");
        if (busy) {
          busy.classList.add("d-none");
        }
      }, 8000);
    });
  });
})();
