import { describe, expect, it } from 'vitest';
import { cli, fixture, SHOP } from './cli-helpers.js';

describe('did you mean', () => {
    it('suggests the command a misspelt one is closest to, and exits 2', async () => {
        const cwd = process.cwd();
        expect(await cli(cwd, ['chek'])).toEqual({ code: 2, stdout: '', stderr: "sysd: Unknown command 'chek'. Did you mean 'check'?\nRun 'sysd --help' for usage.\n" });
        expect((await cli(cwd, ['expalin'])).stderr).toContain("Unknown command 'expalin'. Did you mean 'explain'?");
        expect((await cli(cwd, ['analyse'])).stderr).toContain("Did you mean 'analyze'?");
        expect((await cli(cwd, ['rule'])).stderr).toContain("Did you mean 'rules'?");
        // Nothing close: no guess.
        expect((await cli(cwd, ['frobnicate'])).stderr).toBe("sysd: Unknown command 'frobnicate'.\nRun 'sysd --help' for usage.\n");
        expect((await cli(cwd, ['--verison'])).stderr).toContain("Unknown option '--verison'. Did you mean '--version'?");
    });

    it('suggests the option and the format of a command', async () => {
        const root = fixture({ 'shop.sysd': SHOP });
        const option = await cli(root, ['check', '--max-warning', '0']);
        expect(option.code).toBe(2);
        expect(option.stderr).toContain("Unknown option '--max-warning'. Did you mean '--max-warnings'?");
        expect((await cli(root, ['check', '--fromat=json'])).stderr).toContain("Unknown option '--fromat'. Did you mean '--format'?");
        expect((await cli(root, ['export', 'shop.sysd', '--veiw', 'x'])).stderr).toContain("Did you mean '--view'?");
        expect((await cli(root, ['check', '--frobnicate'])).stderr).toBe("sysd: Unknown option '--frobnicate'.\nRun 'sysd --help' for usage.\n");
        // A one-letter option is too short to guess from.
        expect((await cli(root, ['check', '-x'])).stderr).toBe("sysd: Unknown option '-x'.\nRun 'sysd --help' for usage.\n");
        const format = await cli(root, ['check', '--format', 'unx']);
        expect(format.code).toBe(2);
        expect(format.stderr).toContain("Unknown format 'unx' (use stylish, compact, unix, json or sarif). Did you mean 'unix'?");
    });
});
