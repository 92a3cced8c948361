package egovframework.msa.sample.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the requests out of a Gatling 3.9 {@code simulation.log} (tab-separated text) and sorts each
 * one into an {@link Outcome}. The figures are computed from this file rather than taken from Gatling's
 * report so that a KO can be told apart by cause: Gatling records only the first failed check's message,
 * and {@link BenchSimulation} names its checks so that the message says which one failed.
 */
public final class SimulationLog {

    /** Check names: Gatling writes "name, detail" as the KO message, so the prefix tells the cause. */
    static final String NON_2XX_CHECK = "non-2xx";
    static final String FALLBACK_CHECK = "fallback answer";
    static final String REAL_ANSWER_CHECK = "real answer";

    /** What catalogs answers when customer-service cannot be reached and its read model does not know the customer. */
    public static final String FALLBACK_TEXT = "customer service unavailable";
    /** How catalogs marks the details it shows from its read model when customer-service cannot be reached. */
    public static final String LAST_KNOWN_TEXT = "(last known, ";
    /** Either fallback answer of catalogs (CustomerServiceFallback), as a regular expression. */
    static final String FALLBACK_PATTERN = Pattern.quote(FALLBACK_TEXT) + "|" + Pattern.quote(LAST_KNOWN_TEXT);

    /** Whether a catalogs answer came from its fallback: the last known details or "unavailable". */
    public static boolean isFallback(String body) {
        return body.contains(FALLBACK_TEXT) || body.contains(LAST_KNOWN_TEXT);
    }

    public enum Outcome {
        /** 2xx and the body the run expected. */
        OK,
        /** A status other than 2xx. */
        NON_2XX,
        /** The catalogs fallback where real data was expected. */
        FALLBACK,
        /** Real data where the fallback was expected (customer-service down). */
        REAL_ANSWER,
        /** No answer at all: connection refused or reset, timeout. */
        ERROR
    }

    /** One request: which route (the Gatling request name), when it started and ended (epoch ms), how it went. */
    public static final class Sample {
        final String route;
        final long start;
        final long end;
        final Outcome outcome;
        final String message;

        Sample(String route, long start, long end, Outcome outcome, String message) {
            this.route = route;
            this.start = start;
            this.end = end;
            this.outcome = outcome;
            this.message = message;
        }

        int millis() {
            return (int) Math.max(0, end - start);
        }
    }

    private SimulationLog() {
    }

    public static List<Sample> read(Path simulationLog) {
        try (Stream<String> lines = Files.lines(simulationLog, StandardCharsets.UTF_8)) {
            List<Sample> samples = new ArrayList<>();
            lines.forEach(line -> parseLine(line, samples));
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Sample> parse(List<String> lines) {
        List<Sample> samples = new ArrayList<>();
        lines.forEach(line -> parseLine(line, samples));
        return samples;
    }

    /** {@code REQUEST <groups> <name> <start> <end> <OK|KO> <message>}; other record types are skipped. */
    private static void parseLine(String line, List<Sample> samples) {
        if (!line.startsWith("REQUEST\t")) {
            return;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length < 7) {
            throw new IllegalArgumentException("malformed REQUEST record: " + line);
        }
        String message = fields[6].trim();
        samples.add(new Sample(fields[2], Long.parseLong(fields[3]), Long.parseLong(fields[4]),
                classify(fields[5], message), message));
    }

    static Outcome classify(String status, String message) {
        if ("OK".equals(status)) {
            return Outcome.OK;
        }
        if (message.startsWith(NON_2XX_CHECK)) {
            return Outcome.NON_2XX;
        }
        if (message.startsWith(FALLBACK_CHECK)) {
            return Outcome.FALLBACK;
        }
        if (message.startsWith(REAL_ANSWER_CHECK)) {
            return Outcome.REAL_ANSWER;
        }
        return Outcome.ERROR;
    }
}
