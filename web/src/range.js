// The view's state lives in the URL (so a view can be shared), and a time range becomes one or more
// requests: the read routes take windows of at most 366 days and 1000 points, so a range of years is
// cut into equal chunks whose bins line up on the epoch exactly as one long request's would.
const MINUTE = 60;
const DAY = 86400;
const MAX_WINDOW_SECONDS = 366 * DAY;
const MAX_POINTS = 1000;
export const DEFAULT_POINTS = 720;

// The original's presets (its TimeInterval values), then longer ones reaching into the archive.
export const PRESETS = [
  ['5m', 'Last 5 minutes', 5 * MINUTE], ['15m', 'Last 15 minutes', 15 * MINUTE],
  ['30m', 'Last 30 minutes', 30 * MINUTE], ['1h', 'Last hour', 60 * MINUTE], ['3h', 'Last 3 hours', 3 * 3600],
  ['6h', 'Last 6 hours', 6 * 3600], ['12h', 'Last 12 hours', 12 * 3600], ['24h', 'Last 24 hours', DAY],
  ['2d', 'Last 2 days', 2 * DAY], ['5d', 'Last 5 days', 5 * DAY], ['30d', 'Last 30 days', 30 * DAY],
  ['90d', 'Last 90 days', 90 * DAY], ['1y', 'Last year', 365 * DAY], ['3y', 'Last 3 years', 3 * 365 * DAY],
  ['10y', 'Last 10 years', 3652 * DAY],
];
export const DEFAULT_RANGE = '24h';

export function readState(search = location.search) {
  const params = new URLSearchParams(search);
  const points = Number.parseInt(params.get('points') || '', 10);
  return {
    space: params.get('space') || '',
    name: params.get('name') || '',
    version: params.get('version') || '',
    type: params.get('type') || '',
    range: params.get('from') && params.get('to') ? 'custom' : params.get('range') || DEFAULT_RANGE,
    from: params.get('from') || '',
    to: params.get('to') || '',
    points: points >= 1 && points <= MAX_POINTS ? points : DEFAULT_POINTS,
  };
}

export function writeState(state, push = true) {
  const params = new URLSearchParams();
  for (const key of ['space', 'name', 'version', 'type']) {
    if (state[key]) params.set(key, state[key]);
  }
  if (state.range === 'custom') {
    params.set('from', state.from);
    params.set('to', state.to);
  } else {
    params.set('range', state.range);
  }
  if (state.points !== DEFAULT_POINTS) params.set('points', String(state.points));
  const url = `${location.pathname}?${params}`;
  if (url !== `${location.pathname}${location.search}`) {
    history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
}

/** The window [begin, end) in epoch seconds, or an error message. */
export function windowOf(state, nowMs = Date.now()) {
  if (state.range === 'custom') {
    const begin = Date.parse(state.from) / 1000;
    const end = Date.parse(state.to) / 1000;
    if (Number.isNaN(begin) || Number.isNaN(end)) return { error: 'The custom range needs a valid start and end.' };
    if (begin >= end) return { error: 'The start of the range must be before its end.' };
    return { begin: Math.floor(begin), end: Math.ceil(end) };
  }
  const preset = PRESETS.find(([key]) => key === state.range) || PRESETS.find(([key]) => key === DEFAULT_RANGE);
  const end = Math.ceil(nowMs / 1000);
  return { begin: end - preset[2], end };
}

/**
 * The requests covering [begin, end) with about `points` bins: one request when the window fits the
 * route's limits; else equal chunks of p bins of w seconds each, starting on a multiple of w, so the
 * server's bin width floor(chunk / p) is w in every chunk and no bin straddles two chunks.
 */
export function chunksOf({ begin, end }, points) {
  const seconds = end - begin;
  if (seconds <= MAX_WINDOW_SECONDS) {
    return [{ begin, end, points: Math.min(points, MAX_POINTS) }];
  }
  const width = Math.max(1, Math.ceil(seconds / points));
  const perChunk = Math.min(MAX_POINTS, Math.floor(MAX_WINDOW_SECONDS / width));
  const chunkSeconds = perChunk * width;
  const chunks = [];
  for (let start = Math.floor(begin / width) * width; start < end; start += chunkSeconds) {
    chunks.push({ begin: start, end: start + chunkSeconds, points: perChunk });
  }
  return chunks;
}

export function toIso(seconds) {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** datetime-local inputs hold UTC wall time here (the page labels them UTC). */
export function toLocalInput(iso) {
  return iso ? iso.replace(/(\.\d+)?Z$/, '').slice(0, 19) : '';
}

export function fromLocalInput(value) {
  return value ? `${value.length === 16 ? `${value}:00` : value}Z` : '';
}
