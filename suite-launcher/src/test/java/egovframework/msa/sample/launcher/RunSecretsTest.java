package egovframework.msa.sample.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSecretsTest {

    @TempDir
    Path runDir;

    @Test
    void everyUpMakesNewRandomValuesThatOnlyTheOwnerCanRead() throws Exception {
        RunSecrets secrets = new RunSecrets(runDir);
        secrets.renew();
        String first = secrets.get(DevelopmentTokens.KEY_SETTING);
        secrets.renew();
        String second = secrets.get(DevelopmentTokens.KEY_SETTING);

        assertThat(first).startsWith("run-").hasSizeGreaterThanOrEqualTo(32 + 4).isNotEqualTo(second);
        assertThat(second.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file().getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(secrets.file())).contains(second).doesNotContain(first);
    }

    @Test
    void beforeAnyUpThereIsNoKeyAndTheErrorSaysWhatToDo() {
        assertThatThrownBy(() -> new RunSecrets(runDir).get(DevelopmentTokens.KEY_SETTING))
                .isInstanceOf(LauncherException.class).hasMessageContaining("./suite up");
    }
}
