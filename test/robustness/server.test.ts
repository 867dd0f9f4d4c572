// The bundled language server (out/server/main.cjs) under a storm of typing: a seeded sequence of random
// incremental edits over three files that import each other (tokens and half lines taken from the
// examples, deletions of a few characters), interleaved with every kind of request the editor sends,
// some of them cancelled. The server must stay up, answer every request, and end with the findings of
// the text it ends with. Pathological inputs follow: thousands of problems in one file, and an edit
// that breaks the model in a workspace of several files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CancellationTokenSource, createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureServerBuilt, SERVER } from '../server-bundle.js';
import { mulberry32 } from '../fuzz/mutate.js';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');

interface Position { line: number; character: number }

function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A running server with a client that records what it publishes and logs. */
class ServerUnderTest {
    readonly child: ChildProcess;
    readonly connection: ProtocolConnection;
    readonly diagnostics = new Map<string, { list: Diagnostic[]; at: number }>();
    readonly logs: { type: number; message: string }[] = [];
    stderr = '';
    exited: { code: number | null; signal: string | null } | undefined;

    constructor(args: string[] = []) {
        this.child = spawn(process.execPath, [...args, SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
        this.child.on('exit', (code, signal) => { this.exited = { code, signal }; });
        this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
        this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
            params.items.map(item => (item.section === 'sysd' ? { rules: {} } : null)));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('client/unregisterCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onRequest('window/showMessageRequest', () => null);
        this.connection.onNotification('window/showMessage', () => undefined);
        this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => { this.logs.push(params); });
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, { list: params.diagnostics, at: Date.now() });
        });
        this.connection.listen();
    }

    async initialize(dir: string): Promise<void> {
        const root = pathToFileURL(dir).href;
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: root,
            workspaceFolders: [{ uri: root, name: 'ws' }],
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
                textDocument: {
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: false } },
                    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }
                }
            }
        });
        await this.connection.sendNotification('initialized', {});
    }

    get alive(): boolean {
        return this.exited === undefined && this.child.exitCode === null;
    }

    /** Internal errors the server logged (a bug somewhere in sysd, caught by its guards). */
    internalErrors(): string[] {
        return this.logs.filter(l => l.message.includes('internal error') || l.message.includes('An error occurred')).map(l => l.message);
    }

    async stop(): Promise<void> {
        this.connection.dispose();
        this.child.kill();
        await new Promise(resolve => setTimeout(resolve, 50));
    }
}

