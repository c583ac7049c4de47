#!/usr/bin/env node
'use strict';
// In a checkout the TypeScript sources run directly (through tsx), so `npx wxoa …` works right
// after `npm ci`; an image without sources runs the compiled dist/ instead.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'cli', 'index.ts');
if (fs.existsSync(source)) {
  require('tsx/cjs');
  require(source).runCli(process.argv);
} else {
  require(path.join(root, 'dist', 'src', 'cli', 'index.js')).runCli(process.argv);
}
