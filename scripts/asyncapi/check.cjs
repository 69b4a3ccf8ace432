// Validate an AsyncAPI document with the AsyncAPI parser (the checks `asyncapi validate` runs:
// the specification's JSON Schema, every $ref resolved, the spectral ruleset), printing each
// finding; exit 1 on any error or warning. Usage: node check.cjs MODULES_DIR FILE
'use strict';

const path = require('path');

async function main() {
  const [modules, file] = process.argv.slice(2);
  if (!modules || !file) {
    console.error('usage: node check.cjs MODULES_DIR FILE');
    process.exit(2);
  }
  const { Parser, fromFile, DiagnosticSeverity } = require(path.join(modules, '@asyncapi', 'parser'));
  const parser = new Parser();
  const { document, diagnostics } = await fromFile(parser, path.resolve(file)).parse();
  const names = { 0: 'error', 1: 'warning', 2: 'information', 3: 'hint' };
  let failures = 0;
  for (const d of diagnostics) {
    const at = d.range ? `${d.range.start.line + 1}:${d.range.start.character + 1}` : '?';
    const where = d.path && d.path.length ? ` (${d.path.join('.')})` : '';
    console.log(`${file}:${at}: ${names[d.severity] || d.severity}: ${d.code}: ${d.message}${where}`);
    if (d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning) {
      failures += 1;
    }
  }
  if (!document || failures > 0) {
    console.error(`${file}: not valid (${failures} error(s) or warning(s))`);
    process.exit(1);
  }
  const channels = document.channels().all().map((c) => c.address()).join(', ');
  const messages = document.allMessages().all().length;
  console.log(`${file}: valid AsyncAPI ${document.version()}: channels ${channels}; ${messages} messages`);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
