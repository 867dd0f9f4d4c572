/**
 * The playground: a static page (no server) with Monaco, the sysd language server in a Web Worker
 * (the web extension's bundle), the preview's diagram page, the findings, Mermaid export, every
 * example, and share links that carry the text in the URL's hash. scripts/build-playground.mjs
 * bundles it into out/playground/ and writes assets.js, which defines `SYSD_PLAYGROUND` (the worker
 * and webview bundles as text, the examples, the grammar's words) before this script runs.
 */
import 'monaco-editor/features/register.all.js';
import * as monaco from 'monaco-editor/editor/editor.api.js';
import type { Diagnostic } from 'vscode-languageserver-protocol/browser';
import type { SourceLocation, ViewsResult, WhatIfResult } from '@sysd/protocol';
import { DiagramFrame } from './diagram-frame.js';
import { DiagnosticStore, messageText, registerLanguage, registerLanguageFeatures, toMonacoRange, type SysdWords } from './monaco-lsp.js';
import { LANGUAGE_ID, PlaygroundServer } from './server.js';
import { decodeState, encodeState, type PlaygroundFile, type SharedState } from './share.js';

/** An example as the picker lists it: its files (a folder example has several, and may have a configuration file). */
export interface PlaygroundExample {
    name: string;
    files: PlaygroundFile[];
}

/** What assets.js defines. */
export interface PlaygroundAssets {
    server: string;
    layoutWorker: string;
    editorWorker: string;
    webviewScript: string;
    webviewStyle: string;
    examples: PlaygroundExample[];
    words: SysdWords;
    /** Where the rule pages are published (findings link there); none: no links. */
    docsBase?: string;
}

declare global {
    interface Window {
        SYSD_PLAYGROUND: PlaygroundAssets;
        MonacoEnvironment?: monaco.Environment;
        /** For tests and the browser console: copies of the files the playground holds, and the one shown. */
        sysdPlayground?: { files(): PlaygroundFile[]; active(): string };
    }
}

const ROOT = 'file:///playground/';
const CONFIG_FILE_NAMES = ['sysd.config.json', '.sysdrc.json'];
/** The hash is rewritten once typing pauses this long. */
const HASH_DELAY_MS = 400;

const assets = window.SYSD_PLAYGROUND;
const blobUrl = (text: string, type: string) => URL.createObjectURL(new Blob([text], { type }));
const workerUrls = { server: blobUrl(assets.server, 'text/javascript'), editor: blobUrl(assets.editorWorker, 'text/javascript') };

// Monaco's own worker (text model computations), started from a blob URL: a file:// page can start no other.
window.MonacoEnvironment = { getWorker: () => new Worker(workerUrls.editor) };

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const page = {
    example: byId<HTMLSelectElement>('example'),
    files: byId<HTMLElement>('files'),
    editor: byId<HTMLElement>('editor'),
    diagram: byId<HTMLElement>('diagram'),
    findings: byId<HTMLUListElement>('finding-list'),
    count: byId<HTMLElement>('finding-count'),
    status: byId<HTMLElement>('status'),
    share: byId<HTMLButtonElement>('share'),
    mermaid: byId<HTMLButtonElement>('mermaid'),
    dialog: byId<HTMLDialogElement>('mermaid-dialog'),
    mermaidText: byId<HTMLTextAreaElement>('mermaid-text'),
    copy: byId<HTMLButtonElement>('mermaid-copy'),
    download: byId<HTMLButtonElement>('mermaid-download'),
    close: byId<HTMLButtonElement>('mermaid-close')
};

registerLanguage(assets.words);
const diagnostics = new DiagnosticStore();
// Findings link to the rule pages: where the build says they are published, or the repository's docs/rules
// beside out/playground (a checkout opened from disk).
const docsBase = new URL(assets.docsBase ?? '../../docs/rules/', location.href).href;
const server = new PlaygroundServer(new Worker(workerUrls.server, { name: 'SysD language server' }), docsBase, {
    diagnostics: params => {
        diagnostics.set(params.uri, params.diagnostics);
        scheduleFindings();
    },
    modelChanged: () => void refreshDiagram(),
    log: message => console.info(`[sysd] ${message}`)
});
registerLanguageFeatures(server, diagnostics);

const editor = monaco.editor.create(page.editor, {
    theme: 'vs-dark', automaticLayout: true, minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false,
    fixedOverflowWidgets: true, 'semanticHighlighting.enabled': false
});

let files: PlaygroundFile[] = [];
let active = '';
window.sysdPlayground = { files: () => files.map(file => ({ ...file })), active: () => active };
/** The view the user picked in the diagram; none: the document's default. */
let selectedView: string | undefined;

const isConfig = (name: string) => CONFIG_FILE_NAMES.includes(name);
const uriOf = (name: string) => ROOT + name.split('/').map(encodeURIComponent).join('/');
const nameOf = (uri: string) => decodeURIComponent(uri.startsWith(ROOT) ? uri.slice(ROOT.length) : uri);
const modelOf = (name: string) => monaco.editor.getModel(monaco.Uri.parse(uriOf(name)));

