package egovframework.msa.sample.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import egovframework.msa.sample.benchmark.BenchmarksFile.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarksFileTest {

    private static final Map<String, String> MACHINE = new LinkedHashMap<>(Map.of("CPU cores", "2"));

    private static Row row(String letter, String name, String measured, String date) {
        return new Row(letter, letter + " " + name, "0 non-2xx", measured, "PASS", "./suite bench " + letter, date);
    }

    @Test
    void readsBackTheRowsItWrote() {
        List<Row> rows = List.of(row("a", "healthy", "requests=10 p99=3.0ms", "2026-01-01"),
                row("b", "customer-down", "1 conn: p99=2.0ms | 64 conn: p99=9.0ms", "2026-01-01"));

        List<Row> read = BenchmarksFile.readRows(BenchmarksFile.render(MACHINE, rows, true, "benchmark/target/gatling"));

        assertThat(read).extracting(r -> r.letter).containsExactly("a", "b");
        assertThat(read.get(1).measured).isEqualTo("1 conn: p99=2.0ms | 64 conn: p99=9.0ms");
        assertThat(read.get(1).scenario).isEqualTo("b customer-down");
        assertThat(read.get(0).result).isEqualTo("PASS");
        assertThat(read.get(0).command).isEqualTo("./suite bench a");
        assertThat(read.get(0).date).isEqualTo("2026-01-01");
    }

    @Test
    void aPartialRunReplacesItsRowsAndKeepsTheOthers() {
        String before = BenchmarksFile.render(MACHINE, List.of(row("a", "healthy", "old a", "2026-01-01"),
                row("c", "instance-killed", "old c", "2026-01-01"), row("f", "gateway-overhead", "old f", "2026-01-01")),
                false, "benchmark/target/gatling");

        List<Row> merged = BenchmarksFile.merge(BenchmarksFile.readRows(before),
                List.of(row("c", "instance-killed", "new c", "2026-02-02"), row("b", "customer-down", "new b", "2026-02-02")));

        assertThat(merged).extracting(r -> r.letter).containsExactly("a", "b", "c", "f");
        assertThat(merged).extracting(r -> r.measured).containsExactly("old a", "new b", "new c", "old f");
    }

    @Test
    void anyOtherFileHasNoRows() {
        assertThat(BenchmarksFile.readRows("")).isEmpty();
        assertThat(BenchmarksFile.readRows("# Notes\n\n| a x | b | c | d | e | f |\n")).isEmpty();
    }

    @Test
    void theFileSaysItIsGeneratedAndLinksChartAndReports() {
        String md = BenchmarksFile.render(MACHINE, List.of(), true, "benchmark/target/gatling");

        assertThat(md).contains("Written by `./suite bench`; never edit by hand")
                .contains("(docs/bench/sigkill-latency.png)")
                .contains("(benchmark/target/gatling/)")
                .contains("regenerated");
        assertThat(BenchmarksFile.render(MACHINE, List.of(), false, "x")).doesNotContain("sigkill-latency.png");
    }
}
