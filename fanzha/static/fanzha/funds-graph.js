// The trace page's graph (vendored ECharts): accounts placed by level from left to right, the traced
// amount on each edge. Data from the page's JSON block #funds-graph-data.
(function () {
  const element = document.getElementById("funds-graph");
  const source = document.getElementById("funds-graph-data");
  if (!element || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const perLevel = {};
  const nodes = data.nodes.map((node) => {
    const row = (perLevel[node.level] = (perLevel[node.level] || 0) + 1);
    return { ...node, x: node.level * 220, y: row * 90, symbolSize: 18 };
  });
  const chart = echarts.init(element);
  chart.setOption({
    tooltip: { formatter: (p) => (p.dataType === "edge" ? p.data.value + " 元" : p.data.name.replace("\n", " ")) },
    legend: { data: data.categories, bottom: 0 },
    series: [
      {
        type: "graph",
        layout: "none",
        roam: true,
        data: nodes,
        links: data.links,
        categories: data.categories.map((name) => ({ name })),
        label: { show: true, position: "bottom", fontSize: 11 },
        edgeSymbol: ["none", "arrow"],
        edgeLabel: { show: true, formatter: (p) => p.data.value, fontSize: 10 },
        lineStyle: { width: 1.5, curveness: 0.1 },
      },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
})();
