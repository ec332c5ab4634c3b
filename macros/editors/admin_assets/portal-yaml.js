// The portal's YAML form: how the form editor (admin.js, in the browser) and the one-time rewrite of the
// content files (macros/editors/canonical.py, in Node) read and write a content, vocabulary or settings
// file. One writer for both, so a file in the repository is already in the form the editor saves it in,
// and saving a file changes only the lines of the fields the editor changed.
//
// The form: the schema modeline first; keys in the model's order (field-order.js); empty values left out
// (Decap writes "" for a field that was cleared); block lists without extra indentation; texts longer
// than a line folded (`>-`) at 100 characters. Dates stay plain (2024-04-30, as editors write them: the
// loader reads them as text), while every other string a YAML reader could take for something else
// (yes, no, 0380, 1.0, 1_000) is quoted, so the validator reads back exactly the text the editor typed.
/* global module */
"use strict";

(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.PortalYaml = factory(root.jsyaml);
})(this, function (jsyaml) {
  // Numbers as YAML 1.1 (the validator's reader) or YAML 1.2 (editors' tools) would read them: a string
  // that looks like one is quoted. Never used to write a value, only to decide quoting.
  var NUMBER_LIKE = [
    /^[-+]?(?:0|[1-9][0-9_]*)$/, /^[-+]?[0-9][0-9_]*$/, /^[-+]?0b[01_]+$/, /^[-+]?0x[0-9a-fA-F_]+$/,
    /^0o[0-7]+$/, /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
    /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/, /^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    /^[-+]?\.(?:inf|Inf|INF)$/, /^\.(?:nan|NaN|NAN)$/, /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  ];
  var numberLike = new jsyaml.Type("tag:portal,2026:number-like", {
    kind: "scalar",
    resolve: function (text) {
      return text !== null && NUMBER_LIKE.some(function (re) { return re.test(text); });
    },
  });
  // YAML 1.2's core schema (no timestamps: a date is written plain) plus the quoting rule above.
  var WRITE_SCHEMA = new jsyaml.Schema({ include: [jsyaml.CORE_SCHEMA], implicit: [numberLike] });

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
  }

  // Empty values out: "" and blanks, null, empty objects (an empty list stays: `follow_ups: []`).
  function clean(value) {
    if (Array.isArray(value)) {
      return value.map(clean).filter(function (item) { return item !== undefined; });
    }
    if (isObject(value)) {
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

  // The forms' key trees (field-order.js, generated from the models):
  // {keys: [...], required: [...], sub: {name: tree}}, and for a whole form its file's modeline `header`.
  function fits(value, tree) {
    if (Array.isArray(value)) return value.every(function (item) { return fits(item, tree); });
    if (!isObject(value)) return true;
    if (!tree) return true;  // an object the form does not describe field by field
    return Object.keys(value).every(function (key) {
      return tree.keys.indexOf(key) >= 0 && fits(value[key], tree.sub[key]);
    }) && (tree.required || []).every(function (key) { return key in value; });
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

  // The form a file's data belongs to: one whose fields hold every key and whose required fields are
  // all there (vocabularies share their one field name, so their items tell them apart), preferring the
  // one whose top-level fields Decap names (sortedKeys).
  function formOf(data, forms, sortedKeys) {
    var fitting = (forms || []).filter(function (tree) { return fits(data, tree); });
    var same = fitting.filter(function (tree) {
      return sortedKeys && tree.keys.join("\n") === sortedKeys.join("\n");
    });
    return same[0] || fitting[0] || null;
  }

  function read(text) {
    // The core schema: a date stays the text ÅÅÅÅ-MM-DD it was written as.
    return jsyaml.safeLoad(text, { schema: jsyaml.CORE_SCHEMA });
  }

  // The file's text for `data` (a record's data, or a vocabulary's list of items), its keys in the order
  // of `tree`, after the line `header` (the schema modeline, when there is one).
  function write(data, tree, header) {
    var value = clean(data);
    if (value === undefined) value = Array.isArray(data) ? [] : {};
    var text = jsyaml.safeDump(ordered(value, tree), {
      schema: WRITE_SCHEMA, lineWidth: 100, noRefs: true, noArrayIndent: true,
    });
    return (header ? header + "\n" : "") + text;
  }

  return { clean: clean, formOf: formOf, read: read, write: write };
});
