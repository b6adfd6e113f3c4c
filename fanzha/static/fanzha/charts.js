// Charts drawn with the vendored ECharts (no network). Each takes an element id and plain data.
window.FanzhaCharts = {
  trend(id, data) {
    const chart = echarts.init(document.getElementById(id));
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 24, bottom: 40 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", name: "发案数", minInterval: 1 },
      // straight segments between the months: a curve would draw counts between 0 and 1 that never happened
      series: [{ type: "line", name: "发案数", data: data.cases, smooth: false, areaStyle: { opacity: 0.15 } }],
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
      // names in a legend below the ring, whole: labels beside a ring in a narrow card are cut to 「冒充…」
      legend: { bottom: 0, itemWidth: 8, itemHeight: 8, itemGap: 6, textStyle: { fontSize: 10 } },
      series: [{
        type: "pie", radius: ["24%", "46%"], center: ["50%", "34%"],
        label: { show: true, position: "inside", formatter: (p) => (p.percent >= 8 ? `${Math.round(p.percent)}%` : ""), fontSize: 10 },
        data: data.labels.map((l, i) => ({ name: l, value: data.values[i] })),
      }],
    });
    window.addEventListener("resize", () => chart.resize());
  },
};
