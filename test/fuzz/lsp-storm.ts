/**
 * An edit storm against the bundled language server over stdio: seeded mutants of the examples
 * arrive as whole-document `didChange` edits, interleaved with hover, completion, definition, document
 * symbols, formatting and code actions at seeded positions, without waiting for earlier answers, as a
 * fast typist's editor does. Counts server deaths (the server is started again), requests left
 * unanswered, error responses other than cancellations, and errors the server logged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection, ErrorCodes, LSPErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter,
    type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { loadCorpus, makeMutant, mulberry32, mutantSeed } from './mutate.js';
import { Pipeline } from './pipeline.js';

export interface StormOptions {
    root: string;
    seed: number;
    edits: number;
    server: string;
    /** Milliseconds a request may take before it counts as unanswered. */
    answerTimeoutMs?: number;
}

export interface StormReport {
    edits: number;
    requests: number;
    deaths: number;
    unanswered: number;
    errors: number;
    errorMessages: string[];
    loggedErrors: number;
    maxAnswerMs: number;
    ms: number;
}

const REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentSymbol',
    'textDocument/formatting', 'textDocument/codeAction', 'textDocument/semanticTokens/full'] as const;

/** Codes that mean "the server dropped stale work on purpose", which an editor expects while typing. */
const BENIGN = new Set<number>([LSPErrorCodes.RequestCancelled, LSPErrorCodes.ContentModified, ErrorCodes.PendingResponseRejected, ErrorCodes.ConnectionInactive]);

interface Session {
    child: ChildProcess;
    connection: ProtocolConnection;
    dead: boolean;
}

export async function lspStorm(options: StormOptions): Promise<StormReport> {
    const corpus = loadCorpus(options.root);
    const context = { corpus, keywords: new Pipeline().keywords() };
    const dir = mkdtempSync(path.join(tmpdir(), 'sysd-storm-'));
    const file = path.join(dir, 'storm.sysd');
    writeFileSync(file, corpus[0].text);
    const uri = pathToFileURL(file).href;
    const timeout = options.answerTimeoutMs ?? 15_000;
    const report: StormReport = { edits: 0, requests: 0, deaths: 0, unanswered: 0, errors: 0, errorMessages: [], loggedErrors: 0, maxAnswerMs: 0, ms: 0 };
    const started = performance.now();
    let version = 1;
    let text = corpus[0].text;

    const start = async (): Promise<Session> => {
        const child = spawn(process.execPath, [options.server, '--stdio'], { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        const session: Session = { child, connection, dead: false };
        child.on('exit', () => { session.dead = true; });
        // Writes to a server that died must not take the storm down with it.
        child.stdin.on('error', () => { session.dead = true; });
        child.stderr.on('data', (chunk: Buffer) => { if (/error/i.test(chunk.toString())) report.loggedErrors++; });
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ rules: {} })));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('client/unregisterCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onRequest('window/showMessageRequest', () => null);
        connection.onNotification('window/logMessage', (params: { type: number }) => { if (params.type === 1) report.loggedErrors++; });
        connection.onError(() => { session.dead = true; });
        connection.listen();
        await connection.sendRequest('initialize', {
            processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'storm' }],
            capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } }
        });
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sysd', version, text } });
        return session;
    };

    let session = await start();
    let pending: Promise<void>[] = [];
    const ask = (method: string, params: unknown) => {
        report.requests++;
        const asked = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const answer = session.connection.sendRequest(method, params).then(
            () => undefined,
            (error: unknown) => {
                if (error instanceof ResponseError && BENIGN.has(error.code)) return;
                if (session.dead) return;
                report.errors++;
                const message = error instanceof Error ? error.message : String(error);
                if (report.errorMessages.length < 10 && !report.errorMessages.includes(`${method}: ${message}`)) report.errorMessages.push(`${method}: ${message}`);
            }
        ).finally(() => {
            clearTimeout(timer);
            report.maxAnswerMs = Math.max(report.maxAnswerMs, performance.now() - asked);
        });
        const limit = new Promise<void>(resolve => {
            timer = setTimeout(() => {
                if (!session.dead) report.unanswered++;
                resolve();
            }, timeout);
        });
        pending.push(Promise.race([answer, limit]));
    };

    try {
        for (let i = 0; i < options.edits; i++) {
            if (session.dead) {
                report.deaths++;
                session.connection.dispose();
                await Promise.all(pending);
                pending = [];
                session = await start();
            }
            const mutant = makeMutant(options.seed, i, context);
            text = mutant.text;
            version++;
            await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
            report.edits++;
            const random = mulberry32(mutantSeed(options.seed ^ 0x15b, i));
            const lines = text.split('\n');
            for (let r = 0, count = 1 + Math.floor(random() * 3); r < count; r++) {
                const line = Math.floor(random() * lines.length);
                const position = { line, character: Math.floor(random() * (lines[line].length + 1)) };
                const method = REQUESTS[Math.floor(random() * REQUESTS.length)];
                const range = { start: position, end: position };
                ask(method, {
                    textDocument: { uri }, position, range, context: { diagnostics: [] },
                    options: { tabSize: 4, insertSpaces: true }
                });
            }
            // Every few edits the editor waits for answers, so requests do not pile up without bound.
            if (i % 10 === 9) {
                await Promise.all(pending);
                pending = [];
            }
        }
        await Promise.all(pending);
        if (session.dead) report.deaths++;
    } finally {
        session.connection.dispose();
        session.child.kill();
        rmSync(dir, { recursive: true, force: true });
    }
    report.ms = performance.now() - started;
    return report;
}
