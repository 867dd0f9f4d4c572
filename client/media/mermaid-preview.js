// Draws Mermaid blocks in VS Code's Markdown preview. Loaded after mermaid.min.js (both are
// `markdown.previewScripts` of the SysD extension). The preview replaces its content on every edit
// and then fires `vscode.markdown.updateContent`: the new blocks are drawn again then.
(function () {
    'use strict';

    function theme() {
        var body = document.body;
        return body && (body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast')) ? 'dark' : 'default';
    }

    var running = Promise.resolve();

    function draw() {
        running = running.then(function () {
            var mermaid = window.mermaid;
            if (!mermaid) return undefined;
            var nodes = Array.prototype.slice.call(document.querySelectorAll('pre.sysd-mermaid:not([data-processed])'));
            if (nodes.length === 0) return undefined;
            mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme() });
            return mermaid.run({ nodes: nodes, suppressErrors: true }).catch(function () { return undefined; });
        });
        return running;
    }

    window.addEventListener('vscode.markdown.updateContent', draw);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
    else draw();
})();
