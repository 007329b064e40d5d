var data = JSON.parse(document.getElementById('claims-data').textContent);
var tbody = document.querySelector('#index tbody');
var rows = Array.prototype.slice.call(tbody.querySelectorAll('tr'));
var byId = {}; data.forEach(function (d) { byId[d.id] = d; });
var ids = ['f-verdict', 'f-topic', 'f-doc', 'f-text', 'f-flips'];
var keys = {'f-verdict': 'verdict', 'f-topic': 'topic', 'f-doc': 'doc', 'f-text': 'q', 'f-flips': 'flips'};
var sortKey = '', sortDir = 1;
function el(id) { return document.getElementById(id); }
function readHash() {
  var out = {}; var h = location.hash.replace(/^#/, '');
  if (!h || h.indexOf('=') < 0) return out;
  h.split('&').forEach(function (kv) { var p = kv.split('='); if (p[0]) out[decodeURIComponent(p[0])] = decodeURIComponent((p[1] || '').replace(/\+/g, ' ')); });
  return out;
}
function writeHash() {
  var parts = [];
  ids.forEach(function (id) {
    var e = el(id), v = e.type === 'checkbox' ? (e.checked ? '1' : '') : e.value;
    if (v) parts.push(keys[id] + '=' + encodeURIComponent(v));
  });
  if (sortKey) parts.push('sort=' + encodeURIComponent((sortDir < 0 ? '-' : '') + sortKey));
  var h = parts.length ? '#' + parts.join('&') : ' ';
  try { history.replaceState(null, '', h === ' ' ? location.pathname + location.search : h); } catch (err) { /* file:// in some browsers */ }
}
function applyState(st) {
  ids.forEach(function (id) {
    var e = el(id), v = st[keys[id]] || '';
    if (e.type === 'checkbox') { e.checked = v === '1'; } else { e.value = v; if (e.value !== v && e.tagName === 'SELECT') e.value = ''; }
  });
  var s = st.sort || ''; sortDir = s.charAt(0) === '-' ? -1 : 1; sortKey = s.replace(/^-/, '');
}
function filter() {
  var v = el('f-verdict').value, t = el('f-topic').value, doc = el('f-doc').value,
      words = el('f-text').value.toLowerCase().split(/\s+/).filter(Boolean), flips = el('f-flips').checked, shown = 0;
  rows.forEach(function (tr) {
    var d = byId[tr.getAttribute('data-id')];
    var ok = (!v || d.verdict === v) && (!t || d.topic === t) && (!doc || d.documents.indexOf(doc) >= 0)
             && words.every(function (w) { return d.search.indexOf(w) >= 0; }) && (!flips || d.flipped || d.mismatch);
    tr.style.display = ok ? '' : 'none';
    if (ok) shown += 1;
  });
  el('f-count').textContent = 'showing ' + shown + ' of ' + rows.length;
}
function sort() {
  var ths = document.querySelectorAll('#index th[data-sort]');
  Array.prototype.forEach.call(ths, function (th) {
    th.setAttribute('aria-sort', th.getAttribute('data-sort') === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
  });
  if (!sortKey) return;
  var th = document.querySelector('#index th[data-sort="' + sortKey + '"]');
  var numeric = th && th.getAttribute('data-type') === 'num';
  var sorted = rows.slice().sort(function (a, b) {
    var x = a.getAttribute('data-s-' + sortKey) || '', y = b.getAttribute('data-s-' + sortKey) || '';
    if (numeric) {
      if (x === '' || y === '') return (x === '') - (y === '');       // blanks last either way
      return sortDir * (parseFloat(x) - parseFloat(y));
    }
    return sortDir * x.localeCompare(y);
  });
  sorted.forEach(function (tr) { tbody.appendChild(tr); });
}
function update() { filter(); sort(); writeHash(); }
ids.forEach(function (id) { el(id).addEventListener('input', update); el(id).addEventListener('change', update); });
Array.prototype.forEach.call(document.querySelectorAll('#index th[data-sort]'), function (th) {
  th.addEventListener('click', function () {
    var k = th.getAttribute('data-sort');
    if (sortKey === k) { sortDir = -sortDir; } else { sortKey = k; sortDir = 1; }
    update();
  });
});
Array.prototype.forEach.call(document.querySelectorAll('a[data-doc]'), function (a) {
  a.addEventListener('click', function (ev) {
    ev.preventDefault(); el('f-doc').value = a.getAttribute('data-doc'); update();
    el('claims').scrollIntoView();
  });
});
window.addEventListener('hashchange', function () { applyState(readHash()); filter(); sort(); });
applyState(readHash());
filter(); sort();
