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
  sentimentOverTime(document.getElementById("sentiment-section"));

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

  // Sentiment over time: read from /api/analytics/sentiment with the page's filters (interactions are counted
  // whether or not any post has metrics yet), drawn as stacked daily shares plus the mean score line.
  function sentimentOverTime(section) {
    if (!section) return;
    var summary = document.getElementById("sentiment-summary");
    var wrap = document.getElementById("sentiment-chart-wrap");
    var empty = document.getElementById("sentiment-empty");
    var failure = document.getElementById("sentiment-error");
    var params = new URLSearchParams({ start: section.dataset.start, end: section.dataset.end });
    if (section.dataset.platform) params.set("platform", section.dataset.platform);

    fetch(section.dataset.url + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (!response.ok) throw new Error(body && typeof body.detail === "string" ? body.detail : "HTTP " + response.status);
          return body;
        });
      })
      .then(draw)
      .catch(function (err) {
        summary.hidden = true;
        failure.hidden = false;
        failure.textContent = "Could not load the sentiment: " + err.message;
      });

    function draw(answer) {
      var days = answer.all;
      var totals = { count: 0, positive: 0, neutral: 0, negative: 0, scoreSum: 0 };
      days.forEach(function (d) {
        totals.count += d.count;
        totals.positive += d.positive;
        totals.neutral += d.neutral;
        totals.negative += d.negative;
        if (d.mean_score !== null) totals.scoreSum += d.mean_score * d.count;
      });
      if (!totals.count) {
        summary.hidden = true;
        empty.hidden = false;
        return;
      }
      var pct = function (n) { return Math.round((n / totals.count) * 100) + " %"; };
      summary.textContent = totals.count + (totals.count === 1 ? " interaction: " : " interactions: ") +
        pct(totals.positive) + " positive, " + pct(totals.neutral) + " neutral, " + pct(totals.negative) +
        " negative; mean score " + (totals.scoreSum / totals.count).toFixed(2) + ".";
      wrap.hidden = false;
      var canvas = document.createElement("canvas");
      canvas.id = "chart-sentiment";
      canvas.setAttribute("data-testid", "chart-sentiment");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", "Daily share of positive, neutral and negative interactions, and mean sentiment score. " + summary.textContent);
      wrap.appendChild(canvas);
      if (typeof Chart === "undefined") return;

      var share = function (label) {
        return days.map(function (d) { return d.shares[label] === null ? null : Math.round(d.shares[label] * 1000) / 10; });
      };
      var bar = function (label, name, colour) {
        return { type: "bar", label: name, data: share(label), backgroundColor: colour, stack: "shares", yAxisID: "y", order: 2 };
      };
      new Chart(canvas, {
        data: {
          labels: days.map(function (d) { return d.day; }),
          datasets: [
            bar("positive", "Positive", "#12805ccc"),
            bar("neutral", "Neutral", "#98a2b3aa"),
            bar("negative", "Negative", "#c01048cc"),
            {
              type: "line",
              label: "Mean score",
              data: days.map(function (d) { return d.mean_score; }),
              borderColor: "#1d2433",
              backgroundColor: "#1d2433",
              pointRadius: 2,
              tension: 0.25,
              spanGaps: true,
              yAxisID: "y1",
              order: 1,
            },
          ],
        },
        options: {
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            x: { stacked: true },
            y: { stacked: true, min: 0, max: 100, title: { display: true, text: "Share of the day (%)" } },
            y1: { min: -1, max: 1, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "Mean score" } },
          },
          plugins: {
            legend: { labels: { sort: function (a, b) { return a.datasetIndex - b.datasetIndex; } } },
            tooltip: {
              callbacks: {
                label: function (item) {
                  if (item.raw === null || item.raw === undefined) return item.dataset.label + ": –";
                  return item.dataset.yAxisID === "y1" ? item.dataset.label + ": " + item.raw.toFixed(2) : item.dataset.label + ": " + item.raw + " %";
                },
                afterBody: function (items) {
                  var d = days[items[0].dataIndex];
                  return d ? "Interactions: " + d.count : "";
                },
              },
            },
          },
        },
      });
    }
  }

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
