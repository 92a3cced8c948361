package egovframework.msa.sample.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The secrets of one local run, made afresh by {@code ./suite up} and known only to the user who ran it: a
 * file of the run directory ({@value #FILE}) that only its owner can read, in a folder only its owner can
 * enter. The launcher hands them to every process it starts; {@code ./suite token} and the end-to-end tests
 * read them from here. No value of a local run that grants access to data is committed to the repository.
 *
 * <p>A developer's own value in the environment (the same name) wins over the generated one.
 */
public final class RunSecrets {

    static final String FILE = "secrets.properties";
    /** The settings made afresh at every {@code ./suite up}. */
    public static final List<String> KEYS = List.of("JWT_HMAC_SECRET");
    /**
     * The passwords of the embedded broker's users of one purpose each, made afresh with the rest; handed
     * only to the broker and the service each belongs to ({@link SuiteLayout#brokerLogins}).
     */
    static final List<String> BROKER_KEYS = List.of("EMBEDDED_BROKER_CUSTOMER_PASSWORD",
            "EMBEDDED_BROKER_CATALOGS_PASSWORD", "EMBEDDED_BROKER_BUS_PASSWORD");
    /** 32 random bytes, 256 bits: as strong as the HS256 key it is used as. */
    private static final int RANDOM_BYTES = 32;

    private final Path file;
    private final SecureRandom random = new SecureRandom();

    RunSecrets(Path runDir) {
        this.file = runDir.resolve("secrets").resolve(FILE);
    }

    public static RunSecrets of(SuiteLayout layout) {
        return new RunSecrets(layout.runDir());
    }

    /** Where they are kept. */
    public Path file() {
        return file;
    }

    /** New random values for every key of {@link #KEYS}, replacing those of the last run. */
    void renew() {
        Properties values = new Properties();
        List<String> keys = new ArrayList<>(KEYS);
        keys.addAll(BROKER_KEYS);
        for (String key : keys) {
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            // "run-", never "dev-": not a development value of the repository, and a token-safe alphabet.
            values.setProperty(key, "run-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path next = dir.resolve(FILE + ".new");
            Files.deleteIfExists(next);
            createOwnerOnly(next);
            try (OutputStream out = Files.newOutputStream(next, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                values.store(out, "egov-msa-suite: this run's secrets (./suite up makes them afresh); readable by their owner only");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LauncherException("cannot write the run's secrets to " + file + ": " + e.getMessage());
        }
    }

    /**
     * The value of a run secret: the environment variable of that name when set, else this run's; a one-line
     * error when {@code ./suite up} has not made them yet.
     */
    public String get(String key) {
        String own = System.getenv(key);
        if (own != null && !own.isBlank()) {
            return own;
        }
        return read().map(values -> values.getProperty(key)).filter(value -> !value.isBlank())
                .orElseThrow(() -> new LauncherException("no " + key + " for this run in " + file
                        + "; start the suite first with ./suite up"));
    }

    private Optional<Properties> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            values.load(in);
            return Optional.of(values);
        } catch (IOException e) {
            throw new LauncherException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
            path.toFile().setReadable(false, false);
            path.toFile().setReadable(true, true);
            path.toFile().setWritable(false, false);
            path.toFile().setWritable(true, true);
        }
    }

    private static void restrict(Path dir, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            dir.toFile().setReadable(false, false);
            dir.toFile().setReadable(true, true);
            dir.toFile().setExecutable(false, false);
            dir.toFile().setExecutable(true, true);
        }
    }
}
