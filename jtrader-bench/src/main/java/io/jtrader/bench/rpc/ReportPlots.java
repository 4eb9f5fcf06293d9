package io.jtrader.bench.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the PNG plots of a bench run from its CSV files (written by the programs' {@code --out DIR}):
 * {@code tick_latency_pct.csv} → {@code tick_latency.png} (latency against percentile, log scale, one line per
 * label and mode: the median over repeats of each percentile); {@code throughput.csv} (label,series,x,value) →
 * {@code throughput.png} (a bar chart per series). Missing inputs are skipped with a message.
 *
 * <pre>java -cp jtrader-bench/target/benchmarks.jar io.jtrader.bench.rpc.ReportPlots --in bench/results/latest --out docs/images</pre>
 */
public final class ReportPlots {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(BenchSupport.stringArg(args, "in", "bench/results/latest"));
        Path out = Path.of(BenchSupport.stringArg(args, "out", "docs/images"));
        Files.createDirectories(out);
        Path pct = in.resolve("tick_latency_pct.csv");
        if (Files.exists(pct)) {
            Path png = out.resolve("bench-tick-latency.png");
            latencyChart(read(pct), png);
            System.out.println("PLOT " + png);
        } else {
            System.out.println("no " + pct + ": tick latency plot skipped");
        }
        Path tp = in.resolve("throughput.csv");
        if (Files.exists(tp)) {
            Path png = out.resolve("bench-throughput.png");
            throughputChart(read(tp), png);
            System.out.println("PLOT " + png);
        } else {
            System.out.println("no " + tp + ": throughput plot skipped");
        }
    }

    /** Rows (label, mode, repeat, percentile, µs): one line per label+mode, median over repeats per percentile. */
    static void latencyChart(List<String[]> rows, Path png) throws IOException {
        Map<String, Map<Double, List<Double>>> series = new LinkedHashMap<>();
        for (String[] r : rows) {
            series.computeIfAbsent(r[0] + " " + r[1], k -> new LinkedHashMap<>())
                    .computeIfAbsent(Double.parseDouble(r[3]), k -> new ArrayList<>()).add(Double.parseDouble(r[4]));
        }
        XYChart chart = new XYChartBuilder().width(900).height(540).title("One-way tick latency at a paced rate (median of repeats)")
                .xAxisTitle("percentile: 1 - 1/10^x  (1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99)").yAxisTitle("latency µs (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(5);
        for (Map.Entry<String, Map<Double, List<Double>>> s : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Map.Entry<Double, List<Double>> p : s.getValue().entrySet()) {
                double q = p.getKey();
                if (q >= 100) {
                    continue;   // the max has no place on a 1/(1-q) axis
                }
                xs.add(Math.log10(100 / (100 - q)));
                ys.add(Math.max(0.1, median(p.getValue())));
            }
            chart.addSeries(s.getKey(), xs, ys);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Rows (label, series, x, value): a grouped bar chart, x categories in first-seen order, median over repeats. */
    static void throughputChart(List<String[]> rows, Path png) throws IOException {
        Map<String, Map<String, List<Double>>> series = new LinkedHashMap<>();
        List<String> categories = new ArrayList<>();
        for (String[] r : rows) {
            if (!categories.contains(r[2])) {
                categories.add(r[2]);
            }
            series.computeIfAbsent(r[0] + " " + r[1], k -> new LinkedHashMap<>())
                    .computeIfAbsent(r[2], k -> new ArrayList<>()).add(Double.parseDouble(r[3]));
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(540).title("Throughput (median of repeats)")
                .xAxisTitle("benchmark").yAxisTitle("per second").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setOverlapped(false);
        for (Map.Entry<String, Map<String, List<Double>>> s : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (String c : categories) {
                List<Double> v = s.getValue().get(c);
                ys.add(v == null ? 0.0 : median(v));
            }
            chart.addSeries(s.getKey(), categories, ys);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static List<String[]> read(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static double median(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        return BenchSupport.median(a);
    }
}
