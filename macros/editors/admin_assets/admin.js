// The form editor at /admin/: Decap CMS (decap-cms.js, loaded after this file) with the portal's two
// YAML formats, then started by hand so the formats exist before the first file is read.
// - "portal-yaml": a record or settings file. Empty values are left out when saving (Decap writes ""
//   for a field that was cleared; for the validator an absent optional field is the same thing).
// - "portal-yaml-list": a vocabulary file, a top-level list, edited as the one list field "poster" (a field named "items" comes back empty in Decap 3.16)
//   (Decap itself can only edit a file whose top level is a mapping).
// Both read and write with portal-yaml.js (loaded before this file), the form every content file is kept
// in, so saving a file changes only the lines of the fields that changed.
/* global CMS */
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  var portalYaml = window.PortalYaml;  // portal-yaml.js: the one reader and writer of the portal's form
  var forms = window.PORTAL_FORMS || [];  // field-order.js, generated from the models

  // Decap's Swedish strings lack a few (the list widget's "Add …" button): fill in only what is missing.
  function completeSwedish() {
    var sv = CMS.getLocale && CMS.getLocale("sv");
    if (!sv) return;
    var editor = (sv.editor = sv.editor || {});
    var widgets = (editor.editorWidgets = editor.editorWidgets || {});
    var missing = {
      list: { add: "Lägg till %{item}", addType: "Lägg till %{item}" },
      object: { expand: "Visa", collapse: "Dölj" },
    };
    Object.keys(missing).forEach(function (widget) {
      var have = (widgets[widget] = widgets[widget] || {});
      Object.keys(missing[widget]).forEach(function (key) {
        if (!have[key] || /^(Add|Expand|Collapse)\b/.test(have[key])) have[key] = missing[widget][key];
      });
    });
  }

  // Decap's Swedish in the words of the guide (REDIGERA.md): a record is a "post", saved as an "utkast",
  // and messages an editor can act on. Phrases are replaced in order, the longer ones first.
  var RECORD_WORDS = [
    [/det här publicerade inlägget/g, "den här publicerade posten"], [/det här inlägget/g, "den här posten"],
    [/ett inlägg/g, "en post"], [/Nytt inlägg/g, "Ny post"], [/nytt inlägg/g, "ny post"],
    [/opublicerat inlägg/g, "opublicerad post"], [/publicerat inlägg/g, "publicerad post"],
    [/Inlägg sparat/g, "Utkastet är sparat"], [/Inlägg publicerat/g, "Posten är publicerad"],
    [/Inlägg avpublicerat/g, "Posten är avpublicerad"], [/Inläggsstatus/g, "Postens status"],
    [/(spara|radera|avpublicera|publicera) inlägg:/g, "$1 posten:"],
    [/%\{smart_count\} inlägg \|\|\|\| %\{smart_count\} inlägg/g, "%{smart_count} post |||| %{smart_count} poster"],
    [/inlägget/g, "posten"], [/Inlägget/g, "Posten"], [/inlägg/g, "poster"], [/Inlägg/g, "Poster"],
  ];
  var MESSAGES = {
    // "＋" (full-width plus) shows as an empty box in fonts without it.
    collection: { collectionTop: { newButton: "Skapa %{collectionLabel}" } },
    ui: {
      toast: {
        missingRequiredField: "Ett obligatoriskt fält är tomt eller felaktigt. Fälten det gäller är markerade " +
          "med rött i formuläret, med vad som fattas; rätta dem och spara igen.",
      },
    },
    editor: {
      editorControlPane: {
        widget: {
          required: "%{fieldLabel} måste fyllas i.",
          // Our pattern messages say what the field must be, in a sentence of their own.
          regexPattern: "%{fieldLabel}: %{pattern}.",
        },
      },
    },
  };

  function reword(node) {
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      if (typeof value === "string") {
        RECORD_WORDS.forEach(function (pair) { value = value.replace(pair[0], pair[1]); });
        node[key] = value;
      } else if (value && typeof value === "object") {
        reword(value);
      }
    });
  }

  function merge(into, from) {
    Object.keys(from).forEach(function (key) {
      if (typeof from[key] === "object") merge((into[key] = into[key] || {}), from[key]);
      else into[key] = from[key];
    });
  }

  function guideSwedish() {
    var sv = CMS.getLocale && CMS.getLocale("sv");
    if (!sv) return;
    reword(sv);
    merge(sv, MESSAGES);
    CMS.registerLocale("sv", sv);
  }

  // Without cms_repo in the settings the page says why there is no sign-in (admin_site.py): the
  // editor starts only on this computer, where Decap uses the local server (local_backend), never GitHub.
  function local() {
    return ["localhost", "127.0.0.1", "[::1]"].indexOf(window.location.hostname) !== -1;
  }

  window.addEventListener("DOMContentLoaded", function () {
    var notice = document.getElementById("pm-admin-no-repo");
    if (notice) {
      if (!local()) return;
      notice.remove();
    }
    completeSwedish();
    guideSwedish();
    CMS.registerCustomFormat("portal-yaml", "yaml", {
      fromFile: function (text) { return portalYaml.read(text) || {}; },
      toFile: function (data, sortedKeys) {
        var value = portalYaml.clean(data) || {};
        var form = portalYaml.formOf(value, forms, sortedKeys);
        return portalYaml.write(value, form, form && form.header);
      },
    });
    CMS.registerCustomFormat("portal-yaml-list", "yaml", {
      fromFile: function (text) {
        var data = portalYaml.read(text);
        return { poster: Array.isArray(data) ? data : [] };
      },
      toFile: function (data) {
        var items = portalYaml.clean((data && data.poster) || []) || [];
        var form = portalYaml.formOf({ poster: items }, forms, null);
        return portalYaml.write(items, form && form.sub.poster, form && form.header);
      },
    });
    CMS.init();
  });
})();
