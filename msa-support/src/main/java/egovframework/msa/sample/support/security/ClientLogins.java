package egovframework.msa.sample.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConstructorBinding;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The logins of a server the other services are clients of (the config server, Eureka): one operator,
 * who may do everything, and one login per application, named after it, for what that application
 * needs and nothing more (least privilege: a compromised service cannot read another's configuration or
 * register under another's name). Set in {@code suite.access}; the passwords come from the environment.
 */
@ConstructorBinding
@ConfigurationProperties("suite.access")
public class ClientLogins {

    public static final String OPERATOR = "OPERATOR";
    public static final String CLIENT = "CLIENT";
    /** Prometheus' scrape login: reads /actuator/prometheus and nothing else (at Eureka also the registry). */
    public static final String METRICS = "METRICS";

    private final Login operator;
    private final Map<String, String> clients;
    private final Login metrics;

    public ClientLogins(Login operator, Map<String, String> clients, Login metrics) {
        this.operator = Objects.requireNonNull(operator, "suite.access.operator");
        this.clients = clients == null ? Map.of() : Map.copyOf(clients);
        this.metrics = Objects.requireNonNull(metrics, "suite.access.metrics");
    }

    /** The users, held in memory: their passwords are environment values the process has anyway. */
    public InMemoryUserDetailsManager users() {
        List<UserDetails> users = new ArrayList<>();
        users.add(operator.user(OPERATOR));
        clients.forEach((application, password) ->
                users.add(User.withUsername(application).password("{noop}" + password).roles(CLIENT).build()));
        users.add(metrics.user(METRICS));
        return new InMemoryUserDetailsManager(users);
    }

    /** True when every application named (comma-separated, as config clients may ask) is the caller's own. */
    public static boolean isOwn(Authentication caller, String applications) {
        return caller != null && applications != null && !applications.isBlank()
                && Arrays.stream(applications.split(",")).map(String::strip)
                .allMatch(application -> application.equalsIgnoreCase(caller.getName()));
    }

    public static final class Login {
        private final String username;
        private final String password;

        public Login(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
        }

        UserDetails user(String role) {
            return User.withUsername(username).password("{noop}" + password).roles(role).build();
        }
    }
}
