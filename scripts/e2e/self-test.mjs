// Checks the harness itself: with the language server deliberately broken (--break-server), scenario 01
// must FAIL and the run must exit non-zero. Passes (exit 0) only when the harness caught the breakage.
//   node scripts/e2e/self-test.mjs [--skip-package]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = spawnSync(process.execPath, ['scripts/e2e/run.mjs', '--break-server', '--only', '01', ...process.argv.slice(2)], {
    cwd: root, encoding: 'utf8', env: { ...process.env, SYSD_E2E_TIMEOUT: process.env.SYSD_E2E_TIMEOUT ?? '20000' }
});
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
const report = JSON.parse(readFileSync(`${root}/test-results/e2e/results.json`, 'utf8'));
const first = report.results.find(r => r.id.startsWith('01-'));
const caught = report.breakServer && run.status !== 0 && first?.status === 'failed';
console.log(caught
    ? `\n[e2e:self-test] PASS: with a broken language server the run failed (exit ${run.status}): ${first.error.split('\n')[0]}`
    : `\n[e2e:self-test] FAIL: the harness did not catch the broken server (exit ${run.status}, scenario 01 ${first?.status ?? 'missing'})`);
process.exit(caught ? 0 : 1);
