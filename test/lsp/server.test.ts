import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import type { CompletionList, Diagnostic, Hover, Location, LocationLink, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureServerBuilt, SERVER } from '../server-bundle.js';

/** Diagnostic messages may be markup in LSP 3.18. */
function messageOf(diagnostic: Diagnostic): string {
    const message = diagnostic.message;
    return typeof message === 'string' ? message : message.value;
}

const ROOT = path.resolve(__dirname, '../..');

const EVENTS = [
    'system Shop {',
    '    broker Events : kafka { topic orders }',
    '    database Db : postgres',
    '}'
].join('\n');

const SHOP = [
    'system Shop {',
    '    /** Takes orders and publishes them. */',
    '    service Orders {',
    '        replicas 2',
    '        calls Billing',
    '        publishes Events.orders',
    '        writes Db',
    '    }',
    '    service Billing { calls Missing { timeout 1s } }',
    '}'
].join('\n');

describe('language server over stdio', () => {
    let child: ChildProcess;
    let connection: ProtocolConnection;
    let dir: string;
    let shopUri: string;
    let eventsUri: string;
    let settings: unknown = { rules: {} };
    let initializeResult: { capabilities: { codeActionProvider?: unknown } } | undefined;
    const diagnostics = new Map<string, Diagnostic[]>();
    let waiters: (() => void)[] = [];
    const messages: { type: number; message: string }[] = [];
    const logs: { type: number; message: string }[] = [];

    /** Polls `condition` every 50 ms until it holds or `timeout` ms passed (for messages the server sends on its own). */
    async function pollUntil(condition: () => boolean, timeout = 10_000): Promise<void> {
        const deadline = Date.now() + timeout;
        while (!condition() && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
    }

    function waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, timeout = 20_000): Promise<Diagnostic[]> {
        return new Promise((resolve, reject) => {
            const check = () => {
                const current = diagnostics.get(uri);
                if (current && predicate(current)) {
                    waiters = waiters.filter(w => w !== check);
                    clearTimeout(timer);
                    resolve(current);
                }
            };
            const timer = setTimeout(() => {
                waiters = waiters.filter(w => w !== check);
                reject(new Error(`timed out waiting for diagnostics of ${uri}: ${JSON.stringify(diagnostics.get(uri)?.map(d => d.code ?? d.message))}`));
            }, timeout);
            waiters.push(check);
            check();
        });
    }

    const position = (text: string, needle: string, delta = 1) => {
        const offset = text.indexOf(needle) + delta;
        const before = text.slice(0, offset).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
    };

    /** The hover's Markdown at `marker` (one character in) in shop.sysd. */
    const hoverOn = async (marker: string): Promise<string> => {
        const hover = await connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: shopUri }, position: position(SHOP, marker) });
        return (hover.contents as MarkupContent).value;
    };

    beforeAll(async () => {
        ensureServerBuilt();
        dir = mkdtempSync(path.join(tmpdir(), 'sysd-lsp-'));
        writeFileSync(path.join(dir, 'events.sysd'), EVENTS);
        writeFileSync(path.join(dir, 'shop.sysd'), SHOP);
        shopUri = pathToFileURL(path.join(dir, 'shop.sysd')).href;
        eventsUri = pathToFileURL(path.join(dir, 'events.sysd')).href;

        child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
            params.items.map(item => (item.section === 'sysd' ? settings : null)));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('client/unregisterCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        // showWarningMessage is a request (it could offer actions).
        connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
            messages.push(params);
            return null;
        });
        connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
            messages.push(params);
            for (const waiter of [...waiters]) waiter();
        });
        connection.onNotification('window/logMessage', (params: { type: number; message: string }) => { logs.push(params); });
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            diagnostics.set(params.uri, params.diagnostics);
            for (const waiter of [...waiters]) waiter();
        });
        connection.listen();

        initializeResult = await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(dir).href,
            workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
            capabilities: {
                workspace: {
                    configuration: true,
                    workspaceFolders: true,
                    didChangeConfiguration: { dynamicRegistration: true },
                    didChangeWatchedFiles: { dynamicRegistration: true }
                },
                textDocument: {
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: false } },
                    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }
                }
            }
        });
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: shopUri, languageId: 'sysd', version: 1, text: SHOP }
        });
    }, 120_000);

    afterAll(() => {
        connection?.dispose();
        child?.kill();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('publishes linking errors on the name and lint findings with a rule code and doc link', async () => {
        const list = await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        const broken = list.find(d => messageOf(d).includes('Missing'))!;
        expect(broken.severity).toBe(1);
        expect(broken.range).toEqual({ start: position(SHOP, 'Missing', 0), end: position(SHOP, 'Missing', 'Missing'.length) });
        const lint = list.find(d => d.code === 'sync-call-without-timeout')!;
        expect(lint.codeDescription?.href).toMatch(/docs\/rules\/sync-call-without-timeout\.md$/);
        expect(lint.range.start).toEqual(position(SHOP, 'Billing\n', 0));
    });

    it('logs when it loaded the workspace and when it checked the first findings', async () => {
        await waitForDiagnostics(shopUri, d => d.length > 0);
        await pollUntil(() => logs.filter(l => l.message.startsWith('SysD: ')).length >= 2);
        const startup = logs.filter(l => l.message.startsWith('SysD: ')).map(l => l.message);
        expect(startup[0]).toMatch(/^SysD: loaded 2 document\(s\) \d+ ms after initialization, \d+ ms after the process started\.$/);
        expect(startup[1]).toMatch(/^SysD: first findings checked \(\d+ document\(s\)\) \d+ ms after initialization/);
        expect(logs.filter(l => l.message.startsWith('SysD: first findings'))).toHaveLength(1);
        expect(logs.every(l => l.type !== 1)).toBe(true); // no errors
    });

    it('answers hover with the doc comment and effective properties', async () => {
        const text = await hoverOn('Orders {');
        expect(text).toContain('Takes orders and publishes them.');
        expect(text).toContain('- replicas: 2');
    });

    it('advertises its code action kinds and answers source.fixAll.sysd with an edit of the document', async () => {
        expect(initializeResult?.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.sysd'] });
        await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        const actions = await connection.sendRequest<{ kind: string; title: string; edit?: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
            textDocument: { uri: shopUri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ['source.fixAll'] }
        });
        expect(actions.map(a => a.kind)).toEqual(['source.fixAll.sysd']);
        expect(actions[0].edit!.changes[shopUri].map(e => e.newText).join('')).toContain('timeout');
    });

    it('answers completion', async () => {
        const list = await connection.sendRequest<CompletionList>('textDocument/completion', {
            textDocument: { uri: shopUri }, position: position(SHOP, '        replicas 2', 8)
        });
        const labels = list.items.map(i => i.label);
        expect(labels).toContain('replicas');
        expect(labels).toContain('calls');
    });

    it('answers hover on a pattern keyword with its gist and a link to the full page', async () => {
        const text = await hoverOn('replicas 2');
        expect(text.startsWith('**Single points of failure and redundancy** — ')).toBe(true);
        expect(text).not.toContain('What goes wrong without it');
        // This client names no explain command: links go to the topic and rule pages shipped next to the server bundle.
        const line = text.split('\n\n')[1];
        expect(line).toMatch(/^\[Full explanation →\]\(file:\/\/\S+\/docs\/topics\/single-point-of-failure\.md "[^"]+"\)/);
        expect(line).toMatch(/\[`single-point-of-failure`\]\(file:\/\/\S+\/docs\/rules\/single-point-of-failure\.md\)/);
    });

    it('links the findings of a component and of a relation to their rule pages on hover', async () => {
        await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        const onComponent = await hoverOn('Orders {');
        const rulePage = /\[`sync-call-without-timeout`\]\(file:\/\/\S+\/docs\/rules\/sync-call-without-timeout\.md\)/;
        expect(onComponent).toMatch(rulePage);
        const relation = await hoverOn('calls Billing');
        expect(relation).toContain('Shop.Orders calls Shop.Billing');
        expect(relation).toContain('Settings: sync');
        expect(relation).toMatch(rulePage);
    });

    it('documents completion items with the topic gist', async () => {
        const list = await connection.sendRequest<CompletionList>('textDocument/completion', {
            textDocument: { uri: shopUri }, position: position(SHOP, '        replicas 2', 8)
        });
        const replicas = list.items.find(i => i.label === 'replicas')!;
        const resolved = replicas.documentation ? replicas : await connection.sendRequest<typeof replicas>('completionItem/resolve', replicas);
        const doc = resolved.documentation as MarkupContent;
        expect(doc.value).toContain('Any component whose failure alone stops the system');
        expect(doc.value).toContain('sysd explain single-point-of-failure');
    });

    // The explain requests exist once server/src/main.ts installs the knowledge handlers.
    const knowledgeWired = readFileSync(path.join(ROOT, 'server/src/main.ts'), 'utf8').includes('installKnowledgeHandlers');
    it.skipIf(!knowledgeWired)('answers the explain requests of "SysD: Explain..."', async () => {
        const list = await connection.sendRequest<{ kind: string; id: string; title: string; gist: string }[]>('sysd/explainList');
        expect(list.some(i => i.kind === 'topic' && i.id === 'leaderless-replication' && i.title === 'Leaderless replication')).toBe(true);
        expect(list.some(i => i.kind === 'rule' && i.id === 'quorum-no-overlap')).toBe(true);
        const topic = await connection.sendRequest<{ kind: string; markdown: string }>('sysd/explain', { id: 'leaderless' });
        expect(topic.kind).toBe('topic');
        expect(topic.markdown.startsWith('# Leaderless replication\n')).toBe(true);
        const rule = await connection.sendRequest<{ markdown: string }>('sysd/explain', { id: 'quorum-no-overlap', kind: 'rule' });
        expect(rule.markdown.startsWith('# quorum-no-overlap\n')).toBe(true);
        expect(rule.markdown).toContain('## Related topics');
        expect(await connection.sendRequest('sysd/explain', { id: 'no-such-thing' })).toBeNull();
    });

    it('jumps to a definition in the other file', async () => {
        const result = await connection.sendRequest<(Location | LocationLink)[]>('textDocument/definition', {
            textDocument: { uri: shopUri }, position: position(SHOP, 'Events.orders', 9)
        });
        expect(result.length).toBe(1);
        const target = 'targetUri' in result[0] ? result[0].targetUri : result[0].uri;
        expect(target).toBe(eventsUri);
    });

    it('finds workspace symbols by the last part of their qualified name', async () => {
        const symbols = await connection.sendRequest<{ name: string; location: Location }[]>('workspace/symbol', { query: 'orders' });
        const topic = symbols.find(s => s.name === 'Shop.Events.orders')!;
        expect(topic.location.uri).toBe(eventsUri);
        expect(symbols.map(s => s.name)).toContain('Shop.Orders');
    });

    it('re-publishes findings of another file when an edit changes them', async () => {
        await waitForDiagnostics(eventsUri, d => !d.some(x => x.code === 'shared-database'));
        const edited = SHOP.replace('service Billing { calls Missing { timeout 1s } }', 'service Billing { writes Db }');
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: shopUri, version: 2 }, contentChanges: [{ text: edited }]
        });
        const list = await waitForDiagnostics(eventsUri, d => d.some(x => x.code === 'shared-database'));
        expect(messageOf(list.find(x => x.code === 'shared-database')!)).toContain('Orders, Billing');
        // Back to the original text: the finding disappears again.
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: shopUri, version: 3 }, contentChanges: [{ text: SHOP }]
        });
        await waitForDiagnostics(eventsUri, d => !d.some(x => x.code === 'shared-database'));
    });

    it('turns a rule off when the sysd.rules setting changes', async () => {
        await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        settings = { rules: { 'sync-call-without-timeout': 'off' } };
        await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        const list = await waitForDiagnostics(shopUri, d => !d.some(x => x.code === 'sync-call-without-timeout'));
        expect(list.some(d => messageOf(d).includes('Missing'))).toBe(true);
        // And back on, as an error this time.
        settings = { rules: { 'sync-call-without-timeout': 'error' } };
        await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        const again = await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        expect(again.find(x => x.code === 'sync-call-without-timeout')!.severity).toBe(1);
    });

    it('follows changes of sysd.config.json and reports a broken one once', async () => {
        const configFile = path.join(dir, 'sysd.config.json');
        // The config file overrides the setting (which turned the rule into an error).
        writeFileSync(configFile, JSON.stringify({ rules: { 'sync-call-without-timeout': 'off' } }));
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configFile).href, type: 1 }] });
        await waitForDiagnostics(shopUri, d => !d.some(x => x.code === 'sync-call-without-timeout'));

        writeFileSync(configFile, '{ "rules": ');
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configFile).href, type: 2 }] });
        await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        await pollUntil(() => messages.some(m => m.message.includes('sysd.config.json')));
        const warnings = messages.filter(m => m.message.includes('sysd.config.json'));
        expect(warnings).toHaveLength(1);
        expect(warnings[0].type).toBe(2); // warning
        // Another build does not repeat the same warning.
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: shopUri, version: 4 }, contentChanges: [{ text: SHOP + '\n' }]
        });
        await waitForDiagnostics(shopUri, d => d.some(x => x.code === 'sync-call-without-timeout'));
        await new Promise(r => setTimeout(r, 300));
        expect(messages.filter(m => m.message.includes('sysd.config.json'))).toHaveLength(1);
    });
});
