#!/usr/bin/env node
'use strict';
// Runs a TypeScript file through tsx (used by `npm run bench`); the file sees its own args from argv[2].
require('tsx/cjs');
const file = process.argv.splice(2, 1)[0];
require(require('node:path').resolve(file));
