// Runs one generated scenario on the real runtime and on the reference model
// side by side, and fails at the first difference with a readable account.
//
// A scenario is a list of rounds. A round is a list of operations run back to
// back in one synchronous stretch, so the loop cannot run in between (and any
// callback that runs during a round ran synchronously, which is a failure).
// After each round the world settles: it queues one sentinel with callSoon
// (so the loop drains even when only timers became due) and waits for a
// macrotask; every drain is a microtask, so by then the loop is idle. The
// model drains its own queue at the same point.
//
// Time is the fake clock's (clock.js): it moves only in `advance` operations,
// so which timers are due at a drain is exact in both worlds.
import { Observation, Outcome, attempt, same, show } from './compare.js';
import * as ref from './reference.js';

/** An object whose then adopts ADOPTED: a future storing it keeps it as it is, but await adopts it (Promises/A+). */
export const ADOPTED = Object.freeze({ adopted: true });
export function adoptingThenable() {
  return { then(resolve) { resolve(ADOPTED); } };
}
const isAdoptingThenable = (v) => v !== null && typeof v === 'object' && typeof v.then === 'function';

const NEVER_RETRIEVED = 'Future exception was never retrieved';
const MAX_FUTURES = 10;
const macrotask = () => new Promise((resolve) => setImmediate(resolve));

/** Whether result()/exception() must give the same object on every call (asyncio: they do). */
function sameObjectEachTime(value) {
  if (value instanceof Uint8Array) return ref.anything('bytes are copied out');
  // KNOWN: a gather's list of results is a new array on every result() call (asyncio: the same list).
  if (value?.[ref.DESCRIBED] === 'list') return ref.anything('KNOWN: gather results are a new array per read');
  // KNOWN: an error the C core stored (a gather's CancelledError, waitFor's TimeoutError) is a new
  // Error object on every exception()/result() call (asyncio: the one stored exception).
  if (value?.[ref.DESCRIBED] === 'CancelledError' || value?.[ref.DESCRIBED] === 'TimeoutError') {
    return ref.anything('KNOWN: C-made errors are a new object per read');
  }
  return true;
}

export class ModelMismatch extends Error {
  constructor(message) {
    super(message);
    this.name = 'ModelMismatch';
  }
}

/**
 * @param api the package's exports
 * @param clock the fake clock
 * @param {{ callbacks: Array<{ throws: boolean, nested: object|null }>, futures?: number, timersApart?: boolean }} scenario
 *   callbacks: the run's callback definitions (the last ones are usually leaves: no nested op);
 *   timersApart: compare timer callbacks only among themselves (order by due time, then scheduling)
 *   and ready-queue callbacks only among themselves, not how the two interleave.
 */
export class World {
  constructor(api, clock, { callbacks, futures = 3, timersApart = false }) {
    this.api = api;
    this.loop = api.getLoop();
    this.clock = clock;
    this.timersApart = timersApart;
    this.definitions = callbacks.map((c, i) => ({
      ...c,
      name: `cb${i}`,
      error: c.throws ? new Error(`thrown by cb${i}`) : null,
    }));
    this.trace = [];
    this.disposed = false;
    this.inRound = false;
    this.settledLog = 0;

    // The runtime's side.
    this.real = {
      futures: Array.from({ length: futures }, () => new api.Future()),
      handles: [],
      tokens: new Map(),
      log: [],
      outcomes: [],
      reports: [],
      subscriptions: [],
      functions: this.definitions.map((d) => this.#realCallback(d)),
    };
    this.loop.setExceptionHandler((loop, context) => {
      if (context.message === NEVER_RETRIEVED) return; // garbage collection's timing, not the model's business
      this.real.reports.push({
        message: context.message,
        exception: context.exception,
        future: context.future === undefined ? undefined : this.#realLabel(context.future),
      });
    });

    // The model's side.
    const loop = new ref.ModelLoop(clock.now());
    this.model = {
      loop,
      futures: Array.from({ length: futures }, () => new ref.ModelFuture(loop)),
      handles: [],
      log: [],
      outcomes: [],
      reports: [],
      subscriptions: [],
    };
  }

  // ---- the real runtime ----

  #realLabel(x) {
    if (this.api.isFuture(x)) {
      const i = this.real.futures.indexOf(x);
      return i >= 0 ? `F${i}` : 'F?';
    }
    return typeof x === 'string' ? x : `?${show(x)}`;
  }

