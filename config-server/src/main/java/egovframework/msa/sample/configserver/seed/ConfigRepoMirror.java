package egovframework.msa.sample.configserver.seed;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a local git repository in step with the plain {@code config-repo/} folder of the checkout, so
 * the config server's git backend has a real repository to clone without anyone running git by hand.
 *
 * <p>At start the repository is made to match the folder exactly. After that only files that changed in
 * the folder since the last sync are copied and committed, so a commit made directly in the repository
 * (as an operator would do in a real config repository) is not overwritten by an unchanged folder.
 */
public final class ConfigRepoMirror {

    private static final Logger log = LoggerFactory.getLogger(ConfigRepoMirror.class);
    private static final PersonIdent AUTHOR = new PersonIdent("config-seed", "config-seed@localhost");

    private final Path sourceDir;
    private final Path gitDir;
    private final String branch;
    /** Content hash of every source file as last copied; null until the first full sync. */
    private Map<String, String> synced;

    public ConfigRepoMirror(Path sourceDir, Path gitDir, String branch) {
        this.sourceDir = sourceDir.toAbsolutePath().normalize();
        this.gitDir = gitDir.toAbsolutePath().normalize();
        this.branch = branch;
    }

    /** Creates the repository if needed and makes it match the source folder; returns the files committed. */
    public synchronized List<String> initialise() {
        if (!Files.isDirectory(sourceDir)) {
            throw new IllegalStateException("Config source folder " + sourceDir + " does not exist; set CONFIG_REPO_DIR"
                    + " or CONFIG_GIT_URI");
        }
        try {
            if (!Files.isDirectory(gitDir.resolve(".git"))) {
                Files.createDirectories(gitDir);
                try (Git git = Git.init().setDirectory(gitDir.toFile()).call()) {
                    // JGit 5 has no --initial-branch; point HEAD at the branch before the first commit.
                    RefUpdate head = git.getRepository().updateRef(Constants.HEAD);
                    head.link(Constants.R_HEADS + branch);
                }
                log.info("Created config git repository {} (branch {})", gitDir, branch);
            }
            synced = null;
            return sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot create config git repository " + gitDir + ": " + e.getMessage(), e);
        }
    }

    /** Copies what changed in the source folder since the last sync and commits it; returns the files committed. */
    public synchronized List<String> sync() {
        try (Git git = Git.open(gitDir.toFile())) {
            Map<String, String> current = hashSourceFiles();
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, String> file : current.entrySet()) {
                String previous = synced == null ? null : synced.get(file.getKey());
                if (!file.getValue().equals(previous) && copyIfDifferent(file.getKey())) {
                    git.add().addFilepattern(file.getKey()).call();
                    changed.add(file.getKey());
                }
            }
            for (String removed : removedFiles(current)) {
                Files.deleteIfExists(gitDir.resolve(removed));
                git.rm().addFilepattern(removed).call();
                changed.add(removed);
            }
            if (!changed.isEmpty() || !hasCommits(git.getRepository())) {
                git.commit().setAuthor(AUTHOR).setCommitter(AUTHOR).setAllowEmpty(true)
                        .setMessage("Sync from config-repo: " + String.join(", ", changed)).call();
                log.info("Committed config changes from {}: {}", sourceDir, changed);
            }
            synced = current;
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot commit to config git repository " + gitDir + ": " + e.getMessage(), e);
        }
    }

    private List<String> removedFiles(Map<String, String> current) throws IOException {
        if (synced != null) {
            return synced.keySet().stream().filter(f -> !current.containsKey(f)).collect(Collectors.toList());
        }
        // First sync: anything tracked in the repository but absent from the folder goes.
        try (Stream<Path> files = Files.walk(gitDir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> gitDir.relativize(p).toString().replace('\\', '/'))
                    .filter(ConfigRepoMirror::isConfigFile)
                    .filter(f -> !current.containsKey(f))
                    .collect(Collectors.toList());
        }
    }

    private boolean copyIfDifferent(String relative) throws IOException {
        Path from = sourceDir.resolve(relative);
        Path to = gitDir.resolve(relative);
        byte[] content = Files.readAllBytes(from);
        if (Files.exists(to) && Arrays.equals(content, Files.readAllBytes(to))) {
            return false;
        }
        Files.createDirectories(to.getParent());
        Files.write(to, content);
        return true;
    }

    private Map<String, String> hashSourceFiles() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceDir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = sourceDir.relativize(file).toString().replace('\\', '/');
                if (isConfigFile(relative)) {
                    hashes.put(relative, sha256(Files.readAllBytes(file)));
                }
            }
        }
        return hashes;
    }

    /**
     * Hidden files and folders (.git, editor swap files, a mounted ConfigMap's ..data) are never mirrored,
     * nor the kustomization that turns the folder into a Kubernetes ConfigMap.
     */
    private static boolean isConfigFile(String relative) {
        return Arrays.stream(relative.split("/")).noneMatch(part -> part.startsWith("."))
                && !relative.equals("kustomization.yaml");
    }

    private static boolean hasCommits(Repository repository) throws IOException {
        return repository.resolve(Constants.HEAD) != null;
    }

    private static String sha256(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Visible for tests: what the repository holds now, file by file.
    Map<String, String> committedFiles() throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(gitDir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String relative = gitDir.relativize(file).toString();
                if (isConfigFile(relative)) {
                    files.put(relative, Files.readString(file));
                }
            }
        }
        return files;
    }
}
