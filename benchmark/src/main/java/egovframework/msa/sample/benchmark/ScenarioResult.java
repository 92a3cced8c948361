package egovframework.msa.sample.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one scenario: verdict, a one-line summary, the figures by name, and what charts need. */
public final class ScenarioResult {

    /**
     * MISS: a target (scenario f) was not reached; unlike FAIL it does not fail the benchmark. SKIPPED: the
     * running suite cannot host the scenario (j without the embedded broker); its last row stays in BENCHMARKS.md.
     */
    public enum Verdict {
        PASS, FAIL, MISS, SKIPPED
    }

    private final String letter;
    private final String name;
    private final Verdict verdict;
    private final String threshold;
    private final String summary;
    private final Map<String, Double> figures;
    private final RunStats timeline;
    private final Map<String, Long> marks;
    private final List<Path> reports;

    ScenarioResult(String letter, String name, Verdict verdict, String threshold, String summary,
            Map<String, Double> figures, RunStats timeline, Map<String, Long> marks, List<Path> reports) {
        this.letter = letter;
        this.name = name;
        this.verdict = verdict;
        this.threshold = threshold;
        this.summary = summary;
        this.figures = new LinkedHashMap<>(figures);
        this.timeline = timeline;
        this.marks = new LinkedHashMap<>(marks);
        this.reports = List.copyOf(reports);
    }

    public String letter() {
        return letter;
    }

    public String name() {
        return name;
    }

    public Verdict verdict() {
        return verdict;
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public String threshold() {
        return threshold;
    }

    /** The measured figures as one line, e.g. {@code requests=38211 non2xx=0 ... p99=14.6ms}. */
    public String summary() {
        return summary;
    }

    /** Named figures: requests, non2xx, fallbacks, errors, p50_ms, p99_ms, throughput_rps, ... */
    public Map<String, Double> figures() {
        return figures;
    }

    /** The run to chart over time (per-second buckets), or null. */
    public RunStats timeline() {
        return timeline;
    }

    /** What the chaos did and when (epoch ms), in order. */
    public Map<String, Long> marks() {
        return marks;
    }

    /** The Gatling run directories (simulation.log, index.html) of the measured runs. */
    public List<Path> reports() {
        return reports;
    }

    /** {@code [bench] c instance-killed: PASS <figures> (threshold: ...)} */
    public String line() {
        return "[bench] " + letter + " " + name + ": " + verdict + " " + summary + " (threshold: " + threshold + ")";
    }
}
