import { styleText } from 'node:util';

/**
 * Terminal styles; every function returns the text unchanged when colour is off. They are plain
 * functions, not methods, so they can be passed on by themselves (`strong: c.bold`).
 */
export interface Colors {
    red: (text: string) => string;
    yellow: (text: string) => string;
    blue: (text: string) => string;
    green: (text: string) => string;
    dim: (text: string) => string;
    bold: (text: string) => string;
    underline: (text: string) => string;
    italic: (text: string) => string;
}

type Style = 'red' | 'yellow' | 'blue' | 'green' | 'dim' | 'bold' | 'underline' | 'italic';

/**
 * Styles by Node's `util.styleText`. Whether to colour is decided once, by {@link colorEnabled}, for
 * the stream the text is written to, which is not always process.stdout (the commands write through
 * the functions they are given). So styleText must not decide again by looking at process.stdout:
 * `validateStream: false` turns that check off on the Node versions that have it (20.18 and 22.8 on)
 * and is ignored by the older ones, which never check. One style per call, nested for several, since
 * an array of styles is newer than the oldest Node the CLI supports.
 */
export function colors(enabled: boolean): Colors {
    const style = (format: Style) => (text: string) => (enabled && text ? styleText(format, text, { validateStream: false }) : text);
    return {
        red: style('red'),
        yellow: style('yellow'),
        blue: style('blue'),
        green: style('green'),
        dim: style('dim'),
        bold: style('bold'),
        underline: style('underline'),
        italic: style('italic')
    };
}

/** Colour is used when the output is a terminal, unless NO_COLOR is set (https://no-color.org). */
export function colorEnabled(options: { isTTY: boolean; env: Record<string, string | undefined>; noColor: boolean; forceColor: boolean }): boolean {
    if (options.noColor) return false;
    if (options.forceColor) return true;
    const noColor = options.env.NO_COLOR;
    if (noColor !== undefined && noColor !== '') return false;
    return options.isTTY;
}
