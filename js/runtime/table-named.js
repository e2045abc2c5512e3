// C's table as every module but the package's browser module has it: each
// entry under its name, which the .wasm holds (c/src/binding/js.c).

function asciiAt(u8, ptr) {
  var text = '';
  while (u8[ptr] !== 0) text += String.fromCharCode(u8[ptr++]);
  return text;
}

/** { fn, at, constants } of the table whose two pointers (names, values) are at u32[at]. */
export function readTable(u8, u32, at) {
  var made = { 'fn': {}, 'at': {}, 'constants': {} };
  var kinds = ['fn', 'at', 'constants'];
  // The names, each after its kind's digit, ended by an empty one; the
  // values in the same order.
  for (var p = u32[at], i = u32[at + 1] >>> 2; u8[p] !== 0; i++) {
    var kind = kinds[u8[p] - 48];
    var name = asciiAt(u8, p + 1);
    p += name.length + 2;
    var value = u32[i];
    if (kind === 'fn') made['fn'][name] = getWasmTableEntry(value);
    else if (kind === 'constants') made['constants'][name] = value | 0;
    else made['at'][name] = value;
  }
  return made;
}