async function pollUntil(condition: () => boolean, timeout: number): Promise<boolean> {
    const deadline = Date.now() + timeout;
    while (!condition()) {
        if (Date.now() > deadline) return false;
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    return true;
}

/** Settles with 'answered' (a result or an error response) or 'no answer' after `timeout` ms. */
function answered(request: Promise<unknown>, timeout: number): Promise<'answered' | 'no answer'> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'no answer'>(resolve => { timer = setTimeout(() => resolve('no answer'), timeout); });
    const done = request.then(() => 'answered' as const, () => 'answered' as const);
    return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

const FILES = ['location.sysd', 'platform.sysd', 'trips.sysd'];
const SEED = 20261202;
const EDITS = 300;
/** How long one request may take, counted from when it was sent. */
const ANSWER_TIMEOUT = 20_000;

describe('language server under an edit storm', () => {
    let dir: string;
    let server: ServerUnderTest;

    beforeAll(() => {
        ensureServerBuilt();
        dir = mkdtempSync(path.join(tmpdir(), 'sysd-storm-'));
    }, 120_000);

    afterAll(async () => {
        await server?.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('stays up, answers every request and ends with the findings of the final text', async () => {
        const originals = FILES.map(name => readFileSync(path.join(EXAMPLES, 'ride-sharing', name), 'utf8'));
        FILES.forEach((name, i) => writeFileSync(path.join(dir, name), originals[i]));
        const uris = FILES.map(name => pathToFileURL(path.join(dir, name)).href);
        // What the storm types: tokens and half lines of every example.
        const exampleLines = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
            .filter(file => file.endsWith('.sysd'))
            .flatMap(file => readFileSync(path.join(EXAMPLES, file), 'utf8').split('\n'))
            .filter(line => line.trim().length > 0);
        const tokens = [...new Set(exampleLines.flatMap(line => line.split(/\s+/)).filter(Boolean)), '{', '}', '\n', '"', '/*', '//', '.', ':'];

        server = new ServerUnderTest();
        await server.initialize(dir);
        const texts = [...originals];
        const versions = FILES.map(() => 1);
        for (let i = 0; i < FILES.length; i++) {
            await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uris[i], languageId: 'sysd', version: 1, text: texts[i] } });
        }
        expect(await pollUntil(() => uris.every(uri => server.diagnostics.has(uri)), 30_000)).toBe(true);
        const initial = uris.map(uri => codes(server.diagnostics.get(uri)!.list));

        const rand = mulberry32(SEED);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
        const requests: Promise<'answered' | 'no answer'>[] = [];
        const kinds: string[] = [];
        const requestKinds = ['hover', 'completion', 'definition', 'documentSymbol', 'formatting', 'codeAction', 'diagram'] as const;
        for (let edit = 0; edit < EDITS && server.alive; edit++) {
            const file = Math.floor(rand() * FILES.length);
            const text = texts[file];
            const at = Math.floor(rand() * (text.length + 1));
            const roll = rand();
            let replaced = 0;
            let inserted = '';
            if (roll < 0.4) inserted = (rand() < 0.5 ? ' ' : '') + pick(tokens) + (rand() < 0.5 ? ' ' : '');
            else if (roll < 0.65) {
                const line = pick(exampleLines);
                inserted = line.slice(0, 1 + Math.floor(rand() * line.length)) + (rand() < 0.5 ? '\n' : '');
            } else replaced = Math.min(text.length - at, 1 + Math.floor(rand() * 30));
            const range = { start: positionAt(text, at), end: positionAt(text, at + replaced) };
            texts[file] = text.slice(0, at) + inserted + text.slice(at + replaced);
            await server.connection.sendNotification('textDocument/didChange', {
                textDocument: { uri: uris[file], version: ++versions[file] },
                contentChanges: [{ range, text: inserted }]
            });

            if (rand() < 0.6) {
                const kind = pick(requestKinds);
                const target = Math.floor(rand() * FILES.length);
                const position = positionAt(texts[target], Math.floor(rand() * (texts[target].length + 1)));
                const textDocument = { uri: uris[target] };
                const source = new CancellationTokenSource();
                const params: Record<string, unknown> = kind === 'formatting'
                    ? { textDocument, options: { tabSize: 4, insertSpaces: true } }
                    : kind === 'codeAction'
                        ? { textDocument, range: { start: position, end: position }, context: { diagnostics: server.diagnostics.get(uris[target])?.list.slice(0, 3) ?? [] } }
                        : kind === 'documentSymbol' ? { textDocument }
                            : kind === 'diagram' ? { uri: uris[target] }
                                : { textDocument, position };
                const method = kind === 'diagram' ? 'sysd/diagram' : `textDocument/${kind}`;
                kinds.push(method);
                requests.push(answered(server.connection.sendRequest(method, params, source.token), ANSWER_TIMEOUT));
                // Some requests are cancelled, as the editor does when the cursor moves on.
                if (rand() < 0.2) setTimeout(() => source.cancel(), Math.floor(rand() * 20));
            }
            // Mostly typing speed, sometimes a pause long enough for a build to finish.
            const pause = rand() < 0.1 ? 150 : Math.floor(rand() * 15);
            await new Promise(resolve => setTimeout(resolve, pause));
        }

        const results = await Promise.all(requests);
        const unanswered = kinds.filter((_, i) => results[i] === 'no answer');
        expect(server.alive, `the server exited: ${JSON.stringify(server.exited)}\n${server.stderr.slice(-3000)}`).toBe(true);
        expect(unanswered, 'requests without an answer').toEqual([]);
        expect(requests.length).toBeGreaterThan(100);

        // After the storm, the files are typed back to where they started: every document gets
        // diagnostics again, and they are those of the original text (nothing stale is left).
        const restored = Date.now();
        for (let i = 0; i < FILES.length; i++) {
            await server.connection.sendNotification('textDocument/didChange', {
                textDocument: { uri: uris[i], version: ++versions[i] }, contentChanges: [{ text: originals[i] }]
            });
        }
        const settled = await pollUntil(() => uris.every((uri, i) => {
            const published = server.diagnostics.get(uri);
            return published !== undefined && published.at >= restored && sameCodes(codes(published.list), initial[i]);
        }), 30_000);
        expect(uris.map(uri => codes(server.diagnostics.get(uri)?.list ?? []))).toEqual(initial);
        expect(settled).toBe(true);
        expect(server.alive).toBe(true);
        expect(server.internalErrors(), 'internal errors the server logged').toEqual([]);
    }, 120_000);
});

function codes(list: Diagnostic[]): string[] {
    return list.map(d => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).sort();
}

function sameCodes(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every((code, i) => code === b[i]);
}
