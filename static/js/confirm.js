/* A form that does something that cannot be undone asks first: <form data-confirm="question">.
 * Used by approving a campaign plan, as issuing a report asks (the report page's own script,
 * static/reports/progress.js, handles its data-report-busy forms, so they are left to it). */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-confirm]:not([data-report-busy])");
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener("submit", function (event) {
      if (!window.confirm(this.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  }
})();
