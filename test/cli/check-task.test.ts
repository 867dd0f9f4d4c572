// The "sysd: check workspace" task (client/src/tasks/check-task.ts) with a stand-in for the vscode
// module: which tasks it provides, and that the command line it runs prints what $sysd-stylish reads.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture, onlyKnownRules, SHOP } from './cli-helpers.js';

vi.mock('vscode', () => {
    class Task {
        group: unknown;
        detail: string | undefined;
        presentationOptions: unknown;
        problemMatchers: string[];
        constructor(public definition: unknown, public scope: unknown, public name: string, public source: string, public execution: unknown, problemMatchers: string | string[]) {
            this.problemMatchers = typeof problemMatchers === 'string' ? [problemMatchers] : problemMatchers;
        }
    }
    class ProcessExecution {
        constructor(public process: string, public args: string[], public options: { cwd: string; env: Record<string, string> }) {}
    }
    const state = { folders: [] as unknown[], provider: undefined as unknown };
    return {
        Task,
        ProcessExecution,
        TaskGroup: { Build: 'build' },
        TaskRevealKind: { Silent: 2 },
        workspace: { get workspaceFolders() { return state.folders; } },
        tasks: { registerTaskProvider: (type: string, provider: unknown) => { state.provider = { type, provider }; return { dispose() {} }; } },
        __state: state
    };
});

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'out', 'cli', 'main.cjs');

interface FakeTask { name: string; source: string; definition: { type: string; paths?: string[]; args?: string[] }; problemMatchers: string[]; execution: { process: string; args: string[]; options: { cwd: string; env: Record<string, string> } } }
interface Provider { provideTasks(): FakeTask[]; resolveTask(task: FakeTask): FakeTask | undefined }

async function provider(folders: { name: string; path: string; scheme?: string }[]): Promise<{ type: string; provider: Provider }> {
    const vscode = await import('vscode') as unknown as { __state: { folders: unknown[]; provider: { type: string; provider: Provider } } };
    vscode.__state.folders = folders.map((folder, index) => ({ name: folder.name, index, uri: { scheme: folder.scheme ?? 'file', fsPath: folder.path } }));
    const { registerCheckTask } = await import('../../client/src/tasks/check-task.js');
    registerCheckTask({ asAbsolutePath: (relative: string) => path.join(ROOT, relative) } as never);
    return vscode.__state.provider;
}

beforeAll(() => {
    // The task runs the CLI bundle; build it when missing (the CLI bundle tests rebuild it anyway).
    if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, timeout: 120_000 });
}, 150_000);

describe('the sysd task type', () => {
    it('provides "sysd: check workspace" for each folder on disk, running the bundled CLI with $sysd-stylish', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'shop.sysd': SHOP });
        const { type, provider: tasks } = await provider([{ name: 'shop', path: root }, { name: 'remote', path: '/x', scheme: 'vscode-vfs' }]);
        expect(type).toBe('sysd');
        const [task, ...others] = tasks.provideTasks();
        expect(others).toEqual([]);
        expect(task.name).toBe('check workspace');
        expect(task.source).toBe('sysd');
        expect(task.problemMatchers).toEqual(['$sysd-stylish']);
        expect(task.execution.process).toBe(process.execPath);
        expect(task.execution.args).toEqual([CLI, 'check', '.', '--format', 'stylish']);
        expect(task.execution.options.cwd).toBe(root);
        expect(task.execution.options.env.ELECTRON_RUN_AS_NODE).toBe('1');

        // What it prints is what the problem matcher reads: a file line, then its problems.
        const run = spawnSync(task.execution.process, task.execution.args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...task.execution.options.env } });
        expect(run.status).toBe(0);
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: { name: string; pattern: { regexp: string }[] }[] } };
        const [fileLine, problemLine] = manifest.contributes.problemMatchers.find(m => m.name === 'sysd-stylish')!.pattern.map(p => new RegExp(p.regexp));
        const lines = run.stdout.split('\n');
        expect(lines[0]).toMatch(fileLine);
        expect(lines[0]).toBe('shop.sysd');
        expect(lines.slice(1, 3).map(line => problemLine.exec(line)?.[5])).toEqual(['sync-call-without-timeout', 'shared-database']);
    });

    it('runs a tasks.json task with its paths and options, keeping its definition', async () => {
        const root = fixture({ 'arch/shop.sysd': SHOP });
        const { provider: tasks } = await provider([{ name: 'shop', path: root }]);
        const definition = { type: 'sysd', paths: ['arch'], args: ['--max-warnings', '0'] };
        const resolved = tasks.resolveTask({ name: 'strict', source: 'Workspace', definition, problemMatchers: [], scope: { name: 'shop', index: 0, uri: { scheme: 'file', fsPath: root } } } as unknown as FakeTask)!;
        expect(resolved.definition).toBe(definition);
        expect(resolved.name).toBe('strict');
        expect(resolved.execution.args).toEqual([CLI, 'check', 'arch', '--format', 'stylish', '--max-warnings', '0']);
        expect(resolved.problemMatchers).toEqual(['$sysd-stylish']);
    });
});
