/* Dashboard charts: reads the figures the page put in <script type="application/json" id="dash-chart-data">
   (json_script), so no inline script is needed. Runs on page load and on every htmx swap. */
(function () {
  "use strict";

  const COLOURS = { line: "#0b5380", band: "rgba(15, 110, 122, .12)" };

  function lineChart(canvas, labels, values, label) {
    if (canvas.dashChart) canvas.dashChart.destroy();
    canvas.dashChart = new window.Chart(canvas, {
      type: "line",
      data: {
        labels: labels,
        datasets: [{ label: label, data: values, borderColor: COLOURS.line, backgroundColor: COLOURS.band,
          fill: true, spanGaps: false, tension: 0, pointRadius: 4 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { suggestedMin: 0, suggestedMax: 120 } },
        plugins: { legend: { display: false } },
      },
    });
  }

  function init(root) {
    const source = document.getElementById("dash-chart-data");
    if (!source || typeof window.Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    root.querySelectorAll("canvas[data-dash-chart='nko']").forEach(function (canvas) {
      lineChart(canvas, data.labels, data.nko, canvas.dataset.label);
    });
    root.querySelectorAll("canvas[data-dash-chart='indicator']").forEach(function (canvas) {
      const select = document.querySelector("[data-dash-select]");
      const draw = function () {
        const item = (data.indicators || [])[Number(select ? select.value : 0)];
        if (item) lineChart(canvas, data.labels, item.achievement, item.code + " · " + canvas.dataset.label);
      };
      if (select && !select.dataset.dashBound) {
        select.dataset.dashBound = "1";
        select.addEventListener("change", draw);
      }
      draw();
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(init);
  } else {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  }
})();
