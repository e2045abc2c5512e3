// A Mandelbrot picture from C tasks on the thread pool, painted tile by tile
// as asCompleted yields.
import { createThreadPool, threadsAvailable, asCompleted } from '../js/threads.js';

const COLUMNS = 8, ROWS = 8;
const VIEW = { x0: -2.4, y0: -1.2, x1: 1.2, y1: 1.2 };

export function setupThreads(section) {
  const note = section.querySelector('#pool-note');
  const workersInput = section.querySelector('#workers');
  const paint = section.querySelector('#paint');
  const cancel = section.querySelector('#paint-cancel');
  const canvas = section.querySelector('#picture');
  const status = section.querySelector('#paint-status');
  const context = canvas.getContext('2d');
  workersInput.value = String(Math.min(navigator.hardwareConcurrency || 2, 8));
  if (threadsAvailable()) {
    note.textContent = 'This page is cross-origin isolated: the tasks run on threads.';
  } else {
    note.textContent = 'No SharedArrayBuffer here (the page is not cross-origin isolated): ' +
      'the pool fell back to one thread, and runs the tasks on the loop.';
    note.classList.add('fallback');
  }
  let stop = null;

  paint.addEventListener('click', async () => {
    paint.disabled = true;
    cancel.disabled = false;
    context.clearRect(0, 0, canvas.width, canvas.height);
    const tiles = new Map();
    // Cancel counts from the click on: a press while the pool's threads start
    // cancels the tiles as soon as they are submitted.
    let cancelled = false;
    stop = () => {
      cancelled = true;
      for (const future of tiles.keys()) future.cancel('cancelled from the page');
    };
    const pool = await createThreadPool({ workers: Number(workersInput.value) || 1 });
    const width = canvas.width / COLUMNS, height = canvas.height / ROWS;
    for (let row = 0; row < ROWS; row++) {
      for (let col = 0; col < COLUMNS; col++) {
        const x0 = VIEW.x0 + ((VIEW.x1 - VIEW.x0) * col) / COLUMNS;
        const y0 = VIEW.y0 + ((VIEW.y1 - VIEW.y0) * row) / ROWS;
        const future = pool.submit('mandelbrot', x0, y0, x0 + (VIEW.x1 - VIEW.x0) / COLUMNS,
          y0 + (VIEW.y1 - VIEW.y0) / ROWS, width, height, 1500);
        tiles.set(future, { x: col * width, y: row * height });
      }
    }
    const how = pool.threaded ? `${pool.workers} thread${pool.workers > 1 ? 's' : ''}` : 'the loop (no threads)';
    const start = performance.now();
    let painted = 0;
    if (cancelled) stop();
    try {
      for await (const future of asCompleted(tiles.keys())) {
        if (future.cancelled()) continue;
        const { x, y } = tiles.get(future);
        context.putImageData(new ImageData(new Uint8ClampedArray(future.result().buffer), width, height), x, y);
        painted++;
        status.textContent = `${painted}/${tiles.size} tiles on ${how}`;
      }
    } finally {
      const never = [...tiles.keys()].filter((f) => f.cancelled()).length;
      const ms = Math.round(performance.now() - start);
      status.textContent = never > 0
        ? `cancelled: ${painted} tiles painted, ${never} never ran (${ms} ms on ${how})`
        : `${painted}/${tiles.size} tiles in ${ms} ms on ${how}`;
      section.dataset.painted = String(painted);
      await pool.shutdown();
      stop = null;
      paint.disabled = false;
      cancel.disabled = true;
    }
  });

  cancel.addEventListener('click', () => stop?.());
}
