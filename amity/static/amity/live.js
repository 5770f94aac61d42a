/* The live session in the browser: keeps the console, the delegate's view, the projector and
   the public view in step with the server.

   - Opens the WebSocket /ws/meetings/<id>/live/; each message is the whole state with its
     version and the server's time. A version gap asks the server to resync.
   - The timer counts down from the server's start time, corrected by the clock offset
     (server time minus this browser's time when the state arrived).
   - Every few seconds the server sends a heartbeat with the current version; a client that
     holds another asks for the whole state (a lost broadcast heals without the next change).
   - If the WebSocket cannot connect, polls GET /api/v1/meetings/<id>/live every few seconds
     and says so discreetly.
   - The console and the delegate's view swap in their server-rendered body when the version
     changes; the projector and the public view render from the state itself.
   No framework; the pages work without this file (forms post and redirect). */
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root) return;

  var POLL_MS = 3000;
  var mode = root.dataset.mode;
  var lang = root.dataset.lang || "en";
  var kinds = JSON.parse(document.getElementById("live-kinds").textContent);
  var state = JSON.parse(document.getElementById("live-state").textContent);
  var version = state.version;
  var offset = 0; // server clock minus local clock, in ms
  var socket = null;
  var pollTimer = null;
  var opened = false;

  function text(values, fallback) {
    if (!values) return "";
    return values[lang] || values[fallback] || values.en || Object.values(values)[0] || "";
  }

  function stateName(entry) {
    return entry.state ? text(entry.state_names, "en") || entry.state : "";
  }

  function setField(container, name, value) {
    var el = container.querySelector('[data-field="' + name + '"]');
    if (el) el.textContent = value;
  }

  function renderCurrent() {
    document.querySelectorAll("[data-live-current]").forEach(function (box) {
      var c = state.current;
      setField(box, "kind", c ? kinds[c.kind] || c.kind : "");
      setField(box, "name", c ? c.name : root.dataset.nobody);
      setField(box, "title", c ? c.title : "");
      setField(box, "state", c ? stateName(c) : "");
      var name = box.querySelector('[data-field="name"]');
      if (name) name.classList.toggle("unknown", !c);
    });
  }

  function renderLists() {
    var item = document.querySelector("[data-live-item]");
    if (item) {
      item.textContent = state.item
        ? state.item.position + ". " + text(state.item.titles, state.original_language)
        : "";
    }
    document.querySelectorAll("[data-live-next]").forEach(function (list) {
      var limit = parseInt(list.dataset.limit || "0", 10);
      var speakers = limit ? state.speakers.slice(0, limit) : state.speakers;
      list.replaceChildren.apply(
        list,
        speakers.map(function (e) {
          var li = document.createElement("li");
          var where = stateName(e);
          li.textContent = e.name + (where ? " — " + where : "");
          return li;
        })
      );
      var box = list.closest("[data-live-next-box]");
      if (box) box.hidden = speakers.length === 0;
    });
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function tick() {
    var c = state.current;
    document.querySelectorAll("[data-live-timer]").forEach(function (box) {
      var out = box.querySelector("[data-timer-text]");
      var note = box.querySelector(".meta");
      if (!out) return;
      box.classList.remove("overtime", "running", "ending");
      if (!c) {
        out.textContent = "—";
        if (note) note.textContent = "";
        return;
      }
      var limit = state.time_limit * 1000;
      if (!c.started_at) {
        out.textContent = Math.floor(state.time_limit / 60) + ":" + two(state.time_limit % 60);
        if (note) note.textContent = root.dataset.notStarted;
        return;
      }
      var left = limit - (Date.now() + offset - c.started_at);
      var secs = Math.floor(Math.abs(left) / 1000);
      var shown = Math.floor(secs / 60) + ":" + two(secs % 60);
      box.classList.add("running");
      if (left < 0) {
        box.classList.add("overtime");
        out.textContent = "+" + shown;
        if (note) note.textContent = root.dataset.overtime;
      } else {
        // The last 30 seconds: amber, as a room's timer turns before it runs out.
        if (left <= 30000) box.classList.add("ending");
        out.textContent = shown;
        if (note) note.textContent = "";
      }
    });
    clock();
  }

  // The projector's clock shows the venue's time (the server's clock, corrected by the offset).
  var clockFormats = {};
  function clock() {
    document.querySelectorAll("[data-live-clock]").forEach(function (el) {
      var zone = el.dataset.tz;
      if (!clockFormats[zone]) {
        try {
          clockFormats[zone] = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
            hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone,
          });
        } catch (e) {
          clockFormats[zone] = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
        }
      }
      var shown = clockFormats[zone].format(new Date(Date.now() + offset));
      if (el.textContent !== shown) el.textContent = shown;
    });
  }

  function swapBody() {
    var body = document.querySelector("[data-live-body]");
    if (!body || !root.dataset.fragment) return;
    fetch(root.dataset.fragment, { credentials: "same-origin", headers: { "X-Live": "1" } })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        // A button of this body is being posted through htmx: its answer is the newer body.
        if (body.querySelector(".htmx-request") || body.classList.contains("htmx-request")) html = null;
        if (html !== null) {
          body.innerHTML = html;
          // The console's buttons post through htmx: let it take over the new ones.
          if (window.htmx) window.htmx.process(body);
        }
        renderCurrent();
        tick();
      })
      .catch(function () {});
  }

  function apply(next, serverTime) {
    if (typeof serverTime === "number") offset = serverTime - Date.now();
    if (next.version === version && next !== state) return;
    var gap = next.version > version + 1;
    state = next;
    version = next.version;
    root.dataset.version = String(version);
    renderCurrent();
    renderLists();
    tick();
    swapBody();
    if (gap && socket && socket.readyState === 1) {
      socket.send(JSON.stringify({ type: "resync" }));
    }
  }

  function showPolling(on) {
    var status = root.querySelector("[data-live-status]");
    if (!status) return;
    status.hidden = !on;
    status.textContent = on ? status.dataset.polling : "";
  }

  function poll() {
    fetch(root.dataset.api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (data) {
        if (data) apply(data, data.server_time);
      })
      .catch(function () {});
  }

  function startPolling() {
    if (pollTimer) return;
    showPolling(true);
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
    showPolling(false);
  }

  var retries = 0;
  function connect() {
    if (!("WebSocket" in window)) return startPolling();
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + location.host + root.dataset.ws);
    } catch (e) {
      return startPolling();
    }
    socket.onopen = function () {
      opened = true;
      retries = 0;
      stopPolling();
    };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      // A refusal (too many resyncs): the next heartbeat or change asks again.
      if (data.type === "error") return;
      if (data.type === "heartbeat") {
        // The server's current version, every few seconds: a lost broadcast heals here.
        if (typeof data.server_time === "number") offset = data.server_time - Date.now();
        if (data.version !== version && socket && socket.readyState === 1) {
          socket.send(JSON.stringify({ type: "resync" }));
        }
        return;
      }
      apply(data, data.server_time);
    };
    socket.onclose = function () {
      socket = null;
      // Never connected, or lost: poll meanwhile and try again, more slowly each time.
      startPolling();
      retries += 1;
      setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, retries)));
    };
  }

  if (mode === "console") {
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (["input", "select", "textarea"].indexOf(tag) >= 0 || event.ctrlKey || event.metaKey || event.altKey) return;
      var button = document.querySelector('[data-shortcut="' + event.key.toLowerCase() + '"]');
      if (button && !button.disabled) {
        event.preventDefault();
        button.closest("form").requestSubmit(button);
      }
    });
  }

  renderCurrent();
  tick();
  setInterval(tick, 250);
  connect();
  window.amityLive = { get version() { return version; }, get offset() { return offset; }, get polling() { return !!pollTimer; }, get connected() { return opened; } };
})();
