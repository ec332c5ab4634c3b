// Progressive enhancement: the full table works without JavaScript; with it, filters appear. The
// choices live in the address's query string (?mal=…&namnd=…, the settings' words), so reload, a
// shared link and the back button keep them; the count and the table's caption say what is shown
// ("3 av 40", then the choices).
(function () {
  "use strict";
  function setup() {
    var form = document.getElementById("pm-filters");
    var table = document.querySelector("table.pm-filterable");
    if (!form || !table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    // A choice may carry a note (views.missions_overview): why the sources count more than is shown.
    var notes = {};
    selects.forEach(function (s) {
      JSON.parse(s.getAttribute("data-options") || "[]").forEach(function (o) {
        s.appendChild(new Option(o.label, o.id));
        if (o.note) notes[s.id + ":" + o.id] = o.note;
      });
    });
    var count = document.getElementById("pm-f-count");
    var caption = table.caption;
    var captionText = caption ? caption.textContent : "";
    function param(s) { return s.getAttribute("data-param") || s.getAttribute("data-filter"); }
    // The choices in the address: only values a select offers are taken.
    function readAddress() {
      var query = new URLSearchParams(window.location.search);
      var any = false;
      selects.forEach(function (s) {
        var v = query.get(param(s)) || "";
        var known = Array.prototype.some.call(s.options, function (o) { return o.value === v; });
        s.value = known ? v : "";
        if (s.value) any = true;
      });
      return any;
    }
    function writeAddress() {
      var query = new URLSearchParams(window.location.search);
      selects.forEach(function (s) { if (s.value) query.set(param(s), s.value); else query.delete(param(s)); });
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.pushState(null, "", url);
    }
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
      // The settings' word for missions (missions.html), plain Swedish when a page has none.
      var noun = form.getAttribute("data-noun") || "poster";
      var chosen = selects.filter(function (s) { return s.value; }).map(function (s) {
        return s.options[s.selectedIndex].text;
      });
      var what = shown + " av " + rows.length + " " + noun + (chosen.length ? ": " + chosen.join(", ") : "");
      var text = "Visar " + what + ".";
      if (caption) caption.textContent = chosen.length ? what : captionText;
      selects.forEach(function (s) {
        if (s.value && notes[s.id + ":" + s.value]) text += " " + notes[s.id + ":" + s.value];
      });
      count.textContent = text;
    }
    selects.forEach(function (s) {
      s.addEventListener("change", function () { writeAddress(); loadAllRows().then(apply); });
    });
    window.addEventListener("popstate", function () {
      if (readAddress()) loadAllRows().then(apply); else apply();
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    if (readAddress()) loadAllRows().then(apply); else apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

// Charts: the static SVG always works; a button swaps in the interactive Vega view, whose bundle
// is served from this site (assets/vendor/vega.js), loaded only when asked for. The view shows each
// value with its year, source and flag on hover (vega-tooltip, in the bundle) and on keyboard focus:
// the marks become one tab stop, the arrow keys move between them.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = null;
  // Swedish number format in the interactive view, as in the static image.
  var SWEDISH = { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"] };
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
  // Each mark Vega drew for a data value carries its scenegraph item (with the tooltip's fields).
  function valueMarks(view) {
    return Array.prototype.filter.call(view.querySelectorAll('svg [role="graphics-symbol"]'), function (el) {
      return el.__data__ && el.__data__.tooltip && typeof el.__data__.tooltip === "object";
    });
  }
  function keyboard(view) {
    var marks = valueMarks(view);
    if (!marks.length) return null;
    var tip = document.createElement("div");
    tip.className = "pm-chart__focus";
    tip.hidden = true;
    view.appendChild(tip);
    marks.forEach(function (el, i) { el.setAttribute("tabindex", i === 0 ? "0" : "-1"); });
    function show(el) {
      var fields = el.__data__.tooltip;
      tip.textContent = "";
      Object.keys(fields).forEach(function (key, i) {
        var line = document.createElement(i === 0 ? "b" : "span");
        line.textContent = key + ": " + fields[key];
        tip.appendChild(line);
        if (i > 0) tip.appendChild(document.createElement("br"));
      });
      tip.hidden = false;
      var box = view.getBoundingClientRect(), r = el.getBoundingClientRect();
      var left = Math.min(r.left - box.left, Math.max(0, box.width - tip.offsetWidth));
      var top = r.bottom - box.top + 6;
      if (top + tip.offsetHeight > box.height) top = Math.max(0, r.top - box.top - tip.offsetHeight - 6);
      tip.style.left = Math.max(0, left) + "px";
      tip.style.top = top + "px";
    }
    view.addEventListener("focusin", function (e) {
      var i = marks.indexOf(e.target);
      if (i === -1) return;
      marks.forEach(function (el, j) { el.setAttribute("tabindex", i === j ? "0" : "-1"); });
      show(e.target);
    });
    view.addEventListener("focusout", function () { tip.hidden = true; });
    // A pointer gets vega-tooltip's box: one box at a time.
    view.addEventListener("pointermove", function () { tip.hidden = true; });
    view.addEventListener("keydown", function (e) {
      var i = marks.indexOf(document.activeElement);
      if (i === -1) return;
      var next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
                   Home: 0, End: marks.length - 1 }[e.key];
      if (e.key === "Escape") { tip.hidden = true; return; }
      if (next === undefined) return;
      e.preventDefault();
      marks[Math.max(0, Math.min(marks.length - 1, next))].focus();
    });
    return marks[0];
  }
  function setup() {
    document.querySelectorAll("figure.pm-chart[data-spec]").forEach(function (figure) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pm-chart__toggle";
      button.textContent = "Visa interaktivt diagram";
      button.addEventListener("click", function () {
        button.disabled = true;
        var view = document.createElement("div");
        loadBundle().then(function (vegaEmbed) {
          view.className = "pm-chart__view";
          figure.querySelector("picture, .pm-chart__image").replaceWith(view);
          return vegaEmbed(view, figure.getAttribute("data-spec"),
                           { actions: false, renderer: "svg", formatLocale: SWEDISH });
        }).then(function () {
          var first = keyboard(view);
          var hint = document.createElement("p");
          hint.className = "pm-chart__hint";
          hint.textContent = "Peka på en punkt eller stapel för att se år, värde, anmärkning och källa. " +
            "Med tangentbordet: tabba till diagrammet och flytta med piltangenterna.";
          view.after(hint);
          button.remove();
          if (first) first.focus();
        }, function () { button.disabled = false; });
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
// (macros/plugin/theme_fixes.py). So both are closed when a page is shown again. A first visit is left alone:
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

// Print: the print-only line under the header gets the date of printing (without JavaScript it
// shows the date the site was built).
(function () {
  "use strict";
  function stamp() {
    var date = new Date().toLocaleDateString("sv-SE", { year: "numeric", month: "long", day: "numeric" });
    document.querySelectorAll("[data-pm-print-date]").forEach(function (el) { el.textContent = "Utskriven " + date; });
  }
  window.addEventListener("beforeprint", stamp);
})();

// Keyboard on narrow screens (issue 25): the theme's menu and search buttons are <label>s for hidden
// checkboxes, which the keyboard cannot reach; the closed drawer's links and the collapsed search field
// still took Tab presses while out of sight. Here the labels become named buttons (shown where the theme
// shows the labels, portal.css), and what is out of sight leaves the tab order until it is opened.
(function () {
  "use strict";
  var DRAWER_WIDTH = "(max-width: 76.234375em)";  // the theme shows the navigation as a drawer below 1220 px
  var SEARCH_WIDTH = "(max-width: 59.984375em)";  // and collapses the search field below 960 px
  // A real button in the label's place (a label cannot take role=button): same look, same action.
  function asButton(label, toggle, id, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.className = label.className;
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-controls", toggle.id);
    while (label.firstChild) button.appendChild(label.firstChild);
    button.addEventListener("click", function () { toggle.click(); });
    label.replaceWith(button);
    return button;
  }
  function setup() {
    var drawer = document.getElementById("__drawer");
    var search = document.getElementById("__search");
    var menu = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var find = document.querySelector('.md-header label.md-header__button[for="__search"]');
    var sidebar = document.querySelector(".md-sidebar--primary");
    var searchStops = Array.prototype.slice.call(document.querySelectorAll(
      ".md-search__input, .md-search__scrollwrap"));
    var narrow = window.matchMedia(DRAWER_WIDTH);
    var searchNarrow = window.matchMedia(SEARCH_WIDTH);
    if (menu && drawer) menu = asButton(menu, drawer, "pm-menu-button", "Meny");
    if (find && search) find = asButton(find, search, "pm-search-button", "Sök");
    function sync() {
      if (menu && drawer) menu.setAttribute("aria-expanded", String(drawer.checked));
      if (find && search) find.setAttribute("aria-expanded", String(search.checked));
      if (sidebar) {
        if (narrow.matches && drawer && !drawer.checked) sidebar.setAttribute("inert", "");
        else sidebar.removeAttribute("inert");
      }
      // Focus can still be given by script (the theme's "/" shortcut); only Tab skips them.
      searchStops.forEach(function (el) {
        if (searchNarrow.matches && search && !search.checked) el.setAttribute("tabindex", "-1");
        else if (el.classList.contains("md-search__scrollwrap")) el.setAttribute("tabindex", "0");
        else el.removeAttribute("tabindex");
      });
    }
    if (drawer) drawer.addEventListener("change", function () {
      sync();
      if (drawer.checked && narrow.matches && sidebar) {
        var first = sidebar.querySelector("a[href]");
        if (first) first.focus();
      }
    });
    if (search) search.addEventListener("change", sync);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && drawer && drawer.checked && narrow.matches) {
        drawer.click();
        if (menu) menu.focus();
      }
    });
    [narrow, searchNarrow].forEach(function (m) {
      if (m.addEventListener) m.addEventListener("change", sync);
    });
    sync();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