  #realCallback(definition) {
    const world = this;
    // A named function, so the loop's report names it.
    const fn = {
      [definition.name](arg, ...rest) {
        if (world.disposed) return;
        const timer = typeof arg === 'string' ? world.real.tokens.get(arg) : undefined;
        world.real.log.push({
          cb: definition.name,
          arg: world.#realLabel(arg),
          args: 1 + rest.length,
          done: world.api.isFuture(arg) ? arg.done() : null,
          due: timer instanceof world.api.TimerHandle ? world.loop.time() >= timer.when() : null,
          inRound: world.inRound,
          drain: world.loop.drainCount(),
        });
        if (definition.nested) world.real.outcomes.push(world.#runReal(definition.nested));
        if (definition.throws) throw definition.error;
      },
    }[definition.name];
    return fn;
  }

  #realFuture(i) {
    return this.real.futures[i % this.real.futures.length];
  }

  #subscribeReal(kind, future) {
    const sub = { kind, state: 'pending', value: undefined, calls: 0, duringRound: false, returnedPromise: null };
    const settle = (state) => (value) => {
      sub.calls++;
      sub.duringRound ||= this.inRound;
      if (sub.state === 'pending') Object.assign(sub, { state, value });
    };
    if (kind === 'then') {
      // The SPEC: then returns a native Promise, as JS expects of a chain.
      sub.returnedPromise = future.then(settle('fulfilled'), settle('rejected')) instanceof Promise;
    } else if (kind === 'await') {
      (async () => {
        try {
          settle('fulfilled')(await future);
        } catch (error) {
          settle('rejected')(error);
        }
      })();
    } else {
      future.toPromise().then(settle('fulfilled'), settle('rejected'));
    }
    this.real.subscriptions.push(sub);
  }

  #observeReal(f) {
    const exception = attempt(() => f.exception());
    const again = attempt(() => f.exception());
    const result = attempt(() => f.result());
    const resultAgain = attempt(() => f.result());
    return new Observation({
      state: f.state,
      done: f.done(),
      cancelled: f.cancelled(),
      result,
      exception,
      // asyncio hands out the one stored object every time (a cancelled future's
      // CancelledError is new on each call there too, and bytes are copied out,
      // so those are not compared).
      sameException: !exception.threw && !again.threw ? Object.is(exception.value, again.value) : null,
      sameResult: !result.threw && !resultAgain.threw ? Object.is(result.value, resultAgain.value) : null,
      string: f.toString(),
    });
  }

  #addReal(future) {
    if (!future) return undefined;
    this.real.futures.push(future);
    return this.#realLabel(future);
  }

  #runReal(op) {
    const r = this.real;
    switch (op.op) {
      case 'setResult': return attempt(() => this.#realFuture(op.f).setResult(op.value));
      case 'setException': return attempt(() => this.#realFuture(op.f).setException(op.reason));
      case 'cancel':
        return attempt(() => ('msg' in op ? this.#realFuture(op.f).cancel(op.msg) : this.#realFuture(op.f).cancel()));
      case 'addDoneCallback': return attempt(() => this.#realFuture(op.f).addDoneCallback(r.functions[op.cb]));
      case 'removeDoneCallback': return attempt(() => this.#realFuture(op.f).removeDoneCallback(r.functions[op.cb]));
      case 'observe': return attempt(() => this.#observeReal(this.#realFuture(op.f)));
      case 'then': case 'await': case 'toPromise':
        return attempt(() => this.#subscribeReal(op.op, this.#realFuture(op.f)));
      case 'callSoon': case 'callLater': case 'callAt': {
        const token = `${op.op === 'callSoon' ? 'S' : 'T'}${r.handles.length}`;
        return attempt(() => {
          const fn = r.functions[op.cb];
          const handle = op.op === 'callSoon' ? this.loop.callSoon(fn, token)
            : op.op === 'callLater' ? this.loop.callLater(op.delay, fn, token)
              : this.loop.callAt(this.clock.now() + op.delay, fn, token);
          r.handles.push(handle);
          r.tokens.set(token, handle);
          return op.op === 'callSoon' ? token : `${token} when=${handle.when()}`;
        });
      }
      case 'cancelHandle':
        if (r.handles.length === 0) return new Outcome(false, 'no handle');
        return attempt(() => r.handles[op.h % r.handles.length].cancel());
      case 'handleCancelled':
        if (r.handles.length === 0) return new Outcome(false, 'no handle');
        return attempt(() => r.handles[op.h % r.handles.length].cancelled());
      case 'gather':
        if (r.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addReal(this.api.gather(op.fs.map((i) => this.#realFuture(i)),
          op.returnExceptions === undefined ? undefined : { returnExceptions: op.returnExceptions })));
      case 'shield':
        if (r.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addReal(this.api.shield(this.#realFuture(op.f))));
      case 'waitFor':
        if (r.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addReal(this.api.waitFor(this.#realFuture(op.f), op.timeout)));
      case 'sleep':
        if (r.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addReal(this.api.sleep(op.delay, op.value)));
      case 'advance':
        this.clock.advance(op.ms);
        return new Outcome(false, undefined);
      default:
        throw new Error(`unknown operation ${op.op}`);
    }
  }

  // ---- the model ----

  #modelLabel(x) {
    if (x instanceof ref.ModelFuture) return `F${this.model.futures.indexOf(x)}`;
    return x;
  }

  #modelFuture(i) {
    return this.model.futures[i % this.model.futures.length];
  }

  #runUserModel(definition, arg, drain, { future = null, timer = false } = {}) {
    this.model.log.push({
      cb: definition.name,
      arg: this.#modelLabel(future ?? arg),
      args: 1,
      done: future ? future.done() : null,
      due: timer ? true : null,
      inRound: false,
      drain,
    });
    if (definition.nested) this.model.outcomes.push(this.#runModel(definition.nested));
    if (definition.throws) {
      this.model.reports.push({
        message: `Exception in callback ${definition.name}`,
        exception: definition.error,
        future: future ? this.#modelLabel(future) : undefined,
      });
    }
  }

  /** Runs one item of the model's ready queue; the model itself must never throw. */
  #runItem(item, drain) {
    try {
      this.#runItemUnguarded(item, drain);
    } catch (error) {
      const what = error instanceof Error ? error.stack : show(error);
      throw new Error(`the reference model threw (a bug in the model, not the runtime): ${what}\n${this.trace.join('\n')}`);
    }
  }

  #runItemUnguarded(item, drain) {
    if (item.sentinel) return;
    if (item.future) {
      if (item.callback.internal) item.callback.internal(item.future);
      else this.#runUserModel(item.callback.user, null, drain, { future: item.future });
    } else if (item.internal) {
      item.internal();
    } else {
      this.#runUserModel(item.definition, item.token, drain, { timer: item.when !== undefined });
    }
  }

  #observeModel(f) {
    const exception = attempt(() => f.exception());
    const result = attempt(() => f.result());
    return new Observation({
      state: f.state,
      done: f.done(),
      cancelled: f.state === 'CANCELLED',
      result,
      exception,
      sameException: exception.threw ? null : sameObjectEachTime(exception.value),
      sameResult: result.threw ? null : sameObjectEachTime(result.value),
      string: f.toStringPattern(),
    });
  }

  #addModel(future) {
    this.model.futures.push(future);
    return this.#modelLabel(future);
  }

  #runModel(op) {
    const m = this.model;
    switch (op.op) {
      case 'setResult': return attempt(() => this.#modelFuture(op.f).setResult(op.value));
      case 'setException': return attempt(() => this.#modelFuture(op.f).setException(op.reason));
      case 'cancel': return attempt(() => this.#modelFuture(op.f).cancel(op.msg));
      case 'addDoneCallback':
        return attempt(() => this.#modelFuture(op.f).addCallback({ user: this.definitions[op.cb] }));
      case 'removeDoneCallback': return attempt(() => this.#modelFuture(op.f).removeUser(this.definitions[op.cb]));
      case 'observe': return attempt(() => this.#observeModel(this.#modelFuture(op.f)));
      case 'then': case 'await': case 'toPromise':
        m.subscriptions.push({ kind: op.op, future: this.#modelFuture(op.f) });
        return new Outcome(false, undefined);
      case 'callSoon': case 'callLater': case 'callAt': {
        const token = `${op.op === 'callSoon' ? 'S' : 'T'}${m.handles.length}`;
        const item = { definition: this.definitions[op.cb], token };
        if (op.op === 'callSoon') {
          m.handles.push(m.loop.enqueue(item));
          return new Outcome(false, token);
        }
        // callLater(delay) is callAt(time() + delay): the same sum in both worlds.
        m.handles.push(m.loop.callAt(m.loop.now + op.delay, item));
        return new Outcome(false, `${token} when=${item.when}`);
      }
      case 'cancelHandle': {
        if (m.handles.length === 0) return new Outcome(false, 'no handle');
        const item = m.handles[op.h % m.handles.length];
        m.loop.cancel(item);
        item.cancelCalled = true;
        return new Outcome(false, undefined);
      }
      case 'handleCancelled':
        if (m.handles.length === 0) return new Outcome(false, 'no handle');
        return new Outcome(false, m.handles[op.h % m.handles.length].cancelCalled === true);
      case 'gather':
        if (m.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addModel(ref.gather(m.loop, op.fs.map((i) => this.#modelFuture(i)), op.returnExceptions === true)));
      case 'shield':
        if (m.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addModel(ref.shield(m.loop, this.#modelFuture(op.f))));
      case 'waitFor':
        if (m.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addModel(ref.waitFor(m.loop, this.#modelFuture(op.f), op.timeout)));
      case 'sleep':
        if (m.futures.length >= MAX_FUTURES) return new Outcome(false, 'too many futures');
        return attempt(() => this.#addModel(ref.sleep(m.loop, op.delay, op.value)));
      case 'advance':
        m.loop.now = this.clock.now();
        return new Outcome(false, undefined);
      default:
        throw new Error(`unknown operation ${op.op}`);
    }
  }

  // ---- running and comparing ----

  #fail(what, detail) {
    const trace = this.trace.map((line) => `  ${line}`).join('\n');
    throw new ModelMismatch(`${what}\n${detail}\nWhat ran (runtime's outcomes):\n${trace}`);
  }

  /** Runs a round of operations, then settles both worlds and compares everything. */
  async round(ops) {
    this.trace.push(`-- round ${this.trace.filter((l) => l.startsWith('-- round')).length}`);
    this.inRound = true;
    try {
      for (const op of ops) {
        const logged = this.real.log.length;
        const real = this.#runReal(op);
        const model = this.#runModel(op);
        this.real.outcomes.push(real);
        this.model.outcomes.push(model);
        this.trace.push(`${show(op)} -> ${show(real)}`);
        if (!same(real, model)) this.#fail(`operation ${show(op)} disagrees`, `runtime: ${show(real)}\nmodel:   ${show(model)}`);
        if (this.real.log.length !== logged) {
          this.#fail(`a callback ran synchronously during ${show(op)}`, show(this.real.log.slice(logged)));
        }
      }
    } finally {
      this.inRound = false;
    }
    await this.settle();
  }

  async settle() {
    // A timer a callback made with no delay (sleep(0)) is due at once but is
    // moved to the ready queue only when a drain begins or its host timer
    // fires; if no drain follows, the host timer's real-time firing would
    // decide when it runs. So while the model has due timers, both worlds
    // drain once more (a sentinel again), whichever comes first in the
    // runtime, the sentinel or the host timer, the timers run in one drain.
    do {
      this.loop.callSoon(() => {});
      await macrotask();
      await macrotask();
      this.model.loop.enqueue({ sentinel: true });
      this.model.loop.runUntilIdle((item, drain) => this.#runItem(item, drain));
    } while (this.model.loop.hasDueTimers());
    this.trace.push('(settled)');
    this.#compareAfterSettle();
  }

  #compareAfterSettle() {
    const { real, model } = this;
    const from = this.settledLog;
    const realNew = real.log.slice(from);
    const modelNew = model.log.slice(from);
    const key = (e) => `${e.cb}(${e.arg}) args=${e.args} done=${e.done} due=${e.due} inRound=${e.inRound}`;
    const isTimer = (e) => e.due !== null;
    const compareSequence = (r, m, what) => {
      const rk = r.map(key), mk = m.map(key);
      if (rk.join('\n') !== mk.join('\n')) {
        this.#fail(`${what} differ after the last round`, `runtime:\n    ${rk.join('\n    ')}\nmodel:\n    ${mk.join('\n    ')}`);
      }
      // Same drain (one microtask) and one drain later where the model says so:
      // a drain runs exactly what was queued when it began.
      for (let i = 1; i < r.length; i++) {
        if (r[i].drain - r[i - 1].drain !== m[i].drain - m[i - 1].drain) {
          this.#fail(`${what}: drains differ`, `${key(r[i - 1])} then ${key(r[i])}: runtime drains ${r[i - 1].drain} -> ${r[i].drain}, ` +
            `model drains ${m[i - 1].drain} -> ${m[i].drain}\nruntime:\n    ${r.map((e) => `${key(e)} drain=${e.drain}`).join('\n    ')}`);
        }
      }
    };
    if (this.timersApart) {
      compareSequence(realNew.filter((e) => !isTimer(e)), modelNew.filter((e) => !isTimer(e)), 'ready-queue callbacks');
      const rt = realNew.filter(isTimer), mt = modelNew.filter(isTimer);
      const rk = rt.map(key), mk = mt.map(key);
      if (rk.join('\n') !== mk.join('\n')) {
        this.#fail('timer callbacks differ after the last round', `runtime:\n    ${rk.join('\n    ')}\nmodel:\n    ${mk.join('\n    ')}`);
      }
    } else {
      compareSequence(realNew, modelNew, 'callbacks');
    }
    this.settledLog = real.log.length;
    if (real.log.length !== model.log.length) this.#fail('callback counts differ', `${real.log.length} vs ${model.log.length}`);

    // Operations that callbacks ran.
    if (real.outcomes.length !== model.outcomes.length) {
      this.#fail('the callbacks ran a different number of operations', `runtime ${real.outcomes.length}, model ${model.outcomes.length}`);
    }
    real.outcomes.forEach((o, i) => {
      if (!same(o, model.outcomes[i])) this.#fail(`outcome ${i} differs`, `runtime: ${show(o)}\nmodel:   ${show(model.outcomes[i])}`);
    });

    // What callbacks threw went to the loop's exception handler, in order.
    const showReports = (list) => list.map((r) => `${r.message} ${show(r.exception)} future=${r.future}`).join('\n    ');
    if (real.reports.length !== model.reports.length ||
        real.reports.some((r, i) => r.message !== model.reports[i].message || r.exception !== model.reports[i].exception ||
          r.future !== model.reports[i].future)) {
      this.#fail('exception handler reports differ', `runtime:\n    ${showReports(real.reports)}\nmodel:\n    ${showReports(model.reports)}`);
    }

    // Every future's state and outcome.
    model.futures.forEach((mf, i) => {
      const r = this.#observeReal(real.futures[i]);
      const m = this.#observeModel(mf);
      if (!same(r, m)) this.#fail(`F${i} differs after settling`, `runtime: ${show(r)}\nmodel:   ${show(m)}`);
    });

    // then/await/toPromise: settled once, with the outcome, once the future is done; not before.
    model.subscriptions.forEach((ms, i) => {
      const rs = real.subscriptions[i];
      const f = ms.future;
      let expected = { state: 'pending' };
      if (f.done()) {
        if (f.state === 'FINISHED' && !f.isException) {
          // The future keeps a thenable as it is; then/await/toPromise adopt it (Promises/A+).
          expected = { state: 'fulfilled', value: isAdoptingThenable(f.value) ? ADOPTED : f.value };
        } else {
          expected = { state: 'rejected', value: f.rejection() };
        }
      }
      const ok = rs.state === expected.state && (expected.state === 'pending' || same(rs.value, expected.value)) &&
        rs.calls === (expected.state === 'pending' ? 0 : 1) && !rs.duringRound && rs.returnedPromise !== false;
      if (!ok) {
        this.#fail(`${ms.kind} #${i} on ${this.#modelLabel(f)} differs`,
          `runtime: ${rs.state} ${show(rs.value)} (handlers called ${rs.calls} times${rs.duringRound ? ', synchronously' : ''}` +
          `${rs.returnedPromise === false ? ', then returned no native Promise' : ''})\n` +
          `model:   ${expected.state} ${show(expected.value)}`);
      }
    });
  }

  /** Leaves nothing behind: pending futures cancelled, handles cancelled, the loop idle. */
  async dispose() {
    this.disposed = true;
    for (const f of this.real.futures) f.cancel();
    for (const h of this.real.handles) h.cancel();
    // What garbage collection reports later is nobody's business; anything else still shows.
    this.loop.setExceptionHandler((loop, context) => {
      if (context.message !== NEVER_RETRIEVED) loop.defaultExceptionHandler(context);
    });
    await macrotask();
  }
}
