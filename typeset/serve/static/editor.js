// The structured editor: the fields as inputs, each edit handed to `send` as one edit of the file.
import { element, word } from './common.js';

const FACTS = ['edition', 'number', 'total', 'date'];

function field(path, labelKey, input, extra = '') {
  input.dataset.path = path;
  return element('div', {class: `field ${extra}`, 'data-field': path},
    element('label', {text: word(labelKey)}), input, element('div', {class: 'notes'}));
}

function text(value, multi) {
  const input = multi ? element('textarea', {rows: 1}) : element('input', {type: 'text'});
  input.value = value;
  if (multi) input.addEventListener('input', () => grow(input));
  return input;
}

export function grow(area) { area.style.height = 'auto'; area.style.height = `${area.scrollHeight + 2}px`; }

function listButtons(path, index, count, send) {
  const listPath = path.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step));
  const move = (to) => send({op: 'move', path: listPath, from: index, to}, true);
  return element('span', {class: 'tools'},
    element('button', {type: 'button', title: word('up'), text: '↑', disabled: index === 0 ? '' : null,
      onclick: () => move(index - 1)}),
    element('button', {type: 'button', title: word('down'), text: '↓', disabled: index === count - 1 ? '' : null,
      onclick: () => move(index + 1)}),
    element('button', {type: 'button', title: word('remove'), text: '×', disabled: count === 1 ? '' : null,
      onclick: () => send({op: 'remove', path: listPath, index}, true)}));
}

function wire(input, edit, send) {
  input.addEventListener('input', () => send(edit(), false, input.dataset.path));
  return input;
}

function steps(path) { return path.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step)); }

function setter(path, input, send) {
  return wire(input, () => ({op: 'set', path: steps(path), value: input.value}), send);
}

function paragraphs(base, block, send) {
  const box = element('div', {class: 'paragraphs'});
  const bodyEdit = () => ({op: 'body', path: steps(`${base}.${block.at}`),
    paragraphs: [...box.querySelectorAll('textarea')].map((area) => area.value)});
  const addParagraph = (value, index) => {
    const area = wire(text(value, true), bodyEdit, send);
    box.append(field(`${base}.${block.at}.${index}`, 'paragraph', area, 'paragraph'));
  };
  block.paragraphs.forEach(addParagraph);
  return [box, element('button', {type: 'button', class: 'small', text: word('add_paragraph'),
    onclick: () => { addParagraph('', box.children.length); box.lastChild.querySelector('textarea').focus(); }})];
}

function figure(base, block, send) {
  const at = `${base}.${block.at}`;
  return [element('div', {class: 'figure'},
    field(`${at}.image`, 'figure_image', setter(`${at}.image`, text(block.image), send)),
    field(`${at}.caption`, 'figure_caption', setter(`${at}.caption`, text(block.caption), send)),
    field(`${at}.width`, 'figure_width', setter(`${at}.width`, text(block.width), send)),
    element('button', {type: 'button', class: 'small remove-figure', text: word('remove_figure'),
      onclick: () => send({op: 'remove_figure', path: at.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))}, true)}))];
}

function addFigure(base, onFigure) {
  const chooser = element('input', {type: 'file', accept: 'image/png,image/jpeg', class: 'figure-file', hidden: ''});
  chooser.addEventListener('change', () => { if (chooser.files.length) onFigure(base, chooser.files[0]); });
  return element('div', {class: 'add-figure'}, chooser,
    element('button', {type: 'button', class: 'small', text: word('add_figure'), onclick: () => chooser.click()}));
}

function article(base, item, send, onFigure) {
  return [
    field(`${base}.title`, 'title', setter(`${base}.title`, text(item.title, true), send), 'title'),
    field(`${base}.byline`, 'byline', setter(`${base}.byline`, text(item.byline), send)),
    ...item.blocks.flatMap((block) => (block.kind === 'figure' ? figure : paragraphs)(base, block, send)),
    addFigure(base, onFigure),
  ];
}

