/**
 * The script inside a dispatch package. It runs in the recipient LMS: finds that LMS's SCORM
 * API, asks Courier for a launch for its learner, shows Courier's player in an iframe, and
 * relays what the player reports (status, score, location, session time) to the host API, so
 * both LMSs end with the result. Plain ES2017 so it runs in any LMS's browser.
 */
export const DISPATCH_LAUNCHER_JS = String.raw`(function () {
  'use strict';
  var cfg = window.COURIER_DISPATCH;
  var is2004 = cfg.format === 'scorm2004';
  var serverOrigin = new URL(cfg.server).origin;
  var messageEl = document.getElementById('courier-message');
  var frame = document.getElementById('courier-frame');

  function say(text) {
    messageEl.textContent = text;
    messageEl.hidden = false;
  }

  function findApi(win) {
    for (var hops = 0; win && hops < 12; hops++) {
      try {
        var api = is2004 ? win.API_1484_11 : win.API;
        if (api) return api;
      } catch (e) { /* a cross-origin ancestor: keep walking */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = findApi(window) || (window.opener && findApi(window.opener));
  var host = api && {
    init: function () { return String(is2004 ? api.Initialize('') : api.LMSInitialize('')) === 'true'; },
    get: function (k) { return String((is2004 ? api.GetValue(k) : api.LMSGetValue(k)) || ''); },
    set: function (k, v) { return is2004 ? api.SetValue(k, String(v)) : api.LMSSetValue(k, String(v)); },
    commit: function () { return is2004 ? api.Commit('') : api.LMSCommit(''); },
    finish: function () { return is2004 ? api.Terminate('') : api.LMSFinish(''); },
  };

  var REFUSALS = {
    DISPATCH_REVOKED: 'This course is no longer available here.',
    DISPATCH_EXPIRED: 'This course is no longer available here: its access period has ended.',
    DISPATCH_LIMIT_REACHED: 'This course has reached the number of learners it was licensed for.',
    NOT_FOUND: 'This course package is not valid any more.',
  };

  function seconds(value) {
    if (typeof value === 'number') return value;
    if (!value) return null;
    var m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
    if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
    if (!m) return null;
    var n = function (i) { return Number(m[i] || 0); };
    return n(1) * 31536000 + n(2) * 2592000 + n(3) * 86400 + n(4) * 3600 + n(5) * 60 + n(6);
  }

  function pad(n, width) { var s = String(n); while (s.length < width) s = '0' + s; return s; }

  function formatTime(total) {
    total = Math.max(0, total);
    if (is2004) return 'PT' + Math.floor(total / 3600) + 'H' + Math.floor((total % 3600) / 60) + 'M' + (Math.round((total % 60) * 100) / 100) + 'S';
    var cs = Math.round((total % 60) * 100);
    return pad(Math.floor(total / 3600), 4) + ':' + pad(Math.floor((total % 3600) / 60), 2) + ':' + pad(Math.floor(cs / 100), 2) + '.' + pad(cs % 100, 2);
  }

  var lastSessionSeconds = 0;
  var finished = false;

  function relay(msg) {
    var s = msg.status || {};
    var reg = msg.registration || null;
    var completion = s.completion;
    var success = s.success;
    if (reg && reg.status) {
      completion = reg.status === 'NOT_STARTED' || reg.status === 'IN_PROGRESS' ? 'incomplete' : 'completed';
      success = reg.status === 'PASSED' ? 'passed' : reg.status === 'FAILED' ? 'failed' : success;
    }
    var score = (reg && reg.score) || s.score || {};
    if (is2004) {
      if (completion === 'completed' || completion === 'incomplete') host.set('cmi.completion_status', completion);
      if (success === 'passed' || success === 'failed') host.set('cmi.success_status', success);
      if (score.scaled != null) host.set('cmi.score.scaled', score.scaled);
      if (score.raw != null) host.set('cmi.score.raw', score.raw);
      if (score.min != null) host.set('cmi.score.min', score.min);
      if (score.max != null) host.set('cmi.score.max', score.max);
      var progress = reg && reg.progress != null ? reg.progress : s.progress;
      if (progress != null) host.set('cmi.progress_measure', progress);
      if (s.location) host.set('cmi.location', String(s.location).slice(0, 1000));
    } else {
      var status = success === 'passed' || success === 'failed' ? success : completion === 'completed' ? 'completed' : 'incomplete';
      host.set('cmi.core.lesson_status', status);
      var raw = score.raw != null ? score.raw : score.scaled != null ? Math.round(score.scaled * 10000) / 100 : null;
      if (raw != null) {
        host.set('cmi.core.score.raw', raw);
        host.set('cmi.core.score.min', score.min != null ? score.min : 0);
        host.set('cmi.core.score.max', score.max != null ? score.max : 100);
      }
      if (s.location) host.set('cmi.core.lesson_location', String(s.location).slice(0, 255));
    }
    var t = seconds(s.sessionTime);
    if (t != null) lastSessionSeconds = t;
    host.commit();
  }

  function finishHost() {
    if (finished || !host) return;
    finished = true;
    if (lastSessionSeconds > 0) host.set(is2004 ? 'cmi.session_time' : 'cmi.core.session_time', formatTime(lastSessionSeconds));
    host.commit();
    host.finish();
  }

  function start() {
    if (!host) return say('This course must be opened from your learning platform (no SCORM API was found).');
    if (!host.init()) return say('Your learning platform did not start the course session. Close this window and try again.');
    var learner = {
      id: host.get(is2004 ? 'cmi.learner_id' : 'cmi.core.student_id'),
      name: host.get(is2004 ? 'cmi.learner_name' : 'cmi.core.student_name') || null,
    };
    if (!learner.id) return say('Your learning platform did not tell us who you are, so the course cannot start.');
    fetch(cfg.server + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation Launch($key: String!, $learner: LearnerInput!) { launchDispatch(key: $key, learner: $learner) { url } }',
        variables: { key: cfg.key, learner: learner },
      }),
    })
      .then(function (res) { return res.json(); })
      .then(function (body) {
        if (body.errors && body.errors.length) {
          var code = body.errors[0].extensions && body.errors[0].extensions.code;
          // Nothing is reported to the host LMS: the learner did not do the course.
          if (!is2004) host.set('cmi.core.lesson_status', 'incomplete');
          return say(REFUSALS[code] || 'The course could not start. Please try again later.');
        }
        var relayTo = window.location.origin && window.location.origin !== 'null' ? window.location.origin : '*';
        frame.src = body.data.launchDispatch.url + '&relay=' + encodeURIComponent(relayTo);
        frame.hidden = false;
      })
      .catch(function () { say('The course server could not be reached. Check your connection and reopen the course.'); });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== serverOrigin || event.source !== frame.contentWindow) return;
    var msg = event.data || {};
    if (msg.type === 'courier:runtime') {
      relay(msg);
      if (msg.event === 'finish' && msg.courseFinished) finishHost();
    } else if (msg.type === 'courier:error') {
      say(msg.message || 'The course could not start.');
    }
  });
  window.addEventListener('pagehide', finishHost);
  window.addEventListener('beforeunload', finishHost);
  start();
})();
`;
