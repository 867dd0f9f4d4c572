// Scenario 4: go to definition jumps from trips.sysd into platform.sysd; rename (F2) changes the
// definition and every reference in both files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIMEOUT } from '../../scripts/e2e/workbench.mjs';
import { assert, lines } from './util.mjs';

const TRIPS = 'ride-sharing/trips.sysd';
const PLATFORM = 'ride-sharing/platform.sysd';
const NEW_NAME = 'DispatchHub';

export default {
    id: '04-definition-rename',
    title: 'F12 on Dispatch.tripRequests jumps to its queue in platform.sysd; F2 renames Dispatch in both files',
    async run(t) {
        const { wb, page } = t;
        const trips = lines(t.examplesDir, TRIPS);
        const platform = lines(t.examplesDir, PLATFORM);
        // `Dispatch.tripRequests` names the queue tripRequests inside broker Dispatch.
        const definitionLine = platform.findIndex(line => /\b(queue|topic) tripRequests\b/.test(line)) + 1;
        const brokerLine = platform.findIndex(line => /\bbroker Dispatch\b/.test(line)) + 1;
        assert(definitionLine > 0 && brokerLine > 0, `${PLATFORM} no longer declares broker Dispatch with tripRequests`);

        await wb.openFile(TRIPS);
        await wb.cursorOn(trips, 'Dispatch', { offset: 2 });
        await page.keyboard.press('F12');
        await wb.until(() => document.querySelector('.editor-group-container.active .tab.active')?.textContent?.includes('platform.sysd'),
            undefined, 'F12 to open platform.sysd');
        const landed = await wb.poll(async () => {
            const at = await wb.cursor();
            return at?.line === definitionLine ? at : undefined;
        }, `the cursor to land on line ${definitionLine} of ${PLATFORM} (the tripRequests queue of Dispatch)`);
        t.note(`F12 landed in platform.sysd at Ln ${landed.line}, Col ${landed.column}`);
        await t.shot('definition');

        // Rename from the definition.
        await wb.cursorOn(platform, 'Dispatch', { fromLine: brokerLine, offset: 2 });
        await page.keyboard.press('F2');
        const input = page.locator('.rename-box input, .rename-box textarea').first();
        await input.waitFor({ state: 'visible', timeout: TIMEOUT });
        await input.fill(NEW_NAME);
        await page.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden', timeout: TIMEOUT });
        await t.shot('renamed');
        await wb.runCommand('File: Save All Files');

        const expectedRefs = trips.filter(line => /\bDispatch\./.test(line)).length;
        const result = await wb.poll(async () => {
            const tripsText = wb.readWorkspaceFile(TRIPS);
            const platformText = wb.readWorkspaceFile(PLATFORM);
            const renamedRefs = (tripsText.match(new RegExp(`\\b${NEW_NAME}\\.`, 'g')) ?? []).length;
            const done = renamedRefs === expectedRefs && !/\bDispatch\b/.test(tripsText)
                && new RegExp(`\\bbroker ${NEW_NAME}\\b`).test(platformText) && !/\bDispatch\b/.test(platformText);
            return done ? { renamedRefs } : undefined;
        }, `both files on disk to say ${NEW_NAME} instead of Dispatch (${expectedRefs} references in trips.sysd and the definition in platform.sysd)`);
        t.note(`saved: trips.sysd has ${result.renamedRefs} ${NEW_NAME}.* references, platform.sysd declares broker ${NEW_NAME}`);
    },
    async cleanup(t) {
        for (const file of [TRIPS, PLATFORM]) writeFileSync(join(t.folder, file), lines(t.examplesDir, file).join('\n'));
    }
};
