import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { markdownToTerminal, runExplain } from '../../cli/src/explain-command.js';
import { explainEntries, explainMarkdown, resolveExplain, suggestNames } from '../../language/src/knowledge/explain.js';
import { editDistance } from '../../language/src/suggest.js';
import { allTopics, topic } from '../../language/src/knowledge/index.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { explain, explainList } from '../../server/src/knowledge-handler.js';

const ROOT = path.resolve(__dirname, '../..');

function explainCli(argv: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = runExplain(argv, {
        stdout: text => { stdout += text; },
        stderr: text => { stderr += text; },
        cwd: ROOT,
        env,
        isTTY: false
    });
    return { code, stdout, stderr };
}

describe('sysd explain', () => {
    it('prints the leaderless topic for `sysd explain leaderless`', () => {
        const { code, stdout, stderr } = explainCli(['leaderless']);
        expect(code).toBe(0);
        expect(stderr).toBe('');
        const t = topic('leaderless-replication')!;
        expect(stdout.startsWith('Leaderless replication\n======================\n')).toBe(true);
        for (const heading of ['When to use it', 'Trade-offs', 'What goes wrong without it']) expect(stdout).toContain(`\n${heading}\n`);
        // Decorations are gone and the text is wrapped at 100 columns.
        expect(stdout).not.toMatch(/\*\*|`|^#/m);
        for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
        const flat = stdout.replace(/\s+/g, ' ');
        expect(flat).toContain(t.gist);
        expect(flat).toContain('Quorums (n, w, r) (quorums)');
        expect(flat).toContain('Checked by: quorum-no-overlap');
        expect(flat).toContain('• No failover pause and no single write bottleneck');
        // Sources by the notes' titles and headings, without note numbers or Markdown marks.
        expect(stdout).toContain('\nSources:\n');
        expect(flat).toContain('• System Design Notes (study notes after Designing Data-Intensive Applications, ByteByteGo and the System Design Primer), section "Leaderless Replication"');
        expect(stdout).not.toMatch(/\b00\d ›/);
    });

    it('accepts topic ids, rule ids and prefixes, and wraps at the terminal width', () => {
        expect(explainCli(['leaderless-replication']).stdout).toBe(explainCli(['leaderless']).stdout);
        const narrow = explainCli(['quorums'], { COLUMNS: '60' });
        expect(narrow.code).toBe(0);
        for (const line of narrow.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
        expect(explainCli(['--width', '50', 'quorums']).stdout.split('\n').every(l => l.length <= 50)).toBe(true);
    });

    it("prints a rule's page with the topics behind it", () => {
        const { code, stdout } = explainCli(['quorum-no-overlap']);
        expect(code).toBe(0);
        expect(stdout.startsWith('quorum-no-overlap\n=================\n')).toBe(true);
        expect(stdout).toContain('What it detects');
        expect(stdout).toContain('    database Events : cassandra {'); // code blocks kept, indented
        expect(stdout).toContain('Related topics');
        expect(stdout).toContain('• Quorums (n, w, r) (quorums): ');
        expect(stdout.match(/Related topics/g)).toHaveLength(1); // the page's own "Learn more" is replaced
        // A name that is both a topic and a rule: the topic by default, the rule with `rule:`.
        expect(explainCli(['modulo-partitioning']).stdout.startsWith('Modulo partitioning\n')).toBe(true);
        expect(explainCli(['rule:modulo-partitioning']).stdout.startsWith('modulo-partitioning\n')).toBe(true);
    });

    it('lists all topics and rules without an argument', () => {
        const { code, stdout } = explainCli([]);
        expect(code).toBe(0);
        expect(stdout).toContain(`Topics (${allTopics().length}):`);
        expect(stdout).toContain(`Rules (${ALL_RULES.length}):`);
        expect(stdout).toMatch(/^ {2}leaderless-replication +Leaderless replication$/m);
        expect(stdout).toMatch(/^ {2}quorum-no-overlap +A leaderless store/m);
    });

    it('suggests close names for an unknown one and exits with 2', () => {
        const { code, stdout, stderr } = explainCli(['circut-breaker']);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toContain("no topic or rule named 'circut-breaker'. Did you mean: circuit-breaker");
        expect(explainCli(['leaderles']).stderr).toMatch(/Did you mean: leaderless\b/);
        expect(explainCli(['--bogus']).code).toBe(2);
        expect(explainCli(['--bogus']).stderr).toBe("sysd: Unknown option '--bogus'.\nRun 'sysd explain --help' for usage.\n");
        expect(explainCli(['--width', '5', 'quorums']).code).toBe(2);
        expect(explainCli(['--help']).stdout).toContain('Usage: sysd explain');
    });
});

describe('explain helpers', () => {
    it('resolves names and computes edit distances', () => {
        expect(resolveExplain('outbox')).toEqual({ kind: 'topic', id: 'transactional-outbox' });
        expect(resolveExplain('read repair')).toEqual({ kind: 'topic', id: 'read-repair' });
        expect(resolveExplain('shared-database')).toEqual({ kind: 'topic', id: 'shared-database' });
        expect(resolveExplain('rule:shared-database')).toEqual({ kind: 'rule', id: 'shared-database' });
        expect(resolveExplain('topic:nope')).toBeUndefined();
        expect(resolveExplain('external')).toEqual({ kind: 'topic', id: 'compensating-transaction' });
        // Every suggestion resolves.
        for (const name of suggestNames('leaderles')) expect(resolveExplain(name), name).toBeDefined();
        expect(editDistance('kitten', 'sitting')).toBe(3);
        expect(suggestNames('cqrss')).toContain('cqrs');
        expect(suggestNames('zzzzzzzzzzzzzz')).toEqual([]);
    });

    it('lists every topic and rule once', () => {
        const entries = explainEntries();
        expect(entries.filter(e => e.kind === 'topic')).toHaveLength(allTopics().length);
        expect(entries.filter(e => e.kind === 'rule')).toHaveLength(ALL_RULES.length);
    });

    it('renders terminal text from Markdown', () => {
        const text = markdownToTerminal('# Title\n\nSome **bold** and `code` with a [link](x.md).\n\n- one\n- two', 40);
        expect(text).toBe('Title\n=====\n\nSome bold and code with a link.\n\n• one\n• two\n');
    });
});

describe('knowledge requests of the language server', () => {
    const docsUrl = (id: string) => pathToFileURL(path.join(ROOT, 'docs/rules', `${id}.md`)).href;

    it('lists topics and rules with their gists', () => {
        const list = explainList();
        expect(list.find(i => i.kind === 'topic' && i.id === 'leaderless-replication')).toEqual({
            kind: 'topic', id: 'leaderless-replication', title: 'Leaderless replication', gist: topic('leaderless-replication')!.gist
        });
        expect(list.find(i => i.kind === 'rule' && i.id === 'quorum-no-overlap')?.gist).toContain('w + r <= n');
    });

    it('explains a topic with links to the shipped pages and a rule with its page', () => {
        const t = explain({ id: 'leaderless' }, docsUrl)!;
        expect(t.kind).toBe('topic');
        expect(t.markdown.startsWith('# Leaderless replication\n')).toBe(true);
        expect(t.markdown).toContain(`[Quorums (n, w, r)](${pathToFileURL(path.join(ROOT, 'docs/topics/quorums.md')).href})`);
        expect(t.markdown).toContain(`[\`quorum-no-overlap\`](${docsUrl('quorum-no-overlap')})`);
        expect(t.markdown).toContain('\n- Designing Data-Intensive Applications (book notes), section "Multi-Leader Replication › Leaderless Replication"');
        expect(t.markdown).not.toMatch(/\b00\d ›/);
        const rule = explain({ id: 'quorum-no-overlap', kind: 'rule' }, docsUrl)!;
        const page = readFileSync(path.join(ROOT, 'docs/rules/quorum-no-overlap.md'), 'utf8');
        expect(rule.markdown.startsWith(page.split('\n## Learn more')[0].trimEnd())).toBe(true);
        expect(rule.markdown).toContain('## Related topics');
        expect(explain({ id: 'nothing-like-this' }, docsUrl)).toBeNull();
        expect(explainMarkdown({ kind: 'rule', id: 'quorum-no-overlap' })).toContain('> A leaderless store');
    });

    it('links relative to the sysd-explain: page for the editor, since its preview refuses file: links', () => {
        const t = explain({ id: 'leaderless', links: 'explain' }, docsUrl)!;
        expect(t.markdown).toContain('[Quorums (n, w, r)](../topic/quorums.md)');
        expect(t.markdown).toContain('[`quorum-no-overlap`](../rule/quorum-no-overlap.md)');
        expect(t.markdown).not.toContain('file:');
        const rule = explain({ id: 'quorum-no-overlap', kind: 'rule', links: 'explain' }, docsUrl)!;
        expect(rule.markdown).toMatch(/\]\(\.\.\/topic\/[a-z0-9-]+\.md\)/);
        expect(rule.markdown).not.toContain('file:');
    });
});