const frame: DiagramFrame = new DiagramFrame(
    { script: blobUrl(assets.webviewScript, 'text/javascript'), worker: blobUrl(assets.layoutWorker, 'text/javascript'), style: blobUrl(assets.webviewStyle, 'text/css') },
    {
        selectView: key => {
            selectedView = key;
            void refreshDiagram();
        },
        resend: () => void refreshDiagram(),
        reveal: location => reveal(location),
        whatIf: (fail): Promise<WhatIfResult | null> => {
            const name = drawnFile();
            return name ? server.whatIf(uriOf(name), frame.shown?.view?.key ?? selectedView, fail) : Promise.resolve(null);
        },
        exported: (format, data) => download(`${diagramName()}.${format}`, format === 'svg' ? new Blob([data], { type: 'image/svg+xml' }) : new Blob([base64Bytes(data) as BlobPart], { type: 'image/png' }))
    }
);
page.diagram.append(frame.element);

// ---- Files -------------------------------------------------------------------------------------

/** Replaces the playground's files (an example, or a share link). */
async function load(state: SharedState): Promise<void> {
    await server.ready;
    for (const model of monaco.editor.getModels()) {
        const uri = model.uri.toString();
        if (server.isOpen(uri)) server.close(uri);
        diagnostics.delete(uri);
        model.dispose();
    }
    files = state.files.map(file => ({ ...file }));
    for (const file of files) {
        const model = monaco.editor.createModel(file.text, isConfig(file.name) ? 'plaintext' : LANGUAGE_ID, monaco.Uri.parse(uriOf(file.name)));
        model.onDidChangeContent(() => changed(file.name, model.getValue()));
    }
    sendConfigFiles();
    for (const file of files) if (!isConfig(file.name)) server.open(uriOf(file.name), file.text);
    selectedView = undefined;
    show(state.active && files.some(file => file.name === state.active) ? state.active : files.find(file => !isConfig(file.name))?.name ?? files[0].name);
    renderFindings();
}

function show(name: string): void {
    const model = modelOf(name);
    if (!model) return;
    if (name !== active && !isConfig(name)) selectedView = undefined;
    active = name;
    editor.setModel(model);
    renderTabs();
    void refreshDiagram();
}

function changed(name: string, text: string): void {
    const file = files.find(candidate => candidate.name === name);
    if (!file) return;
    file.text = text;
    if (isConfig(name)) sendConfigFiles();
    else server.change(uriOf(name), text);
    scheduleHash();
}

function sendConfigFiles(): void {
    server.configFiles(files.filter(file => isConfig(file.name)).map(file => ({ uri: uriOf(file.name), text: file.text })));
}

function renderTabs(): void {
    page.files.replaceChildren(...files.map(file => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.className = 'tab';
        tab.textContent = file.name;
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(file.name === active));
        tab.addEventListener('click', () => show(file.name));
        return tab;
    }));
}

function reveal(location: SourceLocation): void {
    const name = nameOf(location.uri);
    if (name !== active) show(name);
    const range = toMonacoRange(location.nameRange ?? location.range);
    editor.setSelection(range);
    editor.revealRangeInCenterIfOutsideViewport(range);
    editor.focus();
}

// ---- Findings ----------------------------------------------------------------------------------

let findingsFrame = 0;
function scheduleFindings(): void {
    if (findingsFrame) return;
    findingsFrame = requestAnimationFrame(() => {
        findingsFrame = 0;
        renderFindings();
    });
}

const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function renderFindings(): void {
    const rows: HTMLLIElement[] = [];
    const order = new Map(files.map((file, index) => [uriOf(file.name), index]));
    const entries = diagnostics.all().filter(([uri]) => order.has(uri)).sort(([a], [b]) => order.get(a)! - order.get(b)!);
    for (const [uri, list] of entries) {
        for (const diagnostic of [...list].sort((a, b) => a.range.start.line - b.range.start.line)) rows.push(findingRow(uri, diagnostic));
    }
    page.findings.replaceChildren(...rows);
    page.count.textContent = String(rows.length);
    if (rows.length === 0) {
        const none = document.createElement('li');
        none.className = 'none';
        none.textContent = 'No findings.';
        page.findings.append(none);
    }
}

