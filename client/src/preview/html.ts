// The webview page of the diagram preview. Plain strings, no `vscode` import: the browser test
// builds its stand-in page with the same function, so it runs under the same CSP.

export interface PreviewHtmlOptions {
    /** `webview.cspSource`: the origin webview resources are served from. */
    cspSource: string;
    nonce: string;
    scriptUri: string;
    workerUri: string;
    styleUri: string;
}

/** A fresh nonce for the page's script and style tags (base64 of 16 random bytes). */
export function getNonce(): string {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
}

/**
 * The content security policy: nothing by default; scripts only with the nonce; styles from the
 * extension or with the nonce; images from the extension or generated in the page (PNG export
 * draws the SVG through a blob URL); the layout worker's script is fetched from the extension and
 * started from a blob URL (a webview resource is not same-origin with the page).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        `default-src 'none'`,
        `img-src ${cspSource} data: blob:`,
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`,
        `worker-src ${cspSource} blob:`,
        `connect-src ${cspSource}`,
        `font-src ${cspSource}`
    ].join('; ');
}

function attribute(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function previewHtml(options: PreviewHtmlOptions): string {
    const nonce = attribute(options.nonce);
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${attribute(options.styleUri)}">
<title>SysD Diagram</title>
</head>
<body>
<script nonce="${nonce}" src="${attribute(options.scriptUri)}" data-worker="${attribute(options.workerUri)}"></script>
</body>
</html>
`;
}
