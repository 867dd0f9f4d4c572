// What a user does in the VS Code workbench, as playwright steps: open a file, run a palette command,
// move the cursor, read the Problems panel, the status bar, hovers and suggestions. Every wait is
// bounded and waits for a condition; failures say what was expected.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

// Generous on purpose: a wait only runs this long when something is wrong, and CI machines can be several
// times slower than a quiet developer machine (a steady-state wait here takes well under 10 s).
export const TIMEOUT = Number(process.env.SYSD_E2E_TIMEOUT ?? 45_000);

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Workbench {
    /** @param {import('playwright-core').Page} page @param {string} folder the opened workspace folder */
    constructor(page, folder) {
        this.page = page;
        this.folder = folder;
        this.quickInput = page.locator('.quick-input-widget .quick-input-box input');
        this.editor = page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
    }

    /** Waits until `predicate` (run in the page) returns a truthy value, which it returns. */
    async until(predicate, arg, what, timeout = TIMEOUT) {
        try {
            const handle = await this.page.waitForFunction(predicate, arg, { timeout, polling: 100 });
            return await handle.jsonValue();
        } catch (error) {
            throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`, { cause: error });
        }
    }

    /** Waits until an async Node-side check passes (for things outside the page, like files). */
    async poll(check, what, timeout = TIMEOUT) {
        const deadline = Date.now() + timeout;
        let last;
        while (Date.now() < deadline) {
            last = await check();
            if (last) return last;
            await this.page.waitForTimeout(150);
        }
        throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    }

    async pressEscape(times = 1) {
        for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
    }

    /** Opens the quick input with `key` and types `text`. */
    async quick(key, text) {
        await this.page.keyboard.press(key);
        await this.quickInput.waitFor({ state: 'visible', timeout: TIMEOUT });
        await this.quickInput.fill(text);
    }

    /** Opens a workspace file (path relative to the folder) with Quick Open and waits for its tab. */
    async openFile(relative) {
        await this.quick('Control+P', relative);
        const name = basename(relative);
        const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
        // Click the matching row: pressing Enter races with the list refresh and can open a recent file.
        await this.until(([file, dir]) => [...document.querySelectorAll('.quick-input-widget .monaco-list-row')]
            .some(row => row.querySelector('.label-name')?.textContent?.trim() === file
                && (!dir || (row.querySelector('.label-description')?.textContent ?? '').includes(dir))),
        [name, folder], `Quick Open to list ${relative}`);
        // Located by content, not by position: the list regroups (recently opened, file results) while it fills.
        const exact = new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`);
        let row = this.page.locator('.quick-input-widget .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) });
        if (folder) row = row.filter({ has: this.page.locator('.label-description', { hasText: folder }) });
        await row.first().click();
        await this.until(expected => document.querySelector('.editor-group-container.active .tab.active')?.textContent?.includes(expected),
            name, `the tab of ${relative} to become active`);
        await this.editor.waitFor({ state: 'visible', timeout: TIMEOUT });
        await this.focusEditor();
    }

    /**
     * Waits until the SysD language server runs and has published findings: its status bar item shows
     * the check mark and the Problems count in the status bar is above zero. Fails at once when the item
     * says the server stopped. Returns the number of problems.
     */
    async languageServerReady(timeout) {
        const state = await this.until(() => {
            const item = document.querySelector('[id$="sysd.serverStatus"]');
            if (!item) return false;
            if (item.querySelector('.codicon-error')) return { stopped: true };
            const counts = (document.querySelector('[id="status.problems"]')?.textContent ?? '').match(/\d+/g) ?? [];
            const problems = counts.reduce((sum, n) => sum + Number(n), 0);
            return item.querySelector('.codicon-check') && problems > 0 ? { problems } : false;
        }, undefined, 'the SysD language server to start and publish findings', timeout);
        if (state.stopped) throw new Error('the SysD language server stopped (its status bar item shows the error icon)');
        return state.problems;
    }

    async focusEditor() {
        await this.page.keyboard.press('Control+1');
        await this.until(() => document.activeElement?.closest('.editor-group-container.active .monaco-editor') != null,
            undefined, 'the editor to take the keyboard focus');
    }

    /** Runs a command from the palette by its title ("SysD: Open Preview to the Side"). */
    async runCommand(title) {
        await this.quick('F1', `>${title}`);
        await this.until(expected => [...document.querySelectorAll('.quick-input-widget .monaco-list-row .label-name')]
            .some(label => label.textContent?.replace(/\s+/g, ' ').trim() === expected), title,
        `the command palette to offer "${title}"`);
        const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
        await row.click();
        await this.quickInput.waitFor({ state: 'hidden', timeout: TIMEOUT });
    }

    /** Whether the palette offers a command with this title (with a SysD file active). */
    async hasCommand(title) {
        await this.quick('F1', `>${title}`);
        await this.page.waitForTimeout(300);
        const found = await this.page.evaluate(expected => [...document.querySelectorAll('.quick-input-widget .monaco-list-row .label-name')]
            .some(label => label.textContent?.replace(/\s+/g, ' ').trim() === expected), title);
        await this.pressEscape();
        return found;
    }

    /** Moves the cursor (1-based line and column) with Go to Line, and waits for the status bar to agree. */
    async goTo(line, column) {
        await this.quick('Control+G', `:${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await this.until(([l, c]) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(`Ln ${l}, Col ${c}`),
            [line, column], `the cursor to reach Ln ${line}, Col ${column}`);
    }

    /** Line and column of the cursor, from the status bar. */
    async cursor() {
        const text = await this.page.locator('[id="status.editor.selection"]').innerText({ timeout: TIMEOUT });
        const match = /Ln (\d+), Col (\d+)/.exec(text);
        return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
    }

    /**
     * Puts the cursor `offset` characters into the first occurrence of the word `word` outside comments,
     * at or after line `fromLine` of `lines`. Returns the 1-based position.
     */
    async cursorOn(lines, word, { fromLine = 1, offset = 1 } = {}) {
        const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(word)}(?![\\w-])`);
        const isComment = text => /^\s*(\/\/|\/\*|\*)/.test(text);
        const index = lines.findIndex((text, i) => i + 1 >= fromLine && !isComment(text) && pattern.test(text));
        if (index < 0) throw new Error(`"${word}" does not occur outside comments from line ${fromLine}`);
        const column = lines[index].search(pattern) + 1 + offset;
        await this.goTo(index + 1, column);
        return { line: index + 1, column };
    }

    activeTab() {
        return this.page.locator('.editor-group-container.active .tab.active').innerText({ timeout: TIMEOUT }).then(t => t.replace(/\s+/g, ' ').trim(), () => '');
    }

    /** Opens Problems, filters it by `filter`, and waits until `accept(rowTexts)` holds (returned rows). */
    async problems(filter, accept, what) {
        await this.page.keyboard.press('Control+Shift+M');
        const input = this.page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
        await input.waitFor({ state: 'visible', timeout: TIMEOUT });
        await input.fill(filter);
        if (filter) {
            // The filter applies after a debounce; its badge ("Showing 2 of 16") says it did.
            await this.until(() => /Showing \d+ of \d+|No results/i.test(document.querySelector('.part.panel .viewpane-filter-container')?.textContent ?? ''),
                undefined, `the Problems filter "${filter}" to apply`);
        }
        const deadline = Date.now() + TIMEOUT;
        let rows = [];
        let previous;
        while (Date.now() < deadline) {
            rows = await this.problemRows();
            // Accept only a list that held still between two looks (no half-updated tree).
            if (previous === JSON.stringify(rows) && accept(rows)) return rows;
            previous = JSON.stringify(rows);
            await this.page.waitForTimeout(200);
        }
        throw new Error(`Problems (filter "${filter}") never showed ${what}; it showed:\n  ${rows.join('\n  ') || '(no rows)'}`);
    }

    /** The rendered Problems rows in screen order, a marker row as "file.sysd > message source(code) [Ln, Col]". */
    problemRows() {
        return this.page.evaluate(() => {
            const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')]
                .map(row => ({
                    top: parseFloat(row.style.top || '0'),
                    level: Number(row.getAttribute('aria-level') ?? '1'),
                    name: (row.querySelector('.label-name')?.textContent ?? '').trim(),
                    text: (row.textContent ?? '').replace(/\s+/g, ' ').trim()
                }))
                .sort((a, b) => a.top - b.top);
            let file = '';
            return rows.map(row => {
                if (row.level <= 1) {
                    file = row.name || row.text;
                    return row.text;
                }
                return `${file} > ${row.text}`;
            });
        });
    }

    /** Clears the Problems filter and gives the editor the focus back. */
    async leaveProblems() {
        const input = this.page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
        if (await input.isVisible().catch(() => false)) await input.fill('');
        await this.focusEditor();
    }

    /** Shows the hover at the cursor (Show or Focus Hover, Ctrl+K Ctrl+I) and returns its text. */
    async hoverAtCursor(expectedFragment) {
        await this.page.keyboard.press('Control+K');
        await this.page.keyboard.press('Control+I');
        return this.until(fragment => {
            const hovers = [...document.querySelectorAll('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover .hover-contents')];
            const text = hovers.map(h => h.textContent ?? '').join('\n').replace(/\s+/g, ' ').trim();
            return text.includes(fragment) ? text : '';
        }, expectedFragment, `a hover containing "${expectedFragment}"`);
    }

    /** Labels in the open suggest widget (only rendered rows: narrow the list by typing). */
    suggestions() {
        return this.page.evaluate(() => [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row .label-name')]
            .map(label => (label.textContent ?? '').replace(/\s+/g, ' ').trim()));
    }

    /** The text of the lines the editor has rendered (Monaco writes spaces as no-break spaces). */
    visibleEditorLines() {
        return this.page.evaluate(() => {
            const lines = [...document.querySelectorAll('.editor-group-container.active .editor-instance .view-lines .view-line')];
            return lines
                .map(line => ({ top: parseFloat(line.style.top || '0'), text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
                .sort((a, b) => a.top - b.top)
                .map(line => line.text);
        });
    }

    /** Reverts the active editor's unsaved changes (File: Revert File). */
    async revert() {
        await this.runCommand('File: Revert File');
        await this.until(() => !document.querySelector('.editor-group-container.active .tab.active.dirty'), undefined, 'the active tab to be clean after reverting');
    }

    /** Back to a clean workbench: no quick input, no widgets, every editor reverted and closed. */
    async reset() {
        await this.pressEscape(3);
        for (let guard = 0; guard < 10; guard++) {
            const dirty = this.page.locator('.tab.dirty').first();
            if (!(await dirty.isVisible().catch(() => false))) break;
            await dirty.click();
            await this.revert();
        }
        await this.runCommand('View: Close All Editor Groups');
        await this.until(() => document.querySelectorAll('.tabs-container .tab').length === 0, undefined, 'all editors to close');
    }

    /** What the page showed, for failure reports: the visible text of the workbench, shortened. */
    async visibleText(limit = 4000) {
        const text = await this.page.evaluate(() => document.body?.innerText ?? '').catch(error => `(could not read the page: ${error.message})`);
        const compact = text.replace(/\u00a0/g, ' ').split('\n').map(line => line.trim()).filter(Boolean).join('\n');
        return compact.length > limit ? `${compact.slice(0, limit)}\n...` : compact;
    }

    readWorkspaceFile(relative) {
        return readFileSync(`${this.folder}/${relative}`, 'utf8');
    }
}
