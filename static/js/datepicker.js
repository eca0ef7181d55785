/* Dates as dd/mm/yyyy and times as 24-hour whatever the browser's language (ban138/fields.py).
 * Every <input data-datepicker="date|datetime"> gets flatpickr with its Vietnamese month and day
 * names; typing and pasting still work. A date that does not exist ("31/02/2027") is kept as
 * typed and flagged with the field's Vietnamese message instead of being silently erased, and
 * the server checks it again whatever the browser did. No inline script: the CSP forbids it. */
(function () {
  "use strict";
  if (typeof window.flatpickr !== "function") return;

  var PATTERN = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

  function parse(text) {
    var m = PATTERN.exec(text || "");
    if (!m) return undefined;
    var day = +m[1], month = +m[2], year = +m[3];
    var hour = m[4] ? +m[4] : 0, minute = m[5] ? +m[5] : 0;
    var date = new Date(year, month - 1, day, hour, minute, 0, 0);
    var real = date.getFullYear() === year && date.getMonth() === month - 1 &&
      date.getDate() === day && hour < 24 && minute < 60;
    return real ? date : undefined;
  }

  function check(input) {
    var text = input.value.trim();
    var ok = text === "" || parse(text) !== undefined;
    input.setCustomValidity(ok ? "" : (input.dataset.invalidMessage || "dd/mm/yyyy"));
    input.classList.toggle("is-invalid", !ok);
    return ok;
  }

  // The calendar's own fields, named for screen readers (flatpickr leaves them unnamed).
  function name(picker) {
    var names = [
      [picker.monthsDropdownContainer, "Tháng"],
      [picker.hourElement, "Giờ"],
      [picker.minuteElement, "Phút"]
    ];
    (picker.yearElements || []).forEach(function (el) { names.push([el, "Năm"]); });
    names.forEach(function (pair) {
      if (pair[0]) pair[0].setAttribute("aria-label", pair[1]);
    });
  }

  function start(input) {
    var withTime = input.dataset.datepicker === "datetime";
    var typed = "";
    // Captured before flatpickr's own blur handler, which empties a value it cannot read.
    input.addEventListener("blur", function () { typed = input.value; }, true);
    input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (input.value === "" && typed.trim() !== "" && parse(typed) === undefined) {
          input.value = typed;
        }
        check(input);
      }, 0);
    });
    input.addEventListener("input", function () { check(input); });
    window.flatpickr(input, {
      locale: "vn",
      allowInput: true,
      disableMobile: true,  // the phone's native picker would show the browser's format again
      dateFormat: withTime ? "d/m/Y H:i" : "d/m/Y",
      enableTime: withTime,
      time_24hr: true,
      parseDate: parse,
      errorHandler: function () {},  // an unreadable date is flagged by check(), not logged
      onChange: function () { check(input); },
      onReady: function (_dates, _text, picker) { name(picker); }
    });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-datepicker]");
    for (var i = 0; i < inputs.length; i++) start(inputs[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
