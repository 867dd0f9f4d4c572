// Copies the browser build of Mermaid next to the extension's bundles (out/media/mermaid.min.js),
// where the Markdown preview loads it from (`markdown.previewScripts`). Run after esbuild:
//   node scripts/build-media.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const source = path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
const target = path.join(root, 'out', 'media', 'mermaid.min.js');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
console.log(`build-media: ${path.relative(root, target)} (${(fs.statSync(target).size / 1024 / 1024).toFixed(1)} MB)`);
