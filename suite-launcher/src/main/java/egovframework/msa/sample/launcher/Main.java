package egovframework.msa.sample.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Command line of the launcher, called by {@code ./suite}:
 * {@code up | down | status | start <service> [n] | stop <service> [n] | restart <service> [n] | migrate
 * | access-records verify|prune | token ...}.
 * {@code n} is the instance number: 1 (the default) on the service's own ports, 2 to 9 ten ports further
 * up each; {@code stop} leaves Eureka first and waits for callers to drop the instance.
 * Errors are one line on stderr and a non-zero exit.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (LauncherException e) {
            System.err.println("suite: " + e.getMessage());
            System.exit(1);
        } catch (NumberFormatException e) {
            System.err.println("suite: not a number: " + e.getMessage().replaceFirst("^For input string: ", ""));
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage();
        }
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        String command = args[0];
        SuiteLauncher launcher = SuiteLauncher.forCheckout(root, System.out, !command.equals("up"));
        switch (command) {
            case "up":
                if (args.length > 2 || (args.length == 2 && !args[1].equals("--zipkin"))) {
                    return usage();
                }
                return up(launcher, args.length == 2);
            case "down":
                launcher.down();
                return 0;
            case "status":
                launcher.status().forEach(System.out::println);
                return 0;
            case "token":
                return token(launcher.layout(), Arrays.copyOfRange(args, 1, args.length));
            case "migrate":
                // The one-off schema migrations (Factor XII) against the databases the environment names.
                return args.length == 1 ? new SchemaMigrations(launcher.layout(), System.out).run(System.getenv()) : usage();
            case "access-records":
                // The check (and pruning) of the access records: of the running services, or of the named databases.
                if (args.length != 2 || !(args[1].equals("verify") || args[1].equals("prune"))) {
                    return usage();
                }
                AccessRecordChecks records = new AccessRecordChecks(launcher, System.out);
                return args[1].equals("verify") ? records.verify(System.getenv()) : records.prune(System.getenv());
            case "start":
            case "stop":
            case "restart":
                if (args.length != 2 && args.length != 3) {
                    return usage();
                }
                int instance = args.length == 3 ? Integer.parseInt(args[2]) : 1;
                if (!command.equals("start")) {
                    launcher.stopInstance(args[1], instance);
                }
                if (!command.equals("stop")) {
                    launcher.startInstance(args[1], instance);
                    launcher.detach();
                }
                return 0;
            default:
                return usage();
        }
    }

    private static int up(SuiteLauncher launcher, boolean zipkin) {
        System.out.println("Starting egov-msa-suite (config -> eureka -> services, JIT " + launcher.jit().name().toLowerCase()
                + "); logs in " + launcher.layout().root().relativize(launcher.layout().runDir().resolve("logs")) + "/");
        long begin = System.nanoTime();
        SuiteLauncher.StartReport report = launcher.up(zipkin);
        launcher.detach();
        System.out.printf("All %d services healthy and routed in %.1f s.%n%n", report.services().size(),
                (System.nanoTime() - begin) / 1e9);
        System.out.println("  Sample through the gateway   " + Topology.get("zuul-gateway").url("/catalogs/customerinfo/1234"));
        System.out.println("  Customers API                " + Topology.get("zuul-gateway").url("/customers"));
        System.out.println("  Eureka dashboard             " + Topology.get("eureka-server").url("/"));
        System.out.println("  Hystrix/Turbine dashboard    " + Topology.get("turbine-dashboard").url("/"));
        System.out.println("  Config server (catalogs)     " + Topology.get("config-server").url("/catalogs/default"));
        if (zipkin) {
            System.out.println("  Zipkin (traces)              http://localhost:" + Zipkin.PORT + "/zipkin/");
        }
        System.out.println();
        System.out.println("Stop everything with: ./suite down");
        return 0;
    }

    /** {@code token [--scope s] [--role r] [--minutes n]}: a bearer token for the running suite's gateway. */
    private static int token(SuiteLayout layout, String[] options) {
        List<String> scopes = new java.util.ArrayList<>();
        List<String> roles = new java.util.ArrayList<>();
        long minutes = 60;
        if (options.length % 2 != 0) {
            return usage();
        }
        for (int i = 0; i < options.length; i += 2) {
            switch (options[i]) {
                case "--scope":
                    scopes.add(options[i + 1]);
                    break;
                case "--role":
                    roles.add(options[i + 1]);
                    break;
                case "--minutes":
                    try {
                        minutes = Long.parseLong(options[i + 1]);
                    } catch (NumberFormatException e) {
                        minutes = -1;
                    }
                    if (minutes < 1 || minutes > DevelopmentTokens.MAX_LIFETIME.toMinutes()) {
                        System.err.println("suite: --minutes must be a whole number from 1 to "
                                + DevelopmentTokens.MAX_LIFETIME.toMinutes() + " (24 h, the longest lifetime the services accept)");
                        return 2;
                    }
                    break;
                default:
                    return usage();
            }
        }
        if (scopes.isEmpty() && roles.isEmpty()) {
            // A token that reads and changes customers, as the README promises.
            scopes.add("customers:read");
            scopes.add("customers:write");
        }
        // The login name as subject, unless it has characters a token does not take.
        String user = System.getProperty("user.name", "");
        String subject = DevelopmentTokens.NAME.matcher(user).matches() ? user : "developer";
        System.out.println(DevelopmentTokens.mint(DevelopmentTokens.secret(layout), subject, scopes, roles, Duration.ofMinutes(minutes)));
        return 0;
    }

    private static int usage() {
        System.err.println("usage: ./suite up [--zipkin] | down | status | start <service> [n] | stop <service> [n] | restart <service> [n]"
                + " | migrate | access-records verify|prune | token [--scope s] [--role r] [--minutes n] | bench [a-l] [--quick]");
        return 2;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
