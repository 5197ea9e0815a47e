// Inbox: lists /api/inbox/interactions (most urgent first, the API's order) with the page's filters, opens one
// in the side panel (full text, keywords, suggested reply to edit and send, archive, reply history), and
// archives several at once. Reads use the session cookie; writes also send the page's CSRF token in a header.
// Every text from the platforms goes into the page through textContent, never as HTML.
(function () {
  "use strict";

  var root = document.getElementById("inbox");
  if (!root) return;
  var config = JSON.parse(document.getElementById("inbox-config").textContent);
  var csrf = root.dataset.csrf;
  var timezone = root.dataset.timezone;
  var canReply = root.dataset.canReply === "true";
  var API = "/api/inbox";

  var form = document.getElementById("inbox-filters");
  var list = document.getElementById("inbox-list");
  var loading = document.getElementById("inbox-loading");
  var errorBox = document.getElementById("inbox-error");
  var empty = document.getElementById("inbox-empty");
  var emptyText = document.getElementById("inbox-empty-text");
  var totalBox = document.getElementById("inbox-total");
  var status = document.getElementById("inbox-status");
  var pager = document.getElementById("inbox-pager");
  var pageLabel = document.getElementById("inbox-page");
  var prev = document.getElementById("inbox-prev");
  var next = document.getElementById("inbox-next");
  var selectAll = document.getElementById("inbox-select-all");
  var archiveSelected = document.getElementById("inbox-archive-selected");

  var detail = document.getElementById("inbox-detail");
  var detailMeta = document.getElementById("detail-meta");
  var detailText = document.getElementById("detail-text");
  var detailKeywords = document.getElementById("detail-keywords");
  var detailKeywordsWrap = document.getElementById("detail-keywords-wrap");
  var detailHistory = document.getElementById("detail-history");
  var detailArchive = document.getElementById("detail-archive");
  var replyForm = document.getElementById("reply-form");
  var replyText = document.getElementById("reply-text");
  var replySource = document.getElementById("reply-source");
  var replyError = document.getElementById("reply-error");
  var replySend = document.getElementById("reply-send");

  // Filters and their defaults (the API's): what the URL keeps so a reload or a shared link shows the same list.
  var DEFAULTS = { sentiment: "", intent: "", platform: "", responded: "any", archived: "false", q: "" };
  var state = { filters: Object.assign({}, DEFAULTS), page: 1, items: [], opened: null, loadSeq: 0 };

  var WEEKDAYS = { Mon: "Mon", Tue: "Tue", Wed: "Wed", Thu: "Thu", Fri: "Fri", Sat: "Sat", Sun: "Sun" };
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var clock = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  });

  // "Fri 04 Dec 2026, 16:52" in the viewer's zone: the format the server-rendered pages use.
  function localTime(iso) {
    var parts = {};
    clock.formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
    var pad = function (v) { return String(v).padStart(2, "0"); };
    var hour = parts.hour === "24" ? "00" : pad(parts.hour);
    return (WEEKDAYS[parts.weekday] || parts.weekday) + " " + pad(parts.day) + " " + MONTHS[Number(parts.month) - 1] +
      " " + parts.year + ", " + hour + ":" + pad(parts.minute);
  }

  function capitalize(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : ""; }
  function intentLabel(intent) { return config.intent_labels[intent] || intent; }
  function platformName(platform) { return config.platform_names[platform] || platform; }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // ---- talking to the API --------------------------------------------------------------------------

  function ApiError(message, status) { this.message = message; this.status = status; }

  function errorText(body, response) {
    var text;
    if (body && typeof body.detail === "string") text = body.detail;
    else if (body && Array.isArray(body.detail) && body.detail.length) {
      text = body.detail.map(function (e) { return (e.field ? e.field + ": " : "") + e.msg; }).join("; ");
    } else if (response.status === 401) text = "Your session has ended: reload the page and sign in again.";
    else text = "The server answered HTTP " + response.status + ".";
    var retry = response.headers.get("Retry-After");
    if (response.status === 429 && retry) text += " (retry in " + retry + " s)";
    return text;
  }

  async function api(method, path, body) {
    var headers = { Accept: "application/json" };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      headers["X-CSRF-Token"] = csrf;
    }
    var response;
    try {
      response = await fetch(path, {
        method: method,
        credentials: "same-origin",
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError("Could not reach the server: " + err.message, 0);
    }
    var data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (!response.ok) throw new ApiError(errorText(data, response), response.status);
    return data;
  }

  // ---- filters and the URL -------------------------------------------------------------------------

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    Object.keys(DEFAULTS).forEach(function (name) {
      var value = params.get(name);
      state.filters[name] = value === null ? DEFAULTS[name] : value;
      var field = form.elements[name];
      if (!field) return;
      field.value = state.filters[name];
      // A hand-edited URL with a value the select does not offer: back to the default.
      if (field.value !== state.filters[name]) { field.value = DEFAULTS[name]; state.filters[name] = DEFAULTS[name]; }
    });
    var page = parseInt(params.get("page") || "1", 10);
    state.page = page > 0 ? page : 1;
  }

  function writeUrl() {
    var params = new URLSearchParams();
    Object.keys(DEFAULTS).forEach(function (name) {
      if (state.filters[name] !== DEFAULTS[name]) params.set(name, state.filters[name]);
    });
    if (state.page > 1) params.set("page", String(state.page));
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function filtered() {
    return Object.keys(DEFAULTS).some(function (name) { return state.filters[name] !== DEFAULTS[name]; });
  }

  function applyForm() {
    Object.keys(DEFAULTS).forEach(function (name) {
      var field = form.elements[name];
      if (field) state.filters[name] = name === "q" ? field.value.trim() : field.value;
    });
    state.page = 1;
    writeUrl();
    load();
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return; // the search box applies on Enter or the Search button
    applyForm();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    applyForm();
  });

  // ---- the list ------------------------------------------------------------------------------------

  function badges(item) {
    var s = item.sentiment;
    var nodes = [
      el("span", {
        className: "ib-priority priority-" + item.priority,
        title: "Priority: " + item.priority,
        "data-testid": "priority",
        "data-priority": item.priority,
      }, [el("span", { className: "ib-dot", "aria-hidden": "true" }), el("span", { text: capitalize(item.priority) })]),
      el("span", {
        className: "badge sentiment-" + s.label,
        title: "Sentiment score " + s.score.toFixed(2) + " (−1 to 1), confidence " + Math.round(s.confidence * 100) + " %",
        "data-testid": "sentiment-badge",
        "data-sentiment": s.label,
      }, [el("span", { className: "visually-hidden", text: "Sentiment: " }), el("span", { text: capitalize(s.label) })]),
      el("span", {
        className: "badge intent intent-" + item.intent.intent,
        title: "Intent confidence " + Math.round(item.intent.confidence * 100) + " %",
        "data-testid": "intent-badge",
        "data-intent": item.intent.intent,
      }, [el("span", { className: "visually-hidden", text: "Intent: " }), el("span", { text: intentLabel(item.intent.intent) })]),
    ];
    if (item.responded) nodes.push(el("span", { className: "badge status-published", "data-testid": "responded-badge", text: "Responded" }));
    if (item.archived) nodes.push(el("span", { className: "badge status-cancelled", "data-testid": "archived-badge", text: "Archived" }));
    return nodes;
  }

  function who(item) {
    return el("span", { className: "ib-author" }, [
      item.author_name ? el("strong", { text: item.author_name + " " }) : null,
      el("span", { className: "muted", text: "@" + item.author_handle }),
    ]);
  }

  function where(item) {
    return [
      el("span", { className: "platform", text: platformName(item.platform) }),
      el("span", { className: "muted", text: item.kind.replace("_", " ") }),
      el("time", { datetime: item.received_at, "data-testid": "received-at", text: localTime(item.received_at) }),
    ];
  }

  function row(item) {
    var handle = "@" + item.author_handle;
    var check = el("input", { type: "checkbox", className: "ib-select", value: String(item.id), "data-testid": "item-select" });
    check.setAttribute("aria-label", "Select the " + intentLabel(item.intent.intent).toLowerCase() + " from " + handle);
    var open = el("button", {
      type: "button",
      className: "ib-open",
      "aria-controls": "inbox-detail",
      "aria-expanded": String(state.opened === item.id),
      "data-testid": "item-open",
    }, [
      el("span", { className: "ib-meta" }, badges(item).concat([who(item)], where(item))),
      el("span", { className: "ib-text", "data-testid": "item-text", text: item.text }),
    ]);
    return el("li", {
      className: "ib-item sentiment-edge-" + item.sentiment.label + (state.opened === item.id ? " is-open" : "") +
        (item.responded ? " is-responded" : ""),
      "data-testid": "inbox-item",
      "data-id": String(item.id),
      "data-priority": item.priority,
      "data-sentiment": item.sentiment.label,
      "data-intent": item.intent.intent,
      "data-responded": String(item.responded),
      "data-archived": String(item.archived),
    }, [check, open]);
  }

  function showState(which, message) {
    loading.hidden = which !== "loading";
    errorBox.hidden = which !== "error";
    empty.hidden = which !== "empty";
    if (which === "error") errorBox.textContent = message;
    if (which === "empty") {
      emptyText.textContent = filtered()
        ? "No interactions match these filters."
        : "No interactions yet — comments and mentions of your connected accounts appear here within a few minutes.";
    }
    list.setAttribute("aria-busy", which === "loading" ? "true" : "false");
  }

  async function load() {
    var seq = ++state.loadSeq; // only the latest request may draw, whatever order the answers come in
    showState("loading");
    var params = new URLSearchParams();
    Object.keys(state.filters).forEach(function (name) { if (state.filters[name]) params.set(name, state.filters[name]); });
    params.set("page", String(state.page));
    params.set("per_page", String(config.per_page));
    var page;
    try {
      page = await api("GET", API + "/interactions?" + params.toString());
    } catch (err) {
      if (seq !== state.loadSeq) return;
      list.replaceChildren();
      pager.hidden = true;
      showState("error", "Could not load the inbox: " + err.message);
      return;
    }
    if (seq !== state.loadSeq) return;
    if (page.pages > 0 && state.page > page.pages) {
      state.page = page.pages; // past the end after archiving the last items of the last page
      writeUrl();
      return load();
    }
    state.items = page.items;
    list.replaceChildren.apply(list, page.items.map(row));
    totalBox.textContent = page.total === 1 ? "1 interaction" : page.total + " interactions";
    showState(page.items.length ? "list" : "empty");
    pager.hidden = page.pages <= 1;
    pageLabel.textContent = "Page " + page.page + " of " + Math.max(page.pages, 1);
    prev.disabled = page.page <= 1;
    next.disabled = page.page >= page.pages;
    selectAll.checked = false;
    selectionChanged();
  }

  prev.addEventListener("click", function () { state.page -= 1; writeUrl(); load(); });
  next.addEventListener("click", function () { state.page += 1; writeUrl(); load(); });

  // ---- selection and bulk archive ------------------------------------------------------------------

  function selectedIds() {
    return Array.prototype.map.call(list.querySelectorAll(".ib-select:checked"), function (box) { return Number(box.value); });
  }

  function bulkArchives() { return state.filters.archived !== "true"; }

  function selectionChanged() {
    var ids = selectedIds();
    var boxes = list.querySelectorAll(".ib-select");
    archiveSelected.disabled = ids.length === 0;
    archiveSelected.textContent = (bulkArchives() ? "Archive selected" : "Unarchive selected") + (ids.length ? " (" + ids.length + ")" : "");
    selectAll.checked = boxes.length > 0 && ids.length === boxes.length;
    selectAll.indeterminate = ids.length > 0 && ids.length < boxes.length;
  }

  list.addEventListener("change", function (event) {
    if (event.target.classList.contains("ib-select")) selectionChanged();
  });
  selectAll.addEventListener("change", function () {
    list.querySelectorAll(".ib-select").forEach(function (box) { box.checked = selectAll.checked; });
    selectionChanged();
  });

  archiveSelected.addEventListener("click", async function () {
    var ids = selectedIds();
    if (!ids.length) return;
    var archiving = bulkArchives();
    archiveSelected.disabled = true;
    try {
      var answer = await api("POST", API + "/bulk-archive", { ids: ids, archived: archiving });
      status.textContent = (archiving ? "Archived " : "Unarchived ") + answer.changed + (answer.changed === 1 ? " interaction." : " interactions.");
      status.classList.remove("error");
    } catch (err) {
      status.textContent = "Could not " + (archiving ? "archive" : "unarchive") + " the selection: " + err.message;
      status.classList.add("error");
    }
    if (state.opened && ids.indexOf(state.opened) >= 0) openDetail(state.opened, false);
    load();
  });

  // ---- the detail panel ----------------------------------------------------------------------------

  list.addEventListener("click", function (event) {
    var button = event.target.closest(".ib-open");
    if (!button) return;
    var id = Number(button.closest(".ib-item").dataset.id);
    openDetail(id, true);
  });

  function markOpened() {
    list.querySelectorAll(".ib-item").forEach(function (item) {
      var isOpen = Number(item.dataset.id) === state.opened;
      item.classList.toggle("is-open", isOpen);
      item.querySelector(".ib-open").setAttribute("aria-expanded", String(isOpen));
    });
  }

  function historyItem(reply) {
    var when = reply.sent_at || reply.created_at;
    var statusClass = { sent: "status-published", failed: "status-failed", sending: "status-publishing", unknown: "status-needs_review" }[reply.status] || "";
    return el("li", { "data-testid": "history-item", "data-status": reply.status }, [
      el("div", { className: "ib-meta" }, [
        el("span", { className: "badge " + statusClass, text: reply.status }),
        reply.automatic ? el("span", { className: "badge", text: "automatic" }) : null,
        el("time", { datetime: when, text: localTime(when) }),
      ]),
      el("p", { className: "ib-history-text", text: reply.text }),
      reply.error ? el("p", { className: "error small", text: reply.error }) : null,
    ]);
  }

  function drawDetail(item, replies) {
    document.getElementById("detail-title").textContent =
      intentLabel(item.intent.intent) + " from @" + item.author_handle;
    detailMeta.replaceChildren.apply(detailMeta, badges(item).concat([who(item)], where(item)));
    detailText.textContent = item.text;
    detailKeywords.replaceChildren.apply(detailKeywords, item.keywords.map(function (word) {
      return el("li", { className: "badge", text: word });
    }));
    detailKeywordsWrap.hidden = item.keywords.length === 0;
    detailArchive.textContent = item.archived ? "Unarchive" : "Archive";
    detailArchive.dataset.archived = String(item.archived);
    detailHistory.replaceChildren.apply(detailHistory, replies.length
      ? replies.map(historyItem)
      : [el("li", { className: "muted small", "data-testid": "history-empty", text: "No replies yet." })]);
  }

  function prefill(item) {
    if (!replyForm) return;
    replyError.textContent = "";
    var suggestion = item.suggested_reply;
    replyText.value = suggestion ? suggestion.text : "";
    if (item.responded) {
      replySource.textContent = "Already answered" + (item.responded_at ? " on " + localTime(item.responded_at) : "") + ". Sending again adds another reply.";
    } else if (suggestion) {
      replySource.textContent = "Suggested reply for a " + intentLabel(suggestion.intent).toLowerCase() + " (" +
        (suggestion.source === "workspace" ? "your template" : "default template") + ", " + suggestion.language + "): edit it before sending.";
    } else {
      replySource.textContent = item.intent.intent === "spam" ? "No suggested reply: spam is best archived." : "No suggested reply.";
    }
  }

  async function openDetail(id, focus) {
    state.opened = id;
    markOpened();
    detail.hidden = false;
    detail.setAttribute("aria-busy", "true");
    try {
      var answers = await Promise.all([
        api("GET", API + "/interactions/" + id),
        api("GET", API + "/interactions/" + id + "/replies"),
      ]);
      if (state.opened !== id) return;
      drawDetail(answers[0], answers[1]);
      prefill(answers[0]);
    } catch (err) {
      if (state.opened !== id) return;
      detailMeta.replaceChildren();
      detailText.textContent = "";
      detailHistory.replaceChildren();
      document.getElementById("detail-title").textContent = "Could not open the interaction";
      detailText.textContent = err.message;
    } finally {
      detail.removeAttribute("aria-busy");
    }
    if (focus) detail.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || detail.hidden) return;
    if (detail.contains(event.target) || event.target === document.body) document.getElementById("detail-close").click();
  });

  document.getElementById("detail-close").addEventListener("click", function () {
    var opened = state.opened;
    state.opened = null;
    detail.hidden = true;
    markOpened();
    var button = list.querySelector('.ib-item[data-id="' + opened + '"] .ib-open');
    if (button) button.focus();
  });

  detailArchive.addEventListener("click", async function () {
    var id = state.opened;
    if (!id) return;
    var archiving = detailArchive.dataset.archived !== "true";
    detailArchive.disabled = true;
    try {
      await api("POST", API + "/interactions/" + id + (archiving ? "/archive" : "/unarchive"));
      status.textContent = archiving ? "Archived." : "Moved back to the inbox.";
      status.classList.remove("error");
      await openDetail(id, false);
      load();
    } catch (err) {
      status.textContent = "Could not " + (archiving ? "archive" : "unarchive") + ": " + err.message;
      status.classList.add("error");
    } finally {
      detailArchive.disabled = false;
    }
  });

  if (replyForm && canReply) {
    replyForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      var id = state.opened;
      var text = replyText.value;
      if (!text.trim()) {
        replyError.textContent = "Write a reply first.";
        replyText.setAttribute("aria-invalid", "true");
        replyText.focus();
        return;
      }
      replyText.removeAttribute("aria-invalid");
      replyError.textContent = "";
      replySend.disabled = true;
      replySend.textContent = "Sending…";
      try {
        var answer = await api("POST", API + "/interactions/" + id + "/respond", { text: text });
        status.textContent = "Reply sent to @" + answer.interaction.author_handle + ".";
        status.classList.remove("error");
        if (state.opened === id) {
          var replies = await api("GET", API + "/interactions/" + id + "/replies");
          drawDetail(answer.interaction, replies);
          prefill(answer.interaction);
          replySource.textContent = "Sent. " + replySource.textContent;
        }
        load();
      } catch (err) {
        replyError.textContent = "Not sent: " + err.message;
        replyText.setAttribute("aria-invalid", "true");
        // A failed attempt is in the history too.
        try {
          var history = await api("GET", API + "/interactions/" + id + "/replies");
          if (state.opened === id) {
            detailHistory.replaceChildren.apply(detailHistory, history.length ? history.map(historyItem) : []);
          }
        } catch (ignored) { /* the error above is what matters */ }
      } finally {
        replySend.disabled = false;
        replySend.textContent = "Send";
        // Disabling the button while sending dropped the focus: put it back where the person was.
        if (document.activeElement === document.body && !detail.hidden) replySend.focus();
      }
    });
  }

  readUrl();
  load();
})();
