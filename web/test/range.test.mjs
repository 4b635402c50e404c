// The range arithmetic of the drift page (node --test, run by the Maven build's test phase).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunksOf, fromLocalInput, toIso, windowOf } from '../src/range.js';

const DAY = 86400;

test('a window within the routes limits is one request with the asked points', () => {
  assert.deepEqual(chunksOf({ begin: 1000, end: 1000 + 30 * DAY }, 720), [{ begin: 1000, end: 1000 + 30 * DAY, points: 720 }]);
  assert.deepEqual(chunksOf({ begin: 0, end: 366 * DAY }, 5000)[0].points, 1000);
});

test('years become equal chunks whose bins line up on the epoch', () => {
  const window = { begin: Date.UTC(2020, 0, 1) / 1000 + 17, end: Date.UTC(2025, 0, 1) / 1000 };
  const chunks = chunksOf(window, 720);
  const width = Math.ceil((window.end - window.begin) / 720);
  assert.ok(chunks.length > 1);
  for (const [i, chunk] of chunks.entries()) {
    assert.ok(chunk.end - chunk.begin <= 366 * DAY, 'within the 366-day limit');
    assert.ok(chunk.points <= 1000);
    assert.equal(Math.floor((chunk.end - chunk.begin) / chunk.points), width, 'the server bins every chunk alike');
    assert.equal(chunk.begin % width, 0, 'chunks start on a bin boundary');
    if (i > 0) assert.equal(chunk.begin, chunks[i - 1].end, 'no gap, no overlap');
  }
  assert.ok(chunks[0].begin <= window.begin && chunks.at(-1).end >= window.end, 'the whole window is covered');
});

test('presets end now and custom ranges are checked', () => {
  const now = Date.UTC(2026, 5, 1, 12);
  assert.deepEqual(windowOf({ range: '6h' }, now), { begin: now / 1000 - 6 * 3600, end: now / 1000 });
  assert.match(windowOf({ range: 'custom', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).error, /before/);
  assert.match(windowOf({ range: 'custom', from: 'x', to: '' }).error, /valid/);
  assert.equal(toIso(0), '1970-01-01T00:00:00Z');
  assert.equal(fromLocalInput('2026-01-02T03:04'), '2026-01-02T03:04:00Z');
});
