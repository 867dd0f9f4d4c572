/**
 * A markdown-it plugin for VS Code's Markdown preview (`markdown.markdownItPlugins`): a fenced
 * ```sysd block shows its text followed by its architecture diagram, and ```mermaid blocks (as in
 * pages written by `sysd export --format markdown`) are drawn too.
 *
 * markdown-it renders synchronously, but turning SysD text into Mermaid takes the language server.
 * So the plugin keeps a cache keyed by the block's text: on a miss it writes a neutral placeholder,
 * asks the server, stores the answer and asks the preview to refresh; on the refresh (a hit) it writes
 * `<pre class="sysd-mermaid">` with the HTML-escaped Mermaid text, which the preview script draws.
 * (Not class `mermaid`: VS Code releases that draw Mermaid themselves would grab and empty the block.)
 * No `vscode` import here: the host passes in how to ask the server and how to refresh.
 */
import type { MarkdownIt, RendererRule } from 'markdown-it';

export type SnippetAnswer = { text: string } | { error: string };

export interface MarkdownPluginDeps {
    /** Asks the language server for the Mermaid text of a SysD snippet. */
    request(text: string): Promise<SnippetAnswer>;
    /** Re-renders the open Markdown previews (VS Code: the `markdown.preview.refresh` command). */
    refresh(): void;
    /** How long to wait before refreshing, so answers arriving together cause one refresh (ms, default 30). */
    refreshDelayMs?: number;
    /** Most snippets remembered (default 200). */
    cacheSize?: number;
}

export interface MarkdownPluginHandle {
    /** Forgets every answer (e.g. after the server restarted). */
    clear(): void;
    /** Requests still running. */
    pending(): number;
}

const HANDLE = Symbol.for('sysd.mermaidPlugin');

/** Installs the plugin on `md` and returns `md` (the shape VS Code's `extendMarkdownIt` expects). */
export function extendMarkdownIt(md: MarkdownIt, deps: MarkdownPluginDeps): MarkdownIt {
    const cache = new Map<string, SnippetAnswer>();
    const inFlight = new Set<string>();
    const limit = deps.cacheSize ?? 200;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const scheduleRefresh = () => {
        if (timer !== undefined) return;
        timer = setTimeout(() => {
            timer = undefined;
            deps.refresh();
        }, deps.refreshDelayMs ?? 30);
    };

    const remember = (key: string, answer: SnippetAnswer) => {
        cache.delete(key);
        cache.set(key, answer);
        while (cache.size > limit) cache.delete(cache.keys().next().value as string);
    };

    const ask = (key: string) => {
        if (inFlight.has(key)) return;
        inFlight.add(key);
        // A request that throws instead of rejecting ends up in the same rejection handler.
        new Promise<SnippetAnswer>(resolve => resolve(deps.request(key))).then(
            result => remember(key, result),
            (error: unknown) => remember(key, { error: error instanceof Error ? error.message : String(error) })
        ).finally(() => {
            inFlight.delete(key);
            scheduleRefresh();
        });
    };

    const fallback: RendererRule = md.renderer.rules.fence ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
    const fence: RendererRule = (tokens, idx, options, env, self) => {
        const token = tokens[idx];
        const language = token.info.trim().split(/\s+/)[0]?.toLowerCase();
        if (language === 'mermaid') return mermaidBlock(token.content);
        if (language !== 'sysd') return fallback(tokens, idx, options, env, self);
        // The text stays readable (it is what the reader would type); the drawing follows it.
        const source = fallback(tokens, idx, options, env, self);
        const key = token.content;
        const cached = cache.get(key);
        if (!cached) {
            ask(key);
            return `${source}<div class="sysd-mermaid-placeholder" role="status">Drawing the SysD diagram…</div>\n`;
        }
        remember(key, cached); // most recently used
        if ('error' in cached) {
            return `${source}<div class="sysd-mermaid-error" role="alert">SysD diagram not available: ${escapeHtml(cached.error)}</div>\n`;
        }
        return source + mermaidBlock(cached.text);
    };
    md.renderer.rules.fence = fence;

    const handle: MarkdownPluginHandle = {
        clear: () => cache.clear(),
        pending: () => inFlight.size
    };
    (md as unknown as Record<symbol, MarkdownPluginHandle>)[HANDLE] = handle;
    return md;
}

/** The handle of the plugin installed on `md`, if any. */
export function pluginHandle(md: MarkdownIt): MarkdownPluginHandle | undefined {
    return (md as unknown as Record<symbol, MarkdownPluginHandle | undefined>)[HANDLE];
}

function mermaidBlock(text: string): string {
    return `<pre class="sysd-mermaid">${escapeHtml(text)}</pre>\n`;
}

function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
