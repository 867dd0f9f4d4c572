// The same scenarios as test/e2e/, against the desktop VS Code through @vscode/test-electron:
//   npm run test:vscode
// It downloads VS Code from update.code.visualstudio.com, which machines here (and this project's CI)
// cannot reach: it then stops with a message saying so. Not part of CI; `npm run test:e2e` is.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = fileURLToPath(new URL('../../', import.meta.url));
const version = process.env.SYSD_VSCODE_VERSION ?? 'stable';

let vscodeExecutablePath;
try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 60_000 });
} catch (error) {
    console.error([
        `test:vscode: could not download VS Code (${version}) from update.code.visualstudio.com:`,
        `  ${error instanceof Error ? error.message : error}`,
        'This suite needs that download and is not part of CI. On machines without it, run the',
        'end-to-end suite instead: npm run test:e2e (code-server from the npm registry, see docs/testing.md).'
    ].join('\n'));
    process.exit(1);
}

const workspace = mkdtempSync(join(tmpdir(), 'sysd-vscode-'));
cpSync(join(root, 'examples'), workspace, { recursive: true });
try {
    await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'test', 'vscode', 'suite.cjs'),
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes']
    });
} catch (error) {
    console.error(`test:vscode: the suite failed (${error instanceof Error ? error.message : error})`);
    process.exitCode = 1;
} finally {
    rmSync(workspace, { recursive: true, force: true });
}
