// Charts, the only JavaScript of the app: Observable Plot (served by the app) draws SVG from
// /statistics/chart.json or from JSON in the page. Every table works without this file.
/* global Plot */
(function () {
  'use strict';

  function note(figure, text) {
    var p = document.createElement('p');
    p.className = 'chart-note';
    p.textContent = text;
    figure.appendChild(p);
  }

  function width(figure) {
    return Math.max(280, Math.min(1000, figure.clientWidth - 16));
  }

  function drawStatistics(figure, data) {
    var ds = figure.dataset;
    var byPeriod = data.by === 'period';
    var points = data.points
      .filter(function (p) { return p.x; })
      .map(function (p) {
        return { x: new Date(p.x.slice(0, 10)), x2: p.x2 ? new Date(p.x2.slice(0, 10)) : null, value: p.value, id: p.id };
      });
    var marks = [Plot.ruleY([0], { stroke: '#ccc' })];
    if (byPeriod) {
      // The period each value refers to, as a line from its first to its last day; the dot at its end.
      marks.push(Plot.link(points, { x1: 'x', x2: 'x2', y1: 'value', y2: 'value', stroke: '#9bb6d3' }));
    }
    marks.push(Plot.dot(points, {
      x: byPeriod ? function (p) { return p.x2 || p.x; } : 'x', y: 'value', r: 3.5, fill: '#0b5cad', fillOpacity: 0.75,
      title: function (p) {
        return p.value.toLocaleString(document.documentElement.lang) + ' ' + (ds.unit || '') + ' — ' + p.x.toISOString().slice(0, 10) +
          (p.x2 ? ' / ' + p.x2.toISOString().slice(0, 10) : '');
      },
    }));
    var svg = Plot.plot({
      width: width(figure), height: 320, marginLeft: 60,
      x: { type: 'utc', label: ds.labelDate, grid: true },
      y: { label: ds.labelValue + (ds.unit ? ' (' + ds.unit + ')' : ''), grid: true },
      marks: marks,
    });
    figure.appendChild(svg);
    figure.dataset.points = String(points.length);
    note(figure, points.length + ' ' + ds.labelPoints + (data.capped ? ' — ' + ds.labelCapped : ''));
  }

  function drawMonths(figure, months) {
    var ds = figure.dataset;
    var rows = months.map(function (m) { return { month: new Date(m.month + '-01'), count: m.count }; });
    var svg = Plot.plot({
      width: width(figure), height: 240, marginLeft: 50,
      x: { type: 'utc', label: ds.labelMonth },
      y: { label: ds.labelCount, grid: true },
      marks: [
        Plot.rectY(rows, { x1: 'month', x2: function (r) { var d = new Date(r.month); d.setUTCMonth(d.getUTCMonth() + 1); return d; }, y: 'count', fill: '#0b5cad', inset: 1 }),
        Plot.ruleY([0]),
      ],
    });
    figure.appendChild(svg);
    figure.dataset.points = String(rows.length);
  }

  function fail(figure, error) {
    figure.dataset.error = String(error);
    note(figure, String(error));
  }

  function start() {
    if (typeof Plot === 'undefined') return;
    document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
      if (figure.dataset.chart === 'statistics') {
        fetch(figure.dataset.src, { headers: { accept: 'application/json' } })
          .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
          .then(function (data) { drawStatistics(figure, data); })
          .catch(function (e) { fail(figure, e); });
      } else if (figure.dataset.chart === 'months') {
        try {
          var script = figure.querySelector('script.chart-data');
          drawMonths(figure, JSON.parse(script.textContent));
        } catch (e) { fail(figure, e); }
      }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
