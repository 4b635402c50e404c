// The archive page: the run history (GET /scouter/archive/runs) and the archive lag against its
// threshold (GET /scouter/archive/lag).
import './style.css';
import { getJson, mountKeyField } from './api.js';
import { bytes, duration, setStatus, shortTime } from './format.js';

const $ = (id) => document.getElementById(id);
const view = { runs: [], done: false };
window.__scouter = view;

// The runs route may answer in camelCase or snake_case field names; read either.
const field = (run, snake) => run[snake] ?? run[snake.replace(/_(\w)/g, (_, c) => c.toUpperCase())];

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (className) td.className = className;
  return td;
}

function row(run) {
  const started = field(run, 'started_at');
  const finished = field(run, 'finished_at');
  const seconds = started && finished ? (Date.parse(finished) - Date.parse(started)) / 1000 : null;
  const tr = document.createElement('tr');
  tr.dataset.status = run.status;
  const span = field(run, 'min_created_at')
    ? `${shortTime(field(run, 'min_created_at'))} → ${shortTime(field(run, 'max_created_at'))}` : '–';
  tr.append(cell(shortTime(started)), cell(run.table), cell(run.status, `status-${run.status}`),
    cell(String(run.rows)), cell(String(run.files)), cell(bytes(run.bytes)), cell(duration(seconds)), cell(span),
    cell(field(run, 'snapshot_id') == null ? '–' : String(field(run, 'snapshot_id'))), cell(run.error || '', 'error'));
  return tr;
}

async function loadRuns() {
  setStatus($('runs-status'), 'Loading…', 'loading');
  try {
    const answer = await getJson('/scouter/archive/runs?limit=200');
    view.runs = answer.runs;
    $('runs').tBodies[0].replaceChildren(...view.runs.map(row));
    $('runs').hidden = view.runs.length === 0;
    setStatus($('runs-status'), view.runs.length ? `${view.runs.length} most recent runs, newest first.`
      : 'No archive runs yet: the first pass runs after ARCHIVE_INITIAL_DELAY, or POST /tasks/archive on the admin port.',
    view.runs.length ? 'info' : 'empty');
  } catch (e) {
    $('runs').hidden = true;
    setStatus($('runs-status'), `Cannot load archive runs: ${e.message}`, 'error');
  }
}

async function loadLag() {
  setStatus($('lag'), 'Loading…', 'loading');
  try {
    const lag = await getJson('/scouter/archive/lag');
    view.lag = lag;
    const state = lag.healthy ? 'within' : 'OVER';
    setStatus($('lag'), `The oldest expired row not yet archived has waited ${duration(lag.lag_seconds)}: ${state} `
      + `the threshold of ${duration(lag.threshold_seconds)} (measured ${shortTime(lag.measured_at)}).`,
    lag.healthy ? 'ok' : 'error');
  } catch (e) {
    setStatus($('lag'), `Cannot read the archive lag: ${e.message}`, 'error');
  }
}

// Sections whose routes come with later issues (snapshot timeline and tags; maintenance passes)
// keep their placeholders in archive.html until then; render them here once the routes exist.

async function reload() {
  view.done = false;
  await Promise.all([loadRuns(), loadLag()]);
  view.done = true;
}

mountKeyField($('key-slot'), reload);
$('reload').addEventListener('click', reload);
reload();
