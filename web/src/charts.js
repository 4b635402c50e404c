// One uPlot chart per feature or metric: values (SPC), PSI against the reference profile, or the
// average with its ±1 sd band (custom). Every chart marks the archive boundary (rows older than it
// come from Iceberg), shares the cursor, and reports a dragged selection as a new range.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const LABELS = { Spc: 'value', Psi: 'PSI', Custom: 'average' };

export function renderCharts(container, series, { type, window, boundary, onZoom }) {
  container.replaceChildren();
  return series.map((item) => {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.dataset.series = item.name;
    const caption = document.createElement('figcaption');
    caption.textContent = `${item.name}${item.note ? ` · ${item.note}` : ''} · ${item.x.length} points`;
    figure.append(caption);
    container.append(figure);
    const u = new uPlot(options(type, window, boundary, onZoom, container.clientWidth - 16), data(item), figure);
    return { name: item.name, type, u };
  });
}

function data(item) {
  return item.lower ? [item.x, item.y, item.lower, item.upper] : [item.x, item.y];
}

function options(type, window, boundary, onZoom, width) {
  const series = [{}, { label: LABELS[type], stroke: '#2457a6', width: 1.5, points: { size: 3 } }];
  const bands = [];
  if (type === 'Custom') {
    series.push({ label: '−1 sd', stroke: '#9bb3d9', dash: [4, 3] }, { label: '+1 sd', stroke: '#9bb3d9', dash: [4, 3] });
    bands.push({ series: [3, 2], fill: 'rgba(36, 87, 166, 0.12)' });
  }
  return {
    width: Math.max(320, width),
    height: 200,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true, range: () => [window.begin, window.end] } },
    series,
    bands,
    cursor: { sync: { key: 'drift' }, drag: { x: true, y: false, setScale: false } },
    hooks: {
      draw: [(u) => drawBoundary(u, boundary)],
      setSelect: [(u) => {
        if (u.select.width > 4) {
          onZoom(u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
        }
      }],
    },
  };
}

function drawBoundary(u, boundary) {
  if (boundary == null || boundary < u.scales.x.min || boundary > u.scales.x.max) return;
  const x = Math.round(u.valToPos(boundary, 'x', true));
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.strokeStyle = '#c0392b';
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  ctx.fillStyle = '#c0392b';
  ctx.font = `${11 * devicePixelRatio}px sans-serif`;
  ctx.textAlign = 'right';
  ctx.fillText('archived ', x, top + 12 * devicePixelRatio);
  ctx.textAlign = 'left';
  ctx.fillText(' hot', x, top + 12 * devicePixelRatio);
  ctx.restore();
}
