// A JS value written as a C value into the exchange area, where wf__js_set
// and its kin read it (codec.js decides the C type): strings and bytes go to
// the scratch buffer, a value C can only hold as itself to a slot of held.js.
// Beware: what writes here must take its pointers first (a future's pointer
// may pin it, which writes the exchange area too), and the C call that reads
// it must come before anything else writes it.
import { WF_VALUE_BYTES, WF_VALUE_JS, WF_VALUE_STRING } from '../core/abi.js';
import { bytesOf, cTypeOf, writeAddress, writeTagged } from './codec.js';
import { bind, heap } from './heap.js';
import { hold } from './held.js';
import { reserve, writeUtf8 } from './scratch.js';

/** Writes `value` into the exchange area; the slot it holds the value in, or 0. */
export function writeValue(value) {
  var base = bind()['at']['ioValue'];
  var type = cTypeOf(value), size = 0, address = 0, slot = 0;
  if (type === WF_VALUE_STRING) {
    var utf8 = writeUtf8(value, 0);
    size = utf8.size;
    address = utf8.ptr;
  } else if (type === WF_VALUE_BYTES) {
    var bytes = bytesOf(value);
    size = bytes.length;
    address = reserve(size);
    heap()['u8'].set(bytes, address);
  } else if (type === WF_VALUE_JS) {
    address = slot = hold(value);
  }
  // Views after the writes above: reserve() may have grown the memory.
  var views = heap();
  if (type === WF_VALUE_STRING || type === WF_VALUE_BYTES || type === WF_VALUE_JS) writeAddress(views, base, address);
  writeTagged(views, base, type, size, value);
  return slot;
}