function brief(base, item, send) {
  return [
    field(`${base}.lead`, 'lead', setter(`${base}.lead`, text(item.lead), send)),
    field(`${base}.text`, 'brief_text', setter(`${base}.text`, text(item.text, true), send)),
    field(`${base}.byline`, 'byline', setter(`${base}.byline`, text(item.byline), send)),
  ];
}

function section(fields, index, send, onDrop, onFigure) {
  const data = fields.sections[index];
  const base = `sections.${index}`;
  const items = data.items.map((item, at) => element('div', {class: 'item', 'data-item': `${base}.${data.kind}.${at}`},
    element('div', {class: 'item-head'}, element('span', {class: 'count', text: `${at + 1}`}),
      listButtons(`${base}.${data.kind}`, at, data.items.length, send)),
    ...(data.kind === 'articles' ? article : brief)(`${base}.${data.kind}.${at}`, item, send, onFigure)));
  const add = data.kind === 'articles' ? 'add_article' : 'add_brief';
  const node = element('fieldset', {class: 'section', 'data-section': index},
    element('legend', {}, word('sections'), ` ${index + 1}`,
      listButtons('sections', index, fields.sections.length, send)),
    field(`${base}.label`, 'section_label', setter(`${base}.label`, text(data.label), send), 'label'),
    ...items,
    element('button', {type: 'button', class: 'small', text: word(add),
      onclick: () => send({op: 'add', path: ['sections', index, data.kind]}, true)}),
    element('div', {class: 'drop', text: word('drop_here')}));
  node.addEventListener('dragover', (event) => { event.preventDefault(); node.classList.add('dragging'); });
  node.addEventListener('dragleave', () => node.classList.remove('dragging'));
  node.addEventListener('drop', (event) => {
    event.preventDefault();
    node.classList.remove('dragging');
    if (event.dataTransfer.files.length) onDrop(index, event.dataTransfer.files[0]);
  });
  return node;
}

function footer(data, send) {
  const lines = (key) => {
    const area = text((data[key] || []).join('\n'), true);
    return field(`footer.${key}`, `footer_${key}`,
      wire(area, () => ({op: 'footer', key, values: area.value.split('\n')}), send));
  };
  const single = (key) => {
    const input = text(data[key] || '');
    return field(`footer.${key}`, `footer_${key}`, wire(input, () => ({op: 'footer', key, values: input.value}), send));
  };
  return element('fieldset', {class: 'footer'}, element('legend', {text: word('footer')}),
    lines('report'), lines('send'), lines('issue_to'), single('editor'), single('phone'));
}

function newSection(send) {
  const label = element('input', {type: 'text', placeholder: word('new_label'), id: 'new-label'});
  const add = (kind) => () => { if (label.value.trim()) send({op: 'add', path: ['sections'], kind, label: label.value}, true); };
  return element('div', {class: 'new-section'}, label,
    element('button', {type: 'button', text: word('add_section'), onclick: add('articles')}),
    element('button', {type: 'button', text: word('add_briefs_section'), onclick: add('briefs')}));
}

export function renderFields(container, fields, send, onDrop, onFigure) {
  const facts = element('fieldset', {class: 'facts'}, element('legend', {text: word('facts')}),
    ...FACTS.map((key) => field(key, key, setter(key, text(fields.facts[key]), send))));
  container.replaceChildren(facts, ...fields.sections.map((_, index) => section(fields, index, send, onDrop, onFigure)),
    newSection(send), footer(fields.footer, send));
  for (const area of container.querySelectorAll('textarea')) grow(area);
}

export function shape(fields) {
  return JSON.stringify(fields.sections.map((s) => [s.kind, s.items.map((i) => (i.blocks || []).map((b) => b.kind === 'text' ? b.paragraphs.length : 'figure'))]));
}

export function fieldNode(container, path) {
  let best = null;
  for (const node of container.querySelectorAll('[data-field]')) {
    const own = node.dataset.field;
    if ((path === own || path.startsWith(`${own}.`)) && (!best || own.length > best.dataset.field.length)) best = node;
  }
  return best;
}
