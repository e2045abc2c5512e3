// The floor of bench g: a package of one module whose future is a Promise.
export class Future {
  #resolve;
  #promise = new Promise((resolve) => { this.#resolve = resolve; });
  setResult(value) { this.#resolve(value); }
  then(onFulfilled, onRejected) { return this.#promise.then(onFulfilled, onRejected); }
}
