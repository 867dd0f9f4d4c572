import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { run } from '../../cli/src/run.js';

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs the CLI in-process in `cwd`, as if from a pipe (no colour); `stdin` is what `check -` reads. */
export async function cli(cwd: string, argv: string[], env: Record<string, string | undefined> = {}, isTTY = false, stdin?: string): Promise<CliResult> {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
        stdout: text => { stdout += text; },
        stderr: text => { stderr += text; },
        cwd,
        env,
        isTTY,
        ...(stdin === undefined ? {} : { readStdin: () => Promise.resolve({ text: stdin }) })
    });
    return { code, stdout, stderr };
}

/** Creates a temporary folder holding `files` (path -> text or bytes) and returns its path. */
export function fixture(files: Record<string, string | Buffer>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-cli-'));
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(root, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
    }
    return root;
}

/**
 * A configuration that turns every rule off except the two this suite reasons about, so that
 * rules added later cannot change the counts asserted here.
 */
export function onlyKnownRules(overrides: Record<string, string> = {}): string {
    const rules: Record<string, string> = {};
    for (const rule of ALL_RULES) rules[rule.meta.id] = 'off';
    rules['sync-call-without-timeout'] = 'warning';
    rules['shared-database'] = 'warning';
    return JSON.stringify({ rules: { ...rules, ...overrides } });
}

/** Two services write one database (shared-database) and one calls the other without a timeout. */
export const SHOP = `system Shop {
  service Orders { replicas 2; writes Db; calls Billing over http }
  service Billing { replicas 2; writes Db }
  database Db : postgres
}
`;

/** No finding from the two known rules, and nothing wrong with the text. */
export const CLEAN = `system Shop {
  service Orders { replicas 2; calls Billing over http { timeout 1s } }
  service Billing { replicas 2 }
}
`;

/** The 0-based position of the `occurrence`-th `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; character: number } {
    let index = -1;
    for (let i = 0; i < occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' not found`);
    }
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}
