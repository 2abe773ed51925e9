// The pages: thumbnails of all, the current one large, the places of a field marked on it.
import { element, word } from './common.js';

export class Pages {
  constructor(issue, onPick) {
    this.issue = issue;
    this.onPick = onPick;
    this.pages = [];
    this.current = 1;
    this.boxes = [];
    this.thumbs = document.getElementById('thumbs');
    this.image = document.getElementById('page');
    this.marks = document.getElementById('marks');
    this.image.addEventListener('click', (event) => this.picked(event));
  }

  url(page) { return `/api/issue/${encodeURIComponent(this.issue)}/page/${page.name}.png`; }

  show(pages, findings) {
    this.findings = findings;
    const counts = {};
    for (const finding of findings) for (const number of finding.pages) counts[number] = (counts[number] || 0) + 1;
    while (this.thumbs.children.length > pages.length) this.thumbs.lastChild.remove();
    pages.forEach((page, index) => {
      const number = index + 1;
      let thumb = this.thumbs.children[index];
      if (!thumb) {
        thumb = element('button', {type: 'button', class: 'thumb', 'data-page': number, onclick: () => this.select(number)},
          element('img', {alt: word('page', {number})}), element('span', {class: 'number', text: number}),
          element('span', {class: 'badge'}));
        this.thumbs.append(thumb);
      }
      const image = thumb.querySelector('img');
      if (thumb.dataset.name !== page.name) { image.src = this.url(page); thumb.dataset.name = page.name; }
      const badge = thumb.querySelector('.badge');
      badge.textContent = counts[number] ? counts[number] : '';
      badge.hidden = !counts[number];
    });
    this.pages = pages;
    this.select(Math.min(this.current, pages.length) || 1);
  }

  select(number) {
    this.current = number;
    const page = this.pages[number - 1];
    if (!page) return;
    if (this.image.dataset.name !== page.name) { this.image.src = this.url(page); this.image.dataset.name = page.name; }
    this.image.dataset.page = number;
    for (const thumb of this.thumbs.children) thumb.classList.toggle('on', Number(thumb.dataset.page) === number);
    this.drawMarks();
  }

  mark(boxes) {
    this.boxes = boxes;
    const on = new Set(boxes.map((box) => box[0]));
    for (const thumb of this.thumbs.children) thumb.classList.toggle('lands', on.has(Number(thumb.dataset.page)));
    if (boxes.length && !on.has(this.current)) this.select(boxes[0][0]);
    else this.drawMarks();
  }

  drawMarks() {
    const page = this.pages[this.current - 1];
    if (!page) return;
    const box = (kind, [, left, top, right, bottom]) => element('div', {class: kind, style: {
      left: `${100 * left / page.width}%`, top: `${100 * top / page.height}%`,
      width: `${100 * (right - left) / page.width}%`, height: `${100 * (bottom - top) / page.height}%`}});
    const here = (boxes) => boxes.filter((found) => found[0] === this.current);
    this.marks.replaceChildren(...here(this.boxes).map((found) => box('mark', found)),
      ...(this.findings || []).flatMap((finding) => here(finding.marks).map((found) => box(`finding ${finding.severity}`, found))));
  }

  picked(event) {
    const page = this.pages[this.current - 1];
    const box = this.image.getBoundingClientRect();
    this.onPick(this.current, (event.clientX - box.left) / box.width * page.width,
      (event.clientY - box.top) / box.height * page.height);
  }
}
