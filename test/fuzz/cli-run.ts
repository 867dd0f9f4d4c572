/**
 * The same seeded mutants through a built CLI bundle (`out/cli/main.cjs`, or an older release's), one
 * process per mutant and command: `check --format json` and `export` as Mermaid, Markdown and ELK JSON.
 * A run is a crash when the CLI says "internal error", when a rule "failed and was skipped", when
 * `check` prints something that is not JSON, or when the exit code is neither 0 nor 1.
 * This compares releases on equal terms: what a user of the command line would have seen.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CorpusFile } from './mutate.js';
import { makeMutant } from './mutate.js';

export interface CliRunOptions {
    cli: string;
    seed: number;
    mutants: number;
    corpus: readonly CorpusFile[];
    keywords: readonly string[];
    /** Processes at once. */
    parallel?: number;
}

export interface CliRunReport {
    mutants: number;
    runs: number;
    /** Mutants with at least one crashing command. */
    crashedMutants: number;
    /** Crashing runs by signature ("command: what went wrong"). */
    signatures: Map<string, number>;
}

const COMMANDS: { name: string; args: string[] }[] = [
    { name: 'check', args: ['check', '--format', 'json'] },
    { name: 'mermaid', args: ['export', '--format', 'mermaid'] },
    { name: 'markdown', args: ['export', '--format', 'markdown'] },
    { name: 'elk-json', args: ['export', '--format', 'elk-json'] }
];

function runOnce(cli: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise(resolve => {
        execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
            resolve({ code, stdout, stderr });
        });
    });
}

/** What went wrong in one run, or undefined when it did not crash. */
function crashOf(command: string, result: { code: number | null; stdout: string; stderr: string }): string | undefined {
    const internal = /internal error: (.*)/.exec(result.stderr);
    if (internal) return `${command}: internal error: ${internal[1].replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N').slice(0, 120)}`;
    const skipped = /Rule '([^']+)' failed and was skipped/.exec(result.stdout + result.stderr);
    if (skipped) return `${command}: rule ${skipped[1]} failed and was skipped`;
    if (result.code === null) return `${command}: killed or timed out`;
    if (result.code !== 0 && result.code !== 1) return `${command}: exit code ${result.code}: ${result.stderr.split('\n')[0].slice(0, 120)}`;
    if (command === 'check') {
        try {
            JSON.parse(result.stdout);
        } catch {
            return 'check: output is not JSON';
        }
    }
    return undefined;
}

export async function runCli(options: CliRunOptions): Promise<CliRunReport> {
    const dir = mkdtempSync(path.join(tmpdir(), 'sysd-fuzz-cli-'));
    const report: CliRunReport = { mutants: 0, runs: 0, crashedMutants: 0, signatures: new Map() };
    const context = { corpus: options.corpus, keywords: options.keywords };
    let next = 0;
    const worker = async () => {
        while (next < options.mutants) {
            const index = next++;
            const mutant = makeMutant(options.seed, index, context);
            const file = `mutant-${index}.sysd`;
            writeFileSync(path.join(dir, file), mutant.text);
            let crashed = false;
            for (const command of COMMANDS) {
                const result = await runOnce(options.cli, [...command.args, file], dir);
                report.runs++;
                const crash = crashOf(command.name, result);
                if (crash) {
                    crashed = true;
                    report.signatures.set(crash, (report.signatures.get(crash) ?? 0) + 1);
                }
            }
            if (crashed) report.crashedMutants++;
            report.mutants++;
            rmSync(path.join(dir, file), { force: true });
        }
    };
    try {
        await Promise.all(Array.from({ length: options.parallel ?? 2 }, worker));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return report;
}
