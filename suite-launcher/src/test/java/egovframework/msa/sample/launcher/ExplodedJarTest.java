package egovframework.msa.sample.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplodedJarTest {

    @TempDir
    Path dir;

    @Test
    void unpacksOnceForEachBuildAndDropsEarlierBuilds() throws IOException {
        Path jar = jar("catalogs-service.jar", "BOOT-INF/classes/app.properties", 1_000_000);
        Path apps = dir.resolve("apps");

        Path first = ExplodedJar.of(jar, apps);
        assertThat(first.resolve("BOOT-INF/classes/app.properties")).hasContent("content");
        assertThat(ExplodedJar.of(jar, apps)).isEqualTo(first);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
        Path second = ExplodedJar.of(jar, apps);
        assertThat(second).isNotEqualTo(first);
        assertThat(first).exists(); // a running instance may still use it
        ExplodedJar.removeOtherBuilds(jar, apps);
        assertThat(first).doesNotExist();
        assertThat(second).exists();
    }

    @Test
    void addOpensOfTheManifestBecomeCommandLineFlags() throws IOException {
        Path jar = jar("customer-service.jar", "a.txt", 1_000_000);
        assertThat(ExplodedJar.addOpens(jar)).containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED");
    }

    @Test
    void anEntryPointingOutsideTheFolderIsRefused() throws IOException {
        Path jar = jar("zuul-gateway.jar", "../escaped.txt", 1_000_000);
        assertThatThrownBy(() -> ExplodedJar.of(jar, dir.resolve("apps"))).hasMessageContaining("../escaped.txt");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    private Path jar(String name, String entry, long modified) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Add-Opens", "java.base/java.lang java.base/java.io");
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write("content".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modified));
        return jar;
    }
}
