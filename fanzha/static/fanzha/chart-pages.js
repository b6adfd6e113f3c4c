// Draws a page's charts from its json_script data: the Content-Security-Policy runs no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const read = (id) => {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };
  const home = read("chart-data");
  if (home) {
    FanzhaCharts.trend("chart-trend", home.trend);
    FanzhaCharts.pie("chart-mix", home.mix);
    if (home.ranking) FanzhaCharts.bars("chart-ranking", home.ranking, "发案数");
  }
  const coverage = read("coverage-data");
  if (coverage) FanzhaCharts.bars("chart-coverage", coverage, "走访覆盖率%");
  const trend = read("trend-data");
  if (trend) FanzhaCharts.trend("trend", trend);
});
