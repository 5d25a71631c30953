// Node, CommonJS: `require` of the package and of its js-only entry.
const torch = require('wasmgrad');
const torchJs = require('wasmgrad/js');
const { version } = require('wasmgrad/package.json');

import('../seed.mjs').then(({ seed }) => {
  console.log(JSON.stringify({
    lines: [seed(torch), seed(torch, 'js')],
    jsEntry: [seed(torchJs)],
    version,
  }));
});
