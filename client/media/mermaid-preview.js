// Draws Mermaid blocks in VS Code's Markdown preview. Shipped beside mermaid.min.js (both are
// `markdown.previewScripts` of the SysD extension). VS Code loads preview scripts asynchronously, so
// this small file usually runs before the large Mermaid bundle has been evaluated: drawing waits for
// `window.mermaid`. The preview replaces its content on every edit (and fires
// `vscode.markdown.updateContent`); a MutationObserver also catches blocks that arrive otherwise.
(function () {
    'use strict';

    var SELECTOR = 'pre.sysd-mermaid:not([data-processed])';
    var MERMAID_WAIT_MS = 60000;

    function theme() {
        var body = document.body;
        return body && (body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast')) ? 'dark' : 'default';
    }

    /** Resolves with window.mermaid once the bundle has run (or undefined after a minute). */
    function whenMermaid() {
        if (window.mermaid) return Promise.resolve(window.mermaid);
        return new Promise(function (resolve) {
            var waited = 0;
            var timer = setInterval(function () {
                waited += 50;
                if (window.mermaid || waited >= MERMAID_WAIT_MS) {
                    clearInterval(timer);
                    resolve(window.mermaid);
                }
            }, 50);
        });
    }

    var running = Promise.resolve();
    var scheduled = false;

    function draw() {
        if (scheduled) return running;
        scheduled = true;
        running = running.then(whenMermaid).then(function (mermaid) {
            scheduled = false;
            if (!mermaid) return undefined;
            var nodes = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
            if (nodes.length === 0) return undefined;
            mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme() });
            return mermaid.run({ nodes: nodes, suppressErrors: true }).catch(function () { return undefined; });
        }, function () {
            scheduled = false;
        });
        return running;
    }

    function start() {
        draw();
        if (typeof MutationObserver === 'function' && document.body) {
            new MutationObserver(function () {
                if (document.querySelector(SELECTOR)) draw();
            }).observe(document.body, { childList: true, subtree: true });
        }
    }

    window.addEventListener('vscode.markdown.updateContent', draw);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
