package egovframework.msa.sample.deployment;

import egovframework.msa.sample.launcher.ServiceSpec;
import egovframework.msa.sample.launcher.Topology;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the repository's deployment files. */
final class Repository {

    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:(:?-)([^}]*)|(:?\\?)[^}]*)?}");

    private Repository() {
    }

    static List<String> serviceNames() {
        return Topology.SERVICES.stream().map(ServiceSpec::name).collect(Collectors.toList());
    }

    static String read(String relative) {
        try {
            return Files.readString(ServiceConfig.root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) new Yaml().load(read(relative));
    }

    /** The ENV of the Dockerfile's final stage: every container of the suite starts with it. */
    static Map<String, String> imageEnvironment() {
        String dockerfile = read("Dockerfile").replace("\\\n", " ");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        Map<String, String> env = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^ENV\\s+(.*)$").matcher(runtime);
        while (line.find()) {
            Matcher pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(line.group(1));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }

    /**
     * What docker compose makes of a value with the variables a user sets: ${VAR:-default} gives the
     * default, ${VAR:?message} (required) a sample value standing for what the user puts in .env.
     */
    static String composeDefault(String value) {
        Matcher matcher = COMPOSE_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(4) != null ? "value-from-dot-env"
                    : matcher.group(3) != null ? matcher.group(3) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static List<Map<String, Object>> list(Object value) {
        return listOf(value);
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> listOf(Object value) {
        return value == null ? new ArrayList<>() : (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }
}
