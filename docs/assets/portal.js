// Progressive enhancement: the full table works without JavaScript; with it, filters appear.
(function () {
  "use strict";
  function setup() {
    var form = document.getElementById("pm-filters");
    var table = document.querySelector("table.pm-filterable");
    if (!form || !table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = document.getElementById("pm-f-count");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = selects.every(function (s) {
          if (!s.value) return true;
          var values = (row.getAttribute("data-" + s.getAttribute("data-filter")) || "").split(" ");
          return values.indexOf(s.value) !== -1;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "Visar " + shown + " av " + rows.length + " uppdrag.";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
