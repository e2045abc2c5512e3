// The JS values C holds, by slot number: a value C holds as WF_VALUE_JS, a
// callback it will run. Slot 0 is never handed out, so 0 can mean "no value".
// Invariant: a slot is either in use (held[slot] is the value) or on the free
// list, never both; take() frees it.

var held = [undefined];
var freeSlots = [];
// The Future a done-callback's slot was added on, by slot: the callback gets
// it without a lookup by pointer (which needs a WeakRef per future).
var owners = [];

export function hold(value) {
  var slot = freeSlots.length > 0 ? freeSlots.pop() : held.length;
  held[slot] = value;
  return slot;
}

export function take(slot) {
  var value = held[slot];
  held[slot] = undefined;
  if (slot < owners.length) owners[slot] = undefined;
  freeSlots.push(slot);
  return value;
}

export function peek(slot) {
  return held[slot];
}

export function own(slot, owner) {
  owners[slot] = owner;
}

export function ownerOf(slot) {
  return slot < owners.length ? owners[slot] : undefined;
}

export function heldCount() {
  return held.length - 1 - freeSlots.length;
}
