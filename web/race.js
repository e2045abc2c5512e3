// A race of sleeps through the combinators, drawn as a timeline.
import { gather, wait, waitFor, shield, sleep, getLoop, ensureFuture, FIRST_COMPLETED } from '../js/index.js';

const SCALE_MS = 1000;

export function setupCombinators(section) {
  const timeline = section.querySelector('#timeline');
  const button = section.querySelector('#race');

  button.addEventListener('click', async () => {
    button.disabled = true;
    timeline.replaceChildren();
    const start = getLoop().time();
    const lanes = [];
    const lane = (label, future) => {
      const row = document.createElement('div');
      row.className = 'lane';
      row.dataset.testid = `lane-${lanes.length}`;
      row.innerHTML = '<span></span><div class="track"><div class="bar pending"></div></div><span class="outcome">pending</span>';
      row.firstChild.textContent = label;
      timeline.append(row);
      const entry = { future, bar: row.querySelector('.bar'), outcome: row.querySelector('.outcome'), end: null, row };
      lanes.push(entry);
      future.addDoneCallback(() => {
        entry.end = getLoop().time() - start;
        let outcome = 'finished';
        let text;
        if (future.cancelled()) {
          outcome = 'cancelled';
          text = 'cancelled';
        } else if (future.exception() !== null) {
          outcome = 'failed';
          text = future.exception().name;
        } else {
          text = JSON.stringify(future.result());
        }
        entry.bar.className = `bar ${outcome}`;
        entry.outcome.textContent = `${text} @ ${Math.round(entry.end)} ms`;
        row.dataset.outcome = outcome;
      });
      return future;
    };

    const a = lane('sleep(300)', sleep(300, 'a'));
    const b = lane('sleep(600)', sleep(600, 'b'));
    const c = lane('sleep(900)', sleep(900, 'c'));
    lane('gather([a, b, c])', gather([a, b, c]));
    // then() gives a native Promise; ensureFuture makes the lane a Future again.
    lane('wait(FIRST_COMPLETED)', ensureFuture(wait([a, b, c], { returnWhen: FIRST_COMPLETED }).then(({ done }) => `${done.size} done`)));
    const slow = lane('inner of waitFor', sleep(900, 'slow'));
    lane('waitFor(inner, 500)', waitFor(slow, 500));
    const guarded = lane('inner of shield', sleep(600, 'guarded'));
    const shielded = lane('shield(inner)', shield(guarded));
    getLoop().callLater(200, () => shielded.cancel('cancelled at 200 ms'));

    const draw = () => {
      const now = getLoop().time() - start;
      for (const { bar, end } of lanes) bar.style.width = `${Math.min(100, ((end ?? now) / SCALE_MS) * 100)}%`;
      if (lanes.some(({ end }) => end === null)) requestAnimationFrame(draw);
      else {
        button.disabled = false;
        timeline.dataset.done = 'true';
      }
    };
    draw();
  });
}
