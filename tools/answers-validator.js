// Compiles schema/answers.schema.json into the standalone validator the site checks imported
// answers files with (js/answers-validator.js in the built site; never committed). The page
// security policy forbids eval, so Ajv compiles here, at build time, not in the browser.
// Usage: node tools/answers-validator.js > answers-validator.js
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const Ajv2020 = require("ajv/dist/2020").default;
const standaloneCode = require("ajv/dist/standalone").default;

const root = path.resolve(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "schema", "answers.schema.json"), "utf8"));
const ajv = new Ajv2020({ code: { source: true }, allErrors: false, strict: true, strictRequired: false });
const code = standaloneCode(ajv, ajv.compile(schema));

// The generated code require()s Ajv's small runtime helpers; the browser has no require(),
// so each one it names is bundled in, and nothing else is allowed.
const runtime = {};
for (const name of new Set(code.match(/require\("([^"]+)"\)/g) || [])) {
  const id = name.slice(9, -2);
  if (!/^ajv\/dist\/runtime\/[a-z0-9]+$/.test(id)) throw new Error(`unexpected require of ${id}`);
  runtime[id] = fs.readFileSync(require.resolve(id), "utf8").replace(/\/\/# sourceMappingURL=.*$/m, "");
}
const modules = Object.entries(runtime).map(([id, source]) =>
  `  modules[${JSON.stringify(id)}] = (function () { var module = { exports: {} }; ` +
  `var exports = module.exports;\n${source}\n  return module.exports; })();`).join("\n");

process.stdout.write(`// Generated at build time from schema/answers.schema.json by tools/answers-validator.js
// (Ajv ${require("ajv/package.json").version}, standalone). Do not edit.
(function () {
  "use strict";
  var modules = {};
${modules}
  var require = function (id) { return modules[id]; };
  var module = { exports: {} };
  (function (module, exports, require) {
${code}
  })(module, module.exports, require);
  window.qbankValidateAnswers = module.exports;
})();
`);
