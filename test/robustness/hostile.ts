/**
 * Strings that try to act instead of show: terminal escapes, controls, bidi overrides, markup and
 * script, Mermaid and Markdown syntax, very long and malformed Unicode. Every exporter must keep
 * each of them inert in its target (tests in test/robustness import this list).
 */
export const HOSTILE: readonly string[] = [
    // Terminal control: CSI colour and screen clearing, OSC window title and hyperlink, BEL, NUL.
    '\u001b[31mred\u001b[0m', '\u001b[2J\u001b[H', '\u001b]0;pwned\u0007', '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\',
    'bell\u0007', 'nul\u0000byte', 'back\bspace', 'del\u007f',
    // C1 controls (CSI, OSC, NEL as single code points).
    '\u009b31mc1csi', '\u009d0;title\u009c', 'next\u0085line',
    // Bidi overrides and isolates (the "Trojan source" characters), marks.
    'admin\u202e\u2066txt.exe\u2069', '\u202dforced\u202c', '\u200fmark\u200e', '\u061carabic mark',
    // Markup and script.
    '<img src=x onerror=alert(1)>', '"]]></script><script>alert(1)</script>', '<svg onload=alert(1)>', '</title><script>x</script>',
    "'\"><a href=javascript:alert(1)>x</a>", '<!-- comment -->', '<![CDATA[x]]>', '&amp; &lt; &#0; &#x1b;',
    // Mermaid syntax breakers.
    'A-->B', 'A---B', '%%{init: {"securityLevel": "loose"}}%%', '%% comment', 'pi|pe', 'open[', 'close]', 'paren(', 'paren)',
    '{brace}', 'say "hi"', 'back`tick`', '```fence```', 'hash#tag', '#quot;', 'semi;colon', 'click A callback', 'end', 'subgraph',
    'style A fill:#f00', 'classDef x fill:red', 'linkStyle 0 stroke:red', 'participant', 'Note over A', 'alt', 'else', 'loop', 'ﬂ°°35¶ß',
    // Markdown syntax breakers.
    '# heading', '| cell | cell |', '[link](javascript:alert(1))', '![img](x)', '*bold* _it_', '> quote', '- item', '1. item', '---',
    '\\', '<https://example.com>',
    // Line structure.
    'new\nline', 'carriage\rreturn', 'crlf\r\nline', 'tab\there', 'line\u2028separator', 'para\u2029separator', '\n\n\n',
    // Whitespace and emptiness.
    '', ' ', '\u00a0', '\u200b', '\ufeffbom',
    // Unicode edge cases: lone surrogates, noncharacters, astral and combining text.
    '\ud800lone high', 'lone low\udc00', 'z\u0335\u0336\u0337algo', '🚀 日本語 ünïcødé', '\uffff\ufffe',
    // Very long.
    'x'.repeat(10_000), '<'.repeat(2_000), '"'.repeat(1_000) + '\u001b'.repeat(1_000)
];

/** Characters that must never reach an exported text raw: C0 (but line feed), DEL, C1, bidi controls, lone surrogates. */
export function rawControls(text: string, allowed: readonly string[] = ['\n']): string[] {
    const found: string[] = [];
    for (const ch of text) {
        const code = ch.codePointAt(0)!;
        const bad = (code <= 0x1f || (code >= 0x7f && code <= 0x9f)
            || code === 0x061c || code === 0x200e || code === 0x200f
            || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
            || (code >= 0xd800 && code <= 0xdfff)) && !allowed.includes(ch);
        if (bad) found.push(`U+${code.toString(16).padStart(4, '0')}`);
    }
    return [...new Set(found)];
}
