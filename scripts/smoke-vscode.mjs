// Quick look at the packaged extension in a real VS Code: runs the end-to-end harness
// (scripts/e2e/run.mjs) against the existing sysd.vsix without packaging it again.
//   node scripts/smoke-vscode.mjs [--only 01,04] [--keep] [--vsix FILE]
// Same options and environment as scripts/e2e/run.mjs; screenshots go to test-results/e2e/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const run = fileURLToPath(new URL('./e2e/run.mjs', import.meta.url));
const result = spawnSync(process.execPath, [run, '--skip-package', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
