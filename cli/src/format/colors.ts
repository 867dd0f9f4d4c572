/** ANSI styles; every function returns the text unchanged when colour is off. */
export interface Colors {
    red(text: string): string;
    yellow(text: string): string;
    blue(text: string): string;
    green(text: string): string;
    dim(text: string): string;
    bold(text: string): string;
    underline(text: string): string;
}

export function colors(enabled: boolean): Colors {
    const wrap = (open: number, close: number) => (text: string) => (enabled && text ? `\u001b[${open}m${text}\u001b[${close}m` : text);
    return {
        red: wrap(31, 39),
        yellow: wrap(33, 39),
        blue: wrap(34, 39),
        green: wrap(32, 39),
        dim: wrap(2, 22),
        bold: wrap(1, 22),
        underline: wrap(4, 24)
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
