package egovframework.msa.sample.launcher;

/** A problem the user can act on, reported as one line. */
public class LauncherException extends RuntimeException {

    public LauncherException(String message) {
        super(message);
    }
}
