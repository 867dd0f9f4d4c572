// The README's main job: lint every example and print the findings, then draw each example
// (SVG and PNG) and write its Markdown page (Mermaid diagram, inventory, findings).
// `sysd check` exits 1 when it finds errors; the flawed examples are meant to have some, so that
// is a success here. Usage errors and I/O errors (exit 2) still fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const sysd = (...args) => spawnSync(process.execPath, ['bin/sysd.cjs', ...args], { stdio: 'inherit' }).status ?? 2;

const status = sysd('check', 'examples', ...process.argv.slice(2));
if (status === 1) console.log('\n(The flawed examples are flawed on purpose: each finding is promised by a `// expect` comment.)');
if (status !== 0 && status !== 1) process.exit(status);

// One picture per example: a top-level file, or a folder of files that form one workspace.
const outDir = join('out', 'examples');
mkdirSync(outDir, { recursive: true });
const written = [];
for (const entry of readdirSync('examples').sort()) {
    const path = join('examples', entry);
    if (!statSync(path).isDirectory() && !entry.endsWith('.sysd')) continue;
    const name = basename(entry, '.sysd');
    for (const format of ['svg', 'png']) {
        const file = join(outDir, `${name}.${format}`);
        const code = spawnSync(process.execPath, ['bin/sysd.cjs', 'export', path, '--format', format, '-o', file, '--force'], { stdio: ['ignore', 'ignore', 'inherit'] }).status;
        if (code !== 0) process.exit(code ?? 2);
        written.push(file);
    }
}
// Markdown pages: one per example, in the same folder.
const pages = spawnSync(process.execPath, ['bin/sysd.cjs', 'export', 'examples', '--format', 'markdown', '-o', `${outDir}/`, '--force'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (pages.status !== 0) {
    process.stderr.write(pages.stderr);
    process.exit(pages.status ?? 2);
}
written.push(...pages.stderr.split('\n').filter(line => line.startsWith('sysd: wrote ')).map(line => line.slice('sysd: wrote '.length)));
console.log(`\nDiagrams and pages written: ${written.join(', ')}`);
