import type { Position, Range } from '../model/types.js';

/** Offsets of line starts, for converting between offsets and LSP positions. */
export class LineIndex {
    private readonly starts: number[] = [0];

    constructor(readonly text: string) {
        for (let i = 0; i < text.length; i++) {
            if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
        }
    }

    offset(position: Position): number {
        const start = this.starts[Math.min(position.line, this.starts.length - 1)] ?? 0;
        return Math.min(start + position.character, this.text.length);
    }

    position(offset: number): Position {
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.starts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return { line: low, character: offset - this.starts[low] };
    }

    line(n: number): string {
        const start = this.starts[n];
        if (start === undefined) return '';
        const end = n + 1 < this.starts.length ? this.starts[n + 1] - 1 : this.text.length;
        return this.text.slice(start, end).replace(/\r$/, '');
    }

    get lineCount(): number {
        return this.starts.length;
    }

    slice(range: Range): string {
        return this.text.slice(this.offset(range.start), this.offset(range.end));
    }
}

/**
 * Same-length copy of `text` with comments and string literals blanked out (line breaks kept), so
 * patterns searched in it never match inside a comment or a string and offsets stay valid.
 */
export function maskCommentsAndStrings(text: string): string {
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        const next = text[i + 1];
        let stop: number;
        if (ch === '/' && next === '/') {
            const newline = text.indexOf('\n', i);
            stop = newline < 0 ? text.length : newline;
        } else if (ch === '/' && next === '*') {
            const close = text.indexOf('*/', i + 2);
            stop = close < 0 ? text.length : close + 2;
        } else if (ch === '"' || ch === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            stop = Math.min(j + 1, text.length);
        } else {
            out.push(ch);
            i++;
            continue;
        }
        out.push(text.slice(i, stop).replace(/[^\n]/g, ' '));
        i = stop;
    }
    return out.join('');
}
