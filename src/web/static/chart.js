// Charts, the only JavaScript of the app: Observable Plot (served by the app) draws SVG from
// /statistics/chart.json or from JSON in the page. Every table works without this file.
/* global Plot, d3 */
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

  // Vietnamese month names in the Vietnamese interface (`Tháng 10`), the browser's in the English one; a year at
  // each January (and at the first tick), days as `d/m` when the axis spans only weeks.
  function timeTicks(lang) {
    var monthEn = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' });
    return function (d, i) {
      var m = d.getUTCMonth(), day = d.getUTCDate(), y = d.getUTCFullYear();
      if (day !== 1) return lang === 'vi' ? day + '/' + (m + 1) : monthEn.format(d) + ' ' + day;
      if (m === 0) return String(y);
      var name = lang === 'vi' ? 'Tháng ' + (m + 1) : monthEn.format(d);
      return i === 0 ? name + ' ' + y : name;
    };
  }

  // Counts have whole-number ticks only (no 0.2, 0.4 of a document); other values keep Plot's ticks.
  function integerTicks(values) {
    var lo = Math.min(0, d3.min(values)), hi = Math.max(1, d3.max(values));
    return d3.ticks(lo, hi, 6).filter(function (t) { return Number.isInteger(t); });
  }

  function drawStatistics(figure, data) {
    var ds = figure.dataset;
    var lang = ds.lang || document.documentElement.lang || 'vi';
    var byPeriod = data.by === 'period';
    var all = data.points
      .filter(function (p) { return p.x; })
      .map(function (p) {
        return { x: new Date(p.x.slice(0, 10)), x2: p.x2 ? new Date(p.x2.slice(0, 10)) : null, value: p.value, share: p.share, id: p.id, article: p.article_id };
      });
    // With totals (356/382 xã), what compares over time is the share: for one indicator, the numbers without a total
    // are left out (and counted in the note); for a unit, whose numbers measure many things, only when all have one.
    var shares = all.filter(function (p) { return p.share !== null && p.share !== undefined; });
    var byShare = shares.length > 0 && (shares.length === all.length || !!ds.indicator);
    var points = byShare ? shares : all;
    var y = byShare ? 'share' : 'value';
    var marks = [Plot.ruleY([0], { stroke: '#ccc' })];
    if (byPeriod) {
      // The period each value refers to, as a line from its first to its last day; the dot at its end.
      marks.push(Plot.link(points, { x1: 'x', x2: 'x2', y1: y, y2: y, stroke: '#9bb6d3' }));
    }
    marks.push(Plot.dot(points, {
      x: byPeriod ? function (p) { return p.x2 || p.x; } : 'x', y: y, r: 4, fill: '#0b5cad', fillOpacity: 0.75,
      // Each dot leads to its number, marked in its sentence, in the article.
      href: function (p) { return '/articles/' + p.article + (lang === 'vi' ? '' : '?lang=' + lang) + '#statistic-' + p.id; },
      title: function (p) {
        return (byShare ? p.share.toLocaleString(lang) + ' %' : p.value.toLocaleString(lang) + ' ' + (ds.unit || '')) + ' — ' +
          p.x.toISOString().slice(0, 10) + (p.x2 ? ' / ' + p.x2.toISOString().slice(0, 10) : '') + ' — ' + ds.labelOpen;
      },
    }));
    var values = points.map(function (p) { return p[y]; });
    var counts = !byShare && ds.unit !== '%' && values.every(function (v) { return Number.isInteger(v); });
    var svg = Plot.plot({
      width: width(figure), height: 320, marginLeft: 60, marginRight: 24,
      // inset: the first and last dots (and the highest) are drawn whole, never cut by the frame.
      x: { type: 'utc', label: ds.labelDate, grid: true, inset: 14, tickFormat: timeTicks(lang) },
      y: byShare ? { label: ds.labelShare, grid: true, inset: 8, domain: [0, 100] }
        : { label: ds.labelValue + (ds.unit ? ' (' + ds.unit + ')' : ''), grid: true, inset: 8, ticks: counts && values.length ? integerTicks(values) : undefined, tickFormat: counts ? 'd' : undefined },
      marks: marks,
    });
    figure.appendChild(svg);
    figure.dataset.points = String(points.length);
    figure.dataset.y = y;
    note(figure, points.length + ' ' + ds.labelPoints + (data.capped ? ' — ' + ds.labelCapped : '') +
      (byShare && all.length > shares.length ? ' — ' + ds.labelNoTotal.replace('{n}', String(all.length - shares.length)) : ''));
  }

  function drawMonths(figure, months) {
    var ds = figure.dataset;
    var lang = document.documentElement.lang || 'vi';
    var rows = months.map(function (m) { return { month: new Date(m.month + '-01'), count: m.count }; });
    var svg = Plot.plot({
      width: width(figure), height: 240, marginLeft: 50,
      x: { type: 'utc', label: ds.labelMonth, tickFormat: timeTicks(lang) },
      y: { label: ds.labelCount, grid: true, ticks: rows.length ? integerTicks(rows.map(function (r) { return r.count; })) : undefined, tickFormat: 'd' },
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
