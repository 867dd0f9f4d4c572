import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureServerBuilt } from '../server-bundle.js';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'sysd-language-server.cjs');
const SHOP = 'system Shop {\n    service Orders { replicas 2; calls Billing over http }\n    service Billing { replicas 2 }\n}\n';

describe('sysd-language-server (the bin other editors start)', () => {
    let child: ChildProcess;
    let connection: ProtocolConnection;
    let dir: string;
    let uri: string;
    let stderr = '';
    const published = new Map<string, Diagnostic[]>();
    const waiters = new Set<() => void>();

    beforeAll(async () => {
        ensureServerBuilt();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-ls-'));
        fs.writeFileSync(path.join(dir, 'shop.sysd'), SHOP);
        uri = pathToFileURL(path.join(dir, 'shop.sysd')).href;
        // No arguments: standard input and output, as Neovim's and Helix's configurations start it.
        child = spawn(process.execPath, [BIN], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
        child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        // What a minimal client answers: no settings (`null`), registrations accepted.
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            published.set(params.uri, params.diagnostics);
            for (const waiter of [...waiters]) waiter();
        });
        connection.listen();
        await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(dir).href,
            workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'shop' }],
            capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} }, workspace: { configuration: true } }
        });
        await connection.sendNotification('initialized', {});
    }, 120_000);

    afterAll(() => {
        connection?.dispose();
        child?.kill();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    function diagnostics(predicate: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no matching diagnostics; stderr: ${stderr}`)), 30_000);
            const check = () => {
                const list = published.get(uri);
                if (list && predicate(list)) {
                    clearTimeout(timer);
                    waiters.delete(check);
                    resolve(list);
                }
            };
            waiters.add(check);
            check();
        });
    }

    it('speaks LSP over stdio: diagnostics after didOpen, then hover', async () => {
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sysd', version: 1, text: SHOP } });
        const list = await diagnostics(l => l.some(d => d.code === 'sync-call-without-timeout'));
        const timeout = list.find(d => d.code === 'sync-call-without-timeout')!;
        expect(timeout.range.start).toEqual({ line: 1, character: SHOP.split('\n')[1].indexOf('Billing') });
        expect(timeout.source).toBe('sysd');
        const hover = await connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 14 } });
        expect((hover.contents as MarkupContent).value).toContain('Orders');
        // An edit is checked again.
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ text: SHOP.replace('over http', 'over http { timeout 1s }') }]
        });
        await diagnostics(l => !l.some(d => d.code === 'sync-call-without-timeout'));
    }, 60_000);

    it('is the package\'s sysd-language-server bin, with --help and --version', () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
        expect(path.resolve(ROOT, manifest.bin['sysd-language-server'])).toBe(BIN);
        expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
        expect(fs.statSync(BIN).mode & 0o111).not.toBe(0);
        const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
        expect(version.stdout).toBe(`${manifest.version}\n`);
        const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('docs/editors.md');
    });
});
