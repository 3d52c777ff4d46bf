// newsfacts report: sort and filter the event table, draw the timeline. No network, no libraries.
(function () {
  'use strict';
  var table = document.getElementById('event-table');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var $ = function (id) { return document.getElementById(id); };
  var f = { type: $('f-type'), country: $('f-country'), modality: $('f-modality'),
            from: $('f-from'), to: $('f-to'), text: $('f-text') };
  var count = $('f-count');
  var chart = $('chart');
  var lower = new Map();
  var textOf = function (r) {
    var t = lower.get(r);
    if (t === undefined) { t = r.textContent.toLowerCase(); lower.set(r, t); }
    return t;
  };

  // Event types, most frequent first, each with a colour for the timeline.
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#edc948', '#b07aa1', '#76b7b2',
                 '#ff9da7', '#9c755f', '#2f4b7c', '#a0cbe8', '#8cd17d', '#d4a6c8', '#bab0ac'];
  var typeCount = {};
  rows.forEach(function (r) { typeCount[r.dataset.type] = (typeCount[r.dataset.type] || 0) + 1; });
  var types = Object.keys(typeCount).sort(function (a, b) { return typeCount[b] - typeCount[a] || (a < b ? -1 : 1); });
  var colour = {};
  types.forEach(function (t, i) { colour[t] = i < PALETTE.length ? PALETTE[i] : '#b8c0c8'; });
  rows.forEach(function (r) {
    var badge = r.querySelector('.type');
    if (badge) { badge.style.background = colour[r.dataset.type]; badge.style.color = ink(colour[r.dataset.type]); }
  });

  // Dark text on light colours, white on dark ones.
  function ink(hex) {
    var n = parseInt(hex.slice(1), 16);
    var lum = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
    return lum > 150 ? '#1d2125' : '#fff';
  }

  function matches(r) {
    var d = r.dataset;
    if (f.type.value && d.type !== f.type.value) return false;
    if (f.modality.value && d.modality !== f.modality.value) return false;
    if (f.country.value && (' ' + d.countries + ' ').indexOf(' ' + f.country.value + ' ') < 0) return false;
    if (f.from.value || f.to.value) {
      if (!d.begin) return false;
      if (f.from.value && d.end < f.from.value) return false;
      if (f.to.value && d.begin > f.to.value) return false;
    }
    var q = f.text.value.trim().toLowerCase();
    if (q && textOf(r).indexOf(q) < 0) return false;
    return true;
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = matches(r);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === rows.length ? rows.length + ' events'
                                              : shown + ' of ' + rows.length + ' events';
    draw();
  }

  // Sorting: click a header; again to reverse.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, col) {
    th.tabIndex = 0;
    var sort = function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var kind = th.dataset.sort;
      var key = function (r) {
        var c = r.cells[col];
        var v = c.dataset.v !== undefined ? c.dataset.v : c.textContent.trim().toLowerCase();
        return kind === 'num' ? parseFloat(v) || 0 : v;
      };
      var keyed = rows.map(function (r, i) { return [key(r), i, r]; });
      keyed.sort(function (a, b) {
        var x = a[0], y = b[0];
        // rows without a date go last either way
        if (kind === 'date' && (x === '') !== (y === '')) return x === '' ? 1 : -1;
        if (x < y) return asc ? -1 : 1;
        if (x > y) return asc ? 1 : -1;
        return a[1] - b[1];
      });
      var frag = document.createDocumentFragment();
      keyed.forEach(function (k) { frag.appendChild(k[2]); });
      tbody.appendChild(frag);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
  });

  // Timeline: visible events with a date, stacked by type, in days, months or years.
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }
  function bucketOf(day, unit) { return unit === 'day' ? day : unit === 'month' ? day.slice(0, 7) : day.slice(0, 4); }
  function nextBucket(b, unit) {
    if (unit === 'day') return isoDay(Date.parse(b + 'T00:00:00Z') + 86400000);
    if (unit === 'month') {
      var y = +b.slice(0, 4), m = +b.slice(5, 7) + 1;
      if (m > 12) { m = 1; y++; }
      return String(y).padStart(4, '0') + '-' + String(m).padStart(2, '0');
    }
    return String(+b + 1).padStart(4, '0');
  }
  function bucketRange(b, unit) {
    if (unit === 'day') return [b, b];
    if (unit === 'month') return [b + '-01', isoDay(Date.parse(nextBucket(b, unit) + '-01T00:00:00Z') - 86400000)];
    return [b + '-01-01', b + '-12-31'];
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }

  function draw() {
    var dated = rows.filter(function (r) { return !r.hidden && /^\d{4}-\d{2}-\d{2}$/.test(r.dataset.begin); });
    if (!dated.length) {
      chart.innerHTML = '<p class="empty">No dated events' + (rows.length ? ' match the filters.' : '.') + '</p>';
      return;
    }
    var days = dated.map(function (r) { return r.dataset.begin; }).sort();
    var first = days[0], last = days[days.length - 1];
    var span = (Date.parse(last) - Date.parse(first)) / 86400000;
    var unit = span <= 92 ? 'day' : span <= 366 * 8 ? 'month' : 'year';
    var buckets = [], index = {};
    for (var b = bucketOf(first, unit), end = bucketOf(last, unit); ; b = nextBucket(b, unit)) {
      index[b] = buckets.length;
      buckets.push({ key: b, n: 0, by: {} });
      if (b === end || buckets.length > 2000) break;
    }
    dated.forEach(function (r) {
      var k = index[bucketOf(r.dataset.begin, unit)];
      if (k === undefined) return;
      var bk = buckets[k];
      bk.n++;
      bk.by[r.dataset.type] = (bk.by[r.dataset.type] || 0) + 1;
    });
    var most = Math.max.apply(null, buckets.map(function (x) { return x.n; }));
    // A round scale: steps of 1, 2 or 5 times a power of ten, about four of them.
    var raw = Math.max(most / 4, 1), pow = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * pow; }).filter(function (s) { return s >= raw; })[0];
    var max = Math.ceil(most / step) * step;
    var W = Math.max(chart.clientWidth, 320), H = 170, left = 34, bottom = 22, top = 8;
    var bw = (W - left) / buckets.length;
    var gap = bw > 6 ? Math.min(bw * 0.18, 6) : 0;
    var svg = ['<svg viewBox="0 0 ' + W + ' ' + H + '" height="' + H + '" aria-hidden="true">'];
    for (var v = 0; v <= max; v += step) {
      var y = H - bottom - (H - bottom - top) * v / max;
      svg.push('<line class="grid" x1="' + left + '" x2="' + W + '" y1="' + y + '" y2="' + y + '"></line>');
      svg.push('<text class="axis" x="' + (left - 6) + '" y="' + (y + 4) + '" text-anchor="end">' + v + '</text>');
    }
    var every = Math.ceil(buckets.length / Math.max(1, Math.floor((W - left) / 80)));
    buckets.forEach(function (bk, i) {
      var x = left + i * bw + gap / 2, y = H - bottom, w = Math.max(bw - gap, 1);
      var tip = [bk.key + ': ' + bk.n + ' event' + (bk.n === 1 ? '' : 's')];
      types.forEach(function (t) {
        var n = bk.by[t];
        if (!n) return;
        var h = (H - bottom - top) * n / max;
        y -= h;
        svg.push('<rect class="bar" data-bucket="' + bk.key + '" x="' + x.toFixed(1) + '" y="' + y.toFixed(1) +
                 '" width="' + w.toFixed(1) + '" height="' + h.toFixed(1) + '" fill="' + colour[t] + '"></rect>');
        tip.push(t + ' ' + n);
      });
      if (bk.n) {
        svg.push('<rect class="bar" data-bucket="' + bk.key + '" x="' + x.toFixed(1) + '" y="' + top + '" width="' +
                 w.toFixed(1) + '" height="' + (H - bottom - top) + '" fill="transparent"><title>' + esc(tip.join('\n')) +
                 '</title></rect>');
      }
      if (i % every === 0) {
        svg.push('<text class="axis" x="' + (x + w / 2).toFixed(1) + '" y="' + (H - 6) + '" text-anchor="middle">' +
                 esc(unit === 'day' ? bk.key.slice(5) : bk.key) + '</text>');
      }
    });
    svg.push('</svg>');
    var present = {};
    dated.forEach(function (r) { present[r.dataset.type] = true; });
    var keys = types.filter(function (t) { return present[t]; }).map(function (t) {
      return '<span><i style="background:' + colour[t] + '"></i>' + esc(t) + '</span>';
    });
    var note = unit === 'day' ? first.slice(0, 4) + ', by day' : 'by ' + unit;
    chart.innerHTML = svg.join('') + '<div class="keys"><span>' + note + ' ·</span>' + keys.join('') + '</div>';
  }

  chart.addEventListener('click', function (e) {
    var bar = e.target.closest && e.target.closest('.bar');
    if (!bar) return;
    var key = bar.getAttribute('data-bucket');
    var unit = key.length === 10 ? 'day' : key.length === 7 ? 'month' : 'year';
    var range = bucketRange(key, unit);
    f.from.value = range[0];
    f.to.value = range[1];
    apply();
  });

  ['type', 'country', 'modality', 'from', 'to'].forEach(function (k) { f[k].addEventListener('change', apply); });
  f.text.addEventListener('input', apply);
  $('filters').addEventListener('reset', function () { setTimeout(apply, 0); });
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); });

  // A trigger in an article links to its row: show the row even when the filters hide it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var r = id && document.getElementById(id);
    if (r && r.tagName === 'TR' && r.hidden) {
      $('filters').reset();
      setTimeout(function () { apply(); r.scrollIntoView({ block: 'center' }); }, 0);
    }
  }
  window.addEventListener('hashchange', reveal);
  var resizeTimer;
  window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(draw, 100); });
  apply();
  reveal();
})();
