// The README's main job: lint every example and print the findings.
// `sysd check` exits 1 when it finds errors; the flawed examples are meant to have some, so that
// is a success here. Usage errors and I/O errors (exit 2) still fail.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bin/sysd.cjs', 'check', 'examples', ...process.argv.slice(2)], { stdio: 'inherit' });
const status = result.status ?? 2;
if (status === 1) console.log('\n(The flawed examples are flawed on purpose: each finding is promised by a `// expect` comment.)');
process.exit(status === 1 ? 0 : status);
