// The start-up race over stdio with the bundled server: a file opened (or a setting that revalidates
// arriving) while the first build of the workspace runs cancels that build. The documents it had not
// finished must still get their findings, without waiting for another edit (the bug: they kept the
// cancelled build's options, which did not validate, and stayed without diagnostics).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureServerBuilt, SERVER } from '../server-bundle.js';

const ROOT = path.resolve(__dirname, '../..');
const FILES = 10;
const FINDING = 'sync-call-without-timeout';
/** How long every file gets for its findings: a few seconds, never "until the next edit". */
const WAIT_MS = 6_000;

/** A file with one lint finding (a call without a timeout), and enough else to take the build a moment. */
function text(i: number): string {
    const filler = Array.from({ length: 40 }, (_, k) => `    service S${i}x${k} { replicas 2 }`);
    return [`system S${i} {`, `    service A${i} { calls B${i} }`, `    service B${i} { replicas 2 }`, ...filler, '}', ''].join('\n');
}

interface Scenario {
    /** ms after `initialized` when the first file is opened; undefined: no file is opened. */
    openAfter?: number;
    /** Open it when the server logs that it loaded the workspace, that is once its first build started. */
    openWhenLoaded?: boolean;
    /** The `sysd.rules` setting the client answers with (one that sets a rule revalidates at start-up). */
    rules?: Record<string, string>;
}

/** Starts the server on a fresh workspace and returns the files that got diagnostics with a finding in time. */
async function run(scenario: Scenario): Promise<string[]> {
    const dir = mkdtempSync(path.join(tmpdir(), 'sysd-startup-'));
    const uris = Array.from({ length: FILES }, (_, i) => {
        const file = path.join(dir, `f${i}.sysd`);
        writeFileSync(file, text(i));
        return pathToFileURL(file).href;
    });
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const withFindings = new Set<string>();
    let allThere: () => void = () => undefined;
    const done = new Promise<void>(resolve => { allThere = resolve; });
    let workspaceLoaded: () => void = () => undefined;
    const loaded = new Promise<void>(resolve => { workspaceLoaded = resolve; });
    try {
        connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
            params.items.map(item => (item.section === 'sysd' ? { rules: scenario.rules ?? {} } : null)));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onRequest('window/showMessageRequest', () => null);
        connection.onNotification('window/showMessage', () => undefined);
        connection.onNotification('window/logMessage', (params: { message: string }) => {
            if (params.message.startsWith('SysD: loaded')) workspaceLoaded();
        });
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            if (params.diagnostics.some(d => d.code === FINDING)) withFindings.add(params.uri);
            else withFindings.delete(params.uri);
            if (withFindings.size === FILES) allThere();
        });
        connection.listen();
        await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(dir).href,
            workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
                textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } }
            }
        });
        await connection.sendNotification('initialized', {});
        if (scenario.openAfter !== undefined || scenario.openWhenLoaded) {
            if (scenario.openWhenLoaded) await Promise.race([loaded, new Promise(resolve => setTimeout(resolve, WAIT_MS))]);
            else await new Promise(resolve => setTimeout(resolve, scenario.openAfter));
            await connection.sendNotification('textDocument/didOpen', {
                textDocument: { uri: uris[0], languageId: 'sysd', version: 1, text: text(0) }
            });
        }
        await Promise.race([done, new Promise(resolve => setTimeout(resolve, WAIT_MS))]);
        return uris.filter(uri => withFindings.has(uri)).map(uri => path.basename(new URL(uri).pathname));
    } finally {
        connection.dispose();
        child.kill();
        rmSync(dir, { recursive: true, force: true });
    }
}

describe('start-up race', () => {
    beforeAll(() => ensureServerBuilt(), 120_000);

    it('publishes the findings of every file, whenever the first file is opened or a setting arrives', async () => {
        const all = Array.from({ length: FILES }, (_, i) => `f${i}.sysd`);
        const scenarios: [string, Scenario][] = [
            ...[0, 20, 50, 100, 200].map((ms): [string, Scenario] => [`opened after ${ms} ms`, { openAfter: ms }]),
            ['opened when the workspace is loaded', { openWhenLoaded: true }],
            ['no file opened', {}],
            ['a setting that revalidates, no file opened', { rules: { 'missing-health-check': 'off' } }]
        ];
        const results: Record<string, string[]> = {};
        for (const [name, scenario] of scenarios) results[name] = await run(scenario);
        expect(results).toEqual(Object.fromEntries(scenarios.map(([name]) => [name, all])));
    }, 120_000);
});
