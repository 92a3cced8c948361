package egovframework.msa.sample.support.accessrecord;

import egovframework.msa.sample.support.logging.SecretMasks;
import egovframework.msa.sample.support.schema.SchemaException;
import egovframework.msa.sample.support.startup.OneOffDatabase;
import egovframework.msa.sample.support.startup.RequiredSettingsCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The one-off admin processes of access records (12-factor XII), the service's own jar or image with arguments,
 * like {@code migrate}: {@code access-records verify} checks the chain of the database the environment names
 * ({@link JdbcAccessRecords#verify}); {@code access-records prune} verifies it and then removes the records older
 * than the retention ({@value #RETENTION}, default 730d, two years; at least 365d, the one year 제8조 asks for),
 * keeping the chain verifiable. The service never removes a record: pruning takes the migration login, which
 * may delete; verifying needs only the service's login, which may read.
 *
 * <p>One line, and the exit status: 0 intact (or pruned), 1 broken or the database not readable, 2 bad arguments
 * or settings.
 */
public final class AccessRecordsCommand {

    public static final String COMMAND = "access-records";
    public static final String RETENTION = "ACCESS_RECORDS_RETENTION";
    static final Duration DEFAULT_RETENTION = Duration.ofDays(730);
    static final Duration MIN_RETENTION = Duration.ofDays(365);
    private static final Logger log = LoggerFactory.getLogger(AccessRecordsCommand.class);

    private final OneOffDatabase database;
    private final Clock clock;

    private AccessRecordsCommand(OneOffDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** For {@code java -jar customer-service.jar access-records ...}: see {@link OneOffDatabase} for the arguments. */
    public static AccessRecordsCommand of(String service, String application, String prefix) {
        return new AccessRecordsCommand(new OneOffDatabase(service, application, prefix), Clock.systemUTC());
    }

    AccessRecordsCommand at(Clock now) {
        return new AccessRecordsCommand(database, now);
    }

    /** True when the process was started as this command: {@code java -jar customer-service.jar access-records ...}. */
    public static boolean requested(String[] args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /** Runs it on the database the process's environment names; the exit status. */
    public int run(String[] args) {
        return run(System.getenv(), args);
    }

    /** Runs it on the database {@code environment} names; the exit status. */
    public int run(Map<String, String> environment, String[] args) {
        String service = database.service();
        // access-records verify|prune, then only Spring settings (--name=value), as ./suite passes them.
        boolean settingsOnly = Arrays.stream(args).skip(2).allMatch(arg -> arg.startsWith("--"));
        if (args.length < 2 || !settingsOnly || !(args[1].equals("verify") || args[1].equals("prune"))) {
            // Logging is not set up yet: stderr, one line.
            System.err.println(service + ": usage: " + COMMAND + " verify | " + COMMAND + " prune (" + RETENTION
                    + ", default 730d)");
            return 2;
        }
        boolean prune = args[1].equals("prune");
        if (database.url(environment).isBlank()) {
            System.err.println(service + ": " + database.urlVariable() + " is not set: name the database whose access"
                    + " records to " + args[1] + " (a local run keeps them in each instance's own H2 database: ./suite"
                    + " access-records verify asks the running services)");
            return 2;
        }
        Duration retention = DEFAULT_RETENTION;
        if (prune) {
            try {
                retention = retention(environment);
            } catch (IllegalArgumentException e) {
                System.err.println(service + ": " + e.getMessage());
                return 2;
            }
        }
        String where = SecretMasks.mask(database.url(environment));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandContext.class)
                .web(WebApplicationType.NONE).properties(database.settings(environment)).run(args)) {
            JdbcAccessRecords chain = new JdbcAccessRecords(context.getBean(DataSource.class));
            ChainCheck check = chain.verify();
            if (!check.intact()) {
                log.error("{}{}", check.line(service), prune ? "; nothing pruned" : "");
                return 1;
            }
            if (!prune) {
                log.info("{}", check.line(service));
                return 0;
            }
            Instant now = clock.instant();
            Instant before = now.minus(retention);
            JdbcAccessRecords.Pruning pruning = chain.prune(before, now);
            log.info("{}", String.format(Locale.ROOT, "%s: pruned %s accessed before %s (retention %s); the chain now"
                            + " starts after #%d, %s kept, on %s", service, ChainCheck.count(pruning.removed()), before,
                    retention.toSeconds() % 86_400 == 0 ? retention.toDays() + "d" : retention, pruning.anchorId(),
                    ChainCheck.count(pruning.kept()), where));
            return 0;
        } catch (RuntimeException e) {
            if (!OneOffDatabase.alreadyReported(e, RequiredSettingsCheck.MissingSettingsException.class)) {
                log.error("{}: access records cannot be {} on {}: {}", service, prune ? "pruned" : "verified", where,
                        SchemaException.firstLine(SchemaException.rootCause(e)));
            }
            return 1;
        }
    }

    /** The retention from the environment: a Spring duration (730d, 8760h), at least a year. */
    static Duration retention(Map<String, String> environment) {
        String text = environment.getOrDefault(RETENTION, "").strip();
        if (text.isEmpty()) {
            return DEFAULT_RETENTION;
        }
        Duration retention;
        try {
            retention = DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RETENTION + " must be a duration such as 730d, not '" + text + "'");
        }
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException(RETENTION + " must be at least 365d (access records are kept at least a"
                    + " year: 개인정보의 안전성 확보조치 기준 제8조), not " + text);
        }
        return retention;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class CommandContext {
    }
}
