// The archive page: every issue with its numbers and state; a new issue; the rebuild with its progress.
import { element, get, loadWords, post, word } from './common.js';

async function showIssues() {
  const data = await get('/api/archive');
  document.getElementById('folder').textContent = data.archive;
  const body = document.querySelector('#issues tbody');
  body.replaceChildren(...data.issues.map((issue) => element('tr', {'data-name': issue.name},
    element('td', {}, element('a', {href: `/issue/${encodeURIComponent(issue.name)}`, text: issue.name})),
    element('td', {text: issue.number ?? ''}), element('td', {text: issue.total ?? ''}),
    element('td', {text: issue.date ?? ''}), element('td', {text: issue.pages ?? ''}),
    element('td', {class: `state ${issue.state}`, text: word(issue.state)},
      issue.message ? element('div', {class: 'first-message', text: issue.message}) : ''))));
}

async function newIssue() {
  try {
    const made = await post('/api/archive/new', {});
    location.href = `/issue/${encodeURIComponent(made.name)}`;
  } catch (failed) { document.getElementById('message').textContent = failed.message; }
}

function showProgress(status) {
  document.getElementById('progress').hidden = false;
  const bar = document.getElementById('progress-bar');
  bar.max = Math.max(status.total, 1);
  bar.value = status.running ? status.done : bar.max;
  document.getElementById('progress-text').textContent = status.running ? `${status.done}/${status.total}` : '';
  document.getElementById('progress-lines').textContent = (status.result.length ? status.result : status.lines).join('\n');
}

async function rebuild() {
  const button = document.getElementById('rebuild');
  button.disabled = true;
  button.textContent = word('rebuilding');
  let status = await post('/api/archive/rebuild', {});
  while (status.running) {
    showProgress(status);
    await new Promise((resolve) => setTimeout(resolve, 300));
    status = await get('/api/archive/rebuild');
  }
  showProgress(status);
  button.disabled = false;
  button.textContent = word('rebuild');
  await showIssues();
}

await loadWords();
document.getElementById('heading').textContent = word('archive');
document.getElementById('new-issue').textContent = word('new_issue');
document.getElementById('rebuild').textContent = word('rebuild');
document.getElementById('new-issue').addEventListener('click', newIssue);
document.getElementById('rebuild').addEventListener('click', rebuild);
await showIssues();
document.body.dataset.ready = '1';
