// The server's guards (server/src/guard.ts, server/src/server-features.ts): a failure in sysd's own code
// is logged once and costs one answer, never the process, a request's answer or the other documents'
// diagnostics.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { DocumentState, interruptAndCheck, URI, type LangiumDocument } from 'langium';
import { CancellationToken, CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SysdAnalysis } from '../../language/src/host/analysis.js';
import { guardListener, onGuardedRequest } from '../../server/src/guard.js';
import { installServerFeatures } from '../../server/src/server-features.js';
import { createTestServices } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');

type Handler = (params: unknown, token: CancellationToken) => Promise<unknown>;

function fakeConnection() {
    const handlers = new Map<string, Handler>();
    const published: PublishDiagnosticsParams[] = [];
    const connection = {
        onRequest: (method: string, handler: Handler) => {
            handlers.set(method, handler);
            return { dispose() {} };
        },
        sendDiagnostics: (params: PublishDiagnosticsParams) => {
            published.push(params);
            return Promise.resolve();
        },
        console: { error: () => undefined, info: () => undefined },
        window: { showWarningMessage: () => Promise.resolve(undefined) }
    } as unknown as Connection;
    return { connection, handlers, published };
}

afterEach(() => {
    vi.restoreAllMocks();
});

describe('onGuardedRequest', () => {
    it('answers a request whose handler throws with an error response, and logs the failure with its stack', async () => {
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const { connection, handlers } = fakeConnection();
        onGuardedRequest(connection, 'sysd/test', () => {
            throw new TypeError('text is not iterable');
        });
        const answer = await handlers.get('sysd/test')!({}, CancellationToken.None);
        expect(answer).toBeInstanceOf(ResponseError);
        expect(answer).toMatchObject({ code: ErrorCodes.InternalError, message: expect.stringContaining('text is not iterable') as string });
        expect(errors.mock.calls.some(call => String(call[0]).includes('answering sysd/test') && String(call[0]).includes('at '))).toBe(true);
    });

    it('answers a cancelled request as cancelled, and passes results through', async () => {
        const { connection, handlers } = fakeConnection();
        // What Langium's interruptAndCheck throws once the request's token is cancelled.
        const cancelled = new CancellationTokenSource();
        cancelled.cancel();
        onGuardedRequest(connection, 'sysd/cancelled', () => interruptAndCheck(cancelled.token));
        onGuardedRequest(connection, 'sysd/fine', (params: { n: number }) => params.n + 1);
        expect(await handlers.get('sysd/cancelled')!({}, CancellationToken.None)).toMatchObject({ code: LSPErrorCodes.RequestCancelled });
        expect(await handlers.get('sysd/fine')!({ n: 1 }, CancellationToken.None)).toBe(2);
    });

    it('lets a listener fail without failing its caller', () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        expect(() => guardListener('testing', () => { throw new Error('listener bug'); })).not.toThrow();
    });
});

describe('re-publishing after a build when the workspace findings cannot be computed', () => {
    it('finishes the build and keeps the other documents\' diagnostics', async () => {
        const services = createTestServices();
        const workspace = services.shared.workspace;
        const analysis = new SysdAnalysis(services);
        const { connection, published } = fakeConnection();
        installServerFeatures(connection, analysis);
        const documents: LangiumDocument[] = ['a', 'b'].map(name => {
            const document = workspace.LangiumDocumentFactory.fromString(
                `system S${name} {\n  service A { calls B }\n  service B { replicas 2 }\n}\n`, URI.parse(`file:///ws/${name}.sysd`));
            workspace.LangiumDocuments.addDocument(document);
            return document;
        });
        await workspace.DocumentBuilder.build(documents, { validation: true });
        const before = documents[1].diagnostics!.map(d => d.code);
        expect(before).toContain('sync-call-without-timeout');

        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        vi.spyOn(analysis, 'lintProblems').mockImplementation(() => {
            throw new Error('lint bug');
        });
        vi.spyOn(analysis, 'configurationProblems').mockImplementation(() => {
            throw new Error('config bug');
        });
        // a.sysd is checked again (as after a settings change): the build validates it, then re-publishes
        // the findings of b.sysd, which throws.
        workspace.DocumentBuilder.resetToState(documents[0], DocumentState.IndexedReferences);
        await expect(workspace.DocumentBuilder.update([], [])).resolves.toBeUndefined();
        expect(documents[0].state).toBe(DocumentState.Validated);
        expect(documents[1].diagnostics!.map(d => d.code)).toEqual(before);
        expect(published.filter(p => p.uri === 'file:///ws/b.sysd')).toEqual([]);
    });
});

describe('installProcessGuards', () => {
    it('logs an exception and a rejection that nothing handled, and the process carries on', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'sysd-guard-'));
        try {
            const entry = path.join(dir, 'entry.ts');
            writeFileSync(entry, [
                `import { installProcessGuards } from ${JSON.stringify(path.join(ROOT, 'server/src/guard.ts'))};`,
                'installProcessGuards();',
                "setTimeout(() => { throw new Error('thrown in a timer'); }, 0);",
                "void Promise.reject(new Error('rejected, never awaited'));",
                "setTimeout(() => console.log('still running'), 100);"
            ].join('\n'));
            const bundle = path.join(dir, 'entry.cjs');
            await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent', absWorkingDir: ROOT });
            const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 10_000 });
            expect(run.status).toBe(0);
            expect(run.stdout).toContain('still running');
            expect(run.stderr).toContain('thrown in a timer');
            expect(run.stderr).toContain('rejected, never awaited');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