function findingRow(uri: string, diagnostic: Diagnostic): HTMLLIElement {
    const row = document.createElement('li');
    const severity = SEVERITY_NAME[diagnostic.severity ?? 1] ?? 'error';
    row.className = `finding ${severity}`;
    row.dataset.rule = diagnostic.code === undefined ? '' : String(diagnostic.code);
    row.tabIndex = 0;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${nameOf(uri)}:${diagnostic.range.start.line + 1}`;
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = messageText(diagnostic);
    row.append(where, message);
    if (diagnostic.code !== undefined) {
        const code = document.createElement(diagnostic.codeDescription ? 'a' : 'span');
        code.className = 'code';
        code.textContent = String(diagnostic.code);
        if (code instanceof HTMLAnchorElement && diagnostic.codeDescription) {
            code.href = diagnostic.codeDescription.href;
            code.target = '_blank';
            code.rel = 'noopener';
        }
        row.append(code);
    }
    const open = () => reveal({ uri, range: diagnostic.range });
    row.addEventListener('click', event => {
        if (!(event.target instanceof HTMLAnchorElement)) open();
    });
    row.addEventListener('keydown', event => {
        if (event.key === 'Enter') open();
    });
    return row;
}

// ---- Diagram -----------------------------------------------------------------------------------

let diagramSeq = 0;
async function refreshDiagram(): Promise<void> {
    // Before the first files are loaded, there is nothing to draw yet (the frame may be ready first).
    if (files.length === 0) return;
    const seq = ++diagramSeq;
    const name = drawnFile();
    if (!name) return frame.notice('No .sysd file to draw.');
    const uri = uriOf(name);
    let answer, views: ViewsResult | null;
    try {
        [answer, views] = await Promise.all([server.diagram(uri, selectedView), server.views(uri)]);
    } catch (error) {
        if (seq === diagramSeq) frame.notice(`The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
        return;
    }
    if (seq !== diagramSeq) return;
    if (!answer || !('nodes' in answer)) return frame.notice(`${name} is not part of the model yet.`);
    const { version: _version, ...graph } = answer;
    frame.show(uri, graph, views);
}

/** The file the diagram shows: the one in the editor, or the first .sysd file while a configuration file is. */
function drawnFile(): string | undefined {
    return isConfig(active) ? files.find(file => !isConfig(file.name))?.name : active;
}

function diagramName(): string {
    const base = (isConfig(active) ? 'diagram' : active.replace(/\.sysd$/, '')).replace(/[^\w.-]+/g, '-');
    return selectedView ? `${base}-${selectedView.replace(/[^\w.-]+/g, '-')}` : base;
}

// ---- Mermaid -----------------------------------------------------------------------------------

page.mermaid.addEventListener('click', () => void showMermaid());

async function showMermaid(): Promise<void> {
    const name = drawnFile();
    if (!name) return;
    const answer = await server.mermaid(uriOf(name), selectedView ? { view: selectedView } : {});
    page.mermaidText.value = 'text' in answer ? answer.text : `%% ${answer.error}`;
    page.dialog.showModal();
    page.mermaidText.select();
}

page.copy.addEventListener('click', () => {
    void navigator.clipboard.writeText(page.mermaidText.value).then(() => status('Mermaid copied.'), () => {
        page.mermaidText.select();
        status('Select the text and copy it (the browser refused the clipboard).');
    });
});
page.download.addEventListener('click', () => download(`${diagramName()}.mmd`, new Blob([page.mermaidText.value], { type: 'text/plain' })));
page.close.addEventListener('click', () => page.dialog.close());

// ---- Examples and share links ------------------------------------------------------------------

for (const example of assets.examples) {
    const option = document.createElement('option');
    option.value = example.name;
    option.textContent = example.name;
    page.example.append(option);
}
const custom = document.createElement('option');
custom.value = '';
custom.textContent = '(shared or edited)';
custom.hidden = true;
page.example.append(custom);

page.example.addEventListener('change', () => {
    const example = assets.examples.find(candidate => candidate.name === page.example.value);
    if (!example) return;
    void load({ files: example.files }).then(() => scheduleHash());
});

let hashTimer: ReturnType<typeof setTimeout> | undefined;
let writtenHash = '';
function scheduleHash(): void {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(() => void writeHash(), HASH_DELAY_MS);
}

async function writeHash(): Promise<void> {
    const hash = await encodeState({ files, active });
    writtenHash = hash;
    history.replaceState(null, '', hash);
    const example = assets.examples.find(candidate => sameFiles(candidate.files, files));
    page.example.value = example?.name ?? '';
}

function sameFiles(a: PlaygroundFile[], b: PlaygroundFile[]): boolean {
    return a.length === b.length && a.every((file, i) => file.name === b[i].name && file.text === b[i].text);
}

page.share.addEventListener('click', () => {
    clearTimeout(hashTimer);
    void writeHash().then(() => navigator.clipboard.writeText(location.href)).then(() => status('Link copied: it holds the text itself.'), () => status('Copy the address bar: it holds the text itself.'));
});

window.addEventListener('hashchange', () => {
    if (location.hash === writtenHash) return;
    void decodeState(location.hash).then(state => {
        if (state) void load(state);
    });
});

function status(message: string): void {
    page.status.textContent = message;
}

function download(name: string, blob: Blob): void {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function base64Bytes(data: string): Uint8Array {
    return Uint8Array.from(atob(data), char => char.charCodeAt(0));
}

async function start(): Promise<void> {
    const shared = await decodeState(location.hash);
    if (shared) {
        writtenHash = location.hash;
        await load(shared);
        page.example.value = assets.examples.find(example => sameFiles(example.files, shared.files))?.name ?? '';
        return;
    }
    const first = assets.examples[0];
    page.example.value = first.name;
    await load({ files: first.files });
}

void start();
