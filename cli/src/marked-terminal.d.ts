// marked-terminal ships without type declarations; these cover what `sysd explain` uses of it
// (option names and meanings from its README and index.js, version 7.3).
declare module 'marked-terminal' {
    import type { MarkedExtension } from 'marked';

    /** Styles a piece of rendered text (a chalk function by default). */
    type Style = (text: string) => string;

    export interface TerminalRendererOptions {
        code?: Style;
        blockquote?: Style;
        html?: Style;
        heading?: Style;
        firstHeading?: Style;
        hr?: Style;
        listitem?: Style;
        table?: Style;
        paragraph?: Style;
        strong?: Style;
        em?: Style;
        codespan?: Style;
        del?: Style;
        link?: Style;
        href?: Style;
        text?: Style;
        /** Turn HTML entities (`&amp;`) into the characters they stand for. */
        unescape?: boolean;
        /** Turn `:name:` into emoji. */
        emoji?: boolean;
        /** The width `reflowText` wraps at. */
        width?: number;
        /** Print `#` before headings. */
        showSectionPrefix?: boolean;
        /** Re-wrap paragraphs and headings at `width`. */
        reflowText?: boolean;
        /** Spaces (or a string of tabs) to indent lists, quotes and code blocks by. */
        tab?: number | string;
        /** Passed to cli-table3 for tables. */
        tableOptions?: Record<string, unknown>;
    }

    export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
