// Calendar: move a post that is not out yet by dragging it onto another day (month) or hour (week), or
// with its Reschedule form. Times travel as wall-clock "YYYY-MM-DDTHH:MM" in the zone the page shows,
// never the browser's, so a laptop set to another zone still moves posts to the time the user sees.
(function () {
  const root = document.getElementById("calendar");
  if (!root) return;
  const status = document.getElementById("calendar-status");
  let dragged = null;

  function itemFor(targetId) {
    return root.querySelector('.cal-item[data-target-id="' + targetId + '"]');
  }

  function showError(item, message) {
    const box = item.querySelector(".cal-error");
    if (box) box.textContent = message;
    item.classList.toggle("has-error", Boolean(message));
  }

  function describe(local) {
    // Format the wall-clock value itself (read as UTC only to name the weekday), not a browser-zone Date.
    const [day, time] = local.split("T");
    const [y, m, d] = day.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.toLocaleDateString("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" }) + ", " + time;
  }

  function errorText(body, response) {
    if (body && typeof body.detail === "string") return body.detail;
    if (body && Array.isArray(body.detail) && body.detail.length) {
      return body.detail.map(function (e) { return (e.field ? e.field + ": " : "") + e.msg; }).join("; ");
    }
    return "Could not reschedule (HTTP " + response.status + ").";
  }

  async function refresh() {
    // Re-read the calendar from the server: the one place that knows where every post now sits.
    const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = doc.getElementById("calendar");
    if (!fresh) throw new Error("no calendar in the page");
    root.innerHTML = fresh.innerHTML;
    root.dataset.csrf = fresh.dataset.csrf;
  }

  async function reschedule(item, local) {
    const cfg = root.dataset;
    const targetId = item.dataset.targetId;
    const handle = item.querySelector(".cal-account").textContent.replace(/\s+/g, " ").trim();
    const url = cfg.rescheduleUrl.replace("{target_id}", targetId);
    showError(item, "");
    item.setAttribute("aria-busy", "true");
    let response;
    try {
      response = await fetch(url, {
        method: cfg.rescheduleMethod,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": cfg.csrf },
        body: JSON.stringify({ scheduled_at: local, timezone: cfg.timezone }),
      });
    } catch (err) {
      item.removeAttribute("aria-busy");
      showError(item, "Could not reach the server: " + err.message);
      return;
    }
    if (!response.ok) {
      let body = null;
      try { body = await response.json(); } catch (err) { body = null; }
      item.removeAttribute("aria-busy");
      showError(item, errorText(body, response));
      return;
    }
    try {
      await refresh();
    } catch (err) {
      window.location.reload();
      return;
    }
    const moved = itemFor(targetId);
    let message = "Moved " + handle + " to " + describe(local) + ".";
    if (moved) {
      moved.setAttribute("tabindex", "-1");
      moved.focus();
      moved.classList.add("just-moved");
    } else {
      message += " That is outside this " + cfg.view + "; use Previous or Next to see it.";
    }
    if (status) status.textContent = message;
  }

  root.addEventListener("submit", function (event) {
    const form = event.target.closest(".cal-move-form");
    if (!form) return;
    event.preventDefault();
    const item = form.closest(".cal-item");
    const value = form.elements.scheduled_at.value;
    if (!value) {
      showError(item, "Choose a date and time.");
      return;
    }
    const button = form.querySelector("button");
    button.disabled = true;
    reschedule(item, value).finally(function () { button.disabled = false; });
  });

  root.addEventListener("dragstart", function (event) {
    const item = event.target.closest && event.target.closest('.cal-item[draggable="true"]');
    if (!item) return;
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.targetId);
  });

  root.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    root.querySelectorAll(".drop-over").forEach(function (cell) { cell.classList.remove("drop-over"); });
  });

  function dropCell(event) {
    return dragged && event.target.closest ? event.target.closest("[data-drop-date]") : null;
  }

  root.addEventListener("dragover", function (event) {
    const cell = dropCell(event);
    if (!cell) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    cell.classList.add("drop-over");
  });

  root.addEventListener("dragleave", function (event) {
    const cell = dropCell(event);
    if (cell && !cell.contains(event.relatedTarget)) cell.classList.remove("drop-over");
  });

  root.addEventListener("drop", function (event) {
    const cell = dropCell(event);
    if (!cell) return;
    event.preventDefault();
    cell.classList.remove("drop-over");
    const item = dragged;
    const [, time] = item.dataset.local.split("T");
    const [hour, minute] = time.split(":");
    const newHour = cell.dataset.dropHour !== undefined ? String(cell.dataset.dropHour).padStart(2, "0") : hour;
    const local = cell.dataset.dropDate + "T" + newHour + ":" + minute;
    if (local === item.dataset.local) return;
    reschedule(item, local);
  });
})();
