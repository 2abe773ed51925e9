// The issue page: the editor on the left, the pages on the right, findings on both; saves after each pause.
import { Failed, element, get, loadWords, post, token, word } from './common.js';
import { fieldNode, grow, renderFields, shape } from './editor.js';
import { Pages } from './pages.js';

const PAUSE = 300; // ms of no typing before an edit is saved and the pages are laid out again
const name = decodeURIComponent(location.pathname.split('/').pop());
const api = `/api/issue/${encodeURIComponent(name)}`;
const fieldsBox = document.getElementById('fields');
const pending = new Map(); // field path -> its latest edit, saved in order
let view = null;
let busy = false;
let reloading = false;
let timer = null;
let refused = null; // the edit the file on disk refused, kept for "keep both"

const pages = new Pages(name, async (number, x, y) => {
  const found = await get(`${api}/at?page=${number}&x=${x}&y=${y}`);
  if (found.field) selectField(found.field);
});

function status(text) { document.getElementById('save-state').textContent = text; }

function show(next, rerender) {
  const reshaped = !view || !next.fields || !view.fields || shape(next.fields) !== shape(view.fields);
  view = next;
  document.getElementById('heading').textContent = name;
  document.getElementById('raw').value = next.text;
  if ((rerender || reshaped) && next.fields) renderFields(fieldsBox, next.fields, send, dropped, figured);
  if (!next.fields) fieldsBox.replaceChildren(element('p', {class: 'notice', text: next.fields_problem}));
  const notice = document.getElementById('notice');
  notice.hidden = next.laid;
  notice.textContent = next.laid ? '' : word('not_laid_out');
  showFindings(next.findings);
  if (next.pages.length) pages.show(next.pages, next.findings);
  document.getElementById('extras').replaceChildren(...(next.downloads || []).map((kind) => element('a', {
    class: 'button', href: `${api}/pdf/${kind}?token=${encodeURIComponent(token)}`, text: word(`download_${kind}`)})));
  document.body.dataset.version = next.version;
}

function showFindings(findings) {
  for (const node of fieldsBox.querySelectorAll('[data-field]')) {
    node.classList.remove('error', 'warning');
    node.querySelector('.notes').replaceChildren();
  }
  const list = document.getElementById('findings');
  list.replaceChildren(...findings.map((finding) => {
    const node = finding.field && fieldNode(fieldsBox, finding.field);
    const said = `${finding.severity_word}：${finding.message}`;
    if (node) {
      node.classList.add(finding.severity);
      node.querySelector('.notes').append(element('div', {class: `note ${finding.severity}`, 'data-code': finding.code,
        text: finding.hint ? `${said}（${finding.hint}）` : said}));
    }
    return element('li', {class: finding.severity, 'data-code': finding.code, onclick: () => finding.field && selectField(finding.field)},
      element('span', {class: 'place', text: finding.line ? `${finding.line}:${finding.column}` : ''}),
      ` ${said}`, finding.hint ? element('div', {class: 'hint', text: finding.hint}) : '',
      finding.pages.length ? element('span', {class: 'on-pages', text: finding.pages.map((n) => word('page', {number: n})).join('、')}) : '');
  }));
  if (!findings.length) list.append(element('li', {class: 'none', text: word('no_findings')}));
}

async function selectField(path) {
  const node = fieldNode(fieldsBox, path);
  if (node) {
    const input = node.querySelector('input, textarea');
    node.scrollIntoView({block: 'center'});
    input.focus();
    input.select();
  }
  await showPlaces(path);
}

async function showPlaces(path) {
  const found = await get(`${api}/places?field=${encodeURIComponent(path)}`);
  pages.mark(found.boxes);
}

function send(edit, now = false, key = null) {
  pending.set(key || `${JSON.stringify(edit.path)}|${pending.size}|${Date.now()}`, edit);
  status(word('saving'));
  clearTimeout(timer);
  timer = setTimeout(flush, now ? 0 : PAUSE);
}

async function flush() {
  if (busy) return;
  busy = true;
  try {
    while (pending.size && !refused) {
      const [key, edit] = pending.entries().next().value;
      pending.delete(key);
      const structural = !['set', 'body', 'footer'].includes(edit.op);
      try {
        show(await post(`${api}/edit`, {version: view.version, edit}), structural);
        status(word('saved'));
      } catch (failed) { problem(failed, edit); }
    }
  } finally { busy = false; }
}

function problem(failed, edit) {
  if (failed instanceof Failed && failed.data.conflict) {
    refused = edit;
    pending.clear();
    document.getElementById('conflict').hidden = false;
    status('');
  } else {
    status(failed.message);
  }
}

async function reload() {
  refused = null;
  pending.clear();
  document.getElementById('conflict').hidden = true;
  reloading = true; // the disk's version is no conflict while the page is fetching it
  try { show(await get(api), true); } finally { reloading = false; }
  status('');
}

async function keepBoth() {
  const kept = await post(`${api}/keep-both`, {text: view.text, edit: refused});
  await reload();
  status(word('kept', {path: kept.kept}));
}

async function undo() {
  try { show(await post(`${api}/undo`, {version: view.version}), true); status(word('saved')); }
  catch (failed) { problem(failed, null); }
}

async function dropped(section, file) {
  try {
    const data = await post(`${api}/drop?section=${section}&version=${view.version}`, await file.arrayBuffer(),
      {'X-File-Name': encodeURIComponent(file.name)});
    show(data, true);
    status(`${word('imported')}：${file.name}`);
    const report = document.getElementById('notice');
    report.hidden = !data.report.length;
    report.textContent = data.report.join('\n');
  } catch (failed) { problem(failed, null); }
}

async function figured(article, file) {
  try {
    const data = await post(`${api}/figure?article=${encodeURIComponent(article)}&version=${view.version}`,
      await file.arrayBuffer(), {'X-File-Name': encodeURIComponent(file.name)});
    show(data, true);
    status(`${word('figure_added')}：${data.image}`);
  } catch (failed) { problem(failed, null); }
}

async function watchDisk() {
  if (!busy && !reloading && !pending.size && view) {
    const disk = await get(`${api}/version`).catch(() => null);
    if (disk && !reloading && disk.version !== view.version && !refused) {
      refused = {op: 'raw', text: view.text};
      document.getElementById('conflict').hidden = false;
    }
  }
  setTimeout(watchDisk, 1500);
}

for (const tab of document.querySelectorAll('[data-tab]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[data-tab]')) other.classList.toggle('on', other === tab);
    document.getElementById('fields').hidden = tab.dataset.tab !== 'fields';
    document.getElementById('source').hidden = tab.dataset.tab !== 'source';
    if (tab.dataset.tab === 'source') grow(document.getElementById('raw'));
  });
}
fieldsBox.addEventListener('focusin', (event) => {
  const path = event.target.dataset && event.target.dataset.path;
  if (path) showPlaces(path);
});

await loadWords();
document.getElementById('download').href = `${api}/pdf?token=${encodeURIComponent(token)}`;
document.getElementById('undo').addEventListener('click', undo);
document.getElementById('reload').addEventListener('click', reload);
document.getElementById('keep-both').addEventListener('click', keepBoth);
document.getElementById('apply-source').addEventListener('click',
  () => send({op: 'raw', text: document.getElementById('raw').value}, true));
show(await get(api), true);
document.fonts.ready.then(() => { for (const area of fieldsBox.querySelectorAll('textarea')) grow(area); });
document.body.dataset.ready = '1';
watchDisk();
