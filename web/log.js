// A log list the sections write to.
export function makeLog(list) {
  return (text, kind = '') => {
    const item = document.createElement('li');
    if (kind) item.className = kind;
    item.textContent = text;
    list.append(item);
    list.scrollTop = list.scrollHeight;
  };
}
