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
    var allRowsUrl = form.getAttribute("data-all-rows");
    var loading = null;
    // A listing split over several pages: filtering fetches every row once (same origin) and
    // shows matches from all pages in this table.
    function loadAllRows() {
      if (!allRowsUrl) return Promise.resolve();
      if (!loading) {
        var url = new URL(allRowsUrl, document.baseURI);
        loading = fetch(url).then(function (r) { return r.text(); }).then(function (html) {
          var tbody = document.createElement("tbody");
          tbody.innerHTML = html;
          tbody.querySelectorAll("a[href]").forEach(function (a) {
            a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
          });
          table.replaceChild(tbody, table.tBodies[0]);
          rows = Array.prototype.slice.call(tbody.rows);
          var pager = document.querySelector(".pm-pager");
          if (pager) pager.hidden = true;
        });
      }
      return loading;
    }
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
    selects.forEach(function (s) {
      s.addEventListener("change", function () { loadAllRows().then(apply); });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

// Charts: the static SVG always works; a button swaps in the interactive Vega view, whose bundle
// is served from this site (assets/vendor/vega.js), loaded only when asked for.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = null;
  function loadBundle() {
    if (!bundle) {
      bundle = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("vendor/vega.js", script.src).href;
        s.onload = function () { resolve(window.vegaEmbed); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return bundle;
  }
  function setup() {
    document.querySelectorAll("figure.pm-chart[data-spec]").forEach(function (figure) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pm-chart__toggle";
      button.textContent = "Visa interaktivt diagram";
      button.addEventListener("click", function () {
        button.disabled = true;
        loadBundle().then(function (vegaEmbed) {
          var view = document.createElement("div");
          view.className = "pm-chart__view";
          figure.querySelector(".pm-chart__image").replaceWith(view);
          return vegaEmbed(view, figure.getAttribute("data-spec"), { actions: false, renderer: "svg" });
        }).then(function () { button.remove(); }, function () { button.disabled = false; });
      });
      figure.appendChild(button);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

// The theme's drawer and search are checkbox toggles. Browsers restore a checkbox's state when a page
// is shown again (Chromium on going back, just before `pageshow`; Firefox also on reload); the theme
// prevented that with autocomplete="off", which HTML does not allow on a checkbox and the build removes
// (macros/html_fixes.py). So both are closed when a page is shown again. A first visit is left alone:
// the theme opens search itself for a ?q= address.
window.addEventListener("pageshow", function (event) {
  "use strict";
  var navigation = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0] : null;
  var again = navigation && (navigation.type === "back_forward" || navigation.type === "reload");
  if (!event.persisted && !again) return;
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle && toggle.checked) toggle.click();  // click, so the theme hears it
  });
});
