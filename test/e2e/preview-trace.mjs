// Reads the diagram preview's update trace (webview/src/trace.ts): the `sysd:*` performance marks of
// the webview page, host steps included, as milliseconds since a moment of this process's clock (the
// browser, the extension host and this process run on one machine, so their epoch clocks agree).

const ORDER = ['changed', 'requested', 'answered', 'posted', 'received', 'layout-start', 'laid-out', 'drawn', 'painted'];

/**
 * The first update painted after `since` (epoch ms) whose picture has more than `nodesBefore` nodes
 * (groups included): `painted` (ms from `since`), each step's time from `since`, and the steps as one
 * line ("changed +412, requested +413, ..."). Undefined when no such update was recorded.
 */
export async function updateTrace(frame, since, nodesBefore) {
    const marks = await frame.evaluate(() => performance.getEntriesByType('mark')
        .filter(mark => mark.name.startsWith('sysd:'))
        .map(mark => ({ step: mark.name.slice(5), at: performance.timeOrigin + mark.startTime, detail: mark.detail ?? {} })));
    const painted = marks.find(mark => mark.step === 'painted' && mark.at >= since && (mark.detail.nodes ?? 0) > nodesBefore);
    if (!painted) return undefined;
    const update = painted.detail.update;
    const steps = {};
    for (const mark of marks) {
        if (mark.detail.update !== update || steps[mark.step] !== undefined) continue;
        steps[mark.step] = Math.round(mark.at - since);
    }
    const line = ORDER.filter(step => steps[step] !== undefined).map(step => `${step} +${steps[step]}`).join(', ');
    return { painted: steps.painted, steps: line, byStep: steps, patch: painted.detail.patch === true };
}
