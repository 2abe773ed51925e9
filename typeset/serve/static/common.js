// What every page of the workbench shares: this run's token, the words, requests to the server.
const token = document.querySelector('meta[name="paiban-token"]').content;
let words = {};

export async function loadWords() {
  words = await (await fetch('/api/words')).json();
  for (const node of document.querySelectorAll('[data-word]')) node.textContent = words[node.dataset.word];
  return words;
}

export function word(key, fields = {}) {
  return (words[key] || key).replace(/\{(\w+)\}/g, (_, name) => fields[name] ?? '');
}

export class Failed extends Error {
  constructor(status, data) { super(data.error || String(status)); this.status = status; this.data = data; }
}

async function answered(response) {
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Failed(response.status, data);
  return data;
}

export async function get(url) { return answered(await fetch(url)); }

export async function post(url, body, extra = {}) {
  const json = !(body instanceof Blob || body instanceof ArrayBuffer);
  return answered(await fetch(url, {
    method: 'POST', body: json ? JSON.stringify(body) : body,
    headers: {'X-Paiban-Token': token, 'Content-Type': json ? 'application/json' : 'application/octet-stream', ...extra},
  }));
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (name === 'style') Object.assign(node.style, value); // CSSOM: allowed by the page's CSP
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

export { token };
