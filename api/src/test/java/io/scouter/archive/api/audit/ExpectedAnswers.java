package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SPC answer computed straight from generated rows, as the contract defines it: bins of
 * max(1 s, window seconds / points) aligned on the epoch, the mean of each bin holding rows.
 */
final class ExpectedAnswers {
  private ExpectedAnswers() {}

  /** Per feature: bin starts (ISO text) and means, in time order. */
  static Map<String, Map<String, Double>> spcMeans(List<DriftRecord> records, Instant begin, Instant end, int points) {
    long width = Math.max(1, Duration.between(begin, end).toSeconds() / points);
    Map<String, Map<String, double[]>> sums = new TreeMap<>();
    for (DriftRecord record : records) {
      if (record instanceof DriftRecord.Spc spc && !spc.createdAt().isBefore(begin) && spc.createdAt().isBefore(end)) {
        long seconds = spc.createdAt().getEpochSecond();
        String bin = Instant.ofEpochSecond(Math.floorDiv(seconds, width) * width).toString();
        double[] sum = sums.computeIfAbsent(spc.feature(), f -> new TreeMap<>()).computeIfAbsent(bin, b -> new double[2]);
        sum[0] += spc.value();
        sum[1]++;
      }
    }
    Map<String, Map<String, Double>> means = new TreeMap<>();
    sums.forEach((feature, bins) -> {
      Map<String, Double> perBin = new TreeMap<>();
      bins.forEach((bin, sum) -> perBin.put(bin, sum[0] / sum[1]));
      means.put(feature, perBin);
    });
    return means;
  }

  /** The SPC rows as export CSV lines (without the header). */
  static List<String> spcCsvLines(List<DriftRecord> records) {
    List<String> lines = new ArrayList<>();
    for (DriftRecord record : records) {
      if (record instanceof DriftRecord.Spc spc) {
        lines.add(String.join(",", spc.createdAt().toString(), spc.space(), spc.name(), spc.version(), spc.feature(),
            Double.toString(spc.value())));
      }
    }
    return lines;
  }

  /** The PSI rows as export CSV lines (without the header). */
  static List<String> psiCsvLines(List<DriftRecord> records) {
    List<String> lines = new ArrayList<>();
    for (DriftRecord record : records) {
      if (record instanceof DriftRecord.Psi psi) {
        lines.add(String.join(",", psi.createdAt().toString(), psi.space(), psi.name(), psi.version(), psi.feature(),
            Integer.toString(psi.binId()), Integer.toString(psi.binCount())));
      }
    }
    return lines;
  }
}
