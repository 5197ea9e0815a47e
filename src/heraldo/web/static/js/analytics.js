// Analytics page: draws the charts from the JSON block the server rendered, sorts the top-posts table,
// and reloads the page when a filter changes (the server computes every number).
(function () {
  "use strict";

  var filters = document.getElementById("analytics-filters");
  if (filters) {
    filters.addEventListener("change", function (event) {
      var field = event.target;
      // A date input fires change while typing; submit only once it holds a whole, valid date.
      if (field.type === "date" && !field.value) return;
      if (typeof filters.requestSubmit === "function") filters.requestSubmit();
      else filters.submit();
    });
  }

  sortableTable(document.getElementById("top-posts"));

  var source = document.getElementById("analytics-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var styles = getComputedStyle(document.documentElement);
  var accent = styles.getPropertyValue("--accent").trim() || "#3454d1";
  var palette = [accent, "#12805c", "#b54708", "#c01048", "#175cd3", "#7a5af8", "#0e9384", "#667085"];
  var number = new Intl.NumberFormat();

  Chart.defaults.font.family = styles.fontFamily;
  Chart.defaults.maintainAspectRatio = false;

  new Chart(document.getElementById("chart-trend"), {
    type: "line",
    data: {
      labels: data.trend.map(function (p) { return p.day; }),
      datasets: [
        {
          label: "Engagements",
          data: data.trend.map(function (p) { return p.engagements; }),
          borderColor: accent,
          backgroundColor: accent + "33",
          fill: true,
          tension: 0.25,
          yAxisID: "y",
        },
        {
          label: "Impressions",
          data: data.trend.map(function (p) { return p.impressions; }),
          borderColor: "#98a2b3",
          borderDash: [4, 4],
          pointRadius: 0,
          tension: 0.25,
          yAxisID: "y1",
        },
      ],
    },
    options: {
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: "Engagements" } },
        y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "Impressions" } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            afterBody: function (items) {
              var point = data.trend[items[0].dataIndex];
              return point ? "Posts: " + number.format(point.posts) : "";
            },
          },
        },
      },
    },
  });

  new Chart(document.getElementById("chart-platforms"), {
    type: "bar",
    data: {
      labels: data.platforms.map(function (p) { return p.label; }),
      datasets: [
        {
          label: "Engagements",
          data: data.platforms.map(function (p) { return p.engagements; }),
          backgroundColor: data.platforms.map(function (_p, i) { return palette[i % palette.length]; }),
        },
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            afterLabel: function (item) {
              var p = data.platforms[item.dataIndex];
              return "Posts: " + number.format(p.posts) + ", impressions: " + number.format(p.impressions);
            },
          },
        },
      },
      scales: { y: { beginAtZero: true } },
    },
  });

  new Chart(document.getElementById("chart-content"), {
    type: "doughnut",
    data: {
      labels: data.content_types.map(function (c) { return c.key; }),
      datasets: [
        {
          label: "Posts",
          data: data.content_types.map(function (c) { return c.posts; }),
          backgroundColor: data.content_types.map(function (_c, i) { return palette[i % palette.length]; }),
        },
      ],
    },
    options: {
      plugins: {
        legend: { position: "right" },
        tooltip: {
          callbacks: {
            afterLabel: function (item) {
              return "Engagements: " + number.format(data.content_types[item.dataIndex].engagements);
            },
          },
        },
      },
    },
  });

  function sortableTable(table) {
    if (!table) return;
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    headers.forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") !== "descending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var numeric = th.dataset.sort === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].dataset.value;
          var y = b.cells[column].dataset.value;
          var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
})();
