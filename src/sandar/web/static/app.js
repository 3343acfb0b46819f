// Region charts: one chart per indicator and unit, one series per measure; facts, targets and
// forecasts drawn with different point shapes. Data from /api/series (no inline script: CSP).
(function () {
  "use strict";
  var box = document.getElementById("charts");
  if (!box || typeof uPlot === "undefined") { return; }
  var shapes = { fact: "circle", target: "square", forecast: "triangle" };
  var colours = ["#0f4c5c", "#e36414", "#5f0f40", "#2a9d8f", "#9a031e"];
  function pointsOf(kind) {
    return { show: true, size: kind === "fact" ? 7 : 9, fill: kind === "fact" ? undefined : "#fff" };
  }
  fetch(box.getAttribute("data-series")).then(function (r) { return r.json(); }).then(function (charts) {
    charts.forEach(function (chart) {
      var div = document.createElement("div");
      div.className = "chart";
      var h = document.createElement("h3");
      h.textContent = chart.title;
      div.appendChild(h);
      box.appendChild(div);
      var series = [{}];
      chart.series.forEach(function (s, i) {
        series.push({ label: s.label, stroke: colours[i % colours.length], points: pointsOf(s.kind),
                      paths: s.kind === "fact" ? undefined : function () { return null; } });
      });
      var opts = { width: Math.min(900, box.clientWidth || 900), height: 240, series: series,
                   scales: { x: { time: false } },
                   axes: [{ label: "year", incrs: [1, 2, 5, 10],
                            values: function (u, vals) { return vals.map(function (v) { return String(v); }); } },
                          { label: chart.unit }] };
      new uPlot(opts, chart.data, div);
      div.setAttribute("data-drawn", "1");
    });
    box.setAttribute("data-ready", String(charts.length));
  });
})();
