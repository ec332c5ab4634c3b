// The form editor at /admin/: Decap CMS (decap-cms.js, loaded after this file) with the portal's two
// YAML formats, then started by hand so the formats exist before the first file is read.
// - "portal-yaml": a record or settings file. Empty values are left out when saving (Decap writes ""
//   for a field that was cleared; for the validator an absent optional field is the same thing).
// - "portal-yaml-list": a vocabulary file, a top-level list, edited as the one list field "poster" (a field named "items" comes back empty in Decap 3.16)
//   (Decap itself can only edit a file whose top level is a mapping).
// Files are read with YAML's core schema, so a date stays the text ÅÅÅÅ-MM-DD it was written as.
/* global jsyaml, CMS */
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  function clean(value) {
    if (Array.isArray(value)) {
      return value.map(clean).filter(function (item) { return item !== undefined; });
    }
    if (value && typeof value === "object" && !(value instanceof Date)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var item = clean(value[key]);
        if (item !== undefined) out[key] = item;
      });
      return Object.keys(out).length ? out : undefined;
    }
    if (value === "" || value === null || value === undefined) return undefined;
    if (typeof value === "string" && value.trim() === "") return undefined;
    return value;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
  }

  // The forms' key trees (field-order.js, generated from the models): {keys: [...], sub: {name: tree}}.
  function fits(value, tree) {
    if (Array.isArray(value)) return value.every(function (item) { return fits(item, tree); });
    if (!isObject(value)) return true;
    if (!tree) return true;  // an object the form does not describe field by field
    return Object.keys(value).every(function (key) {
      return tree.keys.indexOf(key) >= 0 && fits(value[key], tree.sub[key]);
    });
  }

  function ordered(value, tree) {
    if (Array.isArray(value)) return value.map(function (item) { return ordered(item, tree); });
    if (!isObject(value) || !tree) return value;
    var out = {};
    var keys = tree.keys.filter(function (key) { return key in value; });
    Object.keys(value).forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
    keys.forEach(function (key) { out[key] = ordered(value[key], tree.sub[key]); });
    return out;
  }

  // The model's key order, recursively: the form whose top-level fields Decap names (sortedKeys) and
  // whose fields hold every key, else any form that holds every key (vocabularies share one field name).
  function inModelOrder(data, sortedKeys) {
    var forms = (window.PORTAL_FORMS || []).filter(function (tree) { return fits(data, tree); });
    var same = forms.filter(function (tree) {
      return sortedKeys && tree.keys.join("\n") === sortedKeys.join("\n");
    });
    var tree = same[0] || forms[0];
    return tree ? ordered(data, tree) : data;
  }

  function read(text) {
    return jsyaml.safeLoad(text, { schema: jsyaml.CORE_SCHEMA });
  }

  function write(data) {
    // The default safe schema quotes every string a YAML 1.1 reader could take for something else
    // (yes, no, 2024-04-30, 0123), so the validator reads back exactly the text the editor typed.
    // Texts longer than a line are folded (`>-`), as editors write them, rather than one huge line.
    return jsyaml.safeDump(data, { lineWidth: 100, noRefs: true, noArrayIndent: true });
  }

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
      fromFile: function (text) { return read(text) || {}; },
      toFile: function (data, sortedKeys) { return write(inModelOrder(clean(data) || {}, sortedKeys)); },
    });
    CMS.registerCustomFormat("portal-yaml-list", "yaml", {
      fromFile: function (text) {
        var data = read(text);
        return { poster: Array.isArray(data) ? data : [] };
      },
      toFile: function (data) {
        var items = clean((data && data.poster) || []) || [];
        return write(inModelOrder({ poster: items }, null).poster);
      },
    });
    CMS.init();
  });
})();
