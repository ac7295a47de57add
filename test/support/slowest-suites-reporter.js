/**
 * A jest reporter that ends the run with its ten slowest test files, so that a slow suite is
 * seen where the time goes rather than guessed at.
 */
class SlowestSuitesReporter {
  onRunComplete(_contexts, results) {
    const suites = results.testResults
      .map((suite) => ({
        file: suite.testFilePath.replace(`${process.cwd()}/`, ""),
        seconds: (suite.perfStats.end - suite.perfStats.start) / 1000,
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 10);
    if (suites.length === 0) return;
    const lines = suites.map(({ file, seconds }) => `  ${seconds.toFixed(1).padStart(6)} s  ${file}`);
    process.stdout.write(`\nSlowest test files:\n${lines.join("\n")}\n`);
  }
}

module.exports = SlowestSuitesReporter;
