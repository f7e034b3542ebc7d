// The perfweave dashboard: polls the agent's JSON every 2 s and draws it. No libraries and no
// requests anywhere but this port. Everything the agent reports is put in the page as text,
// never as markup, since operation names and error messages come from the application.
(function () {
  'use strict';

  var POLL_MILLIS = 2000;
  var HISTORY = 150; // points per operation: five minutes at one poll every 2 s
  var PALETTE = ['#2f6fd6', '#d9480f', '#2b8a3e', '#9c36b5', '#c92a2a', '#1098ad', '#e67700', '#5c7cfa',
    '#a61e4d', '#5f3dc4', '#087f5b', '#495057'];
  var COLUMNS = ['matched', 'total_calls', 'failed_calls', 'success_rate', 'avg_duration_ms', 'p50_ms',
    'p95_ms', 'p99_ms', 'max_duration_ms', 'calls_per_second'];
  var DURATIONS = ['avg_duration_ms', 'p50_ms', 'p95_ms', 'p99_ms', 'max_duration_ms'];
  var MIN_SPAN_MILLIS = 60000;
  // threshold names of the config, and the summary field each one judges
  var THRESHOLD_FIELDS = {
    avg_ms: 'avg_duration_ms', p50_ms: 'p50_ms', p95_ms: 'p95_ms', p99_ms: 'p99_ms',
    max_ms: 'max_duration_ms', success_rate_min: 'success_rate', success_rate: 'success_rate'
  };

  var state = {
    token: null,
    endpoints: [],
    history: {},      // operation -> [{t, rate, p95}]
    previous: {},     // operation -> {uptime, calls}
    uptime: 0,        // the agent's seconds since start or reset, at the last poll
    colours: {},
    levels: {},       // operation -> field -> level
    profiles: {}      // operation -> {samples, url}: the flame graph drawn for that many samples
  };

  function $(id) { return document.getElementById(id); }

  function noteError(message) {
    var body = document.body;
    body.dataset.errors = String(Number(body.dataset.errors || '0') + 1);
    var problem = $('problem');
    problem.textContent = 'Dashboard error: ' + message;
    problem.hidden = false;
  }

  window.addEventListener('error', function (event) { noteError(event.message); });
  window.addEventListener('unhandledrejection', function (event) {
    noteError(event.reason && event.reason.message ? event.reason.message : String(event.reason));
  });

  function readToken() {
    var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (match) {
      state.token = decodeURIComponent(match[1]);
      try { window.sessionStorage.setItem('perfweave-token', state.token); } catch (ignored) { /* storage off */ }
      // keep the token out of the address bar, where it would be shown and copied along
      history.replaceState(null, '', window.location.pathname + window.location.search);
    } else {
      try { state.token = window.sessionStorage.getItem('perfweave-token'); } catch (ignored) { state.token = null; }
    }
  }

  function request(path) {
    var headers = { Accept: 'application/json' };
    if (state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (response) {
      if (response.status === 401) {
        var unauthorized = new Error('unauthorized');
        unauthorized.unauthorized = true;
        throw unauthorized;
      }
      if (!response.ok) { throw new Error(path + ' answered ' + response.status); }
      return response.json();
    });
  }

  function offers(path) { return state.endpoints.indexOf(path) >= 0; }

  function poll() {
    request('health').then(function (health) {
      state.endpoints = health.endpoints || [];
      state.uptime = health.uptime_seconds;
      showProfiles(health.profiles || {});
      $('since').textContent = 'statistics since ' + (health.statistics_since || '?').replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      var optional = [
        offers('/thresholds') ? request('thresholds') : Promise.resolve(null),
        offers('/resources') ? request('resources') : Promise.resolve(null),
        offers('/recommendations') ? request('recommendations') : Promise.resolve(null)
      ];
      return Promise.all([request('metrics')].concat(optional));
    }).then(function (answers) {
      var now = Date.now();
      showThresholds(answers[1], answers[0]);
      showOperations(answers[0], now);
      showBreakdowns(answers[0]);
      showResources(answers[2]);
      showRecommendations(answers[3]);
      drawCharts(now);
      $('token-form').hidden = true;
      $('problem').hidden = true;
      setStatus('live', 'live');
      $('updated').textContent = 'updated ' + new Date(now).toLocaleTimeString();
    }).catch(function (failure) {
      if (failure && failure.unauthorized) {
        setStatus('unauthorized', 'token needed');
        $('token-form').hidden = false;
      } else {
        setStatus('offline', 'no answer');
      }
    }).then(function () {
      window.setTimeout(poll, POLL_MILLIS);
    });
  }

  function setStatus(name, text) {
    document.body.dataset.state = name;
    $('status').textContent = text;
  }

  function colourOf(operation) {
    if (!state.colours[operation]) {
      state.colours[operation] = PALETTE[Object.keys(state.colours).length % PALETTE.length];
    }
    return state.colours[operation];
  }

  // Three significant digits, without an exponent.
  function significant(value) {
    if (value === 0) { return '0'; }
    var digits = Math.max(0, 2 - Math.floor(Math.log(Math.abs(value)) / Math.LN10));
    return value.toFixed(Math.min(digits, 6)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  }

  // A duration given in milliseconds, in the unit that reads best.
  function duration(ms) {
    if (ms === 0) { return '0'; }
    if (ms >= 1000) { return significant(ms / 1000) + ' s'; }
    if (ms >= 1) { return significant(ms) + ' ms'; }
    if (ms >= 0.001) { return significant(ms * 1000) + ' µs'; }
    return significant(ms * 1e6) + ' ns';
  }

  function format(field, value) {
    if (typeof value !== 'number' || !isFinite(value)) { return '–'; }
    if (field === 'matched' || field === 'total_calls' || field === 'failed_calls') { return value.toLocaleString('en-US'); }
    if (field === 'success_rate') { return value.toFixed(value === 100 || value === 0 ? 0 : 2); }
    if (DURATIONS.indexOf(field) >= 0) { return duration(value); }
    if (Math.abs(value) >= 1000) { return value.toFixed(0); }
    return significant(value);
  }

  function showOperations(metrics, now) {
    var body = $('operations').tBodies[0];
    var names = Object.keys(metrics);
    $('no-operations').hidden = names.length > 0;
    while (body.firstChild) { body.removeChild(body.firstChild); }
    names.forEach(function (name) {
      var summary = metrics[name];
      var row = document.createElement('tr');
      row.dataset.operation = name;
      var nameCell = document.createElement('td');
      nameCell.className = 'name';
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colourOf(name);
      nameCell.appendChild(swatch);
      nameCell.appendChild(document.createTextNode(name));
      row.appendChild(nameCell);
      COLUMNS.forEach(function (field) {
        var cell = document.createElement('td');
        var value = field === 'calls_per_second' ? (summary.window || {}).calls_per_second : summary[field];
        cell.textContent = format(field, value);
        cell.dataset.field = field;
        var level = (state.levels[name] || {})[field];
        if (level) { cell.className = 'lvl-' + level; }
        row.appendChild(cell);
      });
      var errorCell = document.createElement('td');
      errorCell.className = 'error';
      if (summary.last_error) {
        errorCell.textContent = summary.last_error.type + (summary.last_error.message ? ': ' + summary.last_error.message : '');
        errorCell.title = errorCell.textContent + ' at ' + summary.last_error.at;
      }
      row.appendChild(errorCell);
      body.appendChild(row);
      remember(name, summary, now);
    });
  }

  // The rate between two polls, timed by the agent's clock rather than the browser's.
  function remember(name, summary, now) {
    var previous = state.previous[name];
    var rate;
    if (previous && summary.total_calls >= previous.calls && state.uptime > previous.uptime) {
      rate = (summary.total_calls - previous.calls) / (state.uptime - previous.uptime);
    } else {
      // first sight, or the statistics were reset: the window's rate is the best estimate
      rate = (summary.window || {}).calls_per_second || 0;
    }
    state.previous[name] = { uptime: state.uptime, calls: summary.total_calls };
    var points = state.history[name] || (state.history[name] = []);
    points.push({ t: now, rate: rate, p95: (summary.window || {}).p95_ms || 0 });
    if (points.length > HISTORY) { points.shift(); }
  }

  // The agent's levels: target and no_data are fine, off_target (past the target, short of the
  // warning level) and warning are amber, critical is red.
  function normalLevel(level, met) {
    var text = String(level || '').toLowerCase();
    if (text === 'critical' || text === 'error' || text === 'breached') { return 'critical'; }
    if (text === 'warning' || text === 'warn' || text === 'off_target') { return 'warning'; }
    if (text === 'target' || text === 'no_data') { return 'ok'; }
    return met === false ? 'critical' : 'ok';
  }

  // Finds every judged threshold in the answer, whatever nesting it comes in: an object with a
  // level or a met flag and a limit or an actual value. Its operation and threshold names come
  // from its own fields or else from the keys it sits under.
  function collectThresholds(node, keys, operations, out) {
    if (Array.isArray(node)) {
      node.forEach(function (item) { collectThresholds(item, keys, operations, out); });
      return out;
    }
    if (!node || typeof node !== 'object') { return out; }
    var judged = ('level' in node || 'met' in node) && ('limit' in node || 'actual' in node);
    if (judged) {
      var operation = node.operation;
      for (var i = keys.length - 1; !operation && i >= 0; i--) {
        if (operations.indexOf(keys[i]) >= 0) { operation = keys[i]; }
      }
      out.push({
        operation: operation || '',
        name: node.threshold || node.metric || node.name || keys[keys.length - 1] || '',
        limit: node.limit, actual: node.actual, level: normalLevel(node.level, node.met), rawLevel: node.level
      });
      return out;
    }
    Object.keys(node).forEach(function (key) {
      collectThresholds(node[key], keys.concat([key]), operations, out);
    });
    return out;
  }

  function showThresholds(answer, metrics) {
    state.levels = {};
    var section = $('thresholds-section');
    if (!answer) { section.hidden = true; return; }
    var found = collectThresholds(answer, [], Object.keys(metrics), []);
    var body = $('thresholds').tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    found.forEach(function (threshold) {
      var row = document.createElement('tr');
      [threshold.operation, threshold.name, format('limit', threshold.limit), format('actual', threshold.actual),
        threshold.rawLevel || threshold.level].forEach(function (text, index) {
        var cell = document.createElement('td');
        cell.textContent = text;
        if (index < 2) { cell.className = 'name'; }
        if (index === 4) { cell.className = 'lvl-' + threshold.level; }
        row.appendChild(cell);
      });
      body.appendChild(row);
      var field = THRESHOLD_FIELDS[threshold.name];
      if (threshold.operation && field) {
        var levels = state.levels[threshold.operation] || (state.levels[threshold.operation] = {});
        levels[field] = threshold.level;
      }
    });
    var overall = $('thresholds-overall');
    if (typeof answer.thresholds_met === 'boolean') {
      overall.textContent = answer.thresholds_met ? 'all met' : 'not met';
      overall.className = 'pill lvl-' + (answer.thresholds_met ? 'ok' : 'critical');
    } else {
      overall.textContent = '';
    }
    section.hidden = false;
  }

  function showResources(answer) {
    var section = $('resources-section');
    if (!answer) { section.hidden = true; return; }
    var list = $('resources');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    flatten(answer, '').forEach(function (entry) {
      var item = document.createElement('div');
      var term = document.createElement('dt');
      term.textContent = entry[0];
      var value = document.createElement('dd');
      value.textContent = typeof entry[1] === 'number' ? format('resource', entry[1]) : String(entry[1]);
      item.appendChild(term);
      item.appendChild(value);
      list.appendChild(item);
    });
    section.hidden = false;
  }

  function flatten(node, prefix) {
    var entries = [];
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      var name = prefix ? prefix + '.' + key : key;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        entries = entries.concat(flatten(value, name));
      } else if (value !== null && typeof value !== 'object') {
        entries.push([name, value]);
      }
    });
    return entries;
  }

  // One bar per operation with a breakdown: a segment per child (in the child's colour) and one for
  // self time, widths in percent of the parent's time; the figures as text beneath.
  function showBreakdowns(metrics) {
    var container = $('breakdowns');
    container.textContent = '';
    var names = Object.keys(metrics).filter(function (name) { return metrics[name].breakdown; });
    $('breakdown-section').hidden = names.length === 0;
    names.forEach(function (name) {
      var breakdown = metrics[name].breakdown;
      var block = document.createElement('div');
      block.className = 'breakdown';
      block.dataset.operation = name;
      var label = document.createElement('div');
      label.className = 'name';
      label.textContent = name;
      var bar = document.createElement('div');
      bar.className = 'bar';
      var parts = document.createElement('p');
      parts.className = 'parts';
      breakdown.children.forEach(function (child) {
        bar.appendChild(segment(child.operation, child.share_percent, colourOf(child.operation)));
        parts.appendChild(part(child.operation + ' ' + significant(child.share_percent) + ' % (' +
          significant(child.calls_per_call) + '× ' + duration(child.avg_ms) + ')', colourOf(child.operation)));
      });
      bar.appendChild(segment('self', breakdown.self_percent, null));
      parts.appendChild(part('self ' + significant(breakdown.self_percent) + ' %', '#ced4da'));
      block.appendChild(label);
      block.appendChild(bar);
      block.appendChild(parts);
      container.appendChild(block);
    });
  }

  function segment(name, percent, colour) {
    var share = document.createElement('div');
    share.className = colour ? 'share' : 'share self';
    share.style.width = Math.max(0, Math.min(100, percent)) + '%';
    if (colour) { share.style.background = colour; }
    share.dataset.child = name;
    share.dataset.share = String(percent);
    share.title = name + ': ' + significant(percent) + ' %';
    return share;
  }

  function part(text, colour) {
    var item = document.createElement('span');
    var swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(text));
    return item;
  }

  // A flame graph per profiled operation, as the agent draws it (?format=svg), fetched with the
  // token like every request and shown as an image: the SVG's text stays out of the page's markup.
  // Fetched again only when the operation's sample count has changed.
  function showProfiles(samplesByOperation) {
    var names = Object.keys(samplesByOperation);
    $('profiles-section').hidden = names.length === 0;
    var container = $('profiles');
    Array.prototype.slice.call(container.children).forEach(function (figure) {
      if (!(figure.dataset.operation in samplesByOperation)) {
        container.removeChild(figure);
        delete state.profiles[figure.dataset.operation];
      }
    });
    names.forEach(function (name) {
      var samples = samplesByOperation[name];
      var figure = profileFigure(container, name);
      var known = state.profiles[name];
      if (known && known.samples === samples) { return; }
      state.profiles[name] = { samples: samples, url: known ? known.url : null };
      figure.dataset.samples = String(samples);
      figure.querySelector('figcaption').textContent = name + ' — ' + samples + (samples === 1 ? ' sample' : ' samples');
      if (samples === 0) {
        figure.querySelector('.empty').hidden = false;
        figure.querySelector('img').hidden = true;
        return;
      }
      requestText('profile/' + encodeURIComponent(name) + '?format=svg', 'image/svg+xml').then(function (svg) {
        var url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        var image = figure.querySelector('img');
        image.onload = function () {
          var previous = state.profiles[name] && state.profiles[name].url;
          if (previous && previous !== url) { URL.revokeObjectURL(previous); }
          if (state.profiles[name]) { state.profiles[name].url = url; }
          figure.dataset.drawn = String(samples);
        };
        image.src = url;
        image.hidden = false;
        figure.querySelector('.empty').hidden = true;
      });
    });
  }

  function profileFigure(container, name) {
    var found = Array.prototype.filter.call(container.children, function (figure) { return figure.dataset.operation === name; });
    if (found.length) { return found[0]; }
    var figure = document.createElement('figure');
    figure.className = 'profile';
    figure.dataset.operation = name;
    var caption = document.createElement('figcaption');
    var empty = document.createElement('p');
    empty.className = 'muted empty';
    empty.textContent = 'No slow call sampled yet.';
    var image = document.createElement('img');
    image.alt = 'flame graph of the slow calls of ' + name;
    image.hidden = true;
    figure.appendChild(caption);
    figure.appendChild(empty);
    figure.appendChild(image);
    container.appendChild(figure);
    return figure;
  }

  function requestText(path, accept) {
    var headers = { Accept: accept };
    if (state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error(path + ' answered ' + response.status); }
      return response.text();
    });
  }

  function showRecommendations(answer) {
    var section = $('recommendations-section');
    var items = Array.isArray(answer) ? answer : (answer && answer.recommendations);
    if (!Array.isArray(items)) { section.hidden = true; return; }
    var list = $('recommendations');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (text) {
      var item = document.createElement('li');
      item.textContent = typeof text === 'string' ? text : JSON.stringify(text);
      list.appendChild(item);
    });
    section.hidden = false;
  }

  function drawCharts(now) {
    drawChart($('rate-chart'), 'rate', now, function (v) { return significant(v) + '/s'; });
    drawChart($('latency-chart'), 'p95', now, duration);
    var legend = $('legend');
    while (legend.firstChild) { legend.removeChild(legend.firstChild); }
    Object.keys(state.history).forEach(function (name) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colourOf(name);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name));
      legend.appendChild(item);
    });
  }

  // Rounds up to 1, 2 or 5 times a power of ten, so that the axis reads easily.
  function niceCeiling(value) {
    if (!(value > 0)) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log(value) / Math.LN10));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * power) { return steps[i] * power; }
    }
    return 10 * power;
  }

  function drawChart(canvas, key, now, label) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth || 600;
    var height = canvas.clientHeight || 220;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    var context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    var left = 56, right = 8, top = 8, bottom = 22;
    var plotWidth = width - left - right, plotHeight = height - top - bottom;
    var names = Object.keys(state.history);
    var highest = 0;
    var oldest = now;
    names.forEach(function (name) {
      state.history[name].forEach(function (point) {
        highest = Math.max(highest, point[key]);
        oldest = Math.min(oldest, point.t);
      });
    });
    // the time axis grows with the history, from one minute up to all that is kept
    var span = Math.min(HISTORY * POLL_MILLIS, Math.max(MIN_SPAN_MILLIS, now - oldest));
    var ceiling = niceCeiling(highest);

    context.font = '11px system-ui, sans-serif';
    context.fillStyle = '#6b7385';
    context.strokeStyle = '#e1e4ea';
    context.lineWidth = 1;
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (var g = 0; g <= 4; g++) {
      var y = top + plotHeight - plotHeight * g / 4;
      context.beginPath();
      context.moveTo(left, Math.round(y) + 0.5);
      context.lineTo(left + plotWidth, Math.round(y) + 0.5);
      context.stroke();
      context.fillText(label(ceiling * g / 4), left - 6, y);
    }
    context.textBaseline = 'top';
    for (var m = 0; m <= 5; m++) {
      var x = left + plotWidth * m / 5;
      context.textAlign = m === 0 ? 'left' : m === 5 ? 'right' : 'center';
      var secondsAgo = Math.round(span / 1000 * (1 - m / 5));
      context.fillText(secondsAgo === 0 ? 'now' : '-' + secondsAgo + ' s', x, top + plotHeight + 6);
    }

    names.forEach(function (name) {
      var points = state.history[name];
      context.strokeStyle = colourOf(name);
      context.lineWidth = 2;
      context.beginPath();
      points.forEach(function (point, index) {
        var px = left + plotWidth * (1 - (now - point.t) / span);
        var py = top + plotHeight - plotHeight * point[key] / ceiling;
        if (index === 0) { context.moveTo(px, py); } else { context.lineTo(px, py); }
      });
      if (points.length === 1) {
        var only = points[0];
        var ox = left + plotWidth * (1 - (now - only.t) / span);
        var oy = top + plotHeight - plotHeight * only[key] / ceiling;
        context.arc(ox, oy, 2, 0, 2 * Math.PI);
      }
      context.stroke();
    });
  }

  // A page file that failed to load (the browser logs no script error for it) shows here too,
  // where a person or a test sees it. The polls' own failures show in the status instead.
  function checkPageFiles() {
    if (!window.performance || !window.performance.getEntriesByType) { return; }
    window.performance.getEntriesByType('resource').forEach(function (entry) {
      if (entry.initiatorType !== 'fetch' && entry.responseStatus >= 400) {
        noteError(entry.name + ' answered ' + entry.responseStatus);
      }
    });
  }

  window.addEventListener('load', checkPageFiles);

  $('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    state.token = $('token').value;
    try { window.sessionStorage.setItem('perfweave-token', state.token); } catch (ignored) { /* storage off */ }
    $('token-form').hidden = true;
  });

  readToken();
  poll();
}());
