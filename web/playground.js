// Playground: futures finished from buttons; callbacks logged with the drain
// they ran in.
import { Future, getLoop } from '../js/index.js';
import { makeLog } from './log.js';

export function setupPlayground(section) {
  const list = section.querySelector('#futures');
  const log = makeLog(section.querySelector('#log'));
  const valueInput = section.querySelector('#value');
  const messageInput = section.querySelector('#message');
  const loop = getLoop();
  const cards = [];
  let count = 0;

  const refresh = () => {
    for (const { future, badge, repr } of cards) {
      badge.textContent = future.state;
      badge.className = `badge ${future.state}`;
      repr.textContent = String(future);
    }
  };
  const attempt = (label, action) => {
    try {
      action();
    } catch (error) {
      log(`${label}: ${error.name}: ${error.message}`, 'error');
    }
    refresh();
  };
  const parse = (text) => (text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text);

  section.querySelector('#new-future').addEventListener('click', () => {
    const id = ++count;
    const future = new Future();
    const item = document.createElement('li');
    item.className = 'future';
    item.dataset.testid = `future-${id}`;
    item.innerHTML = `<div class="head"><strong>#${id}</strong><span class="badge"></span><code></code></div>
      <div class="actions">
        <button class="small" data-action="result">Set result</button>
        <button class="small" data-action="exception">Set exception</button>
        <button class="small" data-action="cancel">Cancel</button>
        <button class="small" data-action="callback">Add done-callback</button>
        <button class="small" data-action="await">Await</button>
      </div>`;
    const card = { future, badge: item.querySelector('.badge'), repr: item.querySelector('code') };
    cards.push(card);
    list.append(item);
    let callbacks = 0;
    const actions = {
      result: () => attempt(`#${id}.setResult`, () => future.setResult(parse(valueInput.value))),
      exception: () => attempt(`#${id}.setException`, () => future.setException(new Error(messageInput.value))),
      cancel: () => attempt(`#${id}.cancel`, () => log(`#${id}.cancel() → ${future.cancel(messageInput.value)}`)),
      callback: () => {
        const n = ++callbacks;
        future.addDoneCallback((f) => {
          log(`drain ${loop.drainCount()} · #${id} done-callback ${n}: ${f}`, 'drain');
          refresh();
        });
        log(`#${id}: added done-callback ${n}`);
      },
      await: async () => {
        log(`#${id}: awaiting`);
        try {
          const value = await future;
          log(`drain ${loop.drainCount()} · #${id} await → ${String(value)}`, 'drain');
        } catch (error) {
          log(`drain ${loop.drainCount()} · #${id} await threw ${error.name}: ${error.message}`, 'error');
        }
        refresh();
      },
    };
    item.addEventListener('click', (event) => actions[event.target.dataset.action]?.());
    log(`#${id}: new Future() → ${future}`);
    refresh();
  });
}
