package egovframework.msa.sample.deployment;

import java.util.stream.Stream;

/**
 * The largest memory a JVM takes under the image's options in a container limited to {@code limit} MiB
 * (the arithmetic in the Dockerfile): heap (MaxRAMPercentage of the limit), metaspace, code cache and
 * direct buffers as capped, 120 threads' stacks (above the 47-78 measured at rest) and 40 MiB of the JVM's own.
 */
final class JvmFootprint {

    static final String[] CAPS = {"-XX:MaxRAMPercentage=", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=",
            "-XX:MaxDirectMemorySize=", "-Xss"};

    private JvmFootprint() {
    }

    static boolean capsEverything(String options) {
        return Stream.of(CAPS).allMatch(options::contains);
    }

    static double mebibytes(String options, double limit) {
        return limit * Double.parseDouble(option(options, "-XX:MaxRAMPercentage=")) / 100
                + jvmSize(option(options, "-XX:MaxMetaspaceSize="))
                + jvmSize(option(options, "-XX:ReservedCodeCacheSize="))
                + jvmSize(option(options, "-XX:MaxDirectMemorySize="))
                + 120 * jvmSize(option(options, "-Xss"))
                + 40;
    }

    /** The value of a JVM option such as -XX:MaxMetaspaceSize=128m (or -Xss512k); the last one wins, as in the JVM. */
    static String option(String options, String prefix) {
        return Stream.of(options.split("\\s+")).filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError(prefix + " is not set in " + options));
    }

    /** A JVM size (128m, 512k, 1g, bytes) in MiB. */
    static double jvmSize(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        double number = Character.isDigit(unit) ? Double.parseDouble(size) : Double.parseDouble(size.substring(0, size.length() - 1));
        switch (unit) {
            case 'g': return number * 1024;
            case 'm': return number;
            case 'k': return number / 1024;
            default: return number / (1024 * 1024);
        }
    }
}
