import { DocumentState, URI, type FileSystemNode, type FileSystemProvider, type LangiumDocument, type Reference } from 'langium';
import { describe, expect, it } from 'vitest';
import { SysdDocumentBuilder } from '../../language/src/document-builder.js';
import { createSysdServices } from '../../language/src/sysd-module.js';

/*
 * The document builder links a document again after an edit elsewhere only when the edit changed
 * what the document may read of the other file (names, AST types, kinds); otherwise its references
 * are re-pointed to the new nodes. test/lint/incremental.test.ts holds the results equal to a check
 * from scratch; these tests hold down which documents are linked and validated.
 */

class Files implements FileSystemProvider {
    readonly files = new Map<string, string>();
    stat(uri: URI): Promise<FileSystemNode> { return Promise.resolve(this.statSync(uri)); }
    statSync(uri: URI): FileSystemNode { return { isFile: true, isDirectory: false, uri }; }
    exists(uri: URI): Promise<boolean> { return Promise.resolve(this.files.has(uri.toString())); }
    existsSync(uri: URI): boolean { return this.files.has(uri.toString()); }
    readBinary(uri: URI): Promise<Uint8Array> { return Promise.resolve(new TextEncoder().encode(this.readFileSync(uri))); }
    readBinarySync(uri: URI): Uint8Array { return new TextEncoder().encode(this.readFileSync(uri)); }
    readFile(uri: URI): Promise<string> { return Promise.resolve(this.readFileSync(uri)); }
    readFileSync(uri: URI): string { return this.files.get(uri.toString()) ?? ''; }
    readDirectory(): Promise<FileSystemNode[]> { return Promise.resolve([]); }
    readDirectorySync(): FileSystemNode[] { return []; }
}

const ORDERS = 'system Shop {\n    database Db : postgres\n    service Orders { replicas 1; writes Db; calls Billing.Invoices { timeout 500ms } }\n}';
const BILLING = 'system Billing {\n    service Invoices { replicas 2 }\n    service Refunds { replicas 2 }\n}';
const VIEWS = 'view Cross { include Billing.Invoices, Shop.Orders }';

async function setUp() {
    const files = new Files();
    const { shared, Sysd } = createSysdServices({ fileSystemProvider: () => files });
    const texts = { 'orders.sysd': ORDERS, 'billing.sysd': BILLING, 'views.sysd': VIEWS };
    const uris: Record<string, URI> = {};
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(texts)) {
        const uri = URI.parse(`file:///builder/${name}`);
        uris[name] = uri;
        files.files.set(uri.toString(), text);
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    const builder = shared.workspace.DocumentBuilder;
    await builder.build(documents, { validation: true });
    const linked: string[] = [];
    const validated: string[] = [];
    builder.onDocumentPhase(DocumentState.Linked, d => { linked.push(d.uri.path.split('/').pop()!); });
    builder.onDocumentPhase(DocumentState.Validated, d => { validated.push(d.uri.path.split('/').pop()!); });
    const refreshed: string[] = [];
    (builder as SysdDocumentBuilder).onDiagnosticsRefreshed(list => refreshed.push(...list.map(d => d.uri.path.split('/').pop()!)));
    const document = (name: string) => shared.workspace.LangiumDocuments.getDocument(uris[name])!;
    const edit = async (name: string, change: (text: string) => string) => {
        linked.length = 0;
        validated.length = 0;
        refreshed.length = 0;
        files.files.set(uris[name].toString(), change(files.files.get(uris[name].toString())!));
        await builder.update([uris[name]], []);
    };
    const target = () => {
        const reference = document('orders.sysd').references.find(r => r.$refText === 'Billing.Invoices')!;
        return (reference as Reference).ref;
    };
    return { Sysd, linked, validated, refreshed, document, edit, target };
}

describe('the document builder after an edit in another file', () => {
    it('keeps the links of files whose references still mean the same, re-pointed to the new text', async () => {
        const { linked, validated, document, edit, target } = await setUp();
        const before = target();
        await edit('billing.sysd', text => text.replace('replicas 2 }', 'replicas 3 }'));
        expect(linked).toEqual(['billing.sysd']);
        expect(validated).toEqual(['billing.sysd']);
        // The reference leads to the node of the new text, not to the one the edit replaced.
        const after = target();
        expect(after).not.toBe(before);
        expect(after?.$cstNode?.root).toBe(document('billing.sysd').parseResult.value.$cstNode?.root);
        // A line added above the target moves it: the link follows.
        await edit('billing.sysd', text => `// moved\n${text}`);
        expect(linked).toEqual(['billing.sysd']);
        expect(target()?.$cstNode?.range.start.line).toBe(2);
    });

    it('links a file again when a name it uses is gone, changed kind or was added elsewhere', async () => {
        const { linked, edit, document } = await setUp();
        await edit('billing.sysd', text => text.replace('service Invoices', 'service Invoicez'));
        expect(linked.sort()).toEqual(['billing.sysd', 'orders.sysd']);
        expect(document('orders.sysd').references.some(r => r.error !== undefined)).toBe(true);
        await edit('billing.sysd', text => text.replace('service Invoicez', 'service Invoices'));
        expect(linked.sort()).toEqual(['billing.sysd', 'orders.sysd']);
        expect(document('orders.sysd').references.every(r => r.error === undefined)).toBe(true);
        // The model reads a referenced component's kind: a new kind links the callers again.
        await edit('billing.sysd', text => text.replace('service Invoices', 'function Invoices'));
        expect(linked.sort()).toEqual(['billing.sysd', 'orders.sysd']);
        // A new element whose name a file uses (`Db`): that file's names may now resolve elsewhere.
        await edit('billing.sysd', text => text.replace('service Refunds', 'database Db : postgres\n    service Refunds'));
        expect(linked.sort()).toEqual(['billing.sysd', 'orders.sysd']);
    });

    it('makes the findings of the files it did not validate again and says which changed', async () => {
        const { linked, refreshed, document, edit } = await setUp();
        const viewErrors = () => (document('views.sysd').diagnostics ?? []).filter(d => d.code === 'unresolved-view-name').length;
        expect(viewErrors()).toBe(0);
        // The view's names are not links: the view file is not linked again, its findings are made again.
        await edit('billing.sysd', text => text.replace('service Invoices', 'service Invoicez'));
        expect(linked).not.toContain('views.sysd');
        expect(viewErrors()).toBe(1);
        expect(refreshed).toContain('views.sysd');
        await edit('billing.sysd', text => text.replace('service Invoicez', 'service Invoices'));
        expect(viewErrors()).toBe(0);
        // A value that changes no finding of another file refreshes none.
        await edit('billing.sysd', text => text.replace('replicas 2 }', 'replicas 4 }'));
        expect(refreshed).toEqual([]);
    });
});
