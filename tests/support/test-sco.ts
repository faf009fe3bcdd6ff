/**
 * A real, minimal SCO used by the browser tests. It finds the runtime API the way authoring
 * tools' content does (walking up parent frames, then the opener), initializes, and reacts to
 * buttons:
 *   #set-location  sets the location to the value of #location-input (default "page-2")
 *   #complete      completion: completed       #incomplete  completion: incomplete
 *   #pass / #fail  score 90 / 40 and the verdict
 *   #suspend       exit = suspend and suspend data "state-<location>"
 *   #commit        Commit / LMSCommit
 *   #finish        session time since load, then Finish / Terminate
 *   #finish-on-unload  arms a pagehide handler that finishes, as much authored content does
 *   #complete-on-unload  arms a pagehide handler that completes, commits and finishes, as
 *                  eXeLearning's pages do: it runs after the player has opened the next item
 *   #nav-continue / #nav-previous  (2004) adl.nav.request continue / previous, then finish
 *   #set-any       sets the element named in #element-input to #value-input, whatever it is
 * It shows what it was launched with: #entry, #location, #suspend-data, #learner, and #api
 * ("found" or "missing"), and #log lists every call with its result.
 */
export function testScoHtml(version: 'SCORM_12' | 'SCORM_2004', title: string): string {
  const is12 = version === 'SCORM_12';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<p>API: <span id="api">searching</span>; entry: <span id="entry"></span>; location: <span id="location"></span>;
suspend data: <span id="suspend-data"></span>; learner: <span id="learner"></span></p>
<input id="location-input" value="page-2">
<button id="set-location">Set location</button>
<button id="complete">Complete</button>
<button id="incomplete">Incomplete</button>
<button id="pass">Pass</button>
<button id="fail">Fail</button>
<button id="suspend">Suspend</button>
<button id="commit">Commit</button>
<button id="finish">Finish</button>
<button id="finish-on-unload">Finish when the page goes away</button>
<button id="complete-on-unload">Complete and finish when the page goes away</button>
<input id="element-input" value=""><input id="value-input" value="">
<button id="set-any">Set element</button>
<button id="nav-continue">Continue</button>
<button id="nav-previous">Previous</button>
<ol id="log"></ol>
<script>
(function () {
  var is12 = ${is12 ? 'true' : 'false'};
  var name = is12 ? 'API' : 'API_1484_11';
  function find(win) {
    for (var i = 0; win && i < 10; i++) {
      try { if (win[name]) return win[name]; } catch (e) {}
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = find(window) || (window.opener && find(window.opener));
  var started = Date.now();
  var log = document.getElementById('log');
  function call(fn, a, b) {
    var result = b === undefined ? api[fn](a) : api[fn](a, b);
    var li = document.createElement('li');
    li.textContent = fn + '(' + (a || '') + (b === undefined ? '' : ', ' + b) + ') = ' + result;
    log.appendChild(li);
    return result;
  }
  var get = function (k) { return call(is12 ? 'LMSGetValue' : 'GetValue', k); };
  var set = function (k, v) { return call(is12 ? 'LMSSetValue' : 'SetValue', k, String(v)); };
  var commit = function () { return call(is12 ? 'LMSCommit' : 'Commit', ''); };
  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
  function sessionTime() {
    var s = Math.max(1, Math.round((Date.now() - started) / 1000));
    return is12 ? pad(Math.floor(s / 3600), 4) + ':' + pad(Math.floor(s % 3600 / 60), 2) + ':' + pad(s % 60, 2) + '.00' : 'PT' + s + 'S';
  }
  if (!api) { document.getElementById('api').textContent = 'missing'; return; }
  document.getElementById('api').textContent = 'found';
  call(is12 ? 'LMSInitialize' : 'Initialize', '');
  document.getElementById('entry').textContent = get(is12 ? 'cmi.core.entry' : 'cmi.entry');
  document.getElementById('location').textContent = get(is12 ? 'cmi.core.lesson_location' : 'cmi.location');
  document.getElementById('suspend-data').textContent = get('cmi.suspend_data');
  document.getElementById('learner').textContent = get(is12 ? 'cmi.core.student_name' : 'cmi.learner_name');
  function on(id, fn) { document.getElementById(id).addEventListener('click', fn); }
  on('set-location', function () { set(is12 ? 'cmi.core.lesson_location' : 'cmi.location', document.getElementById('location-input').value); });
  on('complete', function () { set(is12 ? 'cmi.core.lesson_status' : 'cmi.completion_status', 'completed'); });
  on('incomplete', function () { set(is12 ? 'cmi.core.lesson_status' : 'cmi.completion_status', 'incomplete'); });
  function score(raw, verdict) {
    set(is12 ? 'cmi.core.score.raw' : 'cmi.score.raw', raw);
    set(is12 ? 'cmi.core.score.min' : 'cmi.score.min', 0);
    set(is12 ? 'cmi.core.score.max' : 'cmi.score.max', 100);
    if (!is12) { set('cmi.score.scaled', raw / 100); set('cmi.completion_status', 'completed'); }
    set(is12 ? 'cmi.core.lesson_status' : 'cmi.success_status', verdict);
  }
  on('pass', function () { score(90, 'passed'); });
  on('fail', function () { score(40, 'failed'); });
  on('suspend', function () {
    set(is12 ? 'cmi.core.exit' : 'cmi.exit', 'suspend');
    set('cmi.suspend_data', 'state-' + document.getElementById('location-input').value);
  });
  on('commit', function () { commit(); });
  function finish() {
    set(is12 ? 'cmi.core.session_time' : 'cmi.session_time', sessionTime());
    call(is12 ? 'LMSFinish' : 'Terminate', '');
  }
  on('finish', finish);
  on('finish-on-unload', function () { window.addEventListener('pagehide', finish); });
  on('complete-on-unload', function () {
    window.addEventListener('pagehide', function () {
      set(is12 ? 'cmi.core.lesson_status' : 'cmi.completion_status', 'completed');
      commit();
      finish();
    });
  });
  on('set-any', function () {
    set(document.getElementById('element-input').value, document.getElementById('value-input').value);
  });
  on('nav-continue', function () { set('adl.nav.request', 'continue'); finish(); });
  on('nav-previous', function () { set('adl.nav.request', 'previous'); finish(); });
})();
</script>
</body></html>
`;
}
