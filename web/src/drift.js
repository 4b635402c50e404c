// The drift page: pick an entity, a drift type and a range; see every feature's series across hot
// and archived data. All state is in the URL (range.js).
import './style.css';
import { getJson, mountKeyField } from './api.js';
import { renderCharts } from './charts.js';
import { setStatus, shortTime } from './format.js';
import { PRESETS, fromLocalInput, readState, toIso, toLocalInput, windowOf, writeState } from './range.js';
import { loadSeries, requestUrls } from './series.js';

const $ = (id) => document.getElementById(id);
const view = { entities: [], cutoffs: {}, state: readState(), generation: 0, charts: [] };
// Read by the browser tests: what was asked and what was plotted.
window.__scouter = view;

const label = (e) => `${e.space} / ${e.name} / ${e.version}`;

function selectedEntity() {
  const { space, name, version } = view.state;
  return view.entities.find((e) => e.space === space && e.name === name && e.version === version);
}

function fillControls() {
  const entity = selectedEntity();
  $('entity').value = entity ? label(entity) : '';
  const types = entity ? Object.keys(entity.drift_types) : [];
  $('drift-type').replaceChildren(...types.map((t) => new Option(t, t, false, t === view.state.type)));
  $('range').value = view.state.range;
  $('custom-range').hidden = view.state.range !== 'custom';
  $('from').value = toLocalInput(view.state.from);
  $('to').value = toLocalInput(view.state.to);
}

function describe(entity, type) {
  const spans = entity.drift_types[type];
  const part = (name, span) => (span ? `${name} ${shortTime(span.begin)} → ${shortTime(span.end)}` : `nothing ${name}`);
  const cutoff = view.cutoffs[type];
  return `${label(entity)} · ${type}: ${part('hot', spans.hot)}; ${part('archived', spans.archived)}`
    + (cutoff ? `; archive boundary ${shortTime(cutoff)}` : '; nothing archived yet for this type');
}

async function render() {
  const generation = ++view.generation;
  const entity = selectedEntity();
  const charts = $('charts');
  view.charts = [];
  view.urls = [];
  view.done = false;
  if (!entity) {
    charts.replaceChildren();
    $('summary').textContent = '';
    setStatus($('status'), view.entities.length ? 'Choose an entity.' : 'No entities yet: ingest drift records first.');
    view.done = true;
    return;
  }
  const type = view.state.type;
  const window = windowOf(view.state);
  $('summary').textContent = describe(entity, type);
  if (window.error) {
    setStatus($('status'), window.error, 'error');
    view.done = true;
    return;
  }
  view.window = window;
  view.urls = requestUrls(entity, type, window, view.state.points);
  setStatus($('status'), `Loading ${toIso(window.begin)} → ${toIso(window.end)}…`, 'loading');
  charts.setAttribute('aria-busy', 'true');
  try {
    const series = await loadSeries(view.urls, type);
    if (generation !== view.generation) return;
    const boundary = view.cutoffs[type] ? Date.parse(view.cutoffs[type]) / 1000 : null;
    view.charts = renderCharts(charts, series, { type, window, boundary, onZoom: zoom });
    setStatus($('status'), series.length ? '' : `No ${type} data for this entity between ${toIso(window.begin)} and `
      + `${toIso(window.end)}. Try a longer range.`, series.length ? 'info' : 'empty');
  } catch (e) {
    if (generation !== view.generation) return;
    charts.replaceChildren();
    setStatus($('status'), `Cannot load ${type} data: ${e.message}`, 'error');
  } finally {
    if (generation === view.generation) {
      charts.removeAttribute('aria-busy');
      view.done = true;
    }
  }
}

function update(change) {
  Object.assign(view.state, change);
  const entity = selectedEntity();
  if (entity && !entity.drift_types[view.state.type]) {
    view.state.type = Object.keys(entity.drift_types)[0];
  }
  writeState(view.state);
  fillControls();
  render();
}

function zoom(begin, end) {
  update({ range: 'custom', from: toIso(Math.floor(begin)), to: toIso(Math.ceil(end)) });
}

async function loadEntities() {
  setStatus($('status'), 'Loading entities…', 'loading');
  try {
    const answer = await getJson('/scouter/entities');
    view.entities = answer.entities;
    view.cutoffs = answer.archive_cutoffs || {};
  } catch (e) {
    view.entities = [];
    setStatus($('status'), `Cannot list entities: ${e.message}`, 'error');
    view.done = true;
    return false;
  }
  $('entity-list').replaceChildren(...view.entities.map((e) => new Option(label(e))));
  if (!selectedEntity() && view.entities.length) {
    const first = view.entities[0];
    Object.assign(view.state, { space: first.space, name: first.name, version: first.version });
  }
  return true;
}

function wireControls() {
  $('range').replaceChildren(...PRESETS.map(([key, text]) => new Option(text, key)),
    new Option('Custom range…', 'custom'));
  $('entity').addEventListener('change', () => {
    const entity = view.entities.find((e) => label(e) === $('entity').value);
    if (entity === selectedEntity()) {
      return; // a second change event (on blur) for the same choice
    }
    if (entity) {
      update({ space: entity.space, name: entity.name, version: entity.version });
    } else {
      setStatus($('status'), `No entity "${$('entity').value}": pick one from the list.`, 'error');
    }
  });
  $('drift-type').addEventListener('change', () => update({ type: $('drift-type').value }));
  $('range').addEventListener('change', () => {
    const range = $('range').value;
    if (range !== 'custom') {
      update({ range, from: '', to: '' });
      return;
    }
    const window = windowOf(view.state);
    $('custom-range').hidden = false;
    $('from').value = toLocalInput(view.state.from || toIso(window.begin));
    $('to').value = toLocalInput(view.state.to || toIso(window.end));
  });
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    update({ range: 'custom', from: fromLocalInput($('from').value), to: fromLocalInput($('to').value) });
  });
  addEventListener('resize', () => {
    const width = Math.max(320, $('charts').clientWidth - 16);
    view.charts.forEach(({ u }) => u.setSize({ width, height: u.height }));
  });
  addEventListener('popstate', () => {
    view.state = readState();
    fillControls();
    render();
  });
}

async function reload() {
  if (await loadEntities()) {
    const entity = selectedEntity();
    if (entity && !entity.drift_types[view.state.type]) view.state.type = Object.keys(entity.drift_types)[0];
    writeState(view.state, false);
    fillControls();
    await render();
  }
}

wireControls();
mountKeyField($('key-slot'), reload);
reload();
