package egovframework.msa.sample.configserver.seed;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigRepoMirrorTest {

    @TempDir
    Path tmp;

    @Test
    void seedsARepositoryOnTheGivenBranchFromTheFolder() throws Exception {
        Path source = folder("application.yml", "a: 1", "catalogs.yml", "b: 2");
        ConfigRepoMirror mirror = new ConfigRepoMirror(source, tmp.resolve("git"), "main");

        assertThat(mirror.initialise()).containsExactlyInAnyOrder("application.yml", "catalogs.yml");

        try (Git git = Git.open(tmp.resolve("git").toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            assertThat(git.status().call().isClean()).isTrue();
        }
        assertThat(mirror.committedFiles()).containsEntry("catalogs.yml", "b: 2");
    }

    @Test
    void commitsOnlyWhatChangedInTheFolder() throws Exception {
        Path source = folder("application.yml", "a: 1", "customer.yml", "c: 1");
        ConfigRepoMirror mirror = new ConfigRepoMirror(source, tmp.resolve("git"), "main");
        mirror.initialise();

        assertThat(mirror.sync()).isEmpty();
        Files.writeString(source.resolve("customer.yml"), "c: 2");
        Files.delete(source.resolve("application.yml"));

        assertThat(mirror.sync()).containsExactlyInAnyOrder("customer.yml", "application.yml");
        assertThat(mirror.committedFiles()).containsOnlyKeys("customer.yml").containsEntry("customer.yml", "c: 2");
        assertThat(commitCount()).isEqualTo(2);
    }

    @Test
    void leavesDirectCommitsAloneWhileTheFolderIsUnchanged() throws Exception {
        Path source = folder("customer.yml", "c: 1");
        ConfigRepoMirror mirror = new ConfigRepoMirror(source, tmp.resolve("git"), "main");
        mirror.initialise();

        Files.writeString(tmp.resolve("git/customer.yml"), "c: 99");
        try (Git git = Git.open(tmp.resolve("git").toFile())) {
            git.add().addFilepattern("customer.yml").call();
            git.commit().setMessage("operator change").call();
        }

        assertThat(mirror.sync()).isEmpty();
        assertThat(mirror.committedFiles()).containsEntry("customer.yml", "c: 99");
    }

    @Test
    void restartMakesTheRepositoryMatchTheFolderAgain() throws Exception {
        Path source = folder("customer.yml", "c: 1");
        new ConfigRepoMirror(source, tmp.resolve("git"), "main").initialise();
        Files.writeString(tmp.resolve("git/stale.yml"), "x: 1");
        try (Git git = Git.open(tmp.resolve("git").toFile())) {
            git.add().addFilepattern("stale.yml").call();
            git.commit().setMessage("stale").call();
        }

        assertThat(new ConfigRepoMirror(source, tmp.resolve("git"), "main").initialise()).containsExactly("stale.yml");
        assertThat(Files.exists(tmp.resolve("git/stale.yml"))).isFalse();
    }

    @Test
    void refusesAMissingSourceFolderWithAClearMessage() {
        ConfigRepoMirror mirror = new ConfigRepoMirror(tmp.resolve("nope"), tmp.resolve("git"), "main");
        assertThatThrownBy(mirror::initialise).hasMessageContaining("CONFIG_REPO_DIR");
    }

    private Path folder(String... namesAndContents) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("source"));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Files.writeString(dir.resolve(namesAndContents[i]), namesAndContents[i + 1]);
        }
        return dir;
    }

    private int commitCount() throws Exception {
        try (Git git = Git.open(tmp.resolve("git").toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().call().forEach(commits::add);
            return commits.size();
        }
    }
}
