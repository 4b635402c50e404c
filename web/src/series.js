// Fetches the binned series of one entity and drift type over a window (in chunks, see range.js)
// and turns the three response shapes into one: [{name, x (epoch s), y, lower?, upper?, note?}].
import { getJson } from './api.js';
import { chunksOf, toIso } from './range.js';

const ROUTES = { Spc: 'spc', Psi: 'psi', Custom: 'custom' };

export function requestUrls(entity, type, window, points) {
  return chunksOf(window, points).map((chunk) => {
    const params = new URLSearchParams({
      space: entity.space, name: entity.name, version: entity.version,
      begin_custom_datetime: toIso(chunk.begin), end_custom_datetime: toIso(chunk.end),
      max_data_points: String(chunk.points),
    });
    return `/scouter/drift/${ROUTES[type]}?${params}`;
  });
}

export async function loadSeries(urls, type) {
  const answers = await Promise.all(urls.map((url) => getJson(url)));
  const byName = new Map();
  for (const answer of answers) {
    for (const item of normalize(answer, type)) {
      const seen = byName.get(item.name);
      if (!seen) {
        byName.set(item.name, item);
        continue;
      }
      for (const key of ['x', 'y', 'lower', 'upper']) {
        if (item[key]) seen[key].push(...item[key]);
      }
    }
  }
  if (answers.length > 1) {
    // Each chunk has its own overall PSI; none of them is the whole range's.
    byName.forEach((item) => { item.note = ''; });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function seconds(createdAt) {
  return createdAt.map((iso) => Date.parse(iso) / 1000);
}

function normalize(answer, type) {
  if (type === 'Custom') {
    return Object.entries(answer.metrics || {}).map(([name, metric]) => ({
      name,
      x: seconds(metric.created_at),
      y: metric.stats.map((s) => s.avg),
      lower: metric.stats.map((s) => s.lower_bound),
      upper: metric.stats.map((s) => s.upper_bound),
    }));
  }
  return Object.entries(answer.features || {}).map(([name, feature]) => ({
    name,
    x: seconds(feature.created_at),
    y: type === 'Psi' ? feature.psi : feature.values,
    note: type === 'Psi' && feature.overall_psi != null ? `overall PSI ${feature.overall_psi.toFixed(4)}` : '',
  }));
}
