// Runs the unit and integration tests with vitest and ends with one plain summary line
// ("vitest: N passed, M failed") that CI systems can read. Exits with vitest's code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

import { ensureChromium } from './ensure-chromium.mjs';

// The webview, Mermaid and end-to-end tests drive Debian's Chromium.
ensureChromium();
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const result = spawnSync(process.execPath, [
    'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
    ...process.argv.slice(2)
], { stdio: 'inherit' });

if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = summary.numPendingTests + summary.numTodoTests;
    console.log(`\nvitest: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(result.status ?? 1);
