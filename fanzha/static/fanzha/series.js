// 串并案组 page: the graph of cases and the identifiers they hold, and the cases per day (vendored
// ECharts; the data comes from the page's json_script block "series-data").
(function () {
  const source = document.getElementById("series-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const colours = ["#0d6efd", "#adb5bd", "#dc3545"];

  const graphBox = document.getElementById("series-graph");
  if (graphBox) {
    const graph = echarts.init(graphBox);
    graph.setOption({
      tooltip: { formatter: (p) => (p.dataType === "node" ? p.data.name : "") },
      legend: [{ data: data.categories.map((c) => c.name), top: 4 }],
      color: colours,
      series: [{
        type: "graph",
        top: 36,
        layout: "force",
        roam: true,
        draggable: true,
        categories: data.categories,
        data: data.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          category: n.category,
          symbol: n.category === 2 ? "diamond" : "circle",
          symbolSize: n.category === 2 ? 14 : 10,
        })),
        links: data.links.map((l) => ({ source: l.source, target: l.target })),
        label: { show: data.nodes.length <= 60 && graphBox.clientWidth >= 600, position: "right", fontSize: 10 },
        force: { repulsion: 120, edgeLength: 50, gravity: 0.08 },
        lineStyle: { color: "source", opacity: 0.6 },
      }],
    });
    window.addEventListener("resize", () => graph.resize());
  }

  const timelineBox = document.getElementById("series-timeline");
  if (timelineBox) {
    const counts = {};
    data.nodes.filter((n) => n.category !== 2).forEach((n) => {
      counts[n.date] = (counts[n.date] || 0) + 1;
    });
    const days = Object.keys(counts).sort();
    const timeline = echarts.init(timelineBox);
    timeline.setOption({
      tooltip: { trigger: "axis", formatter: (p) => `${p[0].axisValue}：${p[0].value[1]} 起` },
      grid: { left: 32, right: 16, top: 16, bottom: 32 },
      xAxis: { type: "time" },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name: "报案数", data: days.map((d) => [d, counts[d]]), barMaxWidth: 12 }],
    });
    window.addEventListener("resize", () => timeline.resize());
  }
})();
