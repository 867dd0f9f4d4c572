// Scenario 7: turning a rule off in the user setting `sysd.rules` (edited in the Settings JSON editor)
// removes its finding while the workbench keeps running (no reload); removing the setting brings it back.
import { readFileSync, writeFileSync } from 'node:fs';
import { rowFor } from './util.mjs';

/** Replaces the user settings through the Settings JSON editor, the way a user edits them, and saves. */
async function editUserSettings(t, settings) {
    const { wb, page } = t;
    await wb.runCommand('Preferences: Open User Settings (JSON)');
    await wb.until(() => document.querySelector('.editor-group-container.active .tab.active')?.textContent?.includes('settings.json'),
        undefined, 'the user settings.json editor');
    await wb.focusEditor();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify(settings));
    // The JSON editor closes quotes and braces as they are typed: drop what it added after the cursor.
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await wb.runCommand('File: Save');
    const wanted = JSON.stringify(settings['sysd.rules'] ?? null);
    await wb.poll(async () => {
        try {
            const saved = JSON.parse(readFileSync(t.settingsFile, 'utf8'));
            return JSON.stringify(saved['sysd.rules'] ?? null) === wanted;
        } catch {
            return false;
        }
    }, `settings.json to be saved with "sysd.rules": ${wanted}`);
    await t.shot(`settings-json-${settings['sysd.rules'] ? 'rule-off' : 'restored'}`);
    await wb.pressEscape(2);
    await wb.focusEditor();
}

const FILE = 'online-store.sysd';
const RULE = 'shared-database';

export default {
    id: '07-settings',
    title: 'sysd.rules { "shared-database": "off" } in user settings removes its finding without a reload',
    async run(t) {
        const { wb, page } = t;
        await wb.openFile(FILE);
        await wb.problems(RULE, rows => rowFor(rows, FILE, RULE) !== undefined, `the ${RULE} finding before the change`);
        await wb.leaveProblems();
        const marker = await page.evaluate(() => { window.__sysdNoReload = true; return true; });
        await editUserSettings(t, { ...t.userSettings, 'sysd.rules': { [RULE]: 'off' } });
        await wb.problems(RULE, rows => rowFor(rows, FILE, RULE) === undefined, `the ${RULE} finding to disappear after turning the rule off`);
        await t.shot('rule-off');
        const notReloaded = await page.evaluate(() => window.__sysdNoReload === true);
        if (!marker || !notReloaded) throw new Error('the workbench reloaded while the setting changed');
        // Other rules still report: the server is alive and only this rule went quiet.
        await wb.problems('dual-write-without-outbox', rows => rowFor(rows, FILE, 'dual-write-without-outbox') !== undefined,
            'the other findings of the file to stay');
        await editUserSettings(t, t.userSettings);
        await wb.problems(RULE, rows => rowFor(rows, FILE, RULE) !== undefined, `the ${RULE} finding to come back once the setting is removed`);
        await wb.leaveProblems();
    },
    async cleanup(t) {
        writeFileSync(t.settingsFile, JSON.stringify(t.userSettings, null, 2));
    }
};
