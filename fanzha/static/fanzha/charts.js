// Charts drawn with the vendored ECharts (no network). Each takes an element id and plain data.
window.FanzhaCharts = {
  trend(id, data) {
    const chart = echarts.init(document.getElementById(id));
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 24, bottom: 40 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: "发案数", minInterval: 1 },
      series: [{ type: "line", name: "发案数", data: data.cases, smooth: true, areaStyle: { opacity: 0.15 } }],
    });
    window.addEventListener("resize", () => chart.resize());
  },
  bars(id, data, name) {
    const chart = echarts.init(document.getElementById(id));
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true }, // room for 「石桥街道康乐社区」
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.labels, inverse: true },
      series: [{ type: "bar", name: name, data: data.values, label: { show: true, position: "right" } }],
    });
    window.addEventListener("resize", () => chart.resize());
  },
  pie(id, data) {
    const chart = echarts.init(document.getElementById(id));
    chart.setOption({
      tooltip: { trigger: "item", formatter: "{b}：{c}起（{d}%）" },
      series: [{ type: "pie", radius: ["35%", "65%"], data: data.labels.map((l, i) => ({ name: l, value: data.values[i] })) }],
    });
    window.addEventListener("resize", () => chart.resize());
  },
};
