// jsdom ships without type declarations; the Mermaid tests only need its window.
declare module 'jsdom' {
    export class JSDOM {
        constructor(html?: string, options?: Record<string, unknown>);
        readonly window: Window & typeof globalThis;
    }
}
