/**
 * The diagram: the preview's own webview page (out/webview/main.js, its ELK layout worker and styles)
 * in an iframe, with the playground standing in for the VS Code host. The page gets the same host
 * messages the extension posts (`views`, `diagram`, `notice`, `whatIfResult`) and its messages (`ready`,
 * `selectView`, `reveal`, `export`, `whatIf`) come back here, so the picture, the view picker, the legend, pan, zoom,
 * search and SVG/PNG export are the extension's.
 */
import {
    isWebviewMessage, type DiagramGraph, type HostMessage, type SourceLocation, type ViewOption, type ViewsResult, type WebviewMessage, type WhatIfResult
} from '@sysd/protocol';

/** The scripts and styles of the webview page, as blob URLs the frame loads (a file:// page can fetch nothing). */
export interface WebviewAssets {
    script: string;
    worker: string;
    style: string;
}

export interface DiagramHost {
    /** The user picked another view in the frame. */
    selectView(key: string): void;
    /** The frame needs the whole diagram again (or is ready for its first). */
    resend(): void;
    /** The user clicked an element: show its definition. */
    reveal(location: SourceLocation): void;
    /** The frame exported the picture: `data` is SVG text or base64 PNG bytes. */
    exported(format: 'svg' | 'png', data: string): void;
    /** The what-if mode asks for the analysis of the view shown under these failures. */
    whatIf(fail: string[]): Promise<WhatIfResult | null>;
}

/** The page's colours: the webview reads VS Code's theme variables (these are VS Code's Dark Modern values). */
const THEME: Record<string, string> = {
    '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
    '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4',
    '--vscode-editorWidget-background': '#252526', '--vscode-editorWidget-border': '#454545',
    '--vscode-descriptionForeground': '#9d9d9d', '--vscode-errorForeground': '#f48771',
    '--vscode-editorError-foreground': '#f14c4c', '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-editorInfo-foreground': '#3794ff', '--vscode-focusBorder': '#007fd4',
    '--vscode-button-secondaryBackground': '#3a3d41', '--vscode-button-secondaryForeground': '#ffffff',
    '--vscode-button-secondaryHoverBackground': '#45494e', '--vscode-progressBar-background': '#0e70c0',
    '--vscode-input-background': '#3c3c3c', '--vscode-input-foreground': '#cccccc',
    '--vscode-panel-border': '#80808059', '--vscode-badge-background': '#4d4d4d', '--vscode-badge-foreground': '#ffffff',
    '--vscode-button-background': '#0e639c', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': 'transparent',
    '--vscode-dropdown-background': '#3c3c3c', '--vscode-dropdown-foreground': '#f0f0f0', '--vscode-dropdown-border': '#3c3c3c',
    '--vscode-input-border': 'transparent', '--vscode-input-placeholderForeground': '#a6a6a6', '--vscode-inputValidation-errorBorder': '#be1100',
    '--vscode-disabledForeground': '#cccccc80', '--vscode-contrastActiveBorder': 'transparent', '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-editorHoverWidget-background': '#252526', '--vscode-editorHoverWidget-border': '#454545', '--vscode-editorHoverWidget-foreground': '#cccccc',
    '--vscode-sideBar-background': '#181818', '--vscode-sideBar-foreground': '#cccccc', '--vscode-widget-border': '#313131', '--vscode-widget-shadow': '#0000005c'
};

function frameDocument(assets: WebviewAssets): string {
    const variables = Object.entries(THEME).map(([name, value]) => `${name}: ${value};`).join(' ');
    // The stand-in for acquireVsCodeApi(): messages go to the playground, the state stays in the frame.
    const standIn = `let state; window.acquireVsCodeApi = () => ({ postMessage: message => parent.postMessage({ sysdWebview: message }, '*'), getState: () => state, setState: value => { state = value; } });`;
    return `<!DOCTYPE html><html lang="en" class="vscode-dark"><head><meta charset="UTF-8"><style>:root { ${variables} }</style>`
        + `<link rel="stylesheet" href="${assets.style}"><script>${standIn}</script></head>`
        + `<body class="vscode-dark"><script src="${assets.script}" data-worker="${assets.worker}"></script></body></html>`;
}

export class DiagramFrame {
    readonly element: HTMLIFrameElement;
    private graph: DiagramGraph | undefined;
    private ready = false;

    constructor(assets: WebviewAssets, private readonly host: DiagramHost) {
        this.element = document.createElement('iframe');
        this.element.className = 'diagram-frame';
        this.element.title = 'Diagram';
        this.element.srcdoc = frameDocument(assets);
        window.addEventListener('message', event => {
            if (event.source !== this.element.contentWindow) return;
            const message = (event.data as { sysdWebview?: unknown } | null)?.sysdWebview;
            if (isWebviewMessage(message)) this.receive(message);
        });
    }

    /** The graph shown, if any. */
    get shown(): DiagramGraph | undefined {
        return this.graph;
    }

    show(uri: string, graph: DiagramGraph, views: ViewsResult | null): void {
        this.graph = graph;
        if (!this.ready) return;
        this.post({ type: 'diagram', uri, graph });
        if (views) this.post({ type: 'views', views: options(views), current: graph.view?.key ?? views.defaultKey, locked: false });
    }

    notice(message: string): void {
        this.graph = undefined;
        if (this.ready) this.post({ type: 'notice', message });
    }

    private post(message: HostMessage): void {
        this.element.contentWindow?.postMessage(message, '*');
    }

    private receive(message: WebviewMessage): void {
        switch (message.type) {
            case 'ready':
                this.ready = true;
                this.host.resend();
                break;
            case 'needDiagram':
                this.host.resend();
                break;
            case 'selectView':
                this.host.selectView(message.key);
                break;
            case 'reveal': {
                const location = this.graph ? locationOf(this.graph, message.id) : undefined;
                if (location) this.host.reveal(location);
                break;
            }
            case 'export':
                this.host.exported(message.format, message.data);
                break;
            case 'whatIf': {
                const seq = message.seq;
                void this.host.whatIf(message.fail).catch(() => null).then(result => this.post({ type: 'whatIfResult', seq, result }));
                break;
            }
            default:
                break;
        }
    }
}

function options(views: ViewsResult): ViewOption[] {
    return views.views.map(view => (view.detail ? { key: view.key, kind: view.kind, title: view.title, detail: view.detail } : { key: view.key, kind: view.kind, title: view.title }));
}

function locationOf(graph: DiagramGraph, id: string): SourceLocation | undefined {
    const stack = [...graph.nodes];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.id === id) return node.loc;
        stack.push(...node.children);
    }
    return graph.edges.find(edge => edge.id === id)?.loc;
}
